"""The read-only content API: published articles as ninjs, for incremental sync.

The list is ordered by (changed_at, id) and paged by an opaque cursor holding the
last pair seen, so a sync that pages through never skips or repeats an article
even while the desk publishes. With `updated_since`, the list also holds a
`pubstatus: canceled` stub for every article withdrawn since then: a partner who
syncs incrementally learns about removals the same way it learns about changes.
"""

import base64
import json
import re
from datetime import UTC, datetime

from django.db.models import DateTimeField, Q
from django.db.models.functions import Coalesce, Greatest
from django.http import JsonResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from articles.models import Article, Block, Narration, Photo
from articles.pagination import rows_after, take

from . import ninjs
from .access import error, partner_api, read_only
from .openapi import document

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


class BadRequest(ValueError):
    """A query parameter the API cannot use; the message says which and why."""


def with_changed_at(queryset):
    """Annotate when each article last changed for partners.

    `updated_at` alone misses publishing, unpublishing and corrections (they are
    recorded in the history, not saved on the row), and a scheduled article
    changes for partners when it goes live.
    """
    return queryset.with_last_event_at().annotate(
        changed_at=Greatest(
            "updated_at",
            "last_event_at",
            Coalesce("publish_at", "updated_at"),
            output_field=DateTimeField(),
        )
    )


def withdrawn():
    """Articles that were live once and are not any more."""
    return Article.objects.filter(first_published_at__isnull=False).exclude(
        status=Article.Status.PUBLISHED
    )


def encode_cursor(changed_at: datetime, pk: int) -> str:
    raw = json.dumps([changed_at.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def aware_moment(value) -> datetime | None:
    """Return an ISO 8601 date and time with a time zone, in UTC; else None.

    None too for what parses but is no moment (30 February) or cannot be held
    in UTC (year 1 east of Greenwich).
    """
    if not isinstance(value, str):
        return None
    try:
        moment = parse_datetime(value.upper())
        if moment is None or moment.tzinfo is None:
            return None
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        moment, pk = json.loads(base64.urlsafe_b64decode(padded))
    except (ValueError, TypeError, RecursionError):  # binascii.Error is a ValueError
        moment = pk = None
    changed_at = aware_moment(moment)
    if changed_at is None or type(pk) is not int:
        raise BadRequest(_("cursor is not one this API gave out: copy it from “next”."))
    return changed_at, pk


def parse_since(value: str) -> datetime:
    # A "+" sent unencoded in a query string arrives as a space.
    moment = aware_moment(value.replace(" ", "+"))
    if moment is None:
        raise BadRequest(
            _(
                "updated_since must be an ISO 8601 date and time with a time zone, "
                "e.g. 2025-03-01T08:00:00Z."
            )
        )
    return moment


def parse_limit(value: str | None) -> int:
    if value is None:
        return PAGE_SIZE
    if not re.fullmatch(r"[0-9]+", value) or not 1 <= int(value) <= MAX_PAGE_SIZE:
        raise BadRequest(
            _("limit must be a whole number from 1 to %(max)d.")
            % {"max": MAX_PAGE_SIZE}
        )
    return int(value)


def article_page(params) -> tuple[list[dict], str | None]:
    """Return one page of items and the cursor of the next page (None at the end)."""
    limit = parse_limit(params.get("limit"))
    since = params.get("updated_since")
    queryset = Article.objects.published()
    if since is not None:
        queryset = with_changed_at(queryset | withdrawn()).filter(
            changed_at__gte=parse_since(since)
        )
    else:
        queryset = with_changed_at(queryset)
    cursor = params.get("cursor")
    queryset = rows_after(
        queryset.for_detail(),
        "changed_at",
        None if cursor is None else decode_cursor(cursor),
        descending=False,
    )
    articles, more = take(queryset, limit)
    items = [item(article) for article in articles]
    last = articles[-1] if more else None
    return items, encode_cursor(last.changed_at, last.pk) if last else None


def item(article: Article) -> dict:
    if article.status == Article.Status.PUBLISHED:
        return ninjs.article_item(article, article.changed_at)
    return ninjs.withdrawn_item(article, article.changed_at)


def published_article(pk: int) -> Article | None:
    """Return the live article with everything its ninjs needs, or None."""
    return (
        with_changed_at(Article.objects.published()).for_detail().filter(pk=pk).first()
    )


@partner_api
def article_list(request, token):
    try:
        items, next_cursor = article_page(request.GET)
    except BadRequest as problem:
        return error(400, "bad_request", problem)
    next_url = None
    if next_cursor:
        kept = {
            name: request.GET[name]
            for name in ("updated_since", "limit")
            if name in request.GET
        }
        query = urlencode({**kept, "cursor": next_cursor})
        next_url = ninjs.api_url(f"{reverse('partners:articles')}?{query}")
    return JsonResponse(
        {"items": items, "next": next_url}, json_dumps_params={"ensure_ascii": False}
    )


@partner_api
def article_detail(request, token, pk: int):
    article = published_article(pk)
    if article is None:
        return error(404, "not_found", _("No published article has this id."))
    return JsonResponse(
        ninjs.article_item(article, article.changed_at),
        json_dumps_params={"ensure_ascii": False},
    )


def published_photo(pk: int) -> Photo | None:
    """Return the photo if a live article shows it (as its lead or in a pair)."""
    live = Article.objects.published()
    shown = Q(pk__in=live.values("hero_photo")) | Q(
        pk__in=Block.objects.filter(article__in=live).values("photo")
    )
    return Photo.objects.filter(shown, pk=pk).prefetch_related("photographers").first()


@partner_api
def photo_detail(request, token, pk: int):
    photo = published_photo(pk)
    if photo is None:
        return error(404, "not_found", _("No published article shows this photo."))
    return JsonResponse(
        ninjs.photo_item(photo), json_dumps_params={"ensure_ascii": False}
    )


@partner_api
def narration_detail(request, token, pk: int):
    narration = (
        Narration.objects.filter(pk=pk, article__in=Article.objects.published())
        .select_related("voice")
        .first()
    )
    if narration is None:
        return error(404, "not_found", _("No published article has this narration."))
    return JsonResponse(
        ninjs.audio(narration), json_dumps_params={"ensure_ascii": False}
    )


@read_only
def openapi_document(request):
    """Serve the OpenAPI description; it is public so tools can read it."""
    return JsonResponse(document(), json_dumps_params={"ensure_ascii": False})
