import pytest

from articles.models import Block
from tests.e2e.helpers import sign_in
from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def story():
    article = ArticleFactory(published=True)
    for number in range(1, 4):
        BlockFactory(
            article=article,
            position=number,
            text_en=f"<p>English paragraph {number} " + "with several words " * 12,
            text_zh_hans=f"<p>第{number}段中文译文，" + "这是一段较长的中文内容，" * 8,
        )
    return article


@pytest.fixture
def admin_page(live_server, page, django_user_model):
    """A browser page logged in to the admin as a superuser."""
    return sign_in(page, live_server, django_user_model)


def side_boxes(page, position):
    pair = page.locator(f"#pair-{position}")
    english = pair.locator(':scope > [lang="en"]').bounding_box()
    chinese = pair.locator(':scope > [lang="zh-Hans"]').bounding_box()
    return english, chinese


def test_pairs_sit_side_by_side_on_a_wide_screen(live_server, page, story):
    page.goto(f"{live_server.url}/en/articles/{story.slug}/dual/")

    english, chinese = side_boxes(page, 2)
    assert chinese["x"] > english["x"] + english["width"] - 1
    assert abs(chinese["y"] - english["y"]) < 2


@pytest.mark.parametrize("width", [390, 320])
def test_pairs_stack_on_a_phone_without_sideways_scrolling(
    live_server, page, story, width
):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/zh-hans/articles/{story.slug}/dual/")

    english, chinese = side_boxes(page, 2)
    assert chinese["y"] >= english["y"] + english["height"]
    assert abs(chinese["x"] - english["x"]) < 2
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_editor_rewrites_a_translation_in_the_side_by_side_admin(
    live_server, admin_page, story
):
    admin_page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page = admin_page

    row = page.locator("#blocks-0")
    english = row.locator("td.field-text_en .ck-editor__editable")
    chinese = row.locator("td.field-text_zh_hans .ck-editor__editable")
    assert chinese.bounding_box()["x"] > english.bounding_box()["x"]
    chinese.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("新的译文。")
    page.click("input[name=_save]")

    page.wait_for_url("**/admin/articles/article/")
    assert page.locator(".messagelist .success").count() == 1
    block = Block.objects.get(article=story, position=1)
    assert block.text_zh_hans == "<p>新的译文。</p>"
    assert block.text_en.startswith("<p>English paragraph 1 ")


def test_editor_reorders_pairs_with_the_move_buttons(live_server, admin_page, story):
    admin_page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page = admin_page

    page.locator("#blocks-0 .pair-move--down").click()
    assert page.locator("#blocks-0 td.field-position input").input_value() == "2"
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")

    body = [
        block.text_en.split(" with")[0]
        for block in Block.objects.filter(article=story).order_by("position")
    ]
    assert body == [
        "<p>English paragraph 2",
        "<p>English paragraph 1",
        "<p>English paragraph 3",
    ]
