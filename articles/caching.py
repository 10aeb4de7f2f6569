"""Caching of public pages that can never show a reader something it should not.

Rules:
- Only anonymous GET requests for public pages are stored, and only 200 responses
  that set no cookie; anonymous GET and HEAD requests are served from the store.
  A request carrying a session cookie (an editor, even one looking at the public
  site) always gets a fresh page marked `private, no-store`.
- Every stored page carries the *stamp* it was rendered under: the release (the
  code that rendered it) and counters kept in the cache, which writers move with
  an atomic increment and never set back. A page is served only while its stamp
  is current, so nothing needs to be found and deleted:
  - the site's *generation* moves whenever something a public page shows may have
    changed: a publish, an unpublish, an edit of a published article, a change to
    a photo, a person, a section, a narration… and when a scheduled article's
    time comes. Whole pages are stamped with it, and a hit needs no query.
  - behind the page cache, an article's page is kept as a fragment stamped with
    the article's own counter (moved by any change to the article or its pairs,
    credits, narration, corrections) and the *shared* counter (moved by changes to
    what many articles show: photos, people, roles, sections). A publish
    elsewhere only retires its small "more in this section" aside, so the first
    reader after it costs one query, not a render.
- Counters are read before a page is rendered and moved both at the change and
  when its transaction commits, so a page rendered from data that was about to
  change is stored under a stamp that is already past: it is never served.
- A counter the cache lost starts again from the clock, past any stamp stored.
- Responses say `public, max-age` briefly (a CDN in front cannot be told to purge),
  with an `ETag` and `Last-Modified` for revalidation, which this module answers
  itself so that a CDN's revalidations fill the store too.
"""

from collections.abc import Callable
from functools import cache as cache_result
from functools import wraps
from hashlib import sha256
from pathlib import Path
from urllib.parse import urlencode

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

from .pagination import NEWER, OLDER

GENERATION_KEY = "newsroom:generation"
SHARED_KEY = "newsroom:shared"
GO_LIVE_KEY = "newsroom:next-go-live"
NOTHING_SCHEDULED = float("inf")
# The only query parameters a public page depends on: the listings' cursors. Any
# other (a WeChat share's ?from=…, utm_…) is left out of the page's address.
PAGE_PARAMETERS = (OLDER, NEWER)
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
# Where an article page's "more in this section" aside goes: a comment, which the
# sanitiser strips from any text an editor writes, so no story can contain it.
RELATED_SLOT = mark_safe("<!--newsroom:related-->")


def release() -> str:
    """Name the code that renders pages: NEWSROOM_RELEASE, or a digest of its files.

    Part of every stamp: a deploy that changes a template, a translation or a
    static file is never served a page the old code rendered, nor, rolled back,
    one the new code rendered; there is nothing to purge by hand. Every app server
    running the same code computes the same digest.
    """
    return settings.NEWSROOM_RELEASE or _code_digest()


@cache_result
def _code_digest() -> str:
    digest = sha256()
    for folder in RELEASE_SOURCES:
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in RELEASE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    # Collected static files are named by their content (WhiteNoise's manifest).
    if settings.STATIC_ROOT:
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if manifest.is_file():
            digest.update(manifest.read_bytes())
    digest.update(f"{settings.SITE_URL} {settings.MEDIA_URL}".encode())
    return digest.hexdigest()[:16]


def _start_counter(key: str) -> int:
    """Start a counter the cache does not have from the clock; return its value.

    Added, never set, so a move another process just made is not undone.
    """
    cache.add(key, int(timezone.now().timestamp() * 1_000_000), None)
    return cache.get(key)


def _move_counter(key: str) -> int:
    try:
        return cache.incr(key)
    except ValueError:  # Not in the cache (never set, or evicted).
        return _start_counter(key)


def _next_go_live() -> float:
    """Return when the next scheduled article goes public, and remember it."""
    from .models import Article

    moment = Article.objects.filter(
        status=Article.Status.PUBLISHED, publish_at__gt=timezone.now()
    ).aggregate(at=Min("publish_at"))["at"]
    at = moment.timestamp() if moment else NOTHING_SCHEDULED
    cache.set(GO_LIVE_KEY, at, None)
    return at


def _read_state(*keys: str) -> tuple[dict, dict]:
    """Read the site's counters and `keys` in one cache request.

    Returns the generation and shared counter, up to date (a scheduled article
    whose time has come moves the generation), and what was found for `keys`.
    """
    found = cache.get_many([GENERATION_KEY, SHARED_KEY, GO_LIVE_KEY, *keys])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = _start_counter(GENERATION_KEY)
    shared = found.get(SHARED_KEY)
    if shared is None:
        shared = _start_counter(SHARED_KEY)
    go_live = found.get(GO_LIVE_KEY)
    # Lost, the go-live time may have passed unseen: moving on is the safe guess.
    if go_live is None or timezone.now().timestamp() >= go_live:
        generation = _move_counter(GENERATION_KEY)
        _next_go_live()
    return {"generation": generation, "shared": shared}, found


