"""Pages a worker keeps in its own memory, retired when Redis says a counter moved.

With Redis as the cache, serving a stored page costs a round trip: the generation,
the go-live time and the page in one MGET, and on a small machine Redis's own CPU
comes out of the workers'. A worker that has served a page keeps it, with the
counters it was current under, and asks Redis to tell it whenever either counter's
key changes in any way (`CLIENT TRACKING ... BCAST`, Redis 6 and later): a move, a
loss (expiry, eviction, a flush) or a new go-live time. Before each page it reads
what Redis told it without waiting (a poll of its own connection); once told, it
asks Redis again, as every request did before.

Redis writes that notice in the same step as its answer to the writer who moved the
counter, and the writer makes one more round trip before its save returns
(stamps.site_changed), so a reader sent to another worker on the host after the
save returned finds the notice there. A worker that cannot hear Redis (not
connected, the connection dropped: a restart) keeps nothing; and whatever it
heard, it asks Redis again after `NEWSROOM_PAGE_CACHE_TRUST` seconds, which bounds
what a silently dead connection could cost. The rules: docs/caching.md.
"""

import logging
import os
import threading
import time

import redis
from cachetools import LRUCache
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches

from .redis import RedisCache
from .stamps import GENERATION_KEY, GO_LIVE_KEY, fresh, release

logger = logging.getLogger(__name__)

NOTICES = "__redis__:invalidate"
# How long after a failed connection a worker tries Redis again.
RETRY_AFTER = 1.0


class NearPages:
    """The stored pages one worker keeps, and the counters they are current under."""

    def __init__(self, backend: RedisCache, max_bytes: int):
        self.backend = backend
        self.tracked = [backend.make_key(GENERATION_KEY), backend.make_key(GO_LIVE_KEY)]
        self.pages = LRUCache(maxsize=max_bytes, getsizeof=_size)
        self.lock = threading.Lock()
        self.listener = None
        self.pid = None
        self.retry_at = 0.0
        self.listening_failed = None  # the error, while it lasts: logged once
        # (generation, go-live time, until when to trust them), once read from Redis
        # while listening; None while Redis must be asked.
        self.state = None
        # Moves on with every notice and every lost connection: what was read from
        # Redis before it moved may be past already, and is not kept.
        self.heard = 0

    @classmethod
    def for_default_cache(cls) -> "NearPages | None":
        """Return a worker's store, or None when the cache is not Redis or it is off."""
        backend = caches[DEFAULT_CACHE_ALIAS]
        max_bytes = settings.NEWSROOM_PAGE_CACHE_MEMORY
        if not isinstance(backend, RedisCache) or max_bytes <= 0:
            return None
        # With replicas, the counters are read from one that may lag behind the
        # primary whose notices are heard: a move heard, then an older counter read.
        if len(backend._cache._servers) > 1:
            return None
        return cls(backend, max_bytes)

    def page(self, key: str) -> tuple[object | None, int | None]:
        """Return the page kept for `key` if it is current, without asking Redis.

        Also returns what was heard so far (None when not listening): pass it to
        `keep()` with what Redis answers next.
        """
        with self.lock:
            if not self._listening():
                return None, None
            self._hear()
            if self.listener is None:  # the connection was found lost
                return None, None
            if self.state is None:
                return None, self.heard
            generation, go_live, trust_until = self.state
            now = time.time()
            if now >= go_live or now >= trust_until:
                self.state = None
                return None, self.heard
            return fresh(self.pages.get(key), (release(), generation)), self.heard

    def keep(self, key: str, stamp: tuple, stored, go_live, heard: int | None) -> None:
        """Keep a page Redis gave or was given under `stamp`, read after `page()`.

        Kept only if nothing was heard since `page()` returned `heard` (another
        thread may have heard it): the stamp was read while listening, so a move
        after the read is heard before the page is next served.
        """
        with self.lock:
            if self.listener is None or heard != self.heard or go_live is None:
                return
            generation = stamp[1]
            if self.state is None:
                trust_until = time.time() + settings.NEWSROOM_PAGE_CACHE_TRUST
                self.state = (generation, go_live, trust_until)
            elif self.state[0] != generation:
                self.state = None  # not heard of, yet other: ask Redis again
                return
            if _size((stamp, stored)) <= self.pages.maxsize:
                self.pages[key] = (stamp, stored)

    def _listening(self) -> bool:
        if self.pid != os.getpid():  # forked since: the connection is the parent's
            self._forget()
            self.pid = os.getpid()
        if self.listener is not None:
            return True
        if time.monotonic() < self.retry_at:
            return False
        try:
            self.listener = self._listen()
        except redis.RedisError as error:
            if self.listening_failed is None:
                logger.warning(
                    "Cannot hear Redis's notices (%s): every page-cache hit asks "
                    "Redis until it can.",
                    error,
                )
            self.listening_failed = error
            self.retry_at = time.monotonic() + RETRY_AFTER
            return False
        self.listening_failed = None
        return True

    def _listen(self) -> redis.Connection:
        """Open a connection that hears of every change to the counters' keys."""
        pool = redis.ConnectionPool.from_url(
            self.backend._cache._servers[0],
            # As the cache's own connections (a password, TLS…), but for the
            # protocol: in RESP2 the notices come as messages on a channel.
            **{
                "socket_connect_timeout": 1,
                "socket_timeout": 1,
                **self.backend._cache._pool_options,
                "protocol": 2,
            },
        )
        connection = pool.make_connection()
        try:
            connection.connect()
            connection.send_command("CLIENT", "ID")
            own_id = connection.read_response()
            prefixes = [word for key in self.tracked for word in ("PREFIX", key)]
            connection.send_command(
                "CLIENT", "TRACKING", "ON", "REDIRECT", own_id, "BCAST", *prefixes
            )
            connection.read_response()
            connection.send_command("SUBSCRIBE", NOTICES)
            connection.read_response()
        except redis.RedisError:
            connection.disconnect()
            raise
        return connection

    def _hear(self) -> None:
        """Read every notice waiting, without blocking; forget what it retires."""
        try:
            while self.listener.can_read(timeout=0):
                self.listener.read_response()
                # A counter changed, or every key went (a flush).
                self.state = None
                self.heard += 1
        except (redis.RedisError, OSError):
            self._forget()
            self.retry_at = time.monotonic() + RETRY_AFTER

    def _forget(self) -> None:
        """Stop listening and keep nothing: no notice would be heard."""
        self.state = None
        self.heard += 1
        self.pages.clear()
        if self.listener is not None:
            if self.pid == os.getpid():
                self.listener.disconnect()
            self.listener = None


def _size(entry) -> int:
    _stamp, (content, _headers) = entry
    return len(content)
