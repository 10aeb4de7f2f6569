"""The accounts app: a deactivated user's sessions end at once, idle ones in time."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in throttling and session ending; no models of its own."""

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
