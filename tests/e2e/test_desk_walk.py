"""The whole desk in real Chromium at 1280 px, as the three people who run it.

The reporter imports the seed story, edits a pair, places a photo and submits it;
the proofreader signs off English and Chinese; the managing editor approves,
schedules it for tomorrow, publishes it now instead and adds a correction. An
anonymous reader checks the public page at each turn. Each person signs in through
the login form in a browser of their own. Every step leaves a screenshot,
artifacts/desk-walk-NN-<step>.png, and across the walk no page may report a
Content-Security-Policy violation or a console error.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import strip_tags

from articles.models import Article, Block, Photo
from tests.articles.test_photos import jpeg
from tests.conftest import SEED_PATH
from tests.e2e.helpers import violations, wait_until, watch_errors
from tests.e2e.test_admin_pages import serve_media, sign_in_as
from tests.e2e.test_photo_inline import choose_in_select2

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"
TITLE_EN = "Zhengzhou's industry gathers pace on computing power, AI and new energy"
TITLE_ZH = "算力、人工智能、新能源齐发力，郑州工业跑出加速度"
TYPED = " The desk checked every figure."
CORRECTION_EN = "An earlier version gave the wrong name for the plant."
CORRECTION_ZH = "本文早前版本写错了工厂名称。"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def desk(browser, live_server, media_root):
    """Open a watched 1280 px browser of its own for each person, and a reader's."""
    contexts, pages = [], {}

    def open_browser(name):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = watch_errors(context.new_page())
        serve_media(page, live_server, media_root)
        pages[name] = page
        return page

    open_browser.pages = pages
    yield open_browser
    for context in contexts:
        context.close()


