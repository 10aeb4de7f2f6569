"""The page cache and the cache policy, as middleware (see MIDDLEWARE's comments).

PageCacheMiddleware serves anonymous readers stored public pages under a current
stamp; CachePolicyMiddleware makes anything personal `private, no-store`.
The rules: docs/caching.md.
"""

from functools import lru_cache
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import get_script_prefix, reverse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from .near import NearPages
from .pages import is_private, public_address
from .stamps import GENERATION_KEY, GO_LIVE_KEY, fresh, read_state, release

# How long the server keeps a rendered page; the generation retires it sooner.
PAGE_TIMEOUT = 24 * 60 * 60


class PageCacheMiddleware:
    """Serve anonymous readers the public pages stored for them, before anything else.

    Sits right below WhiteNoise: a stored page is answered without the session,
    CSRF, auth or locale middleware, the URL resolver or the view, with the headers
    the whole stack gave it the first time (the policy, the ETag…). Every public
    page's address starts with its language (/en/, /zh-hans/), so the address
    tells pages apart. Revalidations (If-None-Match, If-Modified-Since) are
    answered here, after a page is stored, so that a CDN asking again whether a
    page changed also refills the store rather than getting a 304 from below.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Only pages under a language prefix are public (i18n_patterns): nothing
        # else is ever stored, so nothing else is looked for.
        self.page_prefixes = tuple(f"/{code}/" for code, _ in settings.LANGUAGES)
        # With Redis, the pages this worker served, kept in its memory (near.py).
        self.near = NearPages.for_default_cache()

    def __call__(self, request):
        if (
            not settings.NEWSROOM_PAGE_CACHE
            or request.method not in ("GET", "HEAD")
            or not request.path_info.startswith(self.page_prefixes)
            or is_private(request)
        ):
            return self.get_response(request)
        key = _page_key(request)
        kept, heard = self.near.page(key) if self.near else (None, None)
        if kept is not None:
            return _answer(request, kept)
        state, found = read_state(key)
        stamp = (release(), state[GENERATION_KEY])
        go_live = found.get(GO_LIVE_KEY)
        if (stored := fresh(found.get(key), stamp)) is not None:
            if self.near:
                self.near.keep(key, stamp, stored, go_live, heard)
            return _answer(request, stored)
        conditions = {
            name: request.META.pop(name)
            for name in ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
            if name in request.META
        }
        response = self.get_response(request)
        request.META.update(conditions)
        if (
            request.method == "GET"
            and getattr(response, "newsroom_public_page", False)
            and response.status_code == 200
            and not response.cookies
            and "public" in response.get("Cache-Control", "")
        ):
            stored = (response.content, dict(response.items()))
            cache.set(key, (stamp, stored), PAGE_TIMEOUT)
            if self.near:
                self.near.keep(key, stamp, stored, go_live, heard)
        return _answer_conditionally(request, response)


def _page_key(request) -> str:
    # The Host header as sent: a host Django refuses never gets a page stored, and
    # refusing it is left to the stack below, which answers with its own headers.
    address = f"{request.META.get('HTTP_HOST', '')}{public_address(request)}"
    return f"newsroom:page:{sha256(address.encode()).hexdigest()[:32]}"


def _answer(request, stored):
    content, headers = stored
    return _answer_conditionally(request, HttpResponse(content, headers=headers))


def _answer_conditionally(request, response):
    if response.status_code != 200:
        return response
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


class CachePolicyMiddleware:
    """Make anything personal `private, no-store`, whatever the view said.

    Sits above the session middleware, so it sees the cookies that middleware
    sets, and below WhiteNoise, whose static files are public by design.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Whole headers, set rather than patched: nothing the view said still holds.
        if is_private(request) or response.cookies or _is_admin(request):
            response["Cache-Control"] = "private, no-store"
        elif not response.has_header("Cache-Control"):
            # A page that did not ask to be public (a 404, a form…) is not.
            response["Cache-Control"] = "private, no-cache"
        return response


def _is_admin(request) -> bool:
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    return request.path_info.startswith(_admin_path_info(urlconf))


@lru_cache
def _admin_path_info(urlconf) -> str:
    """The admin's address below the script prefix, reversed once per URLconf."""
    return "/" + reverse("admin:index", urlconf=urlconf).removeprefix(
        get_script_prefix()
    )
