"""Previews of an article in any state: for staff in the admin, for others by link."""

from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from csp.constants import SELF
from csp.decorators import csp_replace
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin

from . import services
from .i18n import current_language
from .models import Article, ArticleEvent, ShareLink
from .views import DUAL, READING_MODES, ArticleDualView

SALT = "articles.preview"
DEFAULT_DAYS = 7
MAX_DAYS = 30
# A link ends at the first of these moves after it was made (see shared_preview).
ENDING_MOVES = [ArticleEvent.Action.PUBLISHED, ArticleEvent.Action.UNPUBLISHED]


def link_expiry(days: int):
    """Return when a link made now for `days` days ends; refuse a bad length."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"A preview link lasts 1 to {MAX_DAYS} days, not {days}.")
    return timezone.now() + timedelta(days=days)


def make_preview_token(article: Article, *, days: int = DEFAULT_DAYS) -> str:
    """Sign a link to `article` that works for `days` days or until all are revoked.

    Unrecorded: the admin records each link it makes (`link_token`), so that it
    can be listed and revoked alone.
    """
    expires_at = link_expiry(days)
    payload = {
        "a": article.pk,
        "k": article.preview_key,
        "e": int(expires_at.timestamp()),
        "m": last_move(article),
    }
    return signing.dumps(payload, salt=SALT)


def link_token(link: ShareLink) -> str:
    """Sign the recorded share link `link`; the same row always gives the same token.

    Signed without the time of signing (its row knows that), so the list of live
    links shows each link exactly as it was handed out.
    """
    payload = {
        "a": link.article_id,
        "k": link.article.preview_key,
        "e": int(link.expires_at.timestamp()),
        "m": link.last_move,
        "l": link.pk,
    }
    return signing.Signer(salt=SALT).sign_object(payload)


def link_url(link: ShareLink) -> str:
    token = link_token(link)
    return settings.SITE_URL + reverse("articles:shared-preview", args=[token])


def live_links(article: Article) -> list[ShareLink]:
    """Return the article's share links that still open its preview, newest first."""
    return list(
        article.share_links.filter(
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            last_move__gte=last_move(article),
        ).select_related("created_by", "article")
    )


def last_move(article: Article) -> int:
    """Return the id of the article's latest publish or unpublish move, 0 if none."""
    moves = article.events.filter(action__in=ENDING_MOVES)
    return moves.aggregate(last=Max("pk"))["last"] or 0


def article_for_token(token: str) -> tuple[Article, bool]:
    """Return the article a share link was made for, and whether the link has ended.

    Raise Http404 if the link is forged, expired or revoked.
    """
    try:
        payload = signing.loads(token, salt=SALT)  # made by make_preview_token
    except (signing.BadSignature, ValueError):
        payload = _recorded_payload(token)
    if payload["e"] < timezone.now().timestamp():
        raise Http404
    article = get_object_or_404(
        Article.objects.for_detail(), pk=payload["a"], preview_key=payload["k"]
    )
    recorded = payload.get("l")
    if recorded is not None and not (
        article.share_links.filter(pk=recorded, revoked_at__isnull=True).exists()
    ):
        raise Http404  # revoked on its own
    # Links made before links recorded the last move count as made before any move.
    return article, last_move(article) > payload.get("m", 0)


def _recorded_payload(token: str) -> dict:
    """Read a token made by `link_token`; raise Http404 if it is not one."""
    try:
        payload = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        raise Http404 from None
    if not isinstance(payload, dict) or "l" not in payload:
        raise Http404
    return payload


def is_public(article: Article) -> bool:
    """Return whether readers can already see `article` at its public address."""
    return Article.objects.published().filter(pk=article.pk).exists()


def preview_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Keep a view's pages out of shared caches and search engines."""

    @wraps(view)
    @never_cache
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


class PreviewView(ArticleDualView):
    """The article in a reading mode, with a banner, for an article the caller
    already found: paired (`mode` DUAL), or in the language active ("single")."""

    template_name = "articles/preview.html"
    article: Article | None = None

    def text_languages(self) -> list[str]:
        return super().text_languages() if self.mode == DUAL else [current_language()]

    def get(self, request, *args, **kwargs):
        # Rendered every time, never from the page stored with the article.
        self.object = self.article
        context = self.get_context_data(is_public=is_public(self.object))
        return self.render_to_response(context)


class SharePreviewForm(forms.Form):
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
    )


# The widths the preview panel shows a page at, in CSS pixels.
PREVIEW_WIDTHS = {"phone": 375, "laptop": 1280}


