"""A restricted article: read at the desk only by managing editors, its author and
the people credited on it. Every desk role reads every other article."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import (
    ArticleCreditFactory,
    ArticleFactory,
    StaffMemberFactory,
    narrate,
)

pytestmark = pytest.mark.django_db

TITLE = "Embargoed: the mayor resigns"


@pytest.fixture
def desk(user_in):
    """The author, a credited reporter, a reporter not on the story, a managing
    editor, and a restricted draft in review."""
    people = {
        "author": user_in("Reporter", username="author"),
        "credited": user_in("Reporter", username="credited"),
        "outsider": user_in("Reporter", username="outsider"),
        "proofreader": user_in("Proofreader", username="proofreader"),
        "chief": user_in("Managing Editor", username="chief"),
    }
    article = ArticleFactory(
        title_en=TITLE,
        restricted=True,
        created_by=people["author"],
        status=Article.Status.IN_REVIEW,
    )
    ArticleCreditFactory(
        article=article, member=StaffMemberFactory(user=people["credited"])
    )
    return people, article


def pages(article):
    return {
        "change": reverse("admin:articles_article_change", args=[article.pk]),
        "preview": reverse("admin:articles_article_preview", args=[article.pk]),
        "revisions": reverse("admin:articles_article_revisions", args=[article.pk]),
        "history": reverse("admin:articles_article_history", args=[article.pk]),
        "wechat": reverse("admin:articles_article_wechat", args=[article.pk]),
    }


@pytest.mark.parametrize("who", ["author", "credited", "chief"])
def test_its_people_and_managing_editors_read_it_everywhere(client, desk, who):
    people, article = desk
    client.force_login(people[who])

    for name, url in pages(article).items():
        response = client.get(url, follow=True)
        assert response.status_code == 200, name
        assert TITLE in response.content.decode(), name
    listed = client.get(reverse("admin:articles_article_changelist"))
    assert TITLE in listed.content.decode()


@pytest.mark.parametrize("who", ["outsider", "proofreader"])
def test_anyone_else_at_the_desk_finds_nothing(client, desk, who):
    people, article = desk
    client.force_login(people[who])

    for name, url in pages(article).items():
        response = client.get(url, follow=True)
        assert TITLE not in response.content.decode(), name
        assert response.status_code in (403, 404) or response.redirect_chain, name
    for page in (
        reverse("admin:articles_article_changelist") + "?q=mayor",
        reverse("admin:index"),
        reverse("admin:articles_narration_changelist"),
    ):
        assert TITLE not in client.get(page).content.decode(), page


def test_an_unrestricted_draft_is_read_by_every_desk_role(client, desk):
    people, article = desk
    Article.objects.filter(pk=article.pk).update(restricted=False)
    client.force_login(people["outsider"])

    assert client.get(pages(article)["change"]).status_code == 200


def test_only_a_managing_editor_restricts_an_article(client, desk):
    people, article = desk
    field = 'name="restricted"'

    client.force_login(people["author"])
    assert field not in client.get(pages(article)["change"]).content.decode()
    client.force_login(people["chief"])
    assert field in client.get(pages(article)["change"]).content.decode()


def test_its_narration_is_listed_only_for_its_readers(client, desk):
    people, article = desk
    narrate(article, voice=StaffMemberFactory(name_en="Curwen"))
    url = reverse("admin:articles_narration_changelist")

    client.force_login(people["outsider"])
    assert TITLE not in client.get(url).content.decode()
    client.force_login(people["credited"])
    assert TITLE in client.get(url).content.decode()
