"""Ending sessions: a deactivated user is signed out everywhere at once.

A leaver's open browser tab stops working the moment the account is deactivated,
and never comes back to life if the account is reactivated.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def end_sessions(user) -> int:
    """Delete every live session signed in as `user`; return how many there were.

    Sessions are stored signed, not indexed by user, so each live one is decoded.
    Deleting through the configured engine also clears a cached copy.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    user_id = user._meta.pk.value_to_string(user)
    keys = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        if session.get_decoded().get(SESSION_KEY) == user_id
    ]
    for key in keys:
        store(session_key=key).delete()
    return len(keys)


def end_sessions_of_inactive_user(sender, instance, update_fields=None, **kwargs):
    """Sign a deactivated user out everywhere, the moment the change is saved."""
    if update_fields is not None and "is_active" not in update_fields:
        return
    if not instance.is_active:
        end_sessions(instance)