class PreviewChoiceForm(forms.Form):
    """A reading mode and a width, from the address of a staff preview."""

    mode = forms.ChoiceField(
        choices=[(mode, mode) for mode in READING_MODES], required=False
    )
    width = forms.ChoiceField(
        choices=[(width, width) for width in PREVIEW_WIDTHS], required=False
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["mode"] = cleaned.get("mode") or DUAL
        cleaned["width"] = cleaned.get("width") or "laptop"
        return cleaned


def _preview_choice(request: HttpRequest) -> dict | None:
    """Return the mode and width asked for, None if either is not one we have."""
    form = PreviewChoiceForm(request.GET)
    return form.cleaned_data if form.is_valid() else None


def _bad_choice() -> HttpResponse:
    return HttpResponseBadRequest(
        _("This preview has no such mode or width."), content_type="text/plain"
    )


def _readable_article(request: HttpRequest, pk: int) -> Article:
    """Return the article if the staff member may read its draft, else refuse."""
    if not (request.user.is_staff and request.user.has_perm("articles.view_article")):
        raise PermissionDenied
    return get_object_or_404(
        Article.objects.readable_by(request.user).for_detail(), pk=pk
    )


# Framed by the preview panel, an admin page of this site, and by nothing else.
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
@preview_page
def staff_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Show staff any article, in any state, in a reading mode (?mode=en,
    zh-hans or dual, the default): one language with its interface, or paired."""
    article = _readable_article(request, pk)
    choice = _preview_choice(request)
    if choice is None:
        return _bad_choice()
    mode = choice["mode"]
    if mode == DUAL:
        return PreviewView.as_view(article=article)(request)
    with translation.override(mode):
        response = PreviewView.as_view(article=article, mode="single")(request)
        return response.render()


@preview_page
def preview_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the staff preview in a frame, in a mode and at a width to switch."""
    article = _readable_article(request, pk)
    choice = _preview_choice(request)
    if choice is None:
        return _bad_choice()
    frame = reverse("admin:articles_article_preview", args=[article.pk])
    context = {
        **admin.site.each_context(request),
        "opts": Article._meta,
        "title": _("Preview"),
        "article": article,
        "mode": choice["mode"],
        "width": choice["width"],
        "modes": [
            ("en", "English", "en"),
            ("zh-hans", "中文", "zh-Hans"),
            (DUAL, _("Bilingual"), ""),
        ],
        "widths": [
            (name, _("Phone") if name == "phone" else _("Laptop"), pixels)
            for name, pixels in PREVIEW_WIDTHS.items()
        ],
        "frame_url": f"{frame}?mode={choice['mode']}",
    }
    return TemplateResponse(
        request, "admin/articles/article/preview_panel.html", context
    )


@preview_page
def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Show anyone holding a live share link the article it was made for.

    A link shares a text before publication, so it ends at the article's next
    publish or unpublish move. From then on it leads to the public page while the
    article is public, and nowhere (404) while it is not: a link made for a draft
    never shows a later draft, nor an unpublished or scheduled state.
    """
    article, ended = article_for_token(token)
    if is_public(article):
        return redirect(article.get_absolute_url())
    if ended:
        raise Http404
    return PreviewView.as_view(article=article)(request)


def _share_link(request: HttpRequest, article: Article, *, days: int) -> ShareLink:
    """Record a new link to `article`, made by the caller, lasting `days` days."""
    return services.article_share_preview(
        article=article,
        user=request.user,
        expires_at=link_expiry(days),
        last_move=last_move(article),
    )


def _revoke_one(request: HttpRequest, article: Article) -> None:
    link_id = request.POST.get("link", "")
    try:
        services.article_revoke_preview_link(
            article=article,
            user=request.user,
            link_id=int(link_id) if link_id.isdigit() else 0,
        )
    except services.TransitionRefused as refusal:
        for message in refusal.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("That link now shows “not found”; the others still work.")
        )


@preview_page
def share_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Create a share link for an unpublished article, list the live ones, and
    revoke one or all of them."""
    if not request.user.has_perm("articles.share_article_preview"):
        raise PermissionDenied
    article = get_object_or_404(Article, pk=pk)
    action = request.POST.get("action")
    if action == "revoke":
        services.article_revoke_previews(article=article, user=request.user)
        messages.success(request, _("Every link made so far now shows “not found”."))
        return redirect(request.path)
    if action == "revoke_link":
        _revoke_one(request, article)
        return redirect(request.path)
    public = is_public(article)
    form = SharePreviewForm(request.POST if action == "create" else None)
    link = ""
    if form.is_valid() and not public:
        link = link_url(_share_link(request, article, days=form.cleaned_data["days"]))
    context = {
        **admin.site.each_context(request),
        "opts": Article._meta,
        "title": _("Share a preview"),
        "article": article,
        "form": form,
        "is_public": public,
        "public_url": settings.SITE_URL + article.get_absolute_url() if public else "",
        "link": link,
        "live_links": [
            (shared, link_url(shared))
            for shared in ([] if public else live_links(article))
        ],
    }
    return TemplateResponse(
        request, "admin/articles/article/share_preview.html", context
    )
