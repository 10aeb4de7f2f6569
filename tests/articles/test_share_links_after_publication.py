"""Share links share a draft: they end when the article is published or unpublished."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(re.escape(settings.SITE_URL) + r"(/en/preview/[^/\"]+/)")


@pytest.fixture
def chief(client, user_in):
    user = user_in("Managing Editor")
    client.force_login(user)
    return user


@pytest.fixture
def story():
    article = ArticleFactory(
        status=Article.Status.APPROVED,
        title_en="Before publication",
        title_zh_hans="发布之前",
    )
    BlockFactory(article=article, text_en="<p>The approved text.</p>")
    return article


def share_link(client, article) -> str:
    """Create a share link on the admin's share page and return its path."""
    response = client.post(
        reverse("admin:articles_article_share_preview", args=[article.pk]),
        {"action": "create", "days": 7},
    )
    return LINK.search(response.text).group(1)


def retitle(article: Article, user, title: str) -> None:
    article.refresh_from_db()
    article.title_en = title
    services.article_save(article=article, expected_version=article.version, user=user)


def test_a_link_leads_to_the_public_page_once_the_article_is_published(
    client, chief, story
):
    link = share_link(client, story)
    reader = Client()
    assert "Before publication" in reader.get(link).text

    services.article_publish(article=story, user=chief, override_reason="test")
    response = reader.get(link)

    assert response.status_code == 302
    assert response["Location"] == story.get_absolute_url()
    public = reader.get(response["Location"])
    assert public.status_code == 200
    assert "Before publication" in public.text
    assert "Preview —" not in public.text


def test_a_link_made_before_publication_never_shows_a_later_unpublished_draft(
    client, chief, story
):
    link = share_link(client, story)
    services.article_publish(article=story, user=chief, override_reason="test")
    services.article_unpublish(article=story, user=chief, comment="Legal hold")
    retitle(story, chief, "Rewritten after unpublishing")

    response = Client().get(link)

    assert response.status_code == 404
    assert "Rewritten after unpublishing" not in response.text
    # The article can still be shared: a new link shows the new draft.
    fresh = Client().get(share_link(client, story))
    assert "Rewritten after unpublishing" in fresh.text


def test_a_link_lives_through_edits_before_publication(client, chief, story):
    link = share_link(client, story)
    retitle(story, chief, "Edited before publication")

    response = Client().get(link)

    assert response.status_code == 200
    assert "Edited before publication" in response.text


def test_a_scheduled_article_needs_a_link_made_after_scheduling(client, chief, story):
    early_link = share_link(client, story)
    publish_at = timezone.now() + timedelta(hours=2)
    services.article_publish(
        article=story, user=chief, publish_at=publish_at, override_reason="test"
    )
    embargo_link = share_link(client, story)
    reader = Client()

    assert reader.get(early_link).status_code == 404
    assert "Before publication" in reader.get(embargo_link).text
    with time_machine.travel(publish_at + timedelta(minutes=1)):
        for link in (early_link, embargo_link):
            response = reader.get(link)
            assert response.status_code == 302
            assert response["Location"] == story.get_absolute_url()
