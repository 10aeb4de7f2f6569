"""The managing editor's path in real Chromium, from a browser on UTC: approval
refused without proofreading, approved over it with a reason, scheduled on Beijing
time, and a preview link shared, copied, listed and revoked, under the site's
Content-Security-Policy."""

from pathlib import Path

import pytest
from django.conf import settings

from articles.models import Article, ShareLink
from tests.e2e.helpers import sign_in, violations, wait_until, watch_csp
from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture
def utc_page(browser, live_server):
    """A 1280 px wide page whose browser clock is on UTC, allowed the clipboard."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        timezone_id="UTC",
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = watch_csp(context.new_page())
    yield page
    context.close()


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"desk-{name}.png"), full_page=True)


def message(page) -> str:
    return page.locator("ul.messagelist").inner_text()


def test_the_managing_editors_path_from_review_to_a_shared_schedule(
    live_server, utc_page, django_user_model
):
    page = utc_page
    article = ArticleFactory(status=Article.Status.IN_REVIEW, title_en="Desk story")
    BlockFactory(article=article, text_en="<p>Words.</p>", text_zh_hans="<p>字。</p>")
    change = f"/admin/articles/article/{article.pk}/change/"
    sign_in(page, live_server, django_user_model, change)
    approve = page.locator("form[action$='/workflow/approve/']")

    # Without a sign-off, approval is refused and says what is missing.
    approve.locator("button").click()
    page.wait_for_url(f"**{change}")
    assert "Missing: English: not proofread; Chinese: not proofread." in message(page)
    shot(page, "1-approval-refused")

    # The managing editor approves anyway, giving a reason.
    approve = page.locator("form[action$='/workflow/approve/']")
    approve.locator("input[name=override_reason]").fill("Proofreader out today")
    approve.locator("button").click()
    page.wait_for_url(f"**{change}")
    assert "Approved: ready to publish or schedule." in message(page)
    assert "Proofreader out today" in page.locator(".workflow-history").text_content()

    # Scheduled on Beijing time; the form shows the editor's own (UTC) clock too.
    publish = page.locator("form[action$='/workflow/publish/']")
    assert "Beijing time (UTC+8)" in publish.inner_text()
    publish.locator("input[name=publish_at]").fill("2030-01-15T09:00")
    wait_until(page, "document.querySelector('.workflow-action .own-time')")
    own = publish.locator(".own-time").inner_text()
    assert "01:00 your time, UTC" in own, own
    shot(page, "2-publish-at-on-two-clocks")
    publish.locator("button").click()
    page.wait_for_url(f"**{change}")
    said = message(page)
    assert "Scheduled for 15 Jan 2030, 09:00 Beijing time" in said
    assert "Status: Scheduled for" in page.locator(".workflow-status").inner_text()
    shot(page, "3-scheduled")
    page.locator("ul.messagelist a", has_text="Preview it").click()
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/preview/")
    assert "Words." in page.content()

    # Two share links: one copied, both listed, one revoked.
    share = f"{live_server.url}/admin/articles/article/{article.pk}/share-preview/"
    for _ in range(2):
        page.goto(share)
        page.click("button[value=create]")
        page.wait_for_selector("#new-share-link")
    link = page.input_value("#new-share-link")
    page.click("button[data-copy=new-share-link]")
    wait_until(page, "document.querySelector('.share-copy-status').textContent")
    assert page.evaluate("navigator.clipboard.readText()") == link
    box = page.locator("#new-share-link").bounding_box()
    assert box["width"] >= 600, box  # the whole link can be read
    assert page.locator("#live-links tbody tr").count() == 2
    shot(page, "4-share-links")

    page.goto(share)
    first = ShareLink.objects.order_by("pk").first()
    revoked = page.input_value(f"#share-link-{first.pk}")
    page.locator(f"#share-link-{first.pk}").locator("xpath=ancestor::tr").locator(
        "button[value=revoke_link]"
    ).click()
    page.wait_for_url(share)
    assert page.locator("#live-links tbody tr").count() == 1
    for url, status in ((revoked, 404), (link, 200)):
        path = url.removeprefix(settings.SITE_URL)
        assert page.request.get(f"{live_server.url}{path}").status == status, url
    shot(page, "5-one-link-revoked")

    page.goto(f"{live_server.url}/admin/")
    assert "Proofreader out today" in page.locator("#newsroom-overrides").inner_text()
    zone = page.locator(".dashboard-zone").inner_text()
    assert "Times are Beijing time (UTC+8). Your browser is on UTC" in zone, zone
    scheduled = page.locator("#newsroom-scheduled").inner_text()
    assert "15 Jan 2030, 09:00 Beijing time (Jan 15, 2030, 01:00 your time, UTC)" in (
        scheduled
    ), scheduled
    shot(page, "6-dashboard")
    assert violations(page) == []
