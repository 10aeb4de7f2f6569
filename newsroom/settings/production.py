"""Production: everything secret or host-specific comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *

if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in the environment.")
# Canonical links, feeds, sitemaps and share codes are built on the site's address;
# a production site left on the development default would publish 127.0.0.1.
if not os.environ.get("NEWSROOM_SITE_URL"):
    raise ImproperlyConfigured(
        "Set NEWSROOM_SITE_URL to the public address, e.g. https://news.example.com."
    )

# Stored pages are retired by counters in the cache. In each worker's own memory a
# save on one worker would leave the others serving the old page: without a shared
# cache (REDIS_URL) no page is cached; article pages are still served as stored
# with the article (articles/rendering.py), which every worker shares.
if not os.environ.get("REDIS_URL"):
    NEWSROOM_PAGE_CACHE = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]
