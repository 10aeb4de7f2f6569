"""A reader in real Chromium: modes, place kept, layouts, screenshots of both widths."""

import os
from pathlib import Path

import pytest

from tests.factories import ArticleFactory, BlockFactory, SectionFactory

from .test_browser import side_boxes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Screenshots are kept for people to look at; CI prints where they are.
ARTIFACTS = Path(
    os.environ.get(
        "NEWSROOM_ARTIFACTS", Path(__file__).resolve().parents[2] / "artifacts"
    )
)


@pytest.fixture
def long_story():
    article = ArticleFactory(published=True, section=SectionFactory())
    for number in range(1, 13):
        BlockFactory(
            article=article,
            position=number,
            text_en=f"<p>Paragraph {number}. " + "Zhengzhou keeps surprising. " * 14,
            text_zh_hans=f"<p>第{number}段。" + "郑州总让人惊喜，" * 14 + "。</p>",
        )
    return article


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize(("width", "side_by_side"), [(1280, True), (375, False)])
def test_bilingual_layout_fits_the_screen_and_is_photographed(
    live_server, page, long_story, width, side_by_side
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/en/articles/{long_story.slug}/dual/")

    english, chinese = side_boxes(page, 3)
    assert (chinese["x"] > english["x"] + english["width"] - 1) is side_by_side
    assert (chinese["y"] >= english["y"] + english["height"]) is not side_by_side
    assert no_sideways_scroll(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"article-dual-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_switching_mode_keeps_the_reader_at_their_pair(live_server, page, long_story):
    page.goto(f"{live_server.url}/en/articles/{long_story.slug}/dual/")
    page.evaluate("document.getElementById('pair-7').scrollIntoView()")
    page.mouse.wheel(0, 10)  # A real scroll event, as a reader's would be.

    page.locator(".reading-modes").get_by_role("link", name="中文", exact=True).click()
    page.wait_for_url(f"**/zh-hans/articles/{long_story.slug}/#pair-7")

    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    top = page.evaluate("document.getElementById('pair-7').getBoundingClientRect().top")
    assert 0 <= top < 200
    assert page.locator('.pair > [lang="en"]').count() == 0

    # The choice is remembered: the next story from the home page opens in 中文.
    page.goto(f"{live_server.url}/en/")
    page.locator(".front-lead__title a").click()
    page.wait_for_url(f"**/zh-hans/articles/{long_story.slug}/")


def test_mode_links_work_without_javascript(live_server, browser, long_story):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/zh-hans/articles/{long_story.slug}/")

    page.locator(".reading-modes").get_by_role(
        "link", name="English", exact=True
    ).click()
    page.wait_for_url(f"**/en/articles/{long_story.slug}/")
    page.locator(".reading-modes").get_by_role(
        "link", name="Bilingual", exact=True
    ).click()
    page.wait_for_url(f"**/en/articles/{long_story.slug}/dual/")

    assert page.locator('.pair > [lang="zh-Hans"]').count() == 12
    context.close()


def test_each_pair_offers_its_permalink_in_the_pages_language(
    live_server, page, long_story
):
    page.goto(f"{live_server.url}/zh-hans/articles/{long_story.slug}/dual/")

    links = page.locator(".pair > a")
    assert links.count() == 12
    link = page.get_by_role("link", name="第7段的链接")
    assert link.inner_text() == "¶"
    link.focus()  # shown on hover and focus only
    assert link.evaluate("(a) => getComputedStyle(a).opacity") == "1"
    link.click()
    page.wait_for_url(f"**/zh-hans/articles/{long_story.slug}/dual/#pair-7")
    assert page.evaluate("document.querySelector(':target').id") == "pair-7"


def test_reader_can_stack_pairs_on_a_wide_screen_and_it_is_remembered(
    live_server, page, long_story
):
    page.goto(f"{live_server.url}/en/articles/{long_story.slug}/dual/")

    page.get_by_label("Show each translation under its paragraph").check()
    english, chinese = side_boxes(page, 2)
    assert chinese["y"] >= english["y"] + english["height"]

    page.reload()
    assert page.get_by_label("Show each translation under its paragraph").is_checked()
    english, chinese = side_boxes(page, 2)
    assert chinese["y"] >= english["y"] + english["height"]


def test_print_layout_shows_the_article_only(live_server, page, long_story):
    page.goto(f"{live_server.url}/en/articles/{long_story.slug}/dual/")
    page.emulate_media(media="print")

    assert not page.locator(".reading-modes").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator("#pair-12").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
