"""Real Chromium (Debian's package) driven by Playwright against the live server."""

import os
from pathlib import Path

import pytest
from django.db import connections

from .html_check import RenderedPages

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Flags for a sandboxed machine with no network beyond loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser(migrations_rows):
    if not CHROMIUM.exists():
        reason = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; the ORM calls the
    # tests make around it are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        # From here on Django hands out new connection objects, which lack the
        # migrations' rows a serialized rollback restores: without them every
        # later test would find no groups or roles.
        for alias, rows in migrations_rows.items():
            connections[alias]._test_serialized_contents = rows
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Check the HTML last, once every other browser test has rendered its pages."""
    items.sort(key=lambda item: item.path.name == "test_html_validity.py")


@pytest.fixture(scope="session")
def rendered_pages():
    """The public pages the browser tests render, for one run of the HTML checker."""
    return RenderedPages()


@pytest.fixture
def page(browser, rendered_pages):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    rendered_pages.watch(page)
    yield page
    context.close()
