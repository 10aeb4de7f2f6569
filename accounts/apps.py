"""The accounts app: a deactivated user's sessions end at once, idle ones in time."""

from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Sign-in throttling and session ending; no models of its own."""

    default = True  # this module also holds django-axes' config
    name = "accounts"

    def ready(self):
        from django.conf import settings
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_save

        from .sessions import end_sessions_of_inactive_user, pin_absolute_expiry

        post_save.connect(
            end_sessions_of_inactive_user,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="accounts.end_sessions_of_inactive_user",
        )
        user_logged_in.connect(
            pin_absolute_expiry, dispatch_uid="accounts.pin_absolute_expiry"
        )


class SignInAttemptsConfig(AxesConfig):
    """django-axes, named in the admin in the interface language."""

    verbose_name = _("Sign-in attempts")
