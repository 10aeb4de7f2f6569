"""Narration that follows the text, in real Chromium with a real 30-second MP3.

The Voice marks where each pair starts with the M key in the admin; on the public
page a pair's button plays from its mark, the highlighted pair follows the
recording, and the player stays in view while the reader scrolls.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from articles.models import Narration
from tests.e2e.helpers import (
    NARRATION,
    serve_audio,
    sign_in,
    violations,
    wait_until,
    watch_csp,
)
from tests.factories import ArticleFactory, BlockFactory, StaffMemberFactory, narrate

from .test_reading import ARTIFACTS, no_sideways_scroll

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AUDIO = "document.querySelector('audio')"
# Where each of the twelve pairs starts (pairs 7 and 12 left unmarked).
MARKS = {1: 0.0, 2: 2.5, 3: 5.0, 4: 7.5, 5: 10.0, 6: 12.5, 8: 17.5, 9: 20.0}


@pytest.fixture
def long_story():
    """Twelve long pairs, read in 30 seconds."""
    article = ArticleFactory(published=True)
    for number in range(1, 13):
        BlockFactory(
            article=article,
            position=number,
            text_en=f"<p>Paragraph {number}. " + "Zhengzhou keeps surprising. " * 14,
            text_zh_hans=f"<p>第{number}段。" + "郑州总让人惊喜，" * 14 + "。</p>",
        )
    narrate(
        article,
        fixture=NARRATION,
        voice=StaffMemberFactory(name_en="Benjamin Curwen"),
        duration_seconds=30,
    )
    return article


@pytest.fixture
def marked(long_story):
    blocks = {block.position: block.pk for block in long_story.blocks.all()}
    Narration.objects.filter(article=long_story).update(
        pair_marks={str(blocks[n]): start for n, start in MARKS.items()}
    )
    return long_story


def open_page(page, live_server, url):
    page.route(f"{live_server.url}/media/**", serve_audio)
    page.goto(f"{live_server.url}{url}")
    wait_until(page, f"{AUDIO}.readyState >= 1")
    page.evaluate(f"{AUDIO}.muted = true")
    return page


def narrated(page) -> list[str]:
    """Return the ids of the pairs highlighted as being read."""
    return page.evaluate(
        "Array.from(document.querySelectorAll('.pair--narrated'), p => p.id)"
    )


def bar_box(page) -> dict:
    return page.evaluate(
        "(() => { const r = document.querySelector('.player__bar')"
        ".getBoundingClientRect(); return {top: r.top, bottom: r.bottom, "
        "left: r.left, right: r.right, height: r.height}; })()"
    )


# Marking in the admin


def test_the_voice_marks_pairs_with_the_m_key_and_saves_them(
    live_server, page, django_user_model, long_story
):
    narration = long_story.narrations.get()
    url = reverse("admin:articles_narration_marks", args=[narration.pk])
    page.route(f"{live_server.url}/media/**", serve_audio)
    sign_in(page, live_server, django_user_model, next_url=url)
    wait_until(page, f"{AUDIO}.readyState >= 1")
    page.evaluate(f"{AUDIO}.muted = true")
    times = page.locator(".pair-marks__time")
    status = page.get_by_role("status")

    page.keyboard.press("m")
    assert times.nth(0).input_value() == "0:00.0"
    assert status.inner_text() == "Pair 1 marked at 0:00.0."

    page.evaluate(f"{AUDIO}.play()")
    wait_until(page, f"{AUDIO}.currentTime > 1")
    page.keyboard.press("m")
    page.evaluate(f"{AUDIO}.pause()")
    second = times.nth(1).input_value()
    assert second.startswith("0:0") and second != "0:00.0"

    # The button does the same, and typing in a time field never marks.
    page.evaluate(f"{AUDIO}.currentTime = 9.25")
    wait_until(page, f"!{AUDIO}.seeking")
    page.get_by_role("button", name="Mark the next pair (M)").press("Enter")
    assert times.nth(2).input_value() == "0:09.3"
    times.nth(3).fill("0:1")
    times.nth(3).press("m")
    assert times.nth(3).input_value() == "0:1m"  # typed, not a mark
    assert times.nth(4).input_value() == ""
    times.nth(3).fill("0:12")
    page.get_by_role("button", name="Clear pair 3").click()
    assert times.nth(2).input_value() == ""
    assert status.inner_text() == "The mark of pair 3 is cleared."

    page.get_by_role("button", name="Save the marks").click()
    page.get_by_text("The pair marks are saved.").wait_for()

    narration.refresh_from_db()
    starts = [start for _block, start in narration.marked_pairs()]
    assert starts[0] == 0.0 and 1 <= starts[1] < 9
    assert starts[2] == 12.0
    assert [block.position for block, _start in narration.marked_pairs()] == [1, 2, 4]


def test_the_marks_page_refuses_marks_out_of_order_and_keeps_them(
    live_server, page, django_user_model, marked
):
    narration = marked.narrations.get()
    url = reverse("admin:articles_narration_marks", args=[narration.pk])
    page.route(f"{live_server.url}/media/**", serve_audio)
    sign_in(page, live_server, django_user_model, next_url=url)

    page.get_by_label("Pair 3 starts at").fill("0:01")
    page.get_by_role("button", name="Save the marks").click()

    error = "Pair 3 starts at 0:01.0, not after pair 2 (0:02.5)"
    page.get_by_text(error).wait_for()
    assert page.get_by_label("Pair 3 starts at").get_attribute("aria-invalid")
    narration.refresh_from_db()
    assert sorted(narration.pair_marks.values()) == sorted(MARKS.values())
    assert Axe().run(page).violations_count == 0


# The reader's player


def test_a_pair_plays_from_its_mark_and_the_highlight_follows(
    live_server, page, marked
):
    watch_csp(page)
    open_page(page, live_server, f"/en/articles/{marked.slug}/")

    assert (
        page.evaluate(f"{AUDIO}.paused") and page.evaluate(f"{AUDIO}.currentTime") == 0
    )
    assert narrated(page) == []
    assert page.locator(".pair__listen").count() == len(MARKS)

    listen = page.get_by_role("button", name="Listen from pair 5")
    listen.focus()
    page.keyboard.press("Enter")
    wait_until(page, f"!{AUDIO}.paused && {AUDIO}.currentTime >= 9.95")
    assert page.evaluate(f"{AUDIO}.currentTime") < 11
    assert narrated(page) == ["pair-5"]
    assert page.locator("#pair-5").get_attribute("aria-current") == "true"
    page.evaluate(f"{AUDIO}.pause()")

    for seconds, pair in ((13.0, "pair-6"), (16.0, "pair-6"), (18.0, "pair-8")):
        page.evaluate(f"{AUDIO}.currentTime = {seconds}")
        wait_until(page, f"!{AUDIO}.seeking")
        wait_until(page, f"document.querySelector('#{pair}.pair--narrated')")
        assert narrated(page) == [pair]
    assert page.locator("[aria-live]").count() == 0
    assert violations(page) == []


@pytest.mark.parametrize("mode", ["zh-hans/articles/{}/", "en/articles/{}/dual/"])
def test_every_reading_mode_follows_the_narration(live_server, page, marked, mode):
    open_page(page, live_server, "/" + mode.format(marked.slug))

    page.locator("#pair-4 .pair__listen").click()

    wait_until(page, "document.querySelector('#pair-4.pair--narrated')")
    assert abs(page.evaluate(f"{AUDIO}.currentTime") - 7.5) < 1


def test_the_player_stays_in_view_without_covering_the_text(live_server, page, marked):
    open_page(page, live_server, f"/en/articles/{marked.slug}/")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    # Not started: the player stays in its place and scrolls away.
    wait_until(page, "window.scrollY > 0")
    assert bar_box(page)["bottom"] < 0

    page.evaluate("window.scrollTo(0, 0)")
    page.get_by_role("button", name="Play the narration").click()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    wait_until(page, "document.querySelector('.player--docked')")

    height = page.evaluate("window.innerHeight")
    box = bar_box(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "narration-follow-1280.png")
    assert 0 <= box["top"] and box["bottom"] <= height
    # At the very end the last pair still clears the bar.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    wait_until(
        page,
        "Math.ceil(window.scrollY + window.innerHeight) >= "
        "document.documentElement.scrollHeight",
    )
    last = page.locator("#pair-12").bounding_box()
    assert last["y"] + last["height"] <= bar_box(page)["top"]
    assert page.get_by_role("button", name="Pause the narration").is_visible()

    # Turned to a phone's width the bar wraps, and the page's end makes room.
    page.set_viewport_size({"width": 375, "height": 667})
    wait_until(
        page,
        "getComputedStyle(document.body).paddingBottom === "
        "document.querySelector('.player__bar').offsetHeight + 'px'",
    )
    assert bar_box(page)["height"] > box["height"]

    # Back at its own place it is back in the page.
    page.evaluate("window.scrollTo(0, 0)")
    wait_until(page, "!document.querySelector('.player--docked')")


def test_scrolling_to_the_pair_read_is_the_readers_choice_and_remembered(
    live_server, page, marked
):
    open_page(page, live_server, f"/en/articles/{marked.slug}/")
    follow = page.get_by_label("Follow the text")
    assert not follow.is_checked()

    page.get_by_role("button", name="Play the narration").click()
    page.evaluate(f"{AUDIO}.currentTime = 20.5")
    wait_until(page, "document.querySelector('#pair-9.pair--narrated')")
    assert page.evaluate("window.scrollY") == 0

    follow.check()
    wait_until(
        page,
        "(() => { const r = document.querySelector('#pair-9')"
        ".getBoundingClientRect(); return r.top >= 0 && "
        "r.bottom <= window.innerHeight; })()",
    )

    page.reload()
    wait_until(page, f"{AUDIO}.readyState >= 1")
    assert page.get_by_label("Follow the text").is_checked()
    page.evaluate(f"{AUDIO}.muted = true")
    page.get_by_role("button", name="Listen from pair 2").click()
    page.evaluate(f"{AUDIO}.currentTime = 17.6")
    wait_until(
        page,
        "(() => { const r = document.querySelector('#pair-8')"
        ".getBoundingClientRect(); return r.top >= 0 && "
        "r.bottom <= window.innerHeight; })()",
    )


def test_the_docked_player_fits_a_phone_and_axe_finds_nothing(
    live_server, page, marked
):
    page.set_viewport_size({"width": 375, "height": 667})
    watch_csp(page)
    open_page(page, live_server, f"/en/articles/{marked.slug}/")
    page.get_by_role("button", name="Listen from pair 3").click()
    page.evaluate(f"{AUDIO}.pause()")
    page.evaluate("document.querySelector('#pair-3').scrollIntoView({block: 'center'})")
    wait_until(page, "document.querySelector('.player--docked')")

    box = bar_box(page)
    assert box["left"] >= 0 and box["right"] <= 375
    assert box["bottom"] <= 667 and box["height"] <= 667 / 4
    assert no_sideways_scroll(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "narration-follow-375.png")

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert violations(page) == []


def test_without_marks_the_player_is_plain(live_server, page, long_story):
    open_page(page, live_server, f"/en/articles/{long_story.slug}/")

    assert page.locator(".pair__listen").count() == 0
    assert page.get_by_label("Follow the text").count() == 0
    page.get_by_role("button", name="Play the narration").click()
    wait_until(page, f"{AUDIO}.currentTime > 0")
    assert narrated(page) == []


def test_without_javascript_the_browser_player_remains(live_server, browser, marked):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/articles/{marked.slug}/")

    assert page.locator("audio[controls]").is_visible()
    assert not page.locator(".player__bar").is_visible()
    assert page.locator(".pair__listen").count() == 0
    context.close()
