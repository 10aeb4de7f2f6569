"""Logs a person on call can use: JSON lines on stderr, one request id, an audit trail.

Every record of a request carries that request's id (RequestIdMiddleware puts it
in a context variable, RequestIdFilter copies it onto each record), so the lines of
one failing request can be found among those of all the workers; the same id is
sent back in the X-Request-ID header for a reader or a proxy to quote. Refused
permission checks go to the `audit` logger, as the workflow's refusals do
(articles/services.py). The configuration is LOGGING in newsroom/settings/base.py;
the variables are in docs/deploy.md.
"""

import json
import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from email.utils import getaddresses
from secrets import token_hex

from django.core.exceptions import PermissionDenied

REQUEST_ID_HEADER = "X-Request-ID"
# Read from META: request.headers copies every header into a dict of its own.
_REQUEST_ID_META = "HTTP_X_REQUEST_ID"
# An id a proxy (nginx's $request_id, a load balancer's trace id) may pass on;
# anything else (too long, odd characters) is replaced by our own.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:=+/-]{1,128}")

request_id: ContextVar[str] = ContextVar("request_id", default="")

audit = logging.getLogger("audit")

# What every LogRecord has; anything else on a record was passed as `extra`.
_RECORD_FIELDS = {
    *vars(logging.LogRecord("", 0, "", 0, "", (), None)),
    "message",
    "asctime",
}
_JSON_VALUES = (str, int, float, bool, type(None))


class RequestIdMiddleware:
    """Give each request an id, and log the permission checks that refuse it.

    First in MIDDLEWARE, so the id is on every record the request causes, the
    server error's included, and on every response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get(_REQUEST_ID_META, "")
        current = incoming if _SANE_REQUEST_ID.fullmatch(incoming) else token_hex(16)
        token = request_id.set(current)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response[REQUEST_ID_HEADER] = current
        return response

    def process_exception(self, request, exception):
        """Note who was refused what; Django still answers with the 403 page."""
        if isinstance(exception, PermissionDenied):
            user = getattr(request, "user", None)
            audit.warning(
                "permission denied: %s %s",
                request.method,
                request.path,
                extra={
                    "event": "permission_denied",
                    "user": user.get_username() if user else "",
                    "user_id": user.pk if user else None,
                    "path": request.path,
                    "reason": str(exception),
                },
            )


class RequestIdFilter(logging.Filter):
    """Copy the current request's id onto the record (empty outside a request)."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, extras.

    Extras that are not plain values (Django's `request` object) are left out;
    a traceback is one string field, so a record never spans lines.
    """

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
        }
        entry.update(
            (name, value)
            for name, value in vars(record).items()
            if name not in _RECORD_FIELDS and isinstance(value, _JSON_VALUES)
        )
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry)


class StderrHandler(logging.StreamHandler):
    """Write to sys.stderr as it is when a record comes, not when logging was set up.

    The test runner and some process managers replace sys.stderr after start-up.
    """

    def __init__(self, level=logging.NOTSET):
        logging.Handler.__init__(self, level)

    @property
    def stream(self):
        return sys.stderr


def admins_from(value: str) -> list[tuple[str, str]]:
    """Read ADMINS from "Name <address>, other@example.com" (NEWSROOM_ADMINS)."""
    return [(name, address) for name, address in getaddresses([value]) if address]


def init_sentry(dsn: str, *, environment: str, release: str) -> None:
    """Send errors to Sentry as well; imported only when SENTRY_DSN is set.

    No personal data (users' names, addresses, cookies) is sent, and no
    performance traces: errors only.
    """
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        send_default_pii=False,
        traces_sample_rate=0,
    )