def shot(page, number: int, step: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(
        path=ARTIFACTS / f"desk-walk-{number:02d}-{step}.png", full_page=True
    )


def said(page) -> str:
    """Return the messages the admin shows at the top of the page."""
    return page.locator("ul.messagelist").inner_text()


def status(page) -> str:
    return page.locator(".workflow-status").inner_text()


def move(page, name: str, **fields) -> None:
    """Make a workflow move from the article's page and wait to be back on it."""
    form = page.locator(f"form[action$='/workflow/{name}/']")
    for field, value in fields.items():
        form.locator(f"input[name={field}]").fill(value)
    with page.expect_navigation():
        form.locator("button").click()


def save(page) -> None:
    with page.expect_navigation():
        page.click("input[name=_continue]")


def pair_text(article, position: int) -> str:
    return strip_tags(Block.objects.get(article=article, position=position).text_en)


def test_the_whole_desk_from_import_to_correction(
    live_server, desk, django_user_model, rendered_pages, tmp_path
):
    reporter = desk("reporter")
    sign_in_as(reporter, live_server, django_user_model, "Reporter")

    # 1. The reporter imports the desk's text as a new draft, titled in both languages.
    reporter.goto(f"{live_server.url}/admin/articles/article/import/")
    reporter.fill("#id_text", SEED_PATH.read_text(encoding="utf-8"))
    reporter.click("input[name=preview]")
    reporter.locator("#id_pair-0-en").wait_for()
    reporter.fill("#id_title_en", TITLE_EN)
    reporter.fill("#id_title_zh_hans", TITLE_ZH)
    reporter.locator(".submit-row input[name=create]").last.click()
    reporter.wait_for_url("**/admin/articles/article/*/change/")
    article = Article.objects.get()
    pairs = article.blocks.count()
    assert f"Draft created with {pairs} pairs." in said(reporter)
    assert status(reporter).startswith("Status: Draft")
    assert pairs >= 10
    change = f"/admin/articles/article/{article.pk}/change/"
    public = f"{live_server.url}/en/articles/{article.slug}/"
    shot(reporter, 1, "imported")

    # 2. …edits pair 2: from pair 1's English editor, Alt+↓ reaches pair 2's.
    reporter.locator("#blocks-0 td.field-text_en .ck-editor__editable").click()
    reporter.keyboard.press("Alt+ArrowDown")
    english = reporter.locator("#blocks-1 td.field-text_en .ck-editor__editable")
    wait_until(reporter, "document.activeElement.closest('#blocks-1') !== null")
    reporter.keyboard.press("Control+End")
    reporter.keyboard.type(TYPED)
    assert TYPED.strip() in english.inner_text()
    save(reporter)
    assert "was changed successfully" in said(reporter)
    assert pair_text(article, 2).endswith(TYPED)
    shot(reporter, 2, "pair-edited")

    # 3. …uploads a photo from the draft's page and places it after pair 2.
    picture = tmp_path / "buses.jpg"
    picture.write_bytes(jpeg(1600, 1000))
    form = reporter.locator("#uploaded_photos-group")
    form.locator("#id_uploaded_photos-0-image").set_input_files(picture)
    form.locator("#id_uploaded_photos-0-caption_en").fill("Buses leave the plant.")
    form.locator("#id_uploaded_photos-0-caption_zh_hans").fill("客车驶出工厂。")
    form.locator("#id_uploaded_photos-0-alt_text_en").fill("White buses in a row.")
    form.locator("#id_uploaded_photos-0-alt_text_zh_hans").fill("一排白色客车。")
    choose_in_select2(reporter, "id_uploaded_photos-0-photographers", "Ma Jian")
    form.locator("#id_uploaded_photos-0-place").select_option(label="After pair 2")
    save(reporter)
    assert "was changed successfully" in said(reporter)
    photo = Photo.objects.get()
    assert Block.objects.get(article=article, position=3).photo == photo
    thumbnail = "#uploaded_photos-group img.photo-thumb"
    wait_until(reporter, f"document.querySelector('{thumbnail}').naturalWidth > 0")
    shot(reporter, 3, "photo-placed")

    # 4. …and submits it for review.
    move(reporter, "submit")
    assert "Submitted for review." in said(reporter)
    assert status(reporter).startswith("Status: In review")
    shot(reporter, 4, "submitted")

    # 5–6. The proofreader signs off English, then Chinese.
    proofreader = desk("proofreader")
    sign_in_as(proofreader, live_server, django_user_model, "Proofreader", change)
    signoff = proofreader.locator(".workflow-signoff")
    assert "English: not proofread" in signoff.inner_text()
    with proofreader.expect_navigation():
        proofreader.get_by_role("button", name="English checked").click()
    assert "English signed off as proofread" in said(proofreader)
    assert "English: proofread by proofreader" in signoff.inner_text()
    assert "Chinese: not proofread" in signoff.inner_text()
    shot(proofreader, 5, "english-signed-off")
    with proofreader.expect_navigation():
        proofreader.get_by_role("button", name="Chinese checked").click()
    assert "Chinese signed off as proofread" in said(proofreader)
    assert "Chinese: proofread by proofreader" in signoff.inner_text()
    shot(proofreader, 6, "chinese-signed-off")

    # 7. The managing editor approves: both sign-offs are current, so no reason is
    # asked for.
    chief = desk("chief")
    sign_in_as(chief, live_server, django_user_model, "Managing Editor", change)
    approve = chief.locator("form[action$='/workflow/approve/']")
    assert approve.locator("input[name=override_reason]").count() == 0
    move(chief, "approve")
    assert "Approved: ready to publish or schedule." in said(chief)
    assert status(chief).startswith("Status: Approved")
    shot(chief, 7, "approved")

    # 8. …schedules it for 09:00 tomorrow, Beijing time: not public yet.
    reader = desk("reader")
    rendered_pages.watch(reader)
    tomorrow = timezone.localtime().date() + timedelta(days=1)
    move(chief, "publish", publish_at=f"{tomorrow:%Y-%m-%d}T09:00")
    when = f"{tomorrow.day} {tomorrow:%b %Y}, 09:00 Beijing time"
    assert f"Scheduled for {when}: not public until then." in said(chief)
    assert status(chief).startswith(f"Status: Scheduled for {when}")
    assert reader.request.get(public).status == 404
    shot(chief, 8, "scheduled")

    # 9. …publishes it now instead: a scheduled article is not public yet, so it
    # may still be published at once (the time left empty).
    move(chief, "publish", publish_at="")
    assert "Published: readers can see it now." in said(chief)
    assert status(chief).startswith("Status: Published")
    view = chief.locator("ul.messagelist a", has_text="View it").get_attribute("href")
    response = reader.goto(f"{live_server.url}{view}")
    assert response.status == 200
    assert reader.goto(public).status == 200
    assert TYPED.strip() in reader.locator("#pair-2").inner_text()
    figure = reader.locator("#pair-3 figure.photo")
    assert "Buses leave the plant." in figure.inner_text()
    figure.scroll_into_view_if_needed()
    wait_until(reader, "document.querySelector('#pair-3 img').complete")
    assert reader.evaluate("document.querySelector('#pair-3 img').naturalWidth") > 0
    # Dated today: the schedule taken back was never a publication.
    with translation.override("en"):
        today = date_format(timezone.localdate(), "DATE_FORMAT")
    assert today in reader.locator(".byline").inner_text()
    reader.evaluate("window.scrollTo(0, 0)")
    shot(chief, 9, "published")
    shot(reader, 9, "public-page")

    # 10. …and adds a correction, which the public page prints.
    chief.fill("#id_correction_en", CORRECTION_EN)
    chief.fill("#id_correction_zh_hans", CORRECTION_ZH)
    save(chief)
    assert "was changed successfully" in said(chief)
    assert CORRECTION_EN in chief.locator(".workflow-history").text_content()
    shot(chief, 10, "correction-saved")
    reader.goto(public)
    assert CORRECTION_EN in reader.locator("main").inner_text()
    reader.goto(f"{live_server.url}/zh-hans/articles/{article.slug}/")
    assert CORRECTION_ZH in reader.locator("main").inner_text()
    shot(reader, 10, "correction-public")

    seen = {
        name: [*violations(page), *page.errors] for name, page in desk.pages.items()
    }
    assert seen == {name: [] for name in seen}
