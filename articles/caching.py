"""Caching of public pages that can never show a reader something it should not.

Rules:
- Only anonymous GET/HEAD requests for public pages are served from the cache or
  stored in it, and only 200 responses. A request carrying a session cookie (an
  editor, even one looking at the public site) always gets a fresh page marked
  `private, no-store`; so does any response that sets a cookie.
- A cached page is stored with the site's *generation*, which moves on whenever
  something a public page shows may have changed: a publish, an unpublish, an edit
  of a published article, a change to a photo, a person, a section, a narration…
  and when a scheduled article's time comes. An edit of a published article
  raises its version and moves the generation in the same transaction, so a
  cached hit needs no query at all, and one cache read (state and page together).
- Behind the page cache, an article's page is kept as a fragment that outlives
  the generation: it is stored with the article's own counter (moved by any
  change to the article or its pairs, credits, narration, corrections) and the
  *shared* counter (moved by changes to what many articles show: photos, people,
  roles, sections). A publish elsewhere only retires the small "more in this
  section" aside, so the first reader after it costs one query, not a render;
  so does an address with any query string (a WeChat share adds one).
- Every counter is read before a page is rendered and moved both at the change
  and when its transaction commits, so a page rendered from data that was about
  to change is stored with counters that no longer match: it is never served.
- Responses say `public, max-age` briefly (a CDN in front cannot be told to purge),
  with `ETag` (ConditionalGetMiddleware) and `Last-Modified` for revalidation.
"""

from collections.abc import Callable
from functools import cache as cache_result
from functools import wraps
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# What shapes a rendered page besides the data: templates, interface text, code.
RELEASE_SOURCES = ("templates", "locale", "articles", "staffcredits", "newsroom")
RELEASE_SUFFIXES = {".html", ".txt", ".xml", ".mo", ".py"}
# How long a browser or CDN may reuse a public page without asking again.
PUBLIC_MAX_AGE = 60
# How long the server keeps a rendered page; the generation retires it sooner.
PAGE_TIMEOUT = 24 * 60 * 60
# An article's own page outlives publishes elsewhere, so it is worth keeping
# longer: an archive is read a little everywhere.
FRAGMENT_TIMEOUT = 7 * PAGE_TIMEOUT


def release() -> str:
    """Name the code that renders pages: NEWSROOM_RELEASE, or a digest of its files.

    The site's state, and so every stored page, belongs to one release: a deploy
    that changes a template or a translation is never served a page the old code
    rendered, with nothing to purge by hand. Every app server running the same
    code computes the same digest.
    """
    return getattr(settings, "NEWSROOM_RELEASE", "") or _code_digest()


@cache_result
def _code_digest() -> str:
    digest = sha256()
    for folder in RELEASE_SOURCES:
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in RELEASE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _state_key() -> str:
    return f"newsroom:site-state:{release()}"


def _next_go_live() -> float | None:
    """Return when the next scheduled article goes public, or None."""
    from .models import Article

    moment = Article.objects.filter(
        status=Article.Status.PUBLISHED, publish_at__gt=timezone.now()
    ).aggregate(at=Min("publish_at"))["at"]
    return moment.timestamp() if moment else None


def _new_state(generation: int, next_go_live: float | None, shared: int) -> dict:
    state = {"generation": generation, "next_go_live": next_go_live, "shared": shared}
    cache.set(_state_key(), state, None)
    return state


def _cold_start() -> int:
    """A generation for a cache that lost its state (restarted, or evicted it).

    Counted from the clock, so it is past any generation pages were stored under.
    """
    return int(timezone.now().timestamp() * 1_000_000)


def _site_state(state: dict | None) -> dict:
    """Return the site's state as read from the cache, brought up to date.

    A state the cache lost starts again from the clock; a scheduled article whose
    time has come moves the generation on.
    """
    if state is None:
        start = _cold_start()
        return _new_state(start, _next_go_live(), start)
    if state["next_go_live"] and timezone.now().timestamp() >= state["next_go_live"]:
        return _new_state(state["generation"] + 1, _next_go_live(), state["shared"])
    return state


def site_generation() -> int:
    """Return the current generation, moving on if a scheduled article went live."""
    return _site_state(cache.get(_state_key()))["generation"]


def site_changed(*, schedule: bool = False, shared: bool = False) -> None:
    """Retire every cached public page, now and again once the transaction commits.

    The second move matters: a reader served between now and the commit would
    cache the old page under the new generation. `schedule` says the set of
    scheduled articles may have changed, so the next go-live time is looked up;
    `shared` that something many articles show changed, so their fragments go too.
    """
    _bump(schedule, shared)
    transaction.on_commit(lambda: _bump(schedule, shared))


def _bump(schedule: bool, shared: bool) -> None:
    state = cache.get(_state_key())
    if state is None:
        _site_state(None)
        return
    _new_state(
        state["generation"] + 1,
        _next_go_live() if schedule else state["next_go_live"],
        state["shared"] + 1 if shared else state["shared"],
    )


def article_changed(pk: int) -> None:
    """Retire an article's page fragments, now and once the transaction commits."""
    key = _article_counter_key(pk)
    _move_counter(key)
    transaction.on_commit(lambda: _move_counter(key))


