"""An article's public page, rendered once and kept with the article.

A page is rendered when a reader first asks for it after a change and stored in
the database beside the article (StoredPage), as Ghost keeps a post's HTML; until
something the page shows changes, every reader is served that copy, cache or no
cache. Anything a page shows changing (the article, its pairs, credits,
narration, corrections; a photo, a person, a role, a section, the publication)
gives every article showing it a new `pages_stamp`, in the transaction of the
change: a stored page is served only under the stamp it was rendered with and by
the release that rendered it. Why this is safe under concurrent readers:
docs/caching.md.
"""

import logging
import secrets
from collections.abc import Callable
from datetime import datetime

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from pagecache.stamps import release
from staffcredits.models import CreditRole, StaffMember

from .models import (
    VOICE,
    Article,
    ArticleCredit,
    Block,
    Correction,
    Narration,
    Photo,
    Publication,
    Section,
    StoredPage,
)

logger = logging.getLogger(__name__)


def stored_or_rendered(
    found: Article, language: str, mode: str, render: Callable[[], str]
) -> tuple[str, datetime]:
    """Return an article's page and when it was rendered: the stored one if current,
    else `render()`'s, stored for the next reader.

    `found` comes annotated by `ArticleQuerySet.with_stored_page(language, mode)`.
    """
    if found.stored_stamp == found.pages_stamp and found.stored_release == release():
        return found.stored_html, found.stored_at
    rendered_at = timezone.now()
    html = render()
    _store(found, language, mode, html, rendered_at)
    return html, rendered_at


def _store(
    article: Article, language: str, mode: str, html: str, rendered_at: datetime
) -> None:
    """Keep `html` as the article's page, under the stamp read before rendering it.

    A reader's request writes here; a failure (the article deleted meanwhile, a
    busy database) leaves the page unstored and the reader still served.
    """
    page = StoredPage(
        article_id=article.pk,
        language=language,
        mode=mode,
        html=html,
        stamp=article.pages_stamp,
        release=release(),
        rendered_at=rendered_at,
    )
    try:
        with transaction.atomic():
            StoredPage.objects.bulk_create(
                [page],
                update_conflicts=True,
                unique_fields=["article", "language", "mode"],
                update_fields=["html", "stamp", "release", "rendered_at"],
            )
    except DatabaseError:
        logger.warning("article %s: page not stored", article.pk, exc_info=True)


def pages_changed(articles: Q) -> None:
    """Retire the stored pages of the articles matching `articles`."""
    showing = Article.objects.filter(articles).values("pk")
    Article.objects.filter(pk__in=showing).update(pages_stamp=secrets.randbits(62))


def showing(instance) -> Q | None:
    """Return which articles' pages show `instance`, or None if none can."""
    match instance:
        case Article():
            return Q(pk=instance.pk)
        case Block() | ArticleCredit() | Narration() | Correction():
            return Q(pk=instance.article_id)
        case Photo():
            return Q(hero_photo=instance) | Q(blocks__photo=instance)
        case StaffMember():
            return (
                Q(credits__member=instance)
                | Q(narrations__voice=instance)
                | Q(hero_photo__photographers=instance)
                | Q(blocks__photo__photographers=instance)
            )
        case CreditRole():
            credited = Q(credits__role=instance)
            # The narrator is named under the Voice role, credited or not.
            if instance.code == VOICE:
                return credited | Q(narrations__isnull=False)
            return credited
        case Section():
            return Q(section=instance)
        case Publication():
            return Q(publication=instance)
    return None


def shown_changed(sender, instance, raw=False, **kwargs) -> None:
    """Receiver (post_save, pre_delete): retire the pages that show `instance`.

    Before a delete, while what it is shown on can still be found. A revision
    restored (a raw save) writes back an old stamp, and gets a new one here.
    """
    if (articles := showing(instance)) is not None:
        pages_changed(articles)


def photographers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Receiver (m2m_changed of Photo.photographers): retire the photos' pages."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse or action == "pre_clear":  # reversed: someone off every photo
        pages_changed(showing(instance))
    else:
        pages_changed(Q(hero_photo__in=pk_set) | Q(blocks__photo__in=pk_set))
