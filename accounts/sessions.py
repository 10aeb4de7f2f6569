"""Ending sessions: a deactivated user everywhere at once, an idle one after a while.

A leaver's open browser tab stops working the moment the account is deactivated,
and never comes back to life if the account is reactivated. A session nobody has
used for NEWSROOM_SESSION_IDLE_HOURS ends as well, and every session ends
SESSION_COOKIE_AGE after its sign-in however busy it is.
"""

import time
from datetime import UTC, datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
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


# When the signed-in person last made a request, in seconds since the epoch.
LAST_ACTIVITY = "newsroom_last_activity"
# Activity is written at most this often: a busy editor's every request would
# otherwise rewrite the session row. The idle end is thus exact to within a minute.
ACTIVITY_GRANULARITY = 60


def idle_limit() -> timedelta:
    """How long a signed-in session may go without a request before it ends."""
    return timedelta(hours=settings.NEWSROOM_SESSION_IDLE_HOURS)


def session_ends_at(request) -> datetime:
    """When this request's session ends if nothing else happens: idle or absolute.

    The page tells the editor this time, so a warning can come before it.
    """
    last = request.session.get(LAST_ACTIVITY, time.time())
    idle_end = datetime.fromtimestamp(last, tz=UTC) + idle_limit()
    return min(idle_end, request.session.get_expiry_date())


def pin_absolute_expiry(sender, request, user, **kwargs):
    """End a new sign-in's session SESSION_COOKIE_AGE after it began, however busy.

    Django counts the cookie age from the session's last write; the activity
    stamp writes it every minute, which would make the age roll on forever.
    A fixed expiry date keeps it absolute.
    """
    request.session.set_expiry(
        timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    )
    request.session[LAST_ACTIVITY] = int(time.time())


class IdleSessionMiddleware:
    """Sign out a session left idle for NEWSROOM_SESSION_IDLE_HOURS.

    An unattended screen in the newsroom stays signed in no longer than the
    idle limit; the absolute expiry (SESSION_COOKIE_AGE from sign-in) still
    ends even a busy session. Goes after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session there is nobody signed in: a reader's request does not
        # look up its (anonymous) user here.
        if request.session.session_key is not None and request.user.is_authenticated:
            now = time.time()
            last = request.session.get(LAST_ACTIVITY)
            if last is not None and now - last > idle_limit().total_seconds():
                logout(request)
            elif last is None or now - last >= ACTIVITY_GRANULARITY:
                request.session[LAST_ACTIVITY] = int(now)
        return self.get_response(request)
