"""Partners who take our articles: their API tokens, webhooks and delivery log."""

import base64
import hashlib
import secrets
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import addresses

# Every token starts with this, so a leaked one is recognisable in logs and scanners.
TOKEN_PREFIX = "nrt_"  # noqa: S105 - a visible prefix, not a secret
# How much of a token stays visible after creation, to tell tokens apart.
VISIBLE_CHARACTERS = len(TOKEN_PREFIX) + 8


def token_digest(raw: str) -> str:
    """Return the SHA-256 of a token as stored; the token itself is never kept."""
    return hashlib.sha256(raw.encode()).hexdigest()


# How long a replaced signing secret still signs deliveries, so a partner can
# switch to the new one without refusing anything in between.
SECRET_ROTATION_GRACE = timedelta(days=1)


def new_webhook_secret() -> str:
    """Return a Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_raw(self, raw: str):
        """Return the active token whose digest matches `raw`, or None."""
        return self.active().filter(token_hash=token_digest(raw)).first()


class ApiToken(models.Model):
    """A partner's key to the content API, sent as `Authorization: Bearer …`."""

    name = models.CharField(
        _("partner"), max_length=120, help_text=_("Who uses this token.")
    )
    prefix = models.CharField(_("token starts with"), max_length=20, editable=False)
    token_hash = models.CharField(
        _("SHA-256 of the token"), max_length=64, unique=True, editable=False
    )
    rate_limit_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=120,
        validators=[MinValueValidator(1)],
        help_text=_("Requests over this in one minute are refused until it ends."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Clear to revoke the token.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(
        _("last used at"), null=True, blank=True, editable=False
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["name", "-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def set_new_token(self) -> str:
        """Give this row a fresh random token and return it; it is shown only once."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.prefix = raw[:VISIBLE_CHARACTERS]
        self.token_hash = token_digest(raw)
        return raw


class Webhook(models.Model):
    """A partner's address that is told when an article goes live, changes or goes."""

    class Event(models.TextChoices):
        PUBLISHED = "article.published", _("Article published")
        UPDATED = "article.updated", _("Published article updated")
        UNPUBLISHED = "article.unpublished", _("Article unpublished")

    partner = models.CharField(_("partner"), max_length=120)
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_(
            "Receives a signed POST for each event; redirects are not followed."
        ),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_webhook_secret,
        editable=False,
        help_text=_(
            "Give it to the partner: any Standard Webhooks library checks the "
            "webhook-signature header with it."
        ),
    )
    previous_secret = models.CharField(
        _("previous signing secret"), max_length=100, blank=True, editable=False
    )
    previous_secret_expires_at = models.DateTimeField(
        _("previous secret signs until"), null=True, blank=True, editable=False
    )
    events = models.JSONField(_("events"), default=list)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["partner", "url"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self):
        return f"{self.partner} · {self.url}"

    def clean(self):
        """Refuse an address no delivery would be sent to (see addresses.py).

        The delivery checks again: a name can resolve elsewhere by then, and a row
        written past this form is never cleaned.
        """
        super().clean()
        url = urlsplit(self.url or "")
        if url.scheme not in ("http", "https"):
            return  # the field's own validator says so
        try:
            addresses.resolve(url)
        except addresses.RefusedAddress as refused:
            raise ValidationError({"url": str(refused)}) from refused

    def signing_secrets(self, now: datetime) -> list[str]:
        """Return the secrets deliveries are signed with: the current one first,
        then the replaced one while its grace period lasts."""
        secrets_now = [self.secret]
        expires = self.previous_secret_expires_at
        if self.previous_secret and expires and now < expires:
            secrets_now.append(self.previous_secret)
        return secrets_now

    def rotate_secret(self, now: datetime) -> None:
        """Make a new secret; the old one keeps signing for SECRET_ROTATION_GRACE."""
        self.previous_secret = self.secret
        self.previous_secret_expires_at = now + SECRET_ROTATION_GRACE
        self.secret = new_webhook_secret()


class WebhookDelivery(models.Model):
    """One event sent (or being sent) to one webhook: the log partners ask about."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        RETRYING = "retrying", _("Failed, will retry")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed, gave up")
        SKIPPED = "skipped", _("Not sent: the article is no longer live")

    webhook = models.ForeignKey(
        Webhook,
        verbose_name=_("webhook"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("event"), max_length=30, choices=Webhook.Event.choices)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(
        _("response status"), null=True, blank=True
    )
    response_excerpt = models.CharField(
        _("response (start)"), max_length=500, blank=True
    )
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        return f"{self.get_event_display()} → {self.webhook}"
