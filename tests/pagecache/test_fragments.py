"""Fragments are read together and rendered again only when their stamp moved on.

Run against both the embedded local-memory cache and Redis, the production cache.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory

from pagecache.fragments import Fragment, read_fragments
from pagecache.stamps import GENERATION_KEY, counter_changed, site_changed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_cache")]

COUNTER = "tests:counter"


@pytest.fixture
def rendered():
    return []


@pytest.fixture
def read(rendered):
    """Read a page of two parts: one stamped with COUNTER, one with the generation."""

    def part(name):
        def render():
            rendered.append(name)
            return f"<p>{name}</p>"

        return render

    def read(request=None):
        return read_fragments(
            request or RequestFactory().get("/en/"),
            Fragment("tests:own", (COUNTER,), part("own")),
            Fragment("tests:aside", (GENERATION_KEY,), part("aside")),
        )

    return read


def test_only_what_a_moved_counter_stamps_is_rendered_again(read, rendered):
    first = read()
    assert [text for text, _at in first] == ["<p>own</p>", "<p>aside</p>"]
    assert read() == first
    assert rendered == ["own", "aside"]

    counter_changed(COUNTER)
    second = read()
    assert second[1] == first[1]  # the aside as stored, with its time
    assert rendered == ["own", "aside", "own"]

    site_changed()
    assert read()[0] == second[0]
    assert rendered == ["own", "aside", "own", "aside"]


def test_a_lost_counter_starts_past_every_stamp_stored(read, rendered):
    read()
    cache.delete(COUNTER)

    read()

    assert rendered == ["own", "aside", "own"]


def test_a_signed_in_reader_gets_fresh_fragments_and_leaves_none(read, rendered):
    editor = RequestFactory().get("/en/")
    editor.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"

    read(editor)
    read(editor)
    read()

    assert rendered == ["own", "aside"] * 3
