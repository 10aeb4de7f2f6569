"""The page cache app (its middleware is in MIDDLEWARE)."""

from django.apps import AppConfig


class PagecacheConfig(AppConfig):
    """The public page cache and its stamps; it knows nothing of what pages show."""

    name = "pagecache"
