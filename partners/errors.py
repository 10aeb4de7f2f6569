"""The site's error handlers: JSON in the API's error shape under /api/v1/.

Addresses under the API's root that match no route, and errors raised by an API
view, reach Django's handlers (newsroom/urls.py names these); the rest of the site
keeps its HTML pages.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults

from .access import error


def in_api(request) -> bool:
    """Return whether the request's address is under the API's root."""
    root = reverse("partners:openapi").removesuffix("openapi.json")
    return f"{request.path_info}/".startswith(root)


def bad_request(request, exception):
    if in_api(request):
        return error(400, "bad_request", _("The request is malformed."))
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if in_api(request):
        return error(403, "forbidden", _("This request is not allowed."))
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    if in_api(request):
        return error(
            404,
            "not_found",
            _("Nothing is at this address; the API's paths are in %(document)s.")
            % {"document": reverse("partners:openapi")},
        )
    return defaults.page_not_found(request, exception)


def server_error(request):
    if in_api(request):
        return error(500, "server_error", _("Something went wrong on our side."))
    return defaults.server_error(request)
