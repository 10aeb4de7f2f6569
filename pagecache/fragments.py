"""Fragments: parts of a page kept apart, each under its own stamp.

A page whose parts change at different times (an article and its "more in this
section" aside) keeps each part stamped with the counters that retire it, and
reads them all in one cache request. The rules: docs/caching.md.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .middleware import PAGE_TIMEOUT
from .pages import is_private
from .stamps import SITE_COUNTERS, fresh, read_state, release, start_counter

# A fragment outlives changes elsewhere on the site, so it is worth keeping longer
# than a whole page: an archive is read a little everywhere.
FRAGMENT_TIMEOUT = 7 * PAGE_TIMEOUT


@dataclass(frozen=True)
class Fragment:
    """A part of a page: stored under `key`, stamped with the release and the
    current value of each counter in `counters`, made afresh by `render`."""

    key: str
    counters: tuple[str, ...]
    render: Callable[[], str]


def read_fragments(request, *fragments: Fragment) -> list[tuple[str, float]]:
    """Return each fragment's text and when it was rendered, in the order given.

    One cache request reads them all with their counters; whatever is not stored
    under its current stamp is rendered and all of it stored in one more. Like
    whole pages, fragments are never made for nor served to a signed-in reader.
    """
    now = timezone.now().timestamp()
    if is_private(request) or not settings.NEWSROOM_FRAGMENT_CACHE:
        return [(fragment.render(), now) for fragment in fragments]
    # The site's own counters come with every read; the others are read beside.
    counters = (key for fragment in fragments for key in fragment.counters)
    own = [key for key in dict.fromkeys(counters) if key not in SITE_COUNTERS]
    values, found = read_state(*own, *(fragment.key for fragment in fragments))
    for key in own:
        value = found.get(key)
        values[key] = start_counter(key) if value is None else value
    read, missing = [], {}
    for fragment in fragments:
        stamp = (release(), *(values[key] for key in fragment.counters))
        if (entry := fresh(found.get(fragment.key), stamp)) is None:
            entry = (fragment.render(), now)
            missing[fragment.key] = (stamp, entry)
        read.append(entry)
    if missing:
        cache.set_many(missing, FRAGMENT_TIMEOUT)
    return read