def _article_counter_key(pk: int) -> str:
    return f"newsroom:article-counter:{pk}"


def _move_counter(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # Not in the cache (never set, or evicted).
        cache.set(key, _cold_start(), None)


def content_saved(sender, instance, **kwargs) -> None:
    """Receiver: a change to something public pages show retires the cache.

    Parts of an article (pairs, credits, narration, corrections) count only when
    the article is public; shared things (photos, people, sections…) always do.
    """
    from .models import Article

    if isinstance(instance, Article):
        article_changed(instance.pk)
        if instance.status == Article.Status.PUBLISHED:
            site_changed(schedule=True)
        return
    article = getattr(instance, "article", None)
    if article is None:
        site_changed(shared=True)
        return
    article_changed(article.pk)
    if article.status == Article.Status.PUBLISHED:
        site_changed()


def is_private(request) -> bool:
    """A request made with a session is someone's, never the public's."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def public_page():
    """Mark a view's pages public: a CDN and PageCacheMiddleware may keep them.

    Only an anonymous reader's successful GET is marked; the middleware still
    refuses anything that, by the time the whole stack is done, sets a cookie or
    is not `public` any more.
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


class PageCacheMiddleware:
    """Serve anonymous readers the public pages stored for them, before anything else.

    Sits right below WhiteNoise: a stored page is answered without the session,
    CSRF, auth or locale middleware, the URL resolver or the view, with the headers
    the whole stack gave it the first time (the policy, the ETag…), and a 304 when
    the reader already has it. Every public page's address starts with its
    language (/en/, /zh-hans/), so the address alone tells pages apart.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or is_private(request)
            # Off only to measure pages as rendered (bench/settings.py).
            or not getattr(settings, "NEWSROOM_PAGE_CACHE", True)
        ):
            return self.get_response(request)
        key = _page_key(request)
        state_key = _state_key()
        found = cache.get_many([state_key, key])
        generation = _site_state(found.get(state_key))["generation"]
        if (stored := _fresh(found.get(key), generation)) is not None:
            return _replay(request, *stored)
        response = self.get_response(request)
        if (
            getattr(response, "newsroom_public_page", False)
            and response.status_code == 200
            and not response.cookies
            and "public" in response.get("Cache-Control", "")
        ):
            stored = (response.content, dict(response.items()))
            cache.set(key, (generation, stored), PAGE_TIMEOUT)
        return response


def _replay(request, content: bytes, headers: dict) -> HttpResponse:
    response = HttpResponse(content, headers=headers)
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


# Where an article page's "more in this section" aside goes: a comment, which the
# sanitiser strips from any text an editor writes, so no story can contain it.
RELATED_SLOT = mark_safe("<!--newsroom:related-->")


def article_page(
    request,
    pk: int,
    mode: str,
    render_page: Callable[[], str],
    render_related: Callable[[], str],
) -> str:
    """Return a published article's page, rendering only the parts that changed.

    `render_page` renders the page with RELATED_SLOT in place of the aside, which
    `render_related` renders; each is stored apart (see the module's rules). Like
    whole pages, fragments are never made for nor served to a signed-in reader.
    """
    if is_private(request) or not getattr(settings, "NEWSROOM_FRAGMENT_CACHE", True):
        return render_page().replace(RELATED_SLOT, render_related(), 1)
    language = get_language()
    counter_key = _article_counter_key(pk)
    page_key = f"newsroom:article:{pk}:{language}:{mode}"
    related_key = f"newsroom:related:{pk}:{language}"
    state_key = _state_key()
    found = cache.get_many([state_key, counter_key, page_key, related_key])
    state = _site_state(found.get(state_key))
    counter = found.get(counter_key)
    if counter is None:
        # Added, never set: a change that just moved the counter must not be undone.
        cache.add(counter_key, _cold_start(), None)
        counter = cache.get(counter_key)
    page_stamp, related_stamp = (counter, state["shared"]), state["generation"]
    missing = {}
    if (page := _fresh(found.get(page_key), page_stamp)) is None:
        page = render_page()
        missing[page_key] = (page_stamp, page)
    if (related := _fresh(found.get(related_key), related_stamp)) is None:
        related = render_related()
        missing[related_key] = (related_stamp, related)
    if missing:
        cache.set_many(missing, FRAGMENT_TIMEOUT)
    return page.replace(RELATED_SLOT, related, 1)


def _page_key(request) -> str:
    # The Host header as sent: a host Django refuses never gets a page stored, and
    # refusing it is left to the stack below, which answers with its own headers.
    address = f"{request.META.get('HTTP_HOST', '')}{request.get_full_path()}"
    return f"newsroom:page:{sha256(address.encode()).hexdigest()[:32]}"


def _fresh(entry: tuple | None, stamp):
    """Return what a cache entry holds if it was stored under `stamp`, else None.

    Entries keep the counters they were rendered under beside them, in one key
    per page that the next render overwrites, so one read finds the page and the
    counters it must match, and retired pages take no room.
    """
    if entry is None or entry[0] != stamp:
        return None
    return entry[1]


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
