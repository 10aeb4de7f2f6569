"""The admin of partners' API tokens (shown once), webhooks and the delivery log."""

from django import forms
from django.contrib import admin, messages
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from articles.timezones import time_column

from .models import SECRET_ROTATION_GRACE, ApiToken, Webhook, WebhookDelivery


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "prefix",
        "is_active",
        "rate_limit_per_minute",
        "created_by",
        "created",
        "last_used",
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "prefix"]
    fields = [
        "name",
        "rate_limit_per_minute",
        "is_active",
        "prefix",
        "created_by",
        "created",
        "last_used",
    ]
    readonly_fields = ["prefix", "created_by", "created", "last_used"]
    created = time_column("created_at", _("created at"))
    last_used = time_column("last_used_at", _("last used at"))

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        obj.created_by = request.user
        raw = obj.set_new_token()
        super().save_model(request, obj, form, change)
        # The only time the token is shown: only its SHA-256 is stored.
        messages.warning(
            request,
            _(
                "The token for %(name)s is %(token)s — copy it now and give it to "
                "the partner; it will not be shown again."
            )
            % {"name": obj.name, "token": raw},
        )


def _assume_https(field, **kwargs):
    """Read an address typed without a scheme as https, as Django 6 will."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class WebhookForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=Webhook.Event.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=Webhook.Event.values,
    )

    class Meta:
        model = Webhook
        fields = ["partner", "url", "events", "is_active"]
        formfield_callback = _assume_https


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    form = WebhookForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["partner", "url", "is_active", "created"]
    list_filter = ["is_active"]
    search_fields = ["partner", "url"]
    readonly_fields = ["secret", "old_secret_ends", "created"]
    created = time_column("created_at", _("created at"))
    old_secret_ends = time_column(
        "previous_secret_expires_at", _("previous secret signs until")
    )
    actions = ["rotate_secrets"]

    @admin.action(
        description=_("Rotate the signing secret (the old one signs for a day)"),
        permissions=["change"],
    )
    def rotate_secrets(self, request, queryset):
        now = timezone.now()
        with transaction.atomic():
            for webhook in queryset.select_for_update():
                webhook.rotate_secret(now)
                webhook.save(
                    update_fields=[
                        "secret",
                        "previous_secret",
                        "previous_secret_expires_at",
                    ]
                )
        self.message_user(
            request,
            _(
                "New secrets made for %(count)d webhook(s). Give each partner its "
                "new secret: deliveries carry both signatures until %(when)s."
            )
            % {
                "count": queryset.count(),
                "when": date_format(
                    timezone.localtime(now + SECRET_ROTATION_GRACE), "DATETIME_FORMAT"
                ),
            },
            messages.SUCCESS,
        )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: read-only, so it always says what really happened."""

    list_display = [
        "created",
        "event",
        "article",
        "webhook",
        "status",
        "attempts",
        "response_status",
        "next_attempt",
    ]
    created = time_column("created_at", _("created at"))
    next_attempt = time_column("next_attempt_at", _("next attempt at"))
    last_attempt = time_column("last_attempt_at", _("last attempt at"))
    delivered = time_column("delivered_at", _("delivered at"))
    # Read-only, so every field is shown: the times on the newsroom's clock.
    exclude = ["created_at", "next_attempt_at", "last_attempt_at", "delivered_at"]
    readonly_fields = ["created", "next_attempt", "last_attempt", "delivered"]
    list_filter = ["status", "event", "webhook"]
    list_select_related = ["article", "webhook"]
    search_fields = ["webhook__partner", "webhook__url", "article__slug"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
