"""What the page cache (pagecache/) knows of articles: what retires what, and when.

Changes to articles and to what they show retire stored pages and an article's
fragments; scheduled articles say when the public pages next change; an article
page is kept as two fragments, the page and its aside. The design: docs/caching.md.
"""

from collections.abc import Callable
from datetime import datetime

from django.db.models import Min
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from pagecache.fragments import Fragment, read_fragments
from pagecache.stamps import GENERATION_KEY, SHARED_KEY, counter_changed, site_changed

# Where an article page's "more in this section" aside goes: a comment, which the
# sanitiser strips from any text an editor writes, so no story can contain it.
RELATED_SLOT = mark_safe("<!--newsroom:related-->")


def next_go_live() -> datetime | None:
    """Return when the next scheduled article goes public (pagecache's schedule)."""
    from .models import Article

    return Article.objects.scheduled().aggregate(at=Min("publish_at"))["at"]


def article_changed(pk: int) -> None:
    """Retire an article's page fragments, now and once the transaction commits."""
    counter_changed(_article_counter_key(pk))


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


def article_page(
    request,
    pk: int,
    mode: str,
    render_page: Callable[[], str],
    render_related: Callable[[], str],
) -> tuple[str, float]:
    """Return a published article's page and when its newest part was rendered.

    `render_page` renders the page with RELATED_SLOT in place of the aside, which
    `render_related` renders. The page is stamped with the article's counter and
    the shared one; the aside, which shows other articles, with the generation.
    """
    language = get_language()
    (page, page_at), (related, related_at) = read_fragments(
        request,
        Fragment(
            f"newsroom:article:{pk}:{language}:{mode}",
            (_article_counter_key(pk), SHARED_KEY),
            render_page,
        ),
        Fragment(
            f"newsroom:related:{pk}:{language}", (GENERATION_KEY,), render_related
        ),
    )
    return page.replace(RELATED_SLOT, related, 1), max(page_at, related_at)
