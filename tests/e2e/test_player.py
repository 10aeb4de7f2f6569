"""The narration player in real Chromium: labelled controls the keyboard can work."""

import pytest

from tests.e2e.helpers import NARRATION, serve_audio, wait_until
from tests.factories import ArticleFactory, BlockFactory, StaffMemberFactory, narrate

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def story():
    article = ArticleFactory(published=True)
    BlockFactory(article=article, position=1)
    narrate(
        article,
        fixture=NARRATION,
        voice=StaffMemberFactory(name_en="Benjamin Curwen"),
        duration_seconds=30,
    )
    return article


@pytest.fixture
def player(live_server, page, story):
    """The English article page, its audio served as a media server would."""
    page.route(f"{live_server.url}/media/**", serve_audio)
    page.goto(f"{live_server.url}/en/articles/{story.slug}/")
    wait_until(page, "document.querySelector('audio').readyState >= 1")
    page.evaluate("document.querySelector('audio').muted = true")
    return page


def current_time(page):
    return page.evaluate("document.querySelector('audio').currentTime")


def test_the_labelled_bar_replaces_the_native_controls(player):
    bar = player.get_by_role("group", name="Narration player")

    assert bar.is_visible()
    assert player.evaluate("document.querySelector('audio').controls") is False
    for name in ("Play the narration", "Back 15 seconds", "Forward 15 seconds"):
        assert bar.get_by_role("button", name=name).is_visible()
    assert bar.get_by_label("Speed").is_visible()
    assert player.locator(".player__total").inner_text() == "0:30"


def test_the_keyboard_plays_and_pauses_and_the_label_follows(player):
    play = player.get_by_role("button", name="Play the narration")
    play.focus()

    player.keyboard.press("Enter")
    pause = player.get_by_role("button", name="Pause the narration")
    pause.wait_for()
    wait_until(player, "document.querySelector('audio').currentTime > 0")

    player.keyboard.press("k")
    player.get_by_role("button", name="Play the narration").wait_for()
    assert player.evaluate("document.querySelector('audio').paused")


def test_skip_buttons_and_shortcuts_move_by_fifteen_seconds(player):
    player.get_by_role("button", name="Forward 15 seconds").click()
    assert current_time(player) == 15
    seek = player.get_by_role("slider", name="Position in the narration")
    assert seek.get_attribute("aria-valuetext") == "15 seconds of 30 seconds"

    player.keyboard.press("j")
    assert current_time(player) == 0
    player.keyboard.press("l")
    assert current_time(player) == 15
    player.get_by_role("button", name="Back 15 seconds").press("Space")
    assert current_time(player) == 0
    assert seek.get_attribute("aria-valuetext") == "0 seconds of 30 seconds"


def test_shortcuts_never_take_keys_from_the_rest_of_the_page(player):
    player.locator("body").press("l")
    player.locator("body").press("k")

    assert current_time(player) == 0
    assert player.evaluate("document.querySelector('audio').paused")


def test_the_seek_slider_moves_with_the_arrow_keys(player):
    seek = player.get_by_role("slider", name="Position in the narration")
    seek.focus()

    for _ in range(5):
        player.keyboard.press("ArrowRight")

    assert current_time(player) == 5
    assert player.locator(".player__elapsed").inner_text() == "0:05"


def test_the_chosen_speed_is_applied_and_remembered(player):
    player.get_by_label("Speed").select_option("1.5")
    assert player.evaluate("document.querySelector('audio').playbackRate") == 1.5

    player.reload()
    wait_until(player, "document.querySelector('audio').readyState >= 1")

    assert player.get_by_label("Speed").input_value() == "1.5"
    assert player.evaluate("document.querySelector('audio').playbackRate") == 1.5


def test_the_player_fits_a_small_phone(player):
    player.set_viewport_size({"width": 320, "height": 700})

    assert player.evaluate("document.documentElement.scrollWidth") <= 320
    bar = player.get_by_role("group", name="Narration player").bounding_box()
    assert bar["x"] >= 0 and bar["x"] + bar["width"] <= 320
