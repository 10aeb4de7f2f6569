"""The pair editor in real Chromium: the project's CKEditor build, working in full."""

import pytest

from articles.models import Block
from tests.e2e.helpers import sign_in, violations, wait_until, watch_csp
from tests.factories import ArticleFactory, BlockFactory
from tests.test_dependencies import CKEDITOR_FIXED, served_editor_version, version_tuple

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_admin_runs_the_built_ckeditor_and_a_new_pair_gets_working_editors(
    live_server, page, django_user_model
):
    article = ArticleFactory()
    BlockFactory(article=article, position=1, text_en="<p>First.</p>")
    watch_csp(page)
    sign_in(
        page,
        live_server,
        django_user_model,
        f"/admin/articles/article/{article.pk}/change/",
    )
    editors = page.locator("#blocks-group .ck-editor__editable")
    editors.first.wait_for()

    running = page.evaluate("window.CKEDITOR_VERSION")
    assert running == served_editor_version()
    assert version_tuple(running) >= CKEDITOR_FIXED

    # "Add another pair": the new row's two editors start, and bold reaches the text.
    before = editors.count()
    page.locator("#blocks-group .add-row a").click()
    count = "document.querySelectorAll('#blocks-group .ck-editor__editable').length"
    wait_until(page, f"{count} == {before + 2}")
    english = page.locator("#blocks-1 td.field-text_en .ck-editor__editable")
    english.click()
    page.keyboard.type("Plain ")
    page.keyboard.press("Control+B")
    page.keyboard.type("bold")
    page.locator("#blocks-1 td.field-text_zh_hans .ck-editor__editable").click()
    page.keyboard.type("新的一段。")
    page.click("input[name=_save]")

    page.wait_for_url("**/admin/articles/article/")
    added = Block.objects.filter(article=article).exclude(position=1).get()
    assert added.text_en == "<p>Plain <strong>bold</strong></p>"
    assert added.text_zh_hans == "<p>新的一段。</p>"
    assert violations(page) == []
