"""What the page cache (pagecache/) knows of articles: what retires what, and when.

Changes to articles and to what they show retire stored pages; scheduled articles
say when the public pages next change. An article's own page is kept with the
article, not in the cache (articles/rendering.py). The design: docs/caching.md.
"""

from datetime import datetime

from django.db.models import Min, Q

from pagecache.stamps import site_changed

from .rendering import pages_changed


def next_go_live() -> datetime | None:
    """Return when the next scheduled article goes public (pagecache's schedule)."""
    from .models import Article

    return Article.objects.scheduled().aggregate(at=Min("publish_at"))["at"]


def article_changed_received(sender, article_id: int, events, **kwargs) -> None:
    """Receiver of `articles.events.article_changed`: a move in or out of public.

    Publishing writes past `post_save` (a compare-and-swap `update()`), so the
    workflow's events retire the pages, once the move is committed: the site's,
    and the article's own, which show when it was published.
    """
    from .models import Article

    public = Article.Status.PUBLISHED
    if any(public in (event.from_status, event.to_status) for event in events):
        site_changed(schedule=True)
        pages_changed(Q(pk=article_id))


def content_saved(sender, instance, **kwargs) -> None:
    """Receiver: a change to something public pages show retires the cache.

    A change to an article or one of its parts (pairs, credits, narration,
    corrections) retires every page only when the article is public; shared
    things (photos, people, sections…) always do.
    """
    from .models import Article

    if isinstance(instance, Article):
        if instance.status == Article.Status.PUBLISHED:
            site_changed(schedule=True)
        return
    article = getattr(instance, "article", None)
    if article is None or article.status == Article.Status.PUBLISHED:
        site_changed()
