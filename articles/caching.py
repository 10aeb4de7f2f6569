"""Caching of public pages that can never show a reader something it should not.

Rules:
- Only anonymous GET/HEAD requests for public pages are served from the cache or
  stored in it, and only 200 responses. A request carrying a session cookie (an
  editor, even one looking at the public site) always gets a fresh page marked
  `private, no-store`; so does any response that sets a cookie.
- A page's cache key holds the site's *generation*, which moves on whenever
  something a public page shows may have changed: a publish, an unpublish, an edit
  of a published article, a change to a photo, a person, a section, a narration…
  and when a scheduled article's time comes. An edit of a published article
  raises its version and moves the generation in the same transaction, so a
  cached hit needs no query at all.
- Responses say `public, max-age` briefly (a CDN in front cannot be told to purge),
  with `ETag` (ConditionalGetMiddleware) and `Last-Modified` for revalidation.
"""

from functools import wraps
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

STATE_KEY = "newsroom:site-state"
# How long a browser or CDN may reuse a public page without asking again.
PUBLIC_MAX_AGE = 60
# How long the server keeps a rendered page; the generation retires it sooner.
PAGE_TIMEOUT = 24 * 60 * 60


def _next_go_live() -> float | None:
    """Return when the next scheduled article goes public, or None."""
    from .models import Article

    moment = Article.objects.filter(
        status=Article.Status.PUBLISHED, publish_at__gt=timezone.now()
    ).aggregate(at=Min("publish_at"))["at"]
    return moment.timestamp() if moment else None


def _new_state(generation: int, next_go_live: float | None) -> dict:
    state = {"generation": generation, "next_go_live": next_go_live}
    cache.set(STATE_KEY, state, None)
    return state


def _cold_start() -> int:
    """A generation for a cache that lost its state (restarted, or evicted it).

    Counted from the clock, so it is past any generation pages were stored under.
    """
    return int(timezone.now().timestamp() * 1_000_000)


def site_generation() -> int:
    """Return the current generation, moving on if a scheduled article went live."""
    state = cache.get(STATE_KEY)
    if state is None:
        state = _new_state(_cold_start(), _next_go_live())
    elif state["next_go_live"] and timezone.now().timestamp() >= state["next_go_live"]:
        state = _new_state(state["generation"] + 1, _next_go_live())
    return state["generation"]


def site_changed(*, schedule: bool = False) -> None:
    """Retire every cached public page, now and again once the transaction commits.

    The second move matters: a reader served between now and the commit would
    cache the old page under the new generation. `schedule` says the set of
    scheduled articles may have changed, so the next go-live time is looked up.
    """
    _bump(schedule)
    transaction.on_commit(lambda: _bump(schedule))


def _bump(schedule: bool) -> None:
    state = cache.get(STATE_KEY)
    if state is None:
        _new_state(_cold_start(), _next_go_live())
        return
    next_go_live = _next_go_live() if schedule else state["next_go_live"]
    _new_state(state["generation"] + 1, next_go_live)


def content_saved(sender, instance, **kwargs) -> None:
    """Receiver: a change to something public pages show retires the cache.

    Parts of an article (pairs, credits, narration, corrections) count only when
    the article is public; shared things (photos, people, sections…) always do.
    """
    from .models import Article

    if isinstance(instance, Article):
        if instance.status == Article.Status.PUBLISHED:
            site_changed(schedule=True)
        return
    article = getattr(instance, "article", None)
    if article is None or article.status == Article.Status.PUBLISHED:
        site_changed()


def is_private(request) -> bool:
    """A request made with a session is someone's, never the public's."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def public_page():
    """Serve a view's page from the cache for anonymous readers."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if (
                request.method not in ("GET", "HEAD")
                or is_private(request)
                # Off only to measure pages as rendered (bench/settings.py).
                or not getattr(settings, "NEWSROOM_PAGE_CACHE", True)
            ):
                return view(request, *args, **kwargs)
            key = _page_key(request, site_generation())
            cached = cache.get(key)
            if cached is not None:
                content, headers = cached
                response = _rebuild(content, headers)
            else:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response = response.render()
                if response.status_code != 200 or response.cookies:
                    return response
                kept = {
                    name: response[name]
                    for name in ("Content-Type", "Content-Language", "Last-Modified")
                    if response.has_header(name)
                }
                cache.set(key, (response.content, kept), PAGE_TIMEOUT)
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
            return response

        return wrapper

    return decorator


def _page_key(request, generation: int) -> str:
    address = sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"newsroom:page:{generation}:{get_language()}:{address}"


def _rebuild(content: bytes, headers: dict) -> HttpResponse:
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    return response


def last_modified(response, moment) -> None:
    if moment is not None:
        response["Last-Modified"] = http_date(moment.timestamp())


class CachePolicyMiddleware:
    """Make anything personal `private, no-store`, whatever the view said.

    Sits above the session middleware, so it sees the cookies that middleware
    sets, and below WhiteNoise, whose static files are public by design.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_private(request) or response.cookies or _is_admin(request):
            response.headers.pop("Cache-Control", None)
            patch_cache_control(response, private=True, no_store=True)
        elif not response.has_header("Cache-Control"):
            # A page that did not ask to be public (a 404, a form…) is not.
            patch_cache_control(response, private=True, no_cache=True)
        return response


def _is_admin(request) -> bool:
    return request.path.startswith(reverse("admin:index"))
