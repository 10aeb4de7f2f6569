"""What views use to make their pages public and link to them.

Views mark their anonymous readers' pages public (`public_page`); the page cache
middleware stores them by `public_address`. The rules: docs/caching.md.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

# How long a browser or CDN may reuse a public page without asking again.
PUBLIC_MAX_AGE = 60


def is_private(request) -> bool:
    """A request made with a session is someone's, never the public's."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def public_address(request) -> str:
    """Return the address of the public page a request asks for.

    Its path, and the query parameters a public page depends on (the setting
    NEWSROOM_PAGE_PARAMETERS) in a fixed order: `/en/?utm_source=x` is `/en/`.
    Pages link to this address, never to the query a reader came with, so a
    stored page repeats nothing of it.
    """
    kept = [
        (name, request.GET[name])
        for name in settings.NEWSROOM_PAGE_PARAMETERS
        if name in request.GET
    ]
    return f"{request.path}?{urlencode(kept)}" if kept else request.path


def public_page():
    """Mark a view's pages public: a CDN and PageCacheMiddleware may keep them.

    Only an anonymous reader's successful GET or HEAD is marked; the middleware
    still refuses anything that, by the time the whole stack is done, sets a
    cookie or is not `public` any more.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if (
                request.method in ("GET", "HEAD")
                and not is_private(request)
                and response.status_code == 200
            ):
                patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
                response.newsroom_public_page = True
            return response

        return wrapper

    return decorator


def last_modified(response, timestamp: float) -> None:
    response["Last-Modified"] = http_date(timestamp)
