"""The newsroom's time zone, said out loud wherever the admin shows or asks a time.

The site runs on settings.TIME_ZONE; an editor whose browser is elsewhere must
never have to guess which clock a time is on (static/js/admin-timezone.js adds
their own beside it).
"""

from datetime import datetime

from django.conf import settings
from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# What people call the zones a newsroom is likely to run on; any other is named
# by its IANA name.
ZONE_NAMES = {
    "Asia/Shanghai": gettext_lazy("Beijing time"),
    "Asia/Hong_Kong": gettext_lazy("Hong Kong time"),
    "Asia/Taipei": gettext_lazy("Taipei time"),
    "Asia/Singapore": gettext_lazy("Singapore time"),
    "Europe/London": gettext_lazy("London time"),
    "UTC": gettext_lazy("UTC"),
}


def utc_offset(moment: datetime | None = None) -> str:
    """Return the newsroom zone's offset at `moment` (now by default): "UTC+8"."""
    local = timezone.localtime(moment, timezone.get_default_timezone())
    minutes = int(local.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_name() -> str:
    """Return the newsroom zone's everyday name: "Beijing time"."""
    return str(ZONE_NAMES.get(settings.TIME_ZONE, settings.TIME_ZONE))


def zone_label(moment: datetime | None = None) -> str:
    """Return the zone with its offset: "Beijing time (UTC+8)"."""
    return _("%(zone)s (%(offset)s)") % {
        "zone": zone_name(),
        "offset": utc_offset(moment),
    }


def newsroom_time(moment: datetime) -> str:
    """Return `moment` on the newsroom's clock, naming it: "4 Dec 2026, 09:00
    Beijing time"."""
    local = timezone.localtime(moment, timezone.get_default_timezone())
    # Translators: a date and time in Django's date format syntax.
    when = date_format(local, _("j M Y, H:i"))
    return _("%(when)s %(zone)s") % {"when": when, "zone": zone_name()}


def time_html(moment: datetime) -> str:
    """Return `moment` as a <time> naming the newsroom's zone, which
    static/js/admin-timezone.js finds to add the editor's own time beside it."""
    return format_html(
        '<time datetime="{}" data-newsroom-time>{}</time>',
        timezone.localtime(moment, timezone.get_default_timezone()).isoformat(),
        newsroom_time(moment),
    )


def time_column(field: str, description):
    """Return an admin column (or read-only field) showing the date-time `field`
    on the newsroom's clock, naming it; admin-timezone.js adds the editor's own."""

    @admin.display(description=description, ordering=field)
    def column(model_admin, obj):
        moment = getattr(obj, field)
        if moment is None:
            return model_admin.get_empty_value_display()
        return time_html(moment)

    return column
