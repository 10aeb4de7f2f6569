"""The read-only content API: published articles as ninjs, for incremental sync.

The list is ordered by (changed_at, id) and paged by an opaque cursor holding the
last pair seen, so a sync that pages through never skips or repeats an article
even while the desk publishes. With `updated_since`, the list also holds a
`pubstatus: canceled` stub for every article withdrawn since then: a partner who
syncs incrementally learns about removals the same way it learns about changes.
"""

import base64
import binascii
import json
from datetime import datetime

from django.db.models import DateTimeField
from django.db.models.functions import Coalesce, Greatest
from django.http import JsonResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from articles.models import Article
from articles.pagination import rows_after, take

from . import ninjs
from .access import error, partner_api
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


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        moment, pk = json.loads(base64.urlsafe_b64decode(padded))
        changed_at = parse_datetime(moment)
        if changed_at is None or not isinstance(pk, int):
            raise ValueError
    except (ValueError, TypeError, binascii.Error):
        raise BadRequest(_("The cursor is not one this API gave out.")) from None
    return changed_at, pk


def parse_since(value: str) -> datetime:
    moment = parse_datetime(value.replace(" ", "+"))
    if moment is None or moment.tzinfo is None:
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
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE_SIZE:
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
    if since:
        queryset = with_changed_at(queryset | withdrawn()).filter(
            changed_at__gte=parse_since(since)
        )
    else:
        queryset = with_changed_at(queryset)
    cursor = params.get("cursor")
    queryset = rows_after(
        queryset.for_detail(),
        "changed_at",
        decode_cursor(cursor) if cursor else None,
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


def openapi_document(request):
    """Serve the OpenAPI description; it is public so tools can read it."""
    return JsonResponse(document(), json_dumps_params={"ensure_ascii": False})
