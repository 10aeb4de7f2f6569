"""Stamps: what a stored page must match to be served.

A stamp is the release (the code) and counters kept in the cache, moved by an
atomic increment and never set back; a lost counter starts again from the clock.
The site's generation is also kept in the database (SiteState), for the parts of
pages stored there.
The rules and why: docs/caching.md.
"""

import secrets
from collections.abc import Callable
from datetime import datetime
from functools import cache as cache_result
from hashlib import sha256
from pathlib import Path

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.db import transaction
from django.utils import timezone

# Moved whenever something a public page shows may have changed.
GENERATION_KEY = "newsroom:generation"
# When the public pages next change by the clock alone (see add_schedule).
GO_LIVE_KEY = "newsroom:next-go-live"
NOTHING_SCHEDULED = float("inf")
# The files, in the release's folders, that shape a rendered page.
RELEASE_SUFFIXES = {".html", ".txt", ".xml", ".mo", ".py"}

_schedules: list[Callable[[], datetime | None]] = []


def add_schedule(next_change: Callable[[], datetime | None]) -> None:
    """Have `next_change()` say when the public pages next change by the clock.

    It returns the next such moment (a scheduled article's go-live time) or None.
    When the earliest moment any schedule named comes, the generation moves on.
    Called from an app's AppConfig.ready(); adding the same function again is a no-op.
    """
    if next_change not in _schedules:
        _schedules.append(next_change)


def release() -> str:
    """Name the code that renders pages: NEWSROOM_RELEASE, or a digest of its files.

    Part of every stamp: a deploy that changes a template, a translation or a
    static file is never served a page the old code rendered, nor, rolled back,
    one the new code rendered; there is nothing to purge by hand. Every app server
    running the same code computes the same digest. A named release is mixed
    with the site's and the media's addresses, which pages print, so a page kept
    from another site (a restored backup, staging) is never served either.
    """
    if not settings.NEWSROOM_RELEASE:
        return _code_digest()
    return _named_release(
        settings.NEWSROOM_RELEASE, settings.SITE_URL, str(settings.MEDIA_URL)
    )


@cache_result
def _named_release(name: str, site_url: str, media_url: str) -> str:
    return sha256(f"{name} {site_url} {media_url}".encode()).hexdigest()[:16]


def release_sources() -> list[Path]:
    """Return the folders whose files shape a rendered page, from the settings.

    Every package of the project (a folder in BASE_DIR with an `__init__.py`,
    apps and plain libraries alike, but NEWSROOM_RELEASE_IGNORE), the template
    folders and the translation folders. Installed packages are not digested.
    """
    base = Path(settings.BASE_DIR).resolve()
    ignored = set(settings.NEWSROOM_RELEASE_IGNORE)
    folders = [
        folder
        for folder in base.iterdir()
        if (folder / "__init__.py").is_file() and folder.name not in ignored
    ]
    for engine in settings.TEMPLATES:
        folders.extend(Path(folder).resolve() for folder in engine.get("DIRS", []))
    folders.extend(Path(folder).resolve() for folder in settings.LOCALE_PATHS)
    return sorted(set(folders))


@cache_result
def _code_digest() -> str:
    base = Path(settings.BASE_DIR).resolve()
    digest = sha256()
    for folder in release_sources():
        for path in sorted(folder.rglob("*")):
            if path.suffix in RELEASE_SUFFIXES and path.is_file():
                # Named from BASE_DIR, so that every checkout digests alike.
                name = path.relative_to(base) if path.is_relative_to(base) else path
                digest.update(str(name).encode())
                digest.update(path.read_bytes())
    # Collected static files are named by their content (WhiteNoise's manifest).
    if settings.STATIC_ROOT:
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if manifest.is_file():
            digest.update(manifest.read_bytes())
    digest.update(f"{settings.SITE_URL} {settings.MEDIA_URL}".encode())
    return digest.hexdigest()[:16]


def start_counter(key: str) -> int:
    """Start a counter the cache does not have from the clock; return its value.

    Added, never set, so a move another process just made is not undone.
    """
    cache.add(key, int(timezone.now().timestamp() * 1_000_000), None)
    return cache.get(key)


def move_counter(key: str) -> int:
    try:
        return cache.incr(key)
    except ValueError:  # Not in the cache (never set, or evicted).
        return start_counter(key)


def _next_go_live() -> float:
    """Return when the public pages next change by the clock, and remember it."""
    moments = [at for schedule in _schedules if (at := schedule()) is not None]
    at = min(moments).timestamp() if moments else NOTHING_SCHEDULED
    cache.set(GO_LIVE_KEY, at, None)
    return at


def read_state(*keys: str) -> tuple[dict, dict]:
    """Read the site's generation and `keys` in one cache request.

    Returns the generation by key, up to date (a scheduled change whose time has
    come moves it on), and what was found for `keys`. With no cache configured
    (DummyCache) nothing is stored, so nothing is looked up to retire it.
    """
    if isinstance(caches[DEFAULT_CACHE_ALIAS], DummyCache):
        return {GENERATION_KEY: 0}, {}
    found = cache.get_many([GENERATION_KEY, GO_LIVE_KEY, *keys])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = start_counter(GENERATION_KEY)
    go_live = found.get(GO_LIVE_KEY)
    # Lost, the go-live time may have passed unseen: moving on is the safe guess.
    if go_live is None or timezone.now().timestamp() >= go_live:
        generation = move_counter(GENERATION_KEY)
        _next_go_live()
    return {GENERATION_KEY: generation}, found


def site_generation() -> int:
    """Return the current generation, moving on if a scheduled change is due."""
    return read_state()[0][GENERATION_KEY]


def site_changed(*, schedule: bool = False) -> None:
    """Retire every cached public page, now and again once the transaction commits.

    The second move matters: a reader served between now and the commit would
    store the old page under the new generation. `schedule` says what the
    schedules (add_schedule) answer may have changed, so they are asked again.
    The generation in the database moves once, after the commit: what is stored
    there under the old one was rendered before the change, or from it, and is
    retired either way; and no writer holds that one row while its change lasts.
    """

    def move():
        move_counter(GENERATION_KEY)
        if schedule:
            _next_go_live()
        # With Redis, every worker holding pages in memory is told of the move
        # (near.py). Redis writes that notice in the same step as its answer to
        # the move, and a second command, sent once that answer is in, is run
        # after that step: when it returns, every worker on this host has the
        # notice in its socket.
        cache.get(GENERATION_KEY)

    move()
    transaction.on_commit(move)
    transaction.on_commit(_move_database_generation)


def _move_database_generation() -> None:
    from .models import SiteState

    generation = secrets.randbits(62)
    if not SiteState.objects.update(generation=generation):
        SiteState.objects.create(generation=generation)


def fresh(entry: tuple | None, stamp: tuple):
    """Return what a cache entry holds if it was stored under `stamp`, else None.

    Entries keep their stamp beside them, in one key per page that the next render
    overwrites, so one read finds the page and the counters it must match, and
    retired pages take no room.
    """
    if entry is None or entry[0] != stamp:
        return None
    return entry[1]
