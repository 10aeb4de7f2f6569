"""Django's Redis cache backend, with one redis-py client per connection pool.

Django makes a new `redis.Redis` client for every cache call, and redis-py fills
its table of response callbacks (some 170 entries) for each one: a third of what
serving a stored page from Redis cost. A client is safe to share between threads
(the pool hands each command its own connection), so one per pool is kept.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if (client := self._clients.get(index)) is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    """Use as CACHES' BACKEND "pagecache.redis.RedisCache"; options as Django's."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
