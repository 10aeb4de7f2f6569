"""Times in the admin, on the newsroom's clock and naming it (articles/timezones.py)."""

from django import template
from django.conf import settings

from .. import timezones

register = template.Library()


@register.filter
def newsroom_time(moment) -> str:
    """Show `moment` as a <time> naming the newsroom's zone; the browser's own zone
    is added beside it by static/js/admin-timezone.js when it differs."""
    return timezones.time_html(moment) if moment else ""


@register.simple_tag
def newsroom_zone() -> str:
    """Return the newsroom zone with its offset now: "Beijing time (UTC+8)"."""
    return timezones.zone_label()


@register.simple_tag
def newsroom_zone_id() -> str:
    """Return the newsroom zone's IANA name, for the browser script."""
    return settings.TIME_ZONE
