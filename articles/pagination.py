"""Keyset pagination: the listings' pages and the partner API's.

A page starts after the last row of the page before, named by a cursor (its
time and id), never at an OFFSET, so page 3,000 of an archive costs what the
first does.
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


def rows_after(
    queryset: QuerySet, field: str, cursor: tuple | None, *, descending: bool
) -> QuerySet:
    """Order `queryset` by (`field`, pk) and keep the rows past `cursor`.

    The cursor is the (value, pk) of the last row already shown. The plain range
    on `field` lets an index start at the cursor; the OR then settles rows with
    the very same value.
    """
    sign, past = ("-", "lt") if descending else ("", "gt")
    if cursor is not None:
        value, pk = cursor
        queryset = queryset.filter(
            Q(**{f"{field}__{past}": value}) | Q(**{field: value, f"pk__{past}": pk}),
            **{f"{field}__{past}e": value},
        )
    return queryset.order_by(f"{sign}{field}", f"{sign}pk")


def take(ordered: QuerySet, size: int) -> tuple[list, bool]:
    """Return the first `size` rows and whether more follow, in one query."""
    rows = list(ordered[: size + 1])
    return rows[:size], len(rows) > size


def keyset_page(queryset: QuerySet, params, *, size: int, extra=None) -> KeysetPage:
    """Return one page of `queryset` (published articles) from the request's cursor.

    `params` is request.GET; `extra` holds query parameters the page links keep.
    """
    extra = extra or {}
    newer = NEWER in params
    cursor = params.get(NEWER) if newer else params.get(OLDER)
    page = rows_after(
        queryset.filter(first_published_at__isnull=False),
        "first_published_at",
        parse_cursor(cursor) if cursor else None,
        descending=not newer,
    )
    items, more = take(page, size)
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
