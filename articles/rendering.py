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
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import mark_safe

from pagecache.stamps import release
from staffcredits.models import CreditRole, StaffMember

from .models import (
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

# Where an article page's "more in this section" aside goes: a comment, which the
# sanitiser strips from any text an editor writes, so no story can contain it.
RELATED_SLOT = mark_safe("<!--newsroom:related-->")


@dataclass(frozen=True)
class Found:
    """A public article, as its page needs it: its stamp, and its stored page."""

    pk: int
    section_id: int | None
    pages_stamp: int
    site_generation: int
    stored: StoredPage | None


# The article a reader asks for, if public (ArticleQuerySet.published()), with its
# stored page in the language and mode asked for and the site's generation: one
# query, written out because the ORM takes 30 times longer to build it than the
# database to answer it, and it runs for every article page served.
PUBLIC_PAGE_SQL = """
SELECT a.id, a.section_id, a.pages_stamp,
       COALESCE((SELECT s.generation FROM {site_state} s ORDER BY s.id LIMIT 1), 0),
       p.id, p.html, p.stamp, p.release, p.aside_html, p.aside_generation,
       p.aside_until, p.rendered_at
FROM {article} a
LEFT JOIN {stored_page} p
       ON p.article_id = a.id AND p.language = %s AND p.mode = %s
WHERE a.slug = %s AND a.status = %s AND (a.publish_at IS NULL OR a.publish_at <= %s)
"""


def find_public(slug: str, language: str, mode: str) -> Found | None:
    """Return the public article `slug` with its stored page, or None."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            _public_page_sql(connection.vendor),
            [language, mode, slug, Article.Status.PUBLISHED.value, now],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    pk, section_id, pages_stamp, generation, stored_pk, *stored = row
    page = None
    if stored_pk is not None:
        html, stamp, release_, aside, aside_generation, until, rendered_at = stored
        page = StoredPage(
            pk=stored_pk,
            article_id=pk,
            language=language,
            mode=mode,
            html=html,
            stamp=stamp,
            release=release_,
            aside_html=aside,
            aside_generation=aside_generation,
            aside_until=_to_datetime(until),
            rendered_at=_to_datetime(rendered_at),
        )
    return Found(pk, section_id, pages_stamp, generation, page)


@cache
def _public_page_sql(vendor: str) -> str:
    from pagecache.models import SiteState

    quote = connection.ops.quote_name
    return PUBLIC_PAGE_SQL.format(
        site_state=quote(SiteState._meta.db_table),
        article=quote(Article._meta.db_table),
        stored_page=quote(StoredPage._meta.db_table),
    )


def _to_datetime(value):
    """Convert a date-time column as the ORM would (SQLite's is naive)."""
    if value is None:
        return value
    column, converters = _datetime_converters(connection.vendor)
    for converter in converters:
        value = converter(value, column, connection)
    return value


@cache
def _datetime_converters(vendor: str) -> tuple:
    column = StoredPage._meta.get_field("rendered_at").get_col(
        StoredPage._meta.db_table
    )
    return column, tuple(connection.ops.get_db_converters(column))


def article_page(
    found: Found,
    language: str,
    mode: str,
    render_page: Callable[[], str],
    render_aside: Callable[[], tuple[str, datetime | None]],
) -> tuple[str, datetime]:
    """Return an article's page, its aside in place, and when it was last rendered.

    `found` comes from `find_public(…, language, mode)`. What is stored and
    current is served; what is not is rendered and stored for the next reader:
    the page with `render_page()` (with RELATED_SLOT where the aside goes), the
    aside with `render_aside()`, which also says until when it holds (a scheduled
    story's go-live time, or None).
    """
    now = timezone.now()
    stored = found.stored
    page_current = (
        stored is not None
        and stored.stamp == found.pages_stamp
        and stored.release == release()
    )
    aside_current = (
        page_current
        and stored.aside_generation == found.site_generation
        and (stored.aside_until is None or now < stored.aside_until)
    )
    if aside_current:
        page = stored.html.replace(RELATED_SLOT, stored.aside_html, 1)
        return page, stored.rendered_at
    aside, until = render_aside()
    if page_current:  # Only the aside is new: the page's HTML is not written again.
        _store_aside(stored.pk, aside, found.site_generation, until, now)
        return stored.html.replace(RELATED_SLOT, aside, 1), now
    page = render_page()
    _store(
        StoredPage(
            article_id=found.pk,
            language=language,
            mode=mode,
            html=page,
            stamp=found.pages_stamp,
            release=release(),
            aside_html=aside,
            aside_generation=found.site_generation,
            aside_until=until,
            rendered_at=now,
        )
    )
    return page.replace(RELATED_SLOT, aside, 1), now


def _store(page: StoredPage) -> None:
    """Keep `page`, stamped with what was read before rendering it.

    A reader's request writes here; a failure (the article deleted meanwhile, a
    busy database) leaves the page unstored and the reader still served.
    """
    try:
        with transaction.atomic():
            StoredPage.objects.bulk_create(
                [page],
                update_conflicts=True,
                unique_fields=["article", "language", "mode"],
                update_fields=[
                    "html",
                    "stamp",
                    "release",
                    "aside_html",
                    "aside_generation",
                    "aside_until",
                    "rendered_at",
                ],
            )
    except DatabaseError:
        logger.warning("article %s: page not stored", page.article_id, exc_info=True)


def _store_aside(
    pk: int, aside: str, generation: int, until: datetime | None, now: datetime
) -> None:
    """Keep a stored page's new aside; a failure leaves the old one to be redone."""
    changes = {
        "aside_html": aside,
        "aside_generation": generation,
        "aside_until": until,
        "rendered_at": now,
    }
    try:
        StoredPage.objects.filter(pk=pk).update(**changes)
    except DatabaseError:
        logger.warning("stored page %s: aside not stored", pk, exc_info=True)


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
            # The narrator is named under the Voice role, credited or not (and a
            # role's code may just have become, or stopped being, "voice").
            return Q(credits__role=instance) | Q(narrations__isnull=False)
        case Section() | Publication():
            # Every page's header names the publication and lists the sections.
            return Q()
    return None


def shown_changed(sender, instance, **kwargs) -> None:
    """Receiver (post_save, pre_delete): retire the pages that show `instance`.

    Before a delete, while what it is shown on can still be found. A save that
    writes back an article's old stamp (a raw one, a stale copy) gets a new one.
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
