"""The Content-Security-Policy header, built once rather than for every response.

django-csp builds the header from the settings on every response, because a view may
tailor it (csp_update, csp_replace, csp_exempt) or a template may ask for a nonce.
Ours do neither, so the policy is a function of the settings alone: it is built
once (and again when a test changes the settings), and a response that is tailored
after all still goes through django-csp's own code.
"""

from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# What django-csp's decorators put on a response to change or drop its policy.
_TAILORED = tuple(
    f"_csp_{name}{mode}"
    for name in ("exempt", "config", "update", "replace")
    for mode in ("", "_ro")
)


@cache
def site_policies() -> tuple[tuple[str, str], ...] | None:
    """Return (header, policy) for each policy the settings define.

    None when a policy leaves out some addresses (EXCLUDE_URL_PREFIXES): that is
    decided per request, by django-csp.
    """
    for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"):
        if (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES"):
            return None
    policies = (
        (HEADER, build_policy()),
        (HEADER_REPORT_ONLY, build_policy(report_only=True)),
    )
    return tuple((header, policy) for header, policy in policies if policy)


@receiver(setting_changed)
def forget_site_policies(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        site_policies.cache_clear()


class CSPMiddleware(DjangoCSPMiddleware):
    """django-csp's middleware, sending the site's policies as built once."""

    def process_response(self, request, response):
        policies = site_policies()
        if (
            policies is None
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _TAILORED)
        ):
            return super().process_response(request, response)
        # As django-csp does: Django's debug pages for these need inline styles.
        if settings.DEBUG and response.status_code in (404, 500):
            return response
        for header, policy in policies:
            response.headers.setdefault(header, policy)
        # As django-csp does: a nonce asked for now would not be in the header.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
