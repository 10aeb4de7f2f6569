"""Every public page the browser renders is valid HTML to the W3C checker.

Run last (tests/e2e/conftest.py): it renders the pages every reader meets, with a
story that has all a story can show, then checks them together with the pages
the other browser tests rendered, in one run of vnu.jar.
"""

import pytest

from articles import services
from articles.models import Block, Correction
from staffcredits.models import CreditRole
from tests.articles.test_photos import make_photo
from tests.factories import (
    ArticleCreditFactory,
    ArticleFactory,
    BlockFactory,
    SectionFactory,
    StaffMemberFactory,
    narrate,
)

from .html_check import vnu_command

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def full_story(django_user_model):
    """A published story with a hero photo, every kind of pair, credits, a
    narration and a correction, published through the workflow (so it is found
    by search)."""
    reporter = StaffMemberFactory(name_en="Yang Han", name_zh_hans="杨晗")
    article = ArticleFactory(
        status="approved",
        slug="full-story",
        section=SectionFactory(name_en="Economy", name_zh_hans="经济", slug="economy"),
        summary_en="A bridge opens.",
        summary_zh_hans="新桥通车。",
        hero_photo=make_photo(),
    )
    for position, kind in enumerate(Block.Kind, start=1):
        BlockFactory(
            article=article,
            position=position,
            kind=kind,
            photo=make_photo() if kind == Block.Kind.PHOTO else None,
        )
    ArticleCreditFactory(
        article=article, member=reporter, role=CreditRole.objects.get(code="reporter")
    )
    narrate(article, voice=reporter)
    Correction.objects.create(
        article=article, note_en="A name was wrong.", note_zh_hans="名字有误。"
    )
    chief = django_user_model.objects.create_superuser("chief", "c@example.org", "pw")
    services.article_publish(article=article, user=chief)
    return article, reporter


def test_every_public_page_rendered_is_valid_html_in_its_languages(
    live_server, page, rendered_pages, full_story
):
    command = vnu_command()
    article, reporter = full_story
    paths = [
        "/en/",
        "/zh-hans/",
        "/en/sections/economy/",
        f"/en/articles/{article.slug}/",
        f"/zh-hans/articles/{article.slug}/",
        f"/en/articles/{article.slug}/dual/",
        f"/zh-hans/articles/{article.slug}/dual/",
        f"/zh-hans/staff/{reporter.slug}/",
        "/en/search/?q=paragraph",
        "/zh-hans/search/",
        "/en/no-such-page/",
    ]
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == (404 if "no-such" in path else 200), path
        # Taken from the load itself: the page's listener may hear of it later.
        rendered_pages.add(response.url, response.body())

    errors = rendered_pages.check(command)

    assert not errors, "The W3C HTML checker found errors:\n" + "\n".join(errors)
    misread = rendered_pages.chinese_out_of_place()
    assert not misread, "Chinese a screen reader reads as another language:\n" + (
        "\n".join(misread)
    )
