"""The top of an article in real Chromium: the byline under the headline at phone
and desktop widths, the notice standing in for a missing translation, and axe-core
finding nothing to fix. Screenshots of each go to artifacts/."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from staffcredits.models import CreditRole
from tests.factories import (
    ArticleCreditFactory,
    ArticleFactory,
    BlockFactory,
    StaffMemberFactory,
)

from .test_reading import ARTIFACTS, no_sideways_scroll

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = {
    "zh-hans": "/zh-hans/articles/{slug}/",
    "en": "/en/articles/{slug}/",
    "dual": "/en/articles/{slug}/dual/",
}


@pytest.fixture
def story():
    """Three pairs, the second not yet translated; two reporters and a translator."""
    article = ArticleFactory(
        published=True,
        title_en="Zhengzhou's industry gathers pace",
        title_zh_hans="郑州工业跑出加速度",
        summary_en="Computing power, AI and new energy drive the first quarter.",
        summary_zh_hans="算力、人工智能、新能源领域动能澎湃。",
        translation_note_en="NB: This may not be a word-for-word transcript.",
    )
    for number in range(1, 4):
        BlockFactory(
            article=article,
            position=number,
            text_en=f"<p>Paragraph {number}. " + "Zhengzhou keeps surprising. " * 8,
            text_zh_hans=""
            if number == 2
            else f"<p>第{number}段。" + "郑州总让人惊喜，" * 8 + "。</p>",
        )
    reporter = CreditRole.objects.get(code="reporter")
    ArticleCreditFactory(
        article=article,
        role=reporter,
        member=StaffMemberFactory(name_en="Yang Han", name_zh_hans="杨晗"),
    )
    ArticleCreditFactory(
        article=article,
        role=reporter,
        member=StaffMemberFactory(
            name_en="Curwen Tiuu", note_en="UK", note_zh_hans="英国"
        ),
        position=1,
    )
    ArticleCreditFactory(
        article=article,
        role=CreditRole.objects.get(code="translator"),
        member=StaffMemberFactory(name_en="Liu Fangyu", name_zh_hans="刘芳宇"),
    )
    return article


def box(page, selector: str) -> dict:
    element = page.locator(selector).first
    assert element.is_visible(), f"{selector} is not visible"
    return element.bounding_box()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("mode", list(PAGES))
def test_the_byline_sits_under_the_headline_and_the_page_passes_axe(
    live_server, page, story, mode, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + PAGES[mode].format(slug=story.slug))

    headline, byline = box(page, "h1"), box(page, ".byline")
    first_pair = box(page, "#pair-1")
    assert headline["y"] + headline["height"] <= byline["y"] < first_pair["y"]
    assert byline["y"] < 900, "the byline is below the first screen"
    names = page.locator(".byline a").all_inner_texts()
    if mode == "zh-hans":
        assert names == ["杨晗", "Curwen Tiuu"]
        assert "（英国）" in page.locator(".byline").inner_text()
    elif mode == "en":
        assert names == ["Yang Han", "Curwen Tiuu"]
    else:
        assert names == ["Yang Han 杨晗", "Curwen Tiuu"]

    missing = page.locator("#pair-2 .pair__missing")
    if mode == "zh-hans":
        assert missing.is_visible()
        assert "Zhengzhou keeps surprising" not in page.locator("#pair-2").inner_text()
        link = missing.locator("a")
        assert (
            link.get_attribute("href") == f"/zh-hans/articles/{story.slug}/dual/#pair-2"
        )
    else:
        assert missing.count() == 0
    assert no_sideways_scroll(page)

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"byline-{mode}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_the_notice_leads_to_the_pair_on_the_bilingual_page(live_server, page, story):
    page.goto(live_server.url + PAGES["zh-hans"].format(slug=story.slug))

    page.locator("#pair-2 .pair__missing a").click()

    page.wait_for_url(f"**/zh-hans/articles/{story.slug}/dual/#pair-2")
    english = page.locator('#pair-2 > [lang="en"]')
    assert "Zhengzhou keeps surprising" in english.inner_text()
    assert english.is_visible()
