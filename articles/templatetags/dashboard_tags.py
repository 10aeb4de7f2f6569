"""The newsroom dashboard on the admin index: what is waiting for whom."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django import template
from django.db.models import F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..i18n import Localized, localized
from ..models import Article, ArticleEvent, Block

register = template.Library()

Status = Article.Status
LIST_LENGTH = 10
# A lock held longer than this was most likely forgotten, not worked under.
OLD_LOCK = timedelta(days=1)
# What moves a draft on: writing it, or an editor sending it back.
_DRAFT_WORK = [
    ArticleEvent.Action.CREATED,
    ArticleEvent.Action.SAVED,
    ArticleEvent.Action.RESTORED,
    ArticleEvent.Action.CHANGES_REQUESTED,
]
# Moves a managing editor may make over a rule, giving a reason.
_OVERRIDABLE = [ArticleEvent.Action.APPROVED, ArticleEvent.Action.PUBLISHED]


@dataclass(frozen=True)
class DashboardItem:
    title: Localized
    label: str
    date: datetime | None
    url: str


@dataclass(frozen=True)
class DashboardList:
    key: str
    heading: str
    items: list[DashboardItem]


def _item(article, date, label=None) -> DashboardItem:
    # The title in the interface language, else in the other one.
    title = localized(article, "title") or Localized(article.slug, "en")
    return DashboardItem(
        title=title,
        label=label or article.get_status_display(),
        date=date,
        url=reverse("admin:articles_article_change", args=[article.pk]),
    )


def _my_drafts(user) -> list[DashboardItem]:
    articles = (
        Article.objects.filter(
            created_by=user, status__in=[Status.DRAFT, Status.CHANGES_REQUESTED]
        )
        .with_last_event_at("worked_on_at", action__in=_DRAFT_WORK)
        .order_by("-worked_on_at", "-pk")[:LIST_LENGTH]
    )
    return [_item(article, article.worked_on_at) for article in articles]


def _waiting_for_review(user) -> list[DashboardItem]:
    statuses = [Status.IN_REVIEW]
    if user.has_perm("articles.publish_article"):
        statuses.append(Status.APPROVED)
    articles = (
        Article.objects.readable_by(user)
        .filter(status__in=statuses)
        .with_last_event_at("waiting_since", to_status=OuterRef("status"))
        .order_by("-waiting_since", "-pk")[:LIST_LENGTH]
    )
    return [
        _item(
            article,
            article.waiting_since,
            _("Ready to publish") if article.status == Status.APPROVED else None,
        )
        for article in articles
    ]


def _scheduled(user) -> list[DashboardItem]:
    # Soonest first: the next story to go live is the one to check.
    articles = (
        Article.objects.readable_by(user)
        .scheduled()
        .order_by("publish_at", "pk")[:LIST_LENGTH]
    )
    return [_item(article, article.publish_at, _("Scheduled")) for article in articles]


def _recently_published() -> list[DashboardItem]:
    articles = Article.objects.published().order_by("-first_published_at", "-pk")[
        :LIST_LENGTH
    ]
    return [_item(article, article.first_published_at) for article in articles]


def _stale_translations(user) -> list[DashboardItem]:
    """Articles with a pair edited since someone checked it."""
    edited = Block.objects.filter(
        (~Q(checked_en="") & ~Q(text_en=F("checked_en")))
        | (~Q(checked_zh_hans="") & ~Q(text_zh_hans=F("checked_zh_hans")))
    )
    articles = (
        Article.objects.readable_by(user)
        .filter(pk__in=edited.values("article_id"))
        .exclude(status=Status.UNPUBLISHED)
        .order_by("-updated_at", "-pk")[:LIST_LENGTH]
    )
    return [
        _item(article, article.updated_at, _("Pairs changed since checked"))
        for article in articles
    ]


def _overrides(user) -> list[DashboardItem]:
    """The latest moves a managing editor made over a rule, with their reasons."""
    events = (
        ArticleEvent.objects.filter(
            article__in=Article.objects.readable_by(user), action__in=_OVERRIDABLE
        )
        .exclude(override_reason="")
        .select_related("article", "actor")
        .order_by("-created_at", "-pk")[:LIST_LENGTH]
    )
    return [
        _item(
            event.article,
            event.created_at,
            gettext("%(reason)s (by %(name)s)")
            % {
                "reason": event.override_reason,
                "name": event.actor.get_username() if event.actor else "—",
            },
        )
        for event in events
    ]


def _old_locks(user) -> list[DashboardItem]:
    """Articles locked for more than a day: who holds each, and since when."""
    articles = (
        Article.objects.readable_by(user)
        .filter(locked_by__isnull=False, locked_at__lt=timezone.now() - OLD_LOCK)
        .select_related("locked_by")
        .order_by("locked_at", "pk")[:LIST_LENGTH]
    )
    return [
        _item(
            article,
            article.locked_at,
            gettext("Locked by %(name)s")
            % {
                "name": article.locked_by.get_full_name()
                or article.locked_by.get_username()
            },
        )
        for article in articles
    ]


@register.simple_tag
def newsroom_dashboard(user) -> list[DashboardList]:
    """Return the dashboard lists `user` may see; none without article permissions."""
    if not (
        user.has_perm("articles.view_article")
        or user.has_perm("articles.change_article")
    ):
        return []
    lists = []
    if user.has_perm("articles.add_article"):
        lists.append(DashboardList("drafts", _("My drafts"), _my_drafts(user)))
    if user.has_perm("articles.approve_article") or user.has_perm(
        "articles.proofread_article"
    ):
        lists.append(
            DashboardList(
                "review", _("Waiting for my review"), _waiting_for_review(user)
            )
        )
        lists.append(
            DashboardList(
                "stale", _("Translations to check again"), _stale_translations(user)
            )
        )
    if user.has_perm("articles.publish_article"):
        lists.append(
            DashboardList(
                "overrides", _("Moved on over a rule, and why"), _overrides(user)
            )
        )
    if user.has_perm("articles.break_article_lock"):
        lists.append(
            DashboardList("locks", _("Locked for more than a day"), _old_locks(user))
        )
    lists.append(DashboardList("scheduled", _("Scheduled"), _scheduled(user)))
    lists.append(
        DashboardList("published", _("Recently published"), _recently_published())
    )
    return lists
