"""The pair editor at a reporter's widths, in real Chromium: two languages side by
side and wide enough to write in, headings in view, and keys between the pairs."""

import pytest

from articles.models import Article
from tests.e2e.helpers import sign_in, violations, wait_until, watch_errors
from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HEADLINE = (
    "Zhengzhou's industry gathers pace on computing power, artificial intelligence "
    "and new energy as the first quarter closes"
)


@pytest.fixture
def long_story():
    article = ArticleFactory(
        title_en=HEADLINE,
        title_zh_hans="算力、人工智能、新能源齐发力，郑州工业在一季度末跑出加速度",
        summary_en="A summary.",
        summary_zh_hans="摘要。",
    )
    for number in range(1, 13):
        BlockFactory(
            article=article,
            position=number,
            text_en=f"<p>English paragraph {number} " + "with several words " * 20,
            text_zh_hans=f"<p>第{number}段中文译文，" + "这是一段较长的中文内容，" * 10,
        )
    return article


@pytest.fixture
def editor_page(live_server, page, django_user_model, long_story):
    """The change page of the long story, signed in, with its editors started."""
    watch_errors(page)
    sign_in(
        page,
        live_server,
        django_user_model,
        f"/admin/articles/article/{long_story.pk}/change/",
    )
    page.locator("#blocks-11 .ck-editor__editable").first.wait_for()
    return page


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def editors(page, row):
    return (
        box(page, f"#blocks-{row} td.field-text_en .ck-editor__editable"),
        box(page, f"#blocks-{row} td.field-text_zh_hans .ck-editor__editable"),
    )


@pytest.mark.parametrize("width", [1280, 1920])
def test_each_language_gets_nearly_half_the_width_side_by_side(editor_page, width):
    page = editor_page
    page.set_viewport_size({"width": width, "height": 900})
    content = box(page, "#content-main")["width"]

    english, chinese = editors(page, 0)
    assert english["width"] >= 0.45 * content
    assert chinese["width"] >= 0.45 * content
    assert chinese["x"] >= english["x"] + english["width"]
    assert abs(chinese["y"] - english["y"]) < 2
    # The titles and summaries: side by side, in the pairs' columns.
    for field in ("title", "summary"):
        en, zh = box(page, f"#id_{field}_en"), box(page, f"#id_{field}_zh_hans")
        assert abs(en["y"] - zh["y"]) < 2, field
        assert zh["x"] > en["x"] + en["width"], field
        for side, editor in ((en, english), (zh, chinese)):
            assert side["width"] >= 0.45 * content, field
            assert abs(side["x"] - editor["x"]) < 0.03 * content, field
    # The whole headline shows in its box.
    assert page.evaluate(
        "(e => e.scrollWidth <= e.clientWidth)(document.getElementById('id_title_en'))"
    )
    page.screenshot(path=f"artifacts/pair-editor-{width}.png")
    assert violations(page) == []
    assert page.errors == []


def test_the_page_tools_never_cover_the_title_at_1280(editor_page):
    page = editor_page
    title = box(page, "#content > h2")
    assert HEADLINE[:40] in page.locator("#content > h2").inner_text()

    for tool in page.locator(".object-tools li").all():
        tool_box = tool.bounding_box()
        apart = (
            tool_box["y"] >= title["y"] + title["height"]
            or tool_box["x"] >= title["x"] + title["width"]
        )
        assert apart, tool.inner_text()


