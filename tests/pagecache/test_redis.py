"""The Redis backend keeps one client per pool, shared safely between threads."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import caches


@pytest.mark.parametrize("production_cache", ["redis"], indirect=True)
def test_one_client_serves_every_thread_and_each_reads_its_own_values(
    production_cache,
):
    cache = caches["default"]

    def round_trip(number: int) -> list:
        key = f"tests:thread:{number}"
        values = []
        for step in range(50):
            cache.set(key, (number, step))
            values.append(cache.get(key))
        return values

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(round_trip, range(8)))

    assert results == [[(n, step) for step in range(50)] for n in range(8)]
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
