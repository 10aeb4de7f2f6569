"""Sign-in throttling: the glue django-axes calls (AXES_*_CALLABLE settings).

Axes counts failed sign-ins and refuses a locked account or address; this module
finds the real client address behind our own proxies and tells the person when
they may try again.
"""

from datetime import datetime

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin
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
