"""Photos where the story is, in real Chromium at 1280 px: a reporter uploads one
from their draft and places it, and chooses a library photo by its thumbnail.

Screenshots: artifacts/photo-inline-upload.png, artifacts/photo-inline-preview.png,
artifacts/photo-chooser.png.
"""

from pathlib import Path

import pytest
from django.conf import settings

from articles.models import Article, Block, Photo
from tests.articles.test_photos import jpeg, make_photo
from tests.e2e.helpers import violations, wait_until, watch_errors
from tests.e2e.test_admin_pages import serve_media, sign_in_as
from tests.factories import ArticleFactory, BlockFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"
THUMBNAIL = "#uploaded_photos-group img.photo-thumb"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def reporter_page(live_server, page, media_root):
    """The browser, watched, with media served, and a draft for the reporter."""
    watch_errors(page)
    serve_media(page, live_server, media_root)
    page.draft = ArticleFactory(
        title_en="Buses for the world",
        title_zh_hans="客车走向世界",
    )
    for position in (1, 2, 3):
        BlockFactory(
            article=page.draft,
            position=position,
            text_en=f"<p>Pair {position} in English.</p>",
            text_zh_hans=f"<p>第{position}段中文。</p>",
        )
    return page


def open_draft_as_reporter(page, live_server, django_user_model):
    """Sign in as a reporter, make the draft theirs and open it."""
    user = sign_in_as(page, live_server, django_user_model, "Reporter")
    Article.objects.filter(pk=page.draft.pk).update(created_by=user)
    page.goto(f"{live_server.url}/admin/articles/article/{page.draft.pk}/change/")
    page.locator(".ck-editor__editable").first.wait_for()


def choose_in_select2(page, select_id: str, typed: str) -> None:
    """Choose in an autocomplete with the keyboard: focus, type, Enter."""
    page.focus(f"#{select_id} + .select2 .select2-selection")
    page.keyboard.press("Enter")
    page.keyboard.type(typed)
    page.locator(".select2-results__option--highlighted", has_text=typed).wait_for()
    page.keyboard.press("Enter")


def test_a_reporter_uploads_a_photo_after_pair_2_and_the_preview_shows_it(
    live_server, reporter_page, django_user_model, tmp_path
):
    page = reporter_page
    StaffMemberFactory(name_en="Ma Jian", name_zh_hans="马剑")
    picture = tmp_path / "buses.jpg"
    picture.write_bytes(jpeg(1600, 1000))
    open_draft_as_reporter(page, live_server, django_user_model)

    form = page.locator("#uploaded_photos-group")
    form.locator("#id_uploaded_photos-0-image").set_input_files(picture)
    form.locator("#id_uploaded_photos-0-caption_en").fill("Buses leave the plant.")
    form.locator("#id_uploaded_photos-0-caption_zh_hans").fill("客车驶出工厂。")
    form.locator("#id_uploaded_photos-0-alt_text_en").fill("White buses in a row.")
    form.locator("#id_uploaded_photos-0-alt_text_zh_hans").fill("一排白色客车。")
    choose_in_select2(page, "id_uploaded_photos-0-photographers", "Ma Jian")
    form.locator("#id_uploaded_photos-0-place").select_option(label="After pair 2")
    form.scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "photo-inline-upload.png", full_page=True)
    page.click("input[name=_continue]")

    page.wait_for_url(f"**/admin/articles/article/{page.draft.pk}/change/")
    assert page.locator(".messagelist .success").count() == 1
    photo = Photo.objects.get()
    assert Block.objects.get(article=page.draft, position=3).photo == photo
    # The saved photo is listed with its thumbnail where it was uploaded.
    thumbnail = page.locator(THUMBNAIL)
    wait_until(page, f"document.querySelector('{THUMBNAIL}').naturalWidth > 0")
    assert thumbnail.count() == 1

    page.goto(f"{live_server.url}/admin/articles/article/{page.draft.pk}/preview/")
    figure = page.locator("#pair-3 figure.photo")
    figure.scroll_into_view_if_needed()
    wait_until(page, "document.querySelector('#pair-3 img').complete")
    assert page.evaluate("document.querySelector('#pair-3 img').naturalWidth") > 0
    assert "Buses leave the plant." in figure.inner_text()
    assert "客车驶出工厂。" in figure.inner_text()
    assert "Ma Jian" in figure.locator(".photo__credit").first.inner_text()
    # After pair 2, before what was pair 3.
    order = page.eval_on_selector_all(
        "[id^=pair-]", "pairs => pairs.map((pair) => pair.id)"
    )
    assert order[:4] == ["pair-1", "pair-2", "pair-3", "pair-4"]
    assert "Pair 2 in English." in page.locator("#pair-2").inner_text()
    assert "Pair 3 in English." in page.locator("#pair-4").inner_text()
    page.screenshot(path=ARTIFACTS / "photo-inline-preview.png", full_page=True)
    assert violations(page) == []
    assert page.errors == []


def test_the_hero_photo_is_chosen_by_its_thumbnail_with_the_keyboard(
    live_server, reporter_page, django_user_model
):
    page = reporter_page
    make_photo(1200, 800, caption_en="Buses at the Yutong plant.")
    river = make_photo(1000, 700, caption_en="The Yellow River at dawn.")

    open_draft_as_reporter(page, live_server, django_user_model)
    page.focus("#id_hero_photo + .select2 .select2-selection")
    page.keyboard.press("Enter")
    page.keyboard.type("river")
    result = page.locator(".select2-results__option--highlighted")
    result.locator("img.photo-chooser__thumb").wait_for()
    assert "The Yellow River at dawn." in result.inner_text()
    wait_until(
        page,
        "document.querySelector('.select2-results__option--highlighted img')"
        ".naturalWidth > 0",
    )
    page.screenshot(path=ARTIFACTS / "photo-chooser.png")
    page.keyboard.press("Enter")

    assert page.input_value("#id_hero_photo") == str(river.pk)
    chosen = page.locator("#id_hero_photo + .select2 .select2-selection__rendered")
    assert chosen.locator("img.photo-chooser__thumb").count() == 1
    assert violations(page) == []
    assert page.errors == []