def test_pairs_stack_below_900_px(editor_page):
    page = editor_page
    page.set_viewport_size({"width": 800, "height": 900})
    content = box(page, "#content-main")["width"]

    english, chinese = editors(page, 0)
    assert chinese["y"] >= english["y"] + english["height"]
    assert english["width"] >= 0.9 * content
    assert abs(chinese["width"] - english["width"]) < 2
    title_en, title_zh = box(page, "#id_title_en"), box(page, "#id_title_zh_hans")
    assert title_zh["y"] >= title_en["y"] + title_en["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 800
    page.screenshot(path="artifacts/pair-editor-800.png")


def test_the_language_headings_stay_in_view_down_a_long_article(editor_page):
    page = editor_page
    page.locator("#blocks-9").scroll_into_view_if_needed()
    wait_until(
        page,
        "document.getElementById('blocks-group').getBoundingClientRect().top < -500",
    )

    headings = box(page, "#blocks-group thead")
    assert 0 <= headings["y"] < 2
    english = box(page, "#blocks-group th.column-text_en")
    chinese = box(page, "#blocks-group th.column-text_zh_hans")
    assert page.locator("th.column-text_en [lang=en]").inner_text() == "English"
    assert page.locator("th.column-text_zh_hans [lang=zh-Hans]").inner_text() == "中文"
    # Each heading over its own column of editors.
    column_en, column_zh = editors(page, 9)
    assert abs(english["x"] - column_en["x"]) < 2
    assert abs(chinese["x"] - column_zh["x"]) < 2
    page.screenshot(path="artifacts/pair-editor-sticky.png")


def active(page) -> str:
    """Return which pair and side has the focus: "blocks-3 zh_hans"."""
    return page.evaluate(
        """(() => {
          const e = document.activeElement;
          const cell = e.closest("td[class*='field-text_']");
          const side = cell ? cell.className.match(/field-text_(\\w+)/)[1] : "";
          const editor = e.classList.contains("ck-editor__editable");
          const what = editor ? "" : " (not an editor)";
          return `${e.closest("tr.form-row").id} ${side}${what}`;
        })()"""
    )


def test_keys_move_between_pairs_and_sides_with_the_focus_shown(editor_page):
    page = editor_page
    assert "Alt" in page.locator("#pair-keys").inner_text()
    page.locator("#blocks-0 td.field-text_en .ck-editor__editable").click()

    page.keyboard.press("Alt+ArrowDown")
    assert active(page) == "blocks-1 en"
    page.keyboard.press("Alt+Shift+ArrowRight")
    assert active(page) == "blocks-1 zh_hans"
    page.keyboard.press("Alt+ArrowDown")
    assert active(page) == "blocks-2 zh_hans"
    page.keyboard.press("Alt+ArrowUp")
    page.keyboard.press("Alt+ArrowUp")
    assert active(page) == "blocks-0 zh_hans"
    page.keyboard.press("Alt+ArrowUp")  # at the first pair: stays
    assert active(page) == "blocks-0 zh_hans"
    page.keyboard.press("Alt+Shift+ArrowLeft")
    assert active(page) == "blocks-0 en"
    outline = page.evaluate(
        "(s => [s.outlineStyle, parseFloat(s.outlineWidth)])"
        "(getComputedStyle(document.activeElement))"
    )
    assert outline[0] != "none" and outline[1] >= 2

    # The focus is the editor's: typing goes into that side of that pair, and
    # the keys typed nothing and went nowhere (no Back, no page scroll away).
    page.keyboard.press("Alt+ArrowDown")
    page.keyboard.press("Alt+ArrowDown")
    page.keyboard.type("Typed here. ")
    third = page.locator("#blocks-2 td.field-text_en .ck-editor__editable")
    assert "Typed here." in third.inner_text()
    assert third.is_visible()
    assert page.url.endswith(f"/{Article.objects.get().pk}/change/")
    assert violations(page) == []
    assert page.errors == []


def test_text_boxes_grow_with_their_text_and_a_headline_stays_one_line(editor_page):
    page = editor_page
    summary = page.locator("#id_summary_en")
    assert page.locator("#id_summary_zh_hans").get_attribute("lang") == "zh-Hans"
    before = summary.bounding_box()["height"]

    summary.fill("A much longer standfirst. " * 40)

    assert summary.bounding_box()["height"] > before * 2
    assert page.evaluate(
        "(e => e.scrollHeight <= e.clientHeight + 1)"
        "(document.getElementById('id_summary_en'))"
    )
    title = page.locator("#id_title_en")
    title.press("Control+End")
    title.press("Enter")
    title.type(" today")
    assert title.input_value() == HEADLINE + " today"
