"""When an article says it was modified: never before it went live.

Read as machines read it: the JSON-LD `dateModified`, the Open Graph
`article:modified_time` and the Atom entry's `updated` (through feedparser).
"""

import re
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.articles.test_metadata import SITE, head_of, whole_seconds
from tests.factories import ArticleFactory, BlockFactory, proofread

pytestmark = pytest.mark.django_db

# A fraction of a second on every moment, so a printed microsecond would show.
WRITTEN = datetime(2026, 3, 2, 9, 0, 0, 250_000, tzinfo=UTC)
PUBLISHED = WRITTEN + timedelta(hours=2)
GO_LIVE = PUBLISHED + timedelta(hours=3)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def approved(time_machine):
    """An approved story written well before anyone publishes it."""
    time_machine.move_to(WRITTEN, tick=False)
    article = ArticleFactory(slug="story", status=Article.Status.APPROVED)
    BlockFactory(article=article)
    return article


@pytest.fixture
def chief(user_in):
    return user_in("Managing Editor")


def dates_read_by_machines(client):
    """Return (published, modified) from JSON-LD, Open Graph and the Atom feed."""
    head = head_of(client, "/en/articles/story/")
    [data], meta = head.json_ld, head.meta
    [entry] = feedparser.parse(client.get("/en/feeds/atom/").content).entries
    published = {
        data["datePublished"],
        *meta["article:published_time"],
        entry.published,
    }
    modified = {data["dateModified"], *meta["article:modified_time"], entry.updated}
    return published, modified


def same_moment(texts):
    """The one moment all the `texts` name, whatever offset each is printed with."""
    moments = {datetime.fromisoformat(text) for text in texts}
    assert len(moments) == 1, texts
    return moments.pop()


def test_publishing_now_is_the_last_modification(client, time_machine, approved, chief):
    time_machine.move_to(PUBLISHED, tick=False)
    services.article_publish(article=approved, user=chief)

    published, modified = dates_read_by_machines(client)

    assert same_moment(published) == PUBLISHED.replace(microsecond=0)
    assert same_moment(modified) == PUBLISHED.replace(microsecond=0)


def test_a_scheduled_story_is_modified_when_it_goes_live(
    client, time_machine, approved, chief
):
    time_machine.move_to(PUBLISHED, tick=False)
    services.article_publish(article=approved, user=chief, publish_at=GO_LIVE)
    # A correction made while it waits is part of what goes live.
    time_machine.move_to(PUBLISHED + timedelta(hours=1), tick=False)
    approved.refresh_from_db()
    approved.title_en = "A corrected headline"
    services.article_save(article=approved, expected_version=approved.version)

    time_machine.move_to(GO_LIVE + timedelta(minutes=5), tick=False)
    published, modified = dates_read_by_machines(client)

    assert same_moment(published) == GO_LIVE.replace(microsecond=0)
    assert same_moment(modified) == GO_LIVE.replace(microsecond=0)


def test_an_edit_after_publication_is_the_new_modification(
    client, time_machine, approved, chief
):
    time_machine.move_to(PUBLISHED, tick=False)
    services.article_publish(article=approved, user=chief)
    edited = PUBLISHED + timedelta(days=1, seconds=7)
    time_machine.move_to(edited, tick=False)
    approved.refresh_from_db()
    approved.title_en = "A corrected headline"
    services.article_save(article=approved, expected_version=approved.version)

    published, modified = dates_read_by_machines(client)

    assert same_moment(published) == PUBLISHED.replace(microsecond=0)
    assert same_moment(modified) == edited.replace(microsecond=0)


def test_republishing_after_unpublishing_modifies_the_story(
    client, time_machine, approved, chief
):
    time_machine.move_to(PUBLISHED, tick=False)
    services.article_publish(article=approved, user=chief)
    services.article_unpublish(article=approved, user=chief, comment="a check")
    back = PUBLISHED + timedelta(days=2)
    time_machine.move_to(back, tick=False)
    services.article_submit(article=approved, user=chief)
    proofread(approved, chief)
    services.article_approve(article=approved, user=chief)
    services.article_publish(article=approved, user=chief)

    published, modified = dates_read_by_machines(client)

    assert same_moment(published) == PUBLISHED.replace(microsecond=0)
    assert same_moment(modified) == back.replace(microsecond=0)


def test_page_dates_are_whole_seconds_in_the_site_time_zone(client, time_machine):
    time_machine.move_to(WRITTEN, tick=False)
    ArticleFactory(slug="story", published=True)

    page = client.get("/en/articles/story/").content.decode()
    home = client.get("/en/").content.decode()

    expected = whole_seconds(timezone.now())
    assert expected == "2026-03-02T17:00:00+08:00"
    assert f'<time datetime="{expected}">' in page
    assert f'<time datetime="{expected}">' in home
    assert re.findall(r'<time datetime="([^"]*)"', page + home) == [expected] * 2
