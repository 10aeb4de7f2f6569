"""The import page in a real browser: fix the pairing, keep typed edits, create."""

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEXT = (
    "Why Zhengzhou keeps surprising visitors 郑州为何总让人惊喜?\n"
    "\n"
    "Factories opened across the region.\n"
    "全区新开了许多工厂。\n"
    "这座城市去年发展很快。\n"
    "The city grew fast last year.\n"
)


@pytest.fixture
def import_page(live_server, page, django_user_model):
    django_user_model.objects.create_superuser("chief", "c@example.com", "pw-chief-1")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/import/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "pw-chief-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/articles/article/import/")
    return page


def test_an_editor_fixes_the_pairing_and_creates_the_draft(import_page):
    page = import_page
    page.fill("#id_text", TEXT)
    page.click("input[name=preview]")

    english = page.locator("#id_pair-0-en").bounding_box()
    chinese = page.locator("#id_pair-0-zh_hans").bounding_box()
    assert chinese["x"] > english["x"] + english["width"] - 1
    assert page.locator("#pair-1.import-pair--warning").count() == 1

    page.fill("#id_pair-0-en", "Factories opened all over the region.")
    page.locator("#pair-1 button[value='merge:1']").click()
    page.wait_for_url("**#pair-1")

    assert page.input_value("#id_pair-0-en") == "Factories opened all over the region."
    assert page.input_value("#id_pair-1-en") == "The city grew fast last year."
    assert page.input_value("#id_pair-1-zh_hans") == "这座城市去年发展很快。"

    page.locator(".submit-row input[name=create]").last.click()
    page.wait_for_url("**/article/*/change/")

    article = Article.objects.get()
    assert [b.text_zh_hans for b in article.blocks.order_by("position")] == [
        "<p>全区新开了许多工厂。</p>",
        "<p>这座城市去年发展很快。</p>",
    ]
    assert article.blocks.get(position=1).text_en == (
        "<p>Factories opened all over the region.</p>"
    )
