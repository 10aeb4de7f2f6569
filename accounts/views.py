"""The keep-alive an open editor page calls when its session is about to end idle."""

import time

from django.contrib.admin.views.decorators import staff_member_required
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .sessions import LAST_ACTIVITY, session_ends_at


@never_cache
@require_POST
@staff_member_required
def keep_alive(request):
    """Count this as activity now and answer when the session will end.

    "Stay signed in" restarts the idle period; it cannot pass the absolute end.
    A POST, so a page elsewhere cannot keep someone's session alive with an image.
    """
    request.session[LAST_ACTIVITY] = int(time.time())
    return JsonResponse({"ends": int(session_ends_at(request).timestamp() * 1000)})
