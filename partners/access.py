"""Who may call the partner API, how often, from which browser origins.

Partners call from their servers with a secret token, so every answer is
`private, no-store` and no origin may read it from a browser unless the site names
it in settings.NEWSROOM_API_CORS_ORIGINS.
"""

import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from .models import ApiToken

WINDOW_SECONDS = 60
READ_METHODS = ("GET", "HEAD")


def error(status: int, code: str, message: str, **headers) -> JsonResponse:
    """Return a JSON error body `{"error": {"code", "message"}}` with `status`."""
    response = JsonResponse(
        {"error": {"code": code, "message": str(message)}}, status=status
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def bearer_token(request) -> str:
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def authenticate(request) -> ApiToken | None:
    raw = bearer_token(request)
    return ApiToken.objects.for_raw(raw) if raw else None


def count_request(token: ApiToken) -> tuple[int, int]:
    """Count a request in the token's current minute; return (count, seconds left).

    A fixed window in the shared cache: `add` starts the window's counter only if
    it is not there yet and `incr` is atomic, so app servers sharing Redis count
    together.
    """
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = f"partners:rate:{token.pk}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.add(key, 1, timeout=WINDOW_SECONDS + 5)
        count = 1
    left = math.ceil((window + 1) * WINDOW_SECONDS - now)
    return count, max(left, 1)


def _cors(request, response) -> None:
    origin = request.headers.get("Origin")
    patch_vary_headers(response, ["Origin"])
    if origin and origin in settings.NEWSROOM_API_CORS_ORIGINS:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Headers"] = "Authorization"
        response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
        response["Access-Control-Expose-Headers"] = (
            "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining"
        )


def partner_api(view):
    """Serve `view(request, token, …)` to a valid token within its rate limit."""

    @read_only
    @wraps(view)
    def answer(request, *args, **kwargs):
        return _answer(request, view, args, kwargs)

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = answer(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        patch_vary_headers(response, ["Authorization"])
        _cors(request, response)
        return response

    return wrapper


def read_only(view):
    """Serve reads only: OPTIONS (a browser's preflight) an empty 204, writes a 405.

    Exempt from CSRF checks: the API changes nothing and reads no cookie, so a
    partner's stray POST gets this API's JSON 405, not Django's HTML 403.
    """

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return HttpResponse(status=204)
        if request.method not in READ_METHODS:
            return error(
                405,
                "method_not_allowed",
                _("This API is read-only."),
                Allow=", ".join(READ_METHODS),
            )
        return view(request, *args, **kwargs)

    return wrapper


def _answer(request, view, args, kwargs):
    token = authenticate(request)
    if token is None:
        return error(
            401,
            "unauthorized",
            _("Send a valid partner token as “Authorization: Bearer <token>”."),
            WWW_Authenticate='Bearer realm="newsroom", error="invalid_token"',
        )
    count, seconds_left = count_request(token)
    limit = token.rate_limit_per_minute
    if count > limit:
        response = error(
            429,
            "rate_limited",
            _("More than %(limit)d requests this minute; try again in %(s)d s.")
            % {"limit": limit, "s": seconds_left},
            Retry_After=str(seconds_left),
        )
    else:
        if count == 1:
            # Once a minute at most, so reading never turns into a write per call.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        response = view(request, token, *args, **kwargs)
    response["X-RateLimit-Limit"] = str(limit)
    response["X-RateLimit-Remaining"] = str(max(limit - count, 0))
    return response
