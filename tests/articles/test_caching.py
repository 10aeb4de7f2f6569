"""Changes to articles and what they show retire cached pages at once.

A publish, an edit, a scheduled article's time, a renamed person or a recaptioned
photo shows on the next request; behind the page cache, an article's page is
kept with the article (tests/articles/test_rendering.py) and its aside in the
cache. Run against both the embedded local-memory cache and Redis.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from articles.models import Article, Block
from staffcredits.models import CreditRole
from tests.factories import (
    ArticleCreditFactory,
    ArticleFactory,
    BlockFactory,
    SectionFactory,
    StaffMemberFactory,
    committed,
    page,
    proofread,
    published_story,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_cache")]


@pytest.fixture
def story(editor):
    return published_story(editor)


def test_publishing_unpublishing_and_editing_show_at_once(client, editor, story):
    assert "First words." in page(client, story, "dual/").text
    assert story.title_en in client.get("/en/").text

    story.title_en = "A better headline"
    services.article_save(article=story, expected_version=story.version, user=editor)
    Block.objects.filter(article=story).update(text_en="<p>Second words.</p>")
    services.article_save(article=story, expected_version=story.version, user=editor)

    assert "Second words." in page(client, story, "dual/").text
    assert "A better headline" in client.get("/en/").text

    with committed():
        services.article_unpublish(article=story, user=editor, comment="Legal hold.")

    assert page(client, story, "dual/").status_code == 404
    assert "A better headline" not in client.get("/en/").text


@pytest.mark.parametrize("time_lost", [False, True])
def test_a_scheduled_article_appears_when_its_time_comes(client, editor, time_lost):
    """Even if the cache lost the go-live time while no reader came by."""
    from pagecache.stamps import GO_LIVE_KEY

    article = ArticleFactory(status=Article.Status.APPROVED, title_en="Tomorrow")
    BlockFactory(article=article)
    at = timezone.now() + timedelta(hours=2)
    services.article_publish(article=article, user=editor, publish_at=at)

    assert "Tomorrow" not in client.get("/en/").text
    assert page(client, article).status_code == 404

    with time_machine.travel(at + timedelta(minutes=1)):
        if time_lost:
            cache.delete(GO_LIVE_KEY)
        assert "Tomorrow" in client.get("/en/").text
        assert page(client, article).status_code == 200


def test_a_renamed_person_shows_at_once(client, story):
    member = StaffMemberFactory(name_en="Xiong Vivi")
    ArticleCreditFactory(
        article=story,
        role=CreditRole.objects.get(code="managing_editor"),
        member=member,
    )
    assert "Xiong Vivi" in page(client, story).text

    member.name_en = "Vivi Xiong"
    member.save()

    assert "Vivi Xiong" in page(client, story).text


def test_a_recaptioned_photo_shows_at_once(client, story):
    from tests.articles.test_photos import make_photo

    photo = make_photo(caption_en="Old caption")
    Article.objects.filter(pk=story.pk).update(hero_photo=photo)
    services.article_save(
        article=Article.objects.get(pk=story.pk), expected_version=story.version
    )
    assert "Old caption" in page(client, story).text

    photo.caption_en = "New caption"
    photo.save()

    assert "New caption" in page(client, story).text


def test_a_listings_cursor_is_part_of_its_stored_pages_address(settings):
    """The page cache keeps the query parameters the setting names, and no other."""
    from articles.pagination import NEWER, OLDER

    assert {OLDER, NEWER} <= set(settings.NEWSROOM_PAGE_PARAMETERS)


# Behind the page cache: the article's stored page and its cached aside. These
# tests turn the page cache off, so every request runs the view.


@pytest.fixture
def view_runs(settings):
    settings.NEWSROOM_PAGE_CACHE = False


def test_a_stored_article_is_served_with_one_query_whatever_its_address(
    client, story, view_runs
):
    first = page(client, story, "dual/?from=singlemessage&isappinstalled=0")

    with CaptureQueriesContext(connection) as queries:
        again = page(client, story, "dual/?utm_source=wechat")

    assert len(queries) == 1  # is it still public, and which article
    assert again.text == first.text
    # The language switch leads to the page itself, not to the first reader's query.
    assert f'href="/zh-hans/articles/{story.slug}/dual/"' in again.text
    assert "singlemessage" not in again.text


def test_a_publish_elsewhere_renews_the_aside_only(client, editor, story, view_runs):
    section = SectionFactory()
    Article.objects.filter(pk=story.pk).update(section=section)
    page(client, story)
    other = ArticleFactory(
        status=Article.Status.APPROVED, section=section, title_en="Breaking next door"
    )
    BlockFactory(article=other)
    with committed():
        services.article_publish(article=other, user=editor)

    with CaptureQueriesContext(connection) as queries:
        response = page(client, story)

    # The article with its stored page; the aside's stories and the section's next
    # go-live; the aside's columns updated. No pair is read.
    assert len(queries) == 4
    assert not any("articles_block" in query["sql"] for query in queries)
    aside = response.text[response.text.index('class="more-in-section"') :]
    assert "Breaking next door" in aside


def test_an_edit_while_unpublished_shows_when_published_again(
    client, editor, story, view_runs
):
    assert "First words." in page(client, story).text
    services.article_unpublish(article=story, user=editor, comment="Check a name.")
    # Written past every signal: only the publish itself can retire the old page.
    Block.objects.filter(article=story).update(text_en="<p>Corrected words.</p>")
    services.article_submit(article=Article.objects.get(pk=story.pk), user=editor)
    proofread(Article.objects.get(pk=story.pk), editor)
    services.article_approve(article=Article.objects.get(pk=story.pk), user=editor)
    with committed():
        services.article_publish(article=Article.objects.get(pk=story.pk), user=editor)

    html = page(client, story).text

    assert "Corrected words." in html
    assert "First words." not in html


def test_a_photos_new_renditions_show_at_once(client, story):
    """Renditions are written after the photo is saved, past its signals."""
    from django.core.files.base import ContentFile

    from articles.media.images import clean_upload, photo_make_renditions
    from articles.models import Photo
    from tests.articles.test_photos import jpeg

    photo = Photo(image=clean_upload(ContentFile(jpeg(1600, 900), name="ferry.jpg")))
    photo.save()
    Article.objects.filter(pk=story.pk).update(hero_photo=photo)
    services.article_save(
        article=Article.objects.get(pk=story.pk), expected_version=story.version
    )
    assert "srcset" not in page(client, story).text  # the original alone

    photo_make_renditions(photo)

    assert "srcset" in page(client, story).text
