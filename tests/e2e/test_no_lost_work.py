"""No lost work: text typed into an article survives an ended session, in Chromium.

The session is ended the way time would end it: its last activity is moved back
past the idle period in the session store, so the next request signs it out.
"""

import time
from importlib import import_module

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session

from accounts.sessions import LAST_ACTIVITY
from articles import services
from articles.models import Article, Block
from tests.e2e.helpers import sign_in, violations, wait_until, watch_csp
from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

KEPT = "Object.keys(localStorage).filter((k) => k.startsWith('newsroom-draft:'))"


@pytest.fixture
def story():
    article = ArticleFactory(title_en="Rivers rise")
    BlockFactory(article=article, position=1, text_en="<p>The first line.</p>")
    return article


def idle_for(hours: float) -> None:
    """Move every session's last activity `hours` into the past."""
    store = import_module(django_settings.SESSION_ENGINE).SessionStore
    for row in Session.objects.all():
        session = store(session_key=row.session_key)
        session[LAST_ACTIVITY] = int(time.time() - hours * 3600)
        session.save()


def type_into_first_pair(page, text):
    editor = page.locator("#blocks-0 td.field-text_en .ck-editor__editable")
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(text)


@pytest.fixture
def editing(live_server, page, story, django_user_model):
    """The story's change page, signed in, collecting CSP violations."""
    watch_csp(page)
    change = f"/admin/articles/article/{story.pk}/change/"
    sign_in(page, live_server, django_user_model, change)
    page.locator(".ck-editor__editable").first.wait_for()
    page.change = change
    return page


def test_text_saved_after_the_session_ended_is_offered_back_after_signing_in(
    live_server, editing, story
):
    page = editing
    page.fill("#id_title_en", "Rivers rise again")
    type_into_first_pair(page, " A second sentence.")
    wait_until(page, f"{KEPT}.length === 1")
    idle_for(9)

    page.click("input[name=_save]")
    page.wait_for_url("**/admin/login/**")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "pw-chief-1")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{page.change}")

    # Nothing was saved; the page shows the stored text and offers the typed one.
    assert Article.objects.get(pk=story.pk).title_en == "Rivers rise"
    assert page.input_value("#id_title_en") == "Rivers rise"
    offer = page.locator(".draft-keeper__banner--unsaved")
    assert "You have unsaved text from" in offer.inner_text()
    offer.get_by_role("button", name="Restore it").click()
    assert page.input_value("#id_title_en") == "Rivers rise again"
    first_pair = page.locator(".ck-editor__editable").first
    assert "A second sentence." in first_pair.inner_text()

    page.click("input[name=_continue]")
    page.wait_for_url(f"**{page.change}")
    assert Article.objects.get(pk=story.pk).title_en == "Rivers rise again"
    assert "A second sentence." in Block.objects.get(article=story).text_en
    # The save went through: nothing kept, nothing offered.
    assert page.evaluate(KEPT) == []
    assert page.locator(".draft-keeper__banner").count() == 0
    assert violations(page) == []


def test_text_kept_on_an_older_version_is_offered_to_copy_never_written_over(
    live_server, editing, story, django_user_model
):
    page = editing
    type_into_first_pair(page, " Mine.")
    wait_until(page, f"{KEPT}.length === 1")
    # A colleague saves the article meanwhile.
    story.refresh_from_db()
    story.title_en = "Rivers rise fast"
    colleague = django_user_model.objects.create_user("desk", password="pw-desk-1")
    services.article_save(article=story, expected_version=story.version, user=colleague)

    page.goto(f"{live_server.url}{page.change}")

    offer = page.locator(".draft-keeper__banner--older")
    assert "the article has been saved since" in offer.inner_text()
    assert "The first line. Mine." in offer.locator("textarea").first.input_value()
    assert page.input_value("#id_title_en") == "Rivers rise fast"
    assert "Mine." not in page.locator(".ck-editor__editable").first.inner_text()
    assert violations(page) == []


def test_a_warning_before_the_session_ends_and_stay_signed_in_keeps_it(
    live_server, editing, settings
):
    page = editing
    # Three idle minutes left: less than the five the warning comes before.
    settings.NEWSROOM_SESSION_IDLE_HOURS = 3 / 60
    page.reload()

    warning = page.locator(".draft-keeper__banner--session")
    assert "Your session ends at" in warning.inner_text()
    settings.NEWSROOM_SESSION_IDLE_HOURS = 8
    warning.get_by_role("button", name="Stay signed in").click()

    # The keep-alive answered with a new end, eight hours away: no banner now.
    wait_until(page, "!document.querySelector('.draft-keeper__banner--session')")
    assert violations(page) == []
