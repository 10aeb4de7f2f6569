"""Local development: debug on, a fixed throwaway secret, localhost only."""

from .base import *

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# WhiteNoise serves from the finders here; nothing is collected.
STATIC_ROOT = None