def site_generation() -> int:
    """Return the current generation, moving on if a scheduled article went live."""
    return _read_state()[0]["generation"]


def site_changed(*, schedule: bool = False, shared: bool = False) -> None:
    """Retire every cached public page, now and again once the transaction commits.

    The second move matters: a reader served between now and the commit would
    store the old page under the new generation. `schedule` says the set of
    scheduled articles may have changed, so the next go-live time is looked up;
    `shared` that something many articles show changed, so their fragments go too.
    """

    def move():
        _move_counter(GENERATION_KEY)
        if shared:
            _move_counter(SHARED_KEY)
        if schedule:
            _next_go_live()

    move()
    transaction.on_commit(move)


def article_changed(pk: int) -> None:
    """Retire an article's page fragments, now and once the transaction commits."""
    key = _article_counter_key(pk)
    _move_counter(key)
    transaction.on_commit(lambda: _move_counter(key))


def article_changed_received(sender, article_id: int, events, **kwargs) -> None:
    """Receiver of `articles.events.article_changed`: a move in or out of public.

    Publishing writes past `post_save` (a compare-and-swap `update()`), so the
    workflow's events retire the pages, once the move is committed.
    """
    from .models import Article

    public = Article.Status.PUBLISHED
    if any(public in (event.from_status, event.to_status) for event in events):
        site_changed(schedule=True)
        article_changed(article_id)


def _article_counter_key(pk: int) -> str:
    return f"newsroom:article-counter:{pk}"


def content_saved(sender, instance, **kwargs) -> None:
    """Receiver: a change to something public pages show retires the cache.

    Any change to an article or one of its parts (pairs, credits, narration,
    corrections) retires that article's fragments; it retires every page only
    when the article is public. Shared things (photos, people, sections…) always
    retire every page and every article's fragments.
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


def public_address(request) -> str:
    """Return the address of the public page a request asks for.

    Its path, and the query parameters a public page depends on (PAGE_PARAMETERS)
    in a fixed order: `/en/?utm_source=x` is `/en/`. Pages link to this address,
    never to the query a reader came with, so a stored page repeats nothing of it.
    """
    kept = [
        (name, request.GET[name]) for name in PAGE_PARAMETERS if name in request.GET
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

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or is_private(request)
            or not settings.NEWSROOM_PAGE_CACHE
        ):
            return self.get_response(request)
        key = _page_key(request)
        state, found = _read_state(key)
        stamp = (release(), state["generation"])
        if (stored := _fresh(found.get(key), stamp)) is not None:
            content, headers = stored
            return _answer_conditionally(
                request, HttpResponse(content, headers=headers)
            )
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
        return _answer_conditionally(request, response)


def _page_key(request) -> str:
    # The Host header as sent: a host Django refuses never gets a page stored, and
    # refusing it is left to the stack below, which answers with its own headers.
    address = f"{request.META.get('HTTP_HOST', '')}{public_address(request)}"
    return f"newsroom:page:{sha256(address.encode()).hexdigest()[:32]}"


def _answer_conditionally(request, response):
    if response.status_code != 200:
        return response
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


def article_page(
    request,
    pk: int,
    mode: str,
    render_page: Callable[[], str],
    render_related: Callable[[], str],
) -> tuple[str, float]:
    """Return a published article's page and when its newest part was rendered.

    `render_page` renders the page with RELATED_SLOT in place of the aside, which
    `render_related` renders; each is stored apart (see the module's rules). Like
    whole pages, fragments are never made for nor served to a signed-in reader.
    """
    now = timezone.now().timestamp()
    if is_private(request) or not settings.NEWSROOM_FRAGMENT_CACHE:
        return render_page().replace(RELATED_SLOT, render_related(), 1), now
    language = get_language()
    counter_key = _article_counter_key(pk)
    page_key = f"newsroom:article:{pk}:{language}:{mode}"
    related_key = f"newsroom:related:{pk}:{language}"
    state, found = _read_state(counter_key, page_key, related_key)
    counter = found.get(counter_key)
    if counter is None:
        counter = _start_counter(counter_key)
    page_stamp = (release(), counter, state["shared"])
    related_stamp = (release(), state["generation"])
    missing = {}
    if (page := _fresh(found.get(page_key), page_stamp)) is None:
        page = (render_page(), now)
        missing[page_key] = (page_stamp, page)
    if (related := _fresh(found.get(related_key), related_stamp)) is None:
        related = (render_related(), now)
        missing[related_key] = (related_stamp, related)
    if missing:
        cache.set_many(missing, FRAGMENT_TIMEOUT)
    return page[0].replace(RELATED_SLOT, related[0], 1), max(page[1], related[1])


def _fresh(entry: tuple | None, stamp: tuple):
    """Return what a cache entry holds if it was stored under `stamp`, else None.

    Entries keep their stamp beside them, in one key per page that the next render
    overwrites, so one read finds the page and the counters it must match, and
    retired pages take no room.
    """
    if entry is None or entry[0] != stamp:
        return None
    return entry[1]


def last_modified(response, timestamp: float) -> None:
    response["Last-Modified"] = http_date(timestamp)


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
