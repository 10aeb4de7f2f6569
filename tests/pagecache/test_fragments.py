"""Fragments are read together and rendered again only when their stamp moved on.

Run against both the embedded local-memory cache and Redis, the production cache.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory

from pagecache.fragments import Fragment, read_fragments
from pagecache.stamps import GENERATION_KEY, site_changed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_cache")]


@pytest.fixture
def rendered():
    return []


@pytest.fixture
def read(rendered):
    """Read a page's two parts, as an article page reads its aside."""

    def part(name):
        def render():
            rendered.append(name)
            return f"<p>{name}</p>"

        return render

    def read(request=None):
        return read_fragments(
            request or RequestFactory().get("/en/"),
            Fragment("tests:one", part("one")),
            Fragment("tests:two", part("two")),
        )

    return read


def test_fragments_are_rendered_again_only_when_the_site_changed(read, rendered):
    first = read()
    assert [text for text, _at in first] == ["<p>one</p>", "<p>two</p>"]
    assert read() == first  # as stored, with the time each was rendered
    assert rendered == ["one", "two"]

    site_changed()
    read()

    assert rendered == ["one", "two", "one", "two"]


def test_a_lost_generation_starts_past_every_stamp_stored(read, rendered):
    read()
    cache.delete(GENERATION_KEY)

    read()

    assert rendered == ["one", "two", "one", "two"]


def test_a_signed_in_reader_gets_fresh_fragments_and_leaves_none(read, rendered):
    editor = RequestFactory().get("/en/")
    editor.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"

    read(editor)
    read(editor)
    read()

    assert rendered == ["one", "two"] * 3


def test_with_no_cache_configured_fragments_are_rendered_without_lookups(
    read, rendered, settings, django_assert_num_queries
):
    """DummyCache: nothing is stored, so no go-live time is looked up to retire it."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }

    with django_assert_num_queries(0):
        read()
        read()

    assert rendered == ["one", "two"] * 2
