import os
import socket
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, connections
from django.test import override_settings
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from bilingual.parser import parse_bytes

SEED_PATH = (
    Path(__file__).resolve().parent.parent / "articles" / "demo" / "seed_article.txt"
)
# Property tests try the same examples on every run, so a run that passes on one
# machine passes on all; `--hypothesis-profile=explore` searches new ones (and
# whatever it finds goes into a test as an @example).
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", max_examples=1000)
hypothesis_settings.load_profile("repeatable")

# The caches the page-cache tests run against: the embedded one and production's.
REDIS_URL = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
BACKENDS = {
    "local memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "redis": {
        "BACKEND": "pagecache.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "newsroom-tests",
    },
}


def pytest_collection_modifyitems(items):
    """Run the browser tests last.

    Playwright keeps an event loop for the whole session, after which Django
    hands transactional tests another connection and async-unsafe calls are
    allowed; nothing else should run in that state.
    """
    items.sort(key=lambda item: "/e2e/" in str(item.path))
    # A transactional test that does not restore the migrations' rows leaves the
    # next one without groups and roles, and its flush re-creates content types
    # that a serialized rollback then collides with: every one restores them.
    bare = [
        item.nodeid
        for item in items
        if (marker := item.get_closest_marker("django_db"))
        and marker.kwargs.get("transaction")
        and not marker.kwargs.get("serialized_rollback")
    ]
    if bare:
        raise pytest.UsageError(
            "transactional tests need serialized_rollback=True: " + ", ".join(bare)
        )


@pytest.fixture(scope="session")
def migrations_rows(django_db_setup):
    """The rows the migrations made (groups, roles…), as serialized at set-up.

    Django keeps them on the connection object, and a transactional test with
    `serialized_rollback` writes them back from there; tests/e2e/conftest.py
    hands them to the connection objects Django makes once Playwright runs.
    """
    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


@pytest.fixture(autouse=True)
def _sequences_past_restored_rows(request):
    """Move PostgreSQL's id sequences past the rows a serialized rollback restored.

    A transactional test with `serialized_rollback` starts by writing the
    migrations' rows (groups, roles…) back with their ids, which leaves the
    sequences where the last test left them; after a test that restored a backup
    they may be behind, and the next row made gets an id already taken.
    """
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("serialized_rollback")):
        return
    request.getfixturevalue("transactional_db")
    if connection.vendor != "postgresql":
        return
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture(autouse=True)
def _interface_language_reset():
    """Leave no Chinese interface active for the next test after a /zh-hans/ page."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached pages, sign-in counts or rate limits."""
    cache.clear()


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture(params=list(BACKENDS))
def production_cache(request):
    """Run the test against local memory and against Redis, the production cache."""
    if request.param == "redis" and not redis_is_up():
        reason = "Redis is not running on 127.0.0.1:6379"
        if os.environ.get("NEWSROOM_REQUIRE_REDIS"):
            pytest.fail(reason)
        pytest.skip(reason)
    with override_settings(CACHES={"default": BACKENDS[request.param]}):
        cache.clear()
        yield request.param
        cache.clear()


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED_PATH.read_bytes()


@pytest.fixture
def parsed_seed(seed_bytes):
    return parse_bytes(seed_bytes)


@pytest.fixture
def editor(django_user_model):
    """A staff user with every permission, as the demo's managing editor has today."""
    return django_user_model.objects.create_superuser(
        username="managing", email="m@example.com", password="pass-word-123"
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def user_in(django_user_model):
    """Return a factory of active staff users holding the given newsroom roles."""
    from django.contrib.auth.models import Group

    def make(*groups: str, username: str = ""):
        name = username or "-".join(groups).lower().replace(" ", "") or "staff"
        user = django_user_model.objects.create_user(
            username=name,
            email=f"{name}@example.com",
            password="pass-word-123",
            is_staff=True,
        )
        user.groups.set(Group.objects.filter(name__in=groups))
        return user

    return make
