"""Template tags for the metadata in an article's head and its share box."""

import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import seo
from ..i18n import current_language

register = template.Library()

# Inside <script> the HTML parser ends the element at "</script"; escaping <, > and &
# keeps any text (a headline quoting HTML, say) from closing it or opening a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def article_meta(article):
    """Return the page metadata of `article` in the interface language."""
    return seo.page_meta(article, current_language(), settings.SITE_URL)


@register.simple_tag
def canonical_url(article):
    """Return the absolute address of `article` in the interface language."""
    return seo.article_url(article, current_language(), settings.SITE_URL)


@register.simple_tag
def json_ld(data):
    """Emit `data` as a JSON-LD script element.

    Django's json_script writes type="application/json", which search engines do
    not read as structured data.
    """
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # noqa: S308 - JSON with <, > and & escaped just above
    )
