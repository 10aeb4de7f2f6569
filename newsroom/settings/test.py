"""Tests: fast hashing, plain static storage, media in a temporary folder."""

import os
import tempfile
from pathlib import Path

from .base import *

SECRET_KEY = "test-only-not-secret"  # noqa: S105 - the test settings only
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")

# WhiteNoise serves from the finders here; nothing is collected.
STATIC_ROOT = None

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not shared memory: the concurrency tests give each thread its own
    # connection, and only a file shows how SQLite really serialises writers.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"newsroom-test-{os.getpid()}.db")
    }
