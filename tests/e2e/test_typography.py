"""Reading measure in real Chromium: characters a line, headline leading, CJK marks.

Comfortable reading is about 60–75 Latin characters or 30–40 Han characters a
line; a phone is narrower than that, so there the limit is only the upper one.
"""

import pytest

from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = (375, 768, 1024, 1280)
ENGLISH = (
    "Zhengzhou's industrial sector witnessed a surge of technological "
    "breakthroughs in the first quarter, driven by computing power, artificial "
    "intelligence and new energy, while the city's carmakers built more new energy "
    "vehicles than in any quarter before. "
)
CHINESE = (
    "今年一季度，在算力、人工智能、新能源等领域的澎湃动能中，郑州工业迎来一批科技突破，"
    "全市新能源汽车产量再创新高，“含新量”十足。"
)
# A side of one paragraph is that paragraph; a longer side wraps its paragraphs.
ENGLISH_PARAGRAPHS = '.pair > p[lang="en"], .pair > [lang="en"] p'
CHINESE_PARAGRAPHS = '.pair > p[lang="zh-Hans"], .pair > [lang="zh-Hans"] p'

# The characters on each full line of a paragraph (its last line is left out:
# it may be short). Each character's box says which line it sits on.
CHARACTERS_PER_LINE = """
(paragraph) => {
  const lines = new Map();
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      if (/\\s/.test(node.data[i])) continue;
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      const top = Math.round(rect.top);
      lines.set(top, (lines.get(top) || 0) + 1);
    }
  }
  const counts = [...lines.keys()].sort((a, b) => a - b).map((top) => lines.get(top));
  return counts.slice(0, -1);
}
"""


@pytest.fixture
def story():
    article = ArticleFactory(published=True)
    for position in range(1, 4):
        BlockFactory(
            article=article,
            position=position,
            text_en=f"<p>{ENGLISH * 3}</p>",
            text_zh_hans=f"<p>{CHINESE * 3}</p>",
        )
    return article


def line_lengths(page, selector: str) -> list[int]:
    """Return the characters on every full line of the paragraphs `selector` finds."""
    counts = []
    for paragraph in page.locator(selector).all():
        counts += paragraph.evaluate(CHARACTERS_PER_LINE)
    assert counts, f"no full lines under {selector}"
    return counts


def median(values: list[int]) -> int:
    return sorted(values)[len(values) // 2]


@pytest.mark.parametrize("width", WIDTHS)
def test_an_english_page_keeps_a_reading_measure(live_server, page, story, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/en/articles/{story.slug}/")

    lines = line_lengths(page, ENGLISH_PARAGRAPHS)

    assert max(lines) <= 75
    if width >= 768:
        assert median(lines) >= 60


@pytest.mark.parametrize("width", WIDTHS)
def test_a_chinese_page_keeps_a_reading_measure(live_server, page, story, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/zh-hans/articles/{story.slug}/")

    lines = line_lengths(page, CHINESE_PARAGRAPHS)

    assert max(lines) <= 40
    if width >= 768:
        assert median(lines) >= 30


@pytest.mark.parametrize("width", WIDTHS)
def test_bilingual_pairs_sit_side_by_side_from_a_small_tablet_up(
    live_server, page, story, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/en/articles/{story.slug}/dual/")

    english = page.locator('#pair-1 > [lang="en"]').bounding_box()
    chinese = page.locator('#pair-1 > [lang="zh-Hans"]').bounding_box()
    english_lines = line_lengths(page, ENGLISH_PARAGRAPHS)
    chinese_lines = line_lengths(page, CHINESE_PARAGRAPHS)

    side_by_side = chinese["x"] >= english["x"] + english["width"]
    assert side_by_side is (width >= 768)
    assert max(english_lines) <= 75
    assert max(chinese_lines) <= 40
    if side_by_side:
        # A newspaper column: narrower than a page, never a sliver.
        assert median(english_lines) >= 35
        assert median(chinese_lines) >= 18


def test_the_stacked_option_keeps_the_same_measure(live_server, page, story):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/en/articles/{story.slug}/dual/")

    page.check("#stack-pairs")

    assert max(line_lengths(page, ENGLISH_PARAGRAPHS)) <= 75
    assert max(line_lengths(page, CHINESE_PARAGRAPHS)) <= 40


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_headlines_are_set_tight(live_server, page, story, language):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/{language}/articles/{story.slug}/")

    leading = page.locator(".article__title").first.evaluate(
        "(title) => { const style = getComputedStyle(title);"
        " return parseFloat(style.lineHeight) / parseFloat(style.fontSize); }"
    )

    assert 1.15 <= leading <= 1.35


def test_chinese_quotation_marks_come_from_a_chinese_font(live_server, page, story):
    page.goto(f"{live_server.url}/zh-hans/articles/{story.slug}/")

    # Chromium says which fonts drew a node's text. A Latin font drawing “ and ”
    # sets narrow marks that crowd the Han characters beside them.
    devtools = page.context.new_cdp_session(page)
    devtools.send("DOM.enable")
    devtools.send("CSS.enable")
    root = devtools.send("DOM.getDocument")["root"]["nodeId"]
    paragraph = devtools.send(
        "DOM.querySelector",
        {"nodeId": root, "selector": CHINESE_PARAGRAPHS},
    )["nodeId"]
    fonts = devtools.send("CSS.getPlatformFontsForNode", {"nodeId": paragraph})

    families = {font["familyName"] for font in fonts["fonts"]}
    assert families and all("CJK" in family for family in families), families
