"""With Redis, a worker serves the pages it served before from its own memory, and
stops the moment Redis tells it anything they depend on changed (pagecache/near.py).

Each reader here is a test Client: each loads the middleware for itself, and so has
a memory of its own, as each gunicorn worker does; the test itself is the other
worker, where editors save. Against the real Redis, which sends the notices.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from articles import services
from articles.models import Article, Block
from pagecache import near
from pagecache.stamps import GENERATION_KEY, GO_LIVE_KEY, read_state, release
from tests.factories import ArticleFactory, BlockFactory, committed, published_story

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.parametrize("production_cache", ["redis"], indirect=True),
]


@pytest.fixture(autouse=True)
def trust_for_days(settings):
    """What a test serves from memory, it serves however slow the machine is: past
    NEWSROOM_PAGE_CACHE_TRUST (1 s) a worker would ask Redis again."""
    settings.NEWSROOM_PAGE_CACHE_TRUST = 10**6


@pytest.fixture
def story(editor, production_cache):
    story = published_story(editor)
    Block.objects.filter(article=story).update(text_en="<p>Old words.</p>")
    story.save()  # through the signals: its stored page is stamped anew
    return story


def redis():
    return cache._cache.get_client(write=True)


def pages_in_redis() -> list[bytes]:
    return redis().keys(cache.make_key("newsroom:page:*"))


def address(story) -> str:
    return f"/en/articles/{story.slug}/"


def test_a_worker_serves_a_page_again_from_its_memory(story, django_assert_num_queries):
    reader = Client()
    first = reader.get(address(story))
    assert pages_in_redis()

    redis().delete(*pages_in_redis())
    with django_assert_num_queries(0):
        again = reader.get(address(story))

    assert again.content == first.content
    assert pages_in_redis() == []  # neither asked for nor stored again
    Client().get(address(story))  # a worker that never served it asks Redis
    assert pages_in_redis()


def test_a_change_saved_by_another_worker_shows_at_once(story):
    reader = Client()
    assert "Old words." in reader.get(address(story)).text

    Block.objects.filter(article=story).update(text_en="<p>New words.</p>")
    assert "Old words." in reader.get(address(story)).text  # kept, unchanged
    Block.objects.get(article=story).save()  # as the admin saves it

    assert "New words." in reader.get(address(story)).text


def test_a_lost_generation_retires_every_page_kept(story):
    reader = Client()
    reader.get("/en/")
    Article.objects.filter(pk=story.pk).update(title_en="A new headline")
    assert "A new headline" not in reader.get("/en/").text  # kept, unchanged

    redis().delete(cache.make_key(GENERATION_KEY))  # evicted, or flushed
    # Redis sends the notice in the pass that answers the delete and answers
    # nothing else before that pass ends.
    redis().ping()

    assert "A new headline" in reader.get("/en/").text


def test_a_worker_that_cannot_hear_redis_serves_nothing_from_memory(story, monkeypatch):
    monkeypatch.setattr(near, "RETRY_AFTER", 0)
    reader = Client()
    reader.get("/en/")
    Article.objects.filter(pk=story.pk).update(title_en="A new headline")

    for listener in redis().client_list(_type="pubsub"):
        if listener["db"] == "15":  # this run's: Redis restarted, say
            redis().client_kill_filter(_id=listener["id"])
    # Moved while no worker listens: only Redis itself knows.
    cache.incr(GENERATION_KEY)

    assert "A new headline" in reader.get("/en/").text
    # Listening again, it keeps what Redis gives it, and nothing from before.
    assert "A new headline" in reader.get("/en/").text
    redis().delete(*pages_in_redis())
    assert "A new headline" in reader.get("/en/").text
    assert pages_in_redis() == []  # from its memory again


def test_a_forked_worker_starts_with_nothing_in_memory(story, monkeypatch):
    """gunicorn --preload forks workers from a process that may have served pages."""
    reader = Client()
    reader.get(address(story))
    redis().delete(*pages_in_redis())

    monkeypatch.setattr(near.os, "getpid", lambda: -1)
    reader.get(address(story))

    assert pages_in_redis()  # asked Redis: the page was stored again


def test_a_move_while_a_page_is_read_keeps_nothing(story):
    """A save between reading the counters and keeping the page (during a render),
    heard by another of the worker's threads in the meantime."""
    worker = near.NearPages.for_default_cache()
    key = "newsroom:page:one"
    _, heard = worker.page(key)
    state, found = read_state(key)
    stamp = (release(), state[GENERATION_KEY])

    cache.incr(GENERATION_KEY)  # another worker saves
    redis().ping()  # as site_changed() does: the notice is in
    worker.page("newsroom:page:two")  # another thread's reader hears it
    worker.keep(key, stamp, (b"the page before", {}), found[GO_LIVE_KEY], heard)

    assert worker.page(key) == (None, heard + 1)


