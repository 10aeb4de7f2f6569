"""Restoring a revision that cannot come back says why and changes nothing."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles import services
from articles.models import Article, ArticleCredit, Block
from tests.articles.test_photos import make_photo
from tests.factories import ArticleCreditFactory, ArticleFactory

pytestmark = pytest.mark.django_db

NOT_THIS_ARTICLES = "That revision is not one of this article’s. Nothing was restored."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def chief(client, user_in):
    user = user_in("Managing Editor")
    client.force_login(user)
    return user


def revise(article: Article, user, **fields) -> None:
    """Save `fields` on the article and record the result as a revision."""
    for name, value in fields.items():
        setattr(article, name, value)
    services.article_save(article=article, expected_version=article.version, user=user)
    services.article_record_revision(article=article, user=user)


def restore(client, article: Article, version_id: int) -> list[str]:
    """Press Restore on the revisions page; return the messages shown after it."""
    response = client.post(
        reverse("admin:articles_article_restore", args=[article.pk, version_id])
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:articles_article_change", args=[article.pk])
    return [str(message) for message in get_messages(response.wsgi_request)]


def first_revision(article: Article) -> int:
    return services.article_versions(article).last().pk


def assert_not_restored(article: Article, title: str) -> None:
    article.refresh_from_db()
    assert article.title_en == title
    assert not article.events.filter(action="restored").exists()


def test_a_revision_whose_hero_photo_was_deleted_is_refused_with_its_name(
    client, chief
):
    old_photo, new_photo = make_photo(), make_photo()
    article = ArticleFactory(title_en="First")
    revise(article, chief, hero_photo=old_photo)
    revise(article, chief, hero_photo=new_photo, title_en="Second")
    gone = old_photo.pk
    old_photo.delete()

    shown = restore(client, article, first_revision(article))

    assert shown == [
        f"This revision uses photo {gone}, deleted since. Nothing was restored: "
        "restore another revision, or copy what you need from this one."
    ]
    assert_not_restored(article, "Second")
    assert article.hero_photo == new_photo


def test_a_revision_with_a_deleted_photo_pair_keeps_the_current_body(client, chief):
    photo = make_photo()
    article = ArticleFactory(title_en="First")
    services.article_set_blocks(
        article=article,
        blocks=[Block(text_en="<p>Before.</p>"), Block(kind="photo", photo=photo)],
    )
    revise(article, chief)
    services.article_set_blocks(article=article, blocks=[Block(text_en="<p>Now.</p>")])
    revise(article, chief, title_en="Second")
    gone = photo.pk
    photo.delete()

    shown = restore(client, article, first_revision(article))

    assert len(shown) == 1
    assert f"This revision uses photo {gone}, deleted since." in shown[0]
    assert_not_restored(article, "Second")
    assert list(article.blocks.values_list("text_en", flat=True)) == ["<p>Now.</p>"]


def test_a_revision_crediting_a_deleted_person_keeps_the_current_credits(client, chief):
    credit = ArticleCreditFactory(article=ArticleFactory(title_en="First"))
    article, member = credit.article, credit.member
    revise(article, chief)
    credit.delete()
    revise(article, chief, title_en="Second")
    gone = member.pk
    member.delete()

    shown = restore(client, article, first_revision(article))

    assert shown == [
        f"This revision uses staff member {gone}, deleted since. Nothing was "
        "restored: restore another revision, or copy what you need from this one."
    ]
    assert_not_restored(article, "Second")
    assert not ArticleCredit.objects.filter(article=article).exists()


def test_a_revision_of_another_article_is_refused(client, chief):
    article = ArticleFactory(title_en="Mine")
    revise(article, chief)
    other = ArticleFactory(title_en="Theirs")
    revise(other, chief)

    shown = restore(client, article, first_revision(other))

    assert shown == [NOT_THIS_ARTICLES]
    assert_not_restored(article, "Mine")
    other.refresh_from_db()
    assert other.title_en == "Theirs"


def test_a_revision_id_that_does_not_exist_is_refused(client, chief):
    article = ArticleFactory(title_en="Mine")
    revise(article, chief)

    shown = restore(client, article, first_revision(article) + 1000)

    assert shown == [NOT_THIS_ARTICLES]
    assert_not_restored(article, "Mine")
