"""Keyset pagination for listings ordered newest first.

An archive of 100,000 stories cannot be paged with OFFSET: page 3,000 would make
the database count past 60,000 rows. A page here starts after the last story of
the page before, named by a cursor (its publication time and id), so every page
costs the same however deep it is.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.exceptions import BadRequest
from django.db.models import Q, QuerySet
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

OLDER = "before"
NEWER = "after"


@dataclass(frozen=True)
class PageLinks:
    """What components/pagination.html shows: links to the pages on either side."""

    previous_url: str = ""
    next_url: str = ""
    previous_label: str = gettext_lazy("Previous")
    next_label: str = gettext_lazy("Next")
    label: str = ""


@dataclass(frozen=True)
class KeysetPage:
    items: list
    links: PageLinks


def cursor_of(article) -> str:
    moment = article.first_published_at
    return f"{int(moment.timestamp() * 1_000_000)}.{article.pk}"


def parse_cursor(value: str) -> tuple[datetime, int]:
    micros, _dot, pk = value.partition(".")
    if not (micros.isascii() and micros.isdigit() and pk.isascii() and pk.isdigit()):
        raise BadRequest(_("This page address is not valid."))
    try:
        moment = datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC)
    except (OverflowError, ValueError, OSError) as error:
        raise BadRequest(_("This page address is not valid.")) from error
    return moment, int(pk)


def keyset_page(queryset: QuerySet, params, *, size: int, extra=None) -> KeysetPage:
    """Return one page of `queryset` (published articles) from the request's cursor.

    `params` is request.GET; `extra` holds query parameters the page links keep.
    """
    extra = extra or {}
    newer = NEWER in params
    cursor = params.get(NEWER) if newer else params.get(OLDER)
    page = queryset.filter(first_published_at__isnull=False)
    if cursor:
        moment, pk = parse_cursor(cursor)
        if newer:
            # The plain range lets the index start at the cursor; the OR then
            # settles stories published at the very same moment.
            page = page.filter(
                Q(first_published_at__gt=moment)
                | Q(first_published_at=moment, pk__gt=pk),
                first_published_at__gte=moment,
            ).order_by("first_published_at", "pk")
        else:
            page = page.filter(
                Q(first_published_at__lt=moment)
                | Q(first_published_at=moment, pk__lt=pk),
                first_published_at__lte=moment,
            ).order_by("-first_published_at", "-pk")
    else:
        page = page.order_by("-first_published_at", "-pk")
    items = list(page[: size + 1])
    more = len(items) > size
    items = items[:size]
    if newer:
        items.reverse()
    # Going newer, there is an older page (the one we came from); going older,
    # there is a newer one; from the top, only older pages can exist.
    has_older = more if not newer else bool(items)
    has_newer = bool(cursor) and (more if newer else bool(items))
    return KeysetPage(
        items=items,
        links=PageLinks(
            previous_url=_link(extra, NEWER, items[0]) if has_newer and items else "",
            next_url=_link(extra, OLDER, items[-1]) if has_older and items else "",
            previous_label=gettext_lazy("Newer stories"),
            next_label=gettext_lazy("Older stories"),
        ),
    )


def _link(extra: dict, key: str, article) -> str:
    return "?" + urlencode({**extra, key: cursor_of(article)})