def test_a_worker_asks_redis_again_after_the_time_it_trusts_what_it_heard(
    story, settings
):
    reader = Client()
    reader.get(address(story))
    redis().delete(*pages_in_redis())

    later = timezone.now() + timedelta(seconds=settings.NEWSROOM_PAGE_CACHE_TRUST + 1)
    with time_machine.travel(later):
        reader.get(address(story))

    assert pages_in_redis()  # Redis was asked: the page was stored again


def test_a_scheduled_story_goes_live_in_every_workers_memory(editor, story):
    reader = Client()
    article = ArticleFactory(
        status=Article.Status.APPROVED,
        title_en="Tomorrow",
        publication=story.publication,
        section=story.section,
    )
    BlockFactory(article=article)
    at = timezone.now() + timedelta(hours=2)
    with committed():
        services.article_publish(article=article, user=editor, publish_at=at)
    assert "Tomorrow" not in reader.get("/en/").text
    assert "Tomorrow" not in reader.get("/en/").text  # from its memory

    with time_machine.travel(at + timedelta(seconds=1)):
        assert "Tomorrow" in reader.get("/en/").text


def test_a_worker_keeps_the_pages_read_last_within_its_memory(story, settings):
    reader = Client()
    sizes = [len(reader.get(path).content) for path in ("/en/", address(story))]
    settings.NEWSROOM_PAGE_CACHE_MEMORY = max(sizes) + 1  # room for one of them
    reader = Client()  # a worker started with that much memory
    reader.get("/en/")
    reader.get(address(story))  # the front page makes way
    redis().delete(*pages_in_redis())

    reader.get(address(story))
    assert pages_in_redis() == []  # from memory
    reader.get("/en/")
    assert len(pages_in_redis()) == 1  # asked for again: it had made way


def test_a_redis_that_sends_no_notices_is_asked_for_every_page(story, settings, caplog):
    """An old Redis, or a proxy that refuses CLIENT TRACKING: correct, only slower."""
    redis().acl_setuser(
        "newsroom-no-tracking",
        enabled=True,
        passwords=["+pw"],
        keys=["*"],
        channels=["*"],
        commands=["+@all", "-client|tracking"],
    )
    default = settings.CACHES["default"]
    limited = default["LOCATION"].replace("://", "://newsroom-no-tracking:pw@")
    try:
        with override_settings(CACHES={"default": {**default, "LOCATION": limited}}):
            reader = Client()
            reader.get(address(story))
            redis().delete(*pages_in_redis())
            reader.get(address(story))

            assert pages_in_redis()  # asked Redis, rendered and stored it again
        assert "Cannot hear Redis's notices" in caplog.text
    finally:
        redis().acl_deluser("newsroom-no-tracking")


def test_with_replicas_every_page_is_asked_of_redis(story, settings):
    """Read from a replica, the counters may lag behind the primary's notices."""
    location = settings.CACHES["default"]["LOCATION"]
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": [location, location]}
    }
    reader = Client()
    reader.get(address(story))
    redis().delete(*pages_in_redis())
    reader.get(address(story))

    assert pages_in_redis()  # asked Redis, rendered and stored it again
