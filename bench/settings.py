"""Settings for the load benchmark (bench/load.py): production's, on a scratch site.

Everything production does stays on (DEBUG off, WhiteNoise with hashed files, the
middleware stack, persistent database connections); what changes is where the data
lives and how the page cache is set up, from the environment bench/load.py sets:

- BENCH_DIR: the run's temporary folder (SQLite file, collected static, media).
- BENCH_CACHE: "locmem" (default: one cache per gunicorn worker), "redis"
  (BENCH_REDIS_URL, default database 14 on 127.0.0.1, under a per-run prefix) or
  "dummy" (Django's DummyCache: nothing cached anywhere, the "cold" figures).
- BENCH_PAGE_CACHE: "0" turns the public page cache off, so every request runs
  its view: the "uncached" figures.
- BENCH_CONN_MAX_AGE: seconds a worker keeps its database connection (600).
"""

import os
import secrets
from pathlib import Path

BENCH_DIR = Path(os.environ.get("BENCH_DIR", "/tmp/newsroom-bench"))
# Production refuses to start without these; the bench makes its own.
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("NEWSROOM_SITE_URL", "http://127.0.0.1:8000")
os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
os.environ["DATABASE_CONN_MAX_AGE"] = os.environ.get("BENCH_CONN_MAX_AGE", "600")
# The cache and media are the bench's own, whatever this shell points at.
for name in ("REDIS_URL", "NEWSROOM_S3_BUCKET", "AWS_STORAGE_BUCKET_NAME"):
    os.environ.pop(name, None)

from newsroom.settings.production import *

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.urls"
# Plain HTTP on 127.0.0.1: in production TLS ends at the proxy in front.
SECURE_SSL_REDIRECT = False

# Workflow mail from building the dataset stays in memory.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

STATIC_ROOT = BENCH_DIR / "static"
MEDIA_ROOT = BENCH_DIR / "media"

NEWSROOM_PAGE_CACHE = os.environ.get("BENCH_PAGE_CACHE", "1") != "0"
BENCH_CACHE = os.environ.get("BENCH_CACHE", "locmem")
if BENCH_CACHE == "dummy":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif BENCH_CACHE == "redis":
    CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
            "KEY_PREFIX": os.environ.get("BENCH_CACHE_PREFIX", "newsroom-bench"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Quiet: only errors, on stderr (gunicorn's error log).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
