"""Fragments: parts of a page kept in the cache apart from the page.

A part that changes with the rest of the site rather than with its page (an
article's "more in this section" aside) is kept under the release and the site's
generation, and all of a page's parts are read in one cache request. The rules:
docs/caching.md.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .middleware import PAGE_TIMEOUT
from .pages import is_private
from .stamps import GENERATION_KEY, fresh, read_state, release

# A fragment outlives changes elsewhere on the site, so it is worth keeping longer
# than a whole page: an archive is read a little everywhere.
FRAGMENT_TIMEOUT = 7 * PAGE_TIMEOUT


@dataclass(frozen=True)
class Fragment:
    """A part of a page: stored under `key`, stamped with the release and the
    site's generation, made afresh by `render`."""

    key: str
    render: Callable[[], str]


def read_fragments(request, *fragments: Fragment) -> list[tuple[str, float]]:
    """Return each fragment's text and when it was rendered, in the order given.

    One cache request reads them all with the generation; whatever is not stored
    under the current stamp is rendered and all of it stored in one more. Like
    whole pages, fragments are never made for nor served to a signed-in reader.
    """
    now = timezone.now().timestamp()
    if is_private(request) or not settings.NEWSROOM_FRAGMENT_CACHE:
        return [(fragment.render(), now) for fragment in fragments]
    state, found = read_state(*(fragment.key for fragment in fragments))
    stamp = (release(), state[GENERATION_KEY])
    read, missing = [], {}
    for fragment in fragments:
        if (entry := fresh(found.get(fragment.key), stamp)) is None:
            entry = (fragment.render(), now)
            missing[fragment.key] = (stamp, entry)
        read.append(entry)
    if missing:
        cache.set_many(missing, FRAGMENT_TIMEOUT)
    return read
