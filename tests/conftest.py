from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import translation

from bilingual.parser import parse_bytes

SEED_PATH = (
    Path(__file__).resolve().parent.parent / "articles" / "demo" / "seed_article.txt"
)


def pytest_collection_modifyitems(items):
    """Run the browser tests last.

    Playwright keeps an event loop for the whole session, after which Django
    hands transactional tests another connection and async-unsafe calls are
    allowed; nothing else should run in that state.
    """
    items.sort(key=lambda item: "/e2e/" in str(item.path))


@pytest.fixture(autouse=True)
def _interface_language_reset():
    """Leave no Chinese interface active for the next test after a /zh-hans/ page."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached pages, sign-in counts or rate limits."""
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
