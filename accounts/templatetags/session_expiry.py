"""What an editing page tells its script about the session: when it ends."""

from django import template

from ..sessions import session_ends_at

register = template.Library()


@register.simple_tag(takes_context=True)
def session_ends_ms(context) -> int:
    """When the page's session ends, in milliseconds since the epoch (JavaScript's)."""
    return int(session_ends_at(context["request"]).timestamp() * 1000)
