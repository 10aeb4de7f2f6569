"""Sign-in safety around django-axes and Django's sessions.

Axes counts failed sign-ins and refuses a locked account or address; this module
tells the person when they may try again, finds the real client address behind
our own proxies, and ends every session of a user who is deactivated, so that a
leaver's open browser tab stops working at once and never comes back to life if
the account is reactivated.
"""

from datetime import datetime
from importlib import import_module

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers


def client_ip_address(request) -> str:
    """Return the client's address, read through the proxies we run ourselves.

    Behind a proxy every request comes from the proxy's address, so counting
    failures by REMOTE_ADDR would lock the whole newsroom out at once. Each of
    our AXES_IPWARE_PROXY_COUNT proxies appends the address it was reached from
    to X-Forwarded-For; entries further left are whatever the client claimed.
    """
    proxies = settings.AXES_IPWARE_PROXY_COUNT or 0
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def lockout_ends_at(request, credentials) -> datetime:
    """Return when the failures that lock this sign-in out leave the cool-off window.

    A lockout holds while the failures counted for the account, or for the
    address, inside the window reach the limit. Counting from the newest, the
    attempt that brings the sum to the limit is the one whose expiry ends it.
    """
    cool_off = get_cool_off(request)
    limit = get_failure_limit(request, credentials)
    handler = AxesProxyHandler.get_implementation()
    ends = []
    for attempts in handler.get_user_attempts(request, credentials):
        counted = 0
        for attempt_time, failures in attempts.order_by("-attempt_time").values_list(
            "attempt_time", "failures_since_start"
        ):
            counted += failures
            if counted >= limit:
                ends.append(attempt_time + cool_off)
                break
    return max(ends, default=timezone.now() + cool_off)


def lockout_response(request, original_response=None, credentials=None):
    """Render the admin-styled "too many attempts" page (429, with Retry-After)."""
    ends_at = lockout_ends_at(request, credentials)
    seconds = max(0, int((ends_at - timezone.now()).total_seconds()))
    context = {
        **admin.site.each_context(request),
        "ends_at": ends_at,
        "minutes": -(-seconds // 60),
    }
    response = render(
        request,
        "registration/lockout.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


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


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def end_sessions_of_inactive_user(sender, instance, update_fields=None, **kwargs):
    """Sign a deactivated user out everywhere, the moment the change is saved."""
    if update_fields is not None and "is_active" not in update_fields:
        return
    if not instance.is_active:
        end_sessions(instance)
