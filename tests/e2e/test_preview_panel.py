"""The preview panel in real Chromium: opened in a new tab from the change page, it
shows the saved article in each reading mode at a phone's and a laptop's width, and
reloads after a save."""

import pytest

from tests.e2e.helpers import sign_in, violations, wait_until, watch_errors
from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FRAME = "document.getElementById('preview-frame')"
FRAME_DOC = f"{FRAME}.contentDocument"


@pytest.fixture
def draft():
    article = ArticleFactory(title_en="A draft headline", title_zh_hans="草稿标题")
    BlockFactory(
        article=article,
        position=1,
        text_en="<p>Not yet public.</p>",
        text_zh_hans="<p>尚未公开。</p>",
    )
    return article


def frame_state(panel) -> dict:
    return panel.evaluate(
        f"""(() => ({{
          lang: {FRAME_DOC}.documentElement.lang,
          text: {FRAME_DOC}.querySelector(".article__body").innerText,
          width: {FRAME}.contentWindow.innerWidth,
          version: {FRAME_DOC}.querySelector(".preview-banner").dataset.version,
        }}))()"""
    )


def wait_for_frame(panel, condition: str) -> None:
    wait_until(
        panel,
        f"{FRAME_DOC}.readyState === 'complete' && "
        f"!!{FRAME_DOC}.querySelector('.article__body') && ({condition})",
    )


def test_preview_opens_in_a_new_tab_and_switches_mode_and_width(
    live_server, page, django_user_model, draft
):
    watch_errors(page)
    change = f"/admin/articles/article/{draft.pk}/change/"
    sign_in(page, live_server, django_user_model, change)

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Preview", exact=True).click()
    panel = watch_errors(opened.value)
    panel.wait_for_load_state()
    panel.reload()  # watched from its first script on
    assert "/preview/panel/" in panel.url
    assert (
        panel.locator("#preview-saved")
        .inner_text()
        .startswith("This is the article as last saved")
    )

    wait_for_frame(panel, "true")
    state = frame_state(panel)
    assert state["width"] == 1280
    assert "Not yet public." in state["text"] and "尚未公开。" in state["text"]
    assert state["version"] == "1"

    panel.get_by_role("link", name="中文").click()
    wait_for_frame(panel, f"{FRAME_DOC}.documentElement.lang === 'zh-Hans'")
    state = frame_state(panel)
    assert "尚未公开。" in state["text"] and "Not yet public." not in state["text"]
    assert panel.locator("a[data-mode='zh-hans']").get_attribute("aria-current")

    panel.get_by_role("link", name="Phone (375 px)").click()
    wait_until(panel, f"{FRAME}.contentWindow.innerWidth === 375")
    assert panel.locator("#preview-frame").bounding_box()["width"] == 377  # borders
    # The frame is laid out as a phone lays out the page: nothing wider than it.
    assert panel.evaluate(f"{FRAME_DOC}.documentElement.scrollWidth") <= 375
    panel.screenshot(path="artifacts/preview-panel-phone-zh.png")

    panel.get_by_role("link", name="English").click()
    wait_for_frame(panel, f"{FRAME_DOC}.documentElement.lang === 'en'")
    state = frame_state(panel)
    assert "Not yet public." in state["text"] and "尚未公开。" not in state["text"]
    assert state["width"] == 375
    # The panel's address keeps the choice, for a reload or a shared link.
    assert panel.url.endswith("?mode=en&width=phone")

    panel.get_by_role("link", name="Laptop (1280 px)").click()
    wait_until(panel, f"{FRAME}.contentWindow.innerWidth === 1280")
    panel.get_by_role("link", name="Bilingual").click()
    wait_for_frame(
        panel, f"{FRAME_DOC}.querySelector('.pair > [lang=zh-Hans]') !== null"
    )
    state = frame_state(panel)
    assert "Not yet public." in state["text"] and "尚未公开。" in state["text"]

    # A save in the editor's tab: the open preview reloads with the new version.
    page.bring_to_front()
    editor = page.locator("#blocks-0 td.field-text_en .ck-editor__editable")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Rewritten and saved.")
    page.click("input[name=_continue]")
    page.wait_for_url(f"**{change}")
    wait_for_frame(
        panel, f"{FRAME_DOC}.body.innerText.includes('Rewritten and saved.')"
    )
    assert frame_state(panel)["version"] == "2"

    for tab in (page, panel):
        assert violations(tab) == []
        assert tab.errors == []
