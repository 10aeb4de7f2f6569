"""Template helpers for both languages: a field in a language, its `lang`, rich text."""

import re

from django import template
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_from_path

from ..i18n import HTML_LANG, Localized, credited, current_language, localized
from ..models import LANGUAGE_CODES
from ..sanitize import sanitize_html
from ..seo import machine_time

register = template.Library()


@register.simple_tag
def text_in(obj, field, language=None, fallback=True):
    """Return `obj.<field>` in `language` (default: the page's) with its language."""
    return localized(obj, field, language, fallback=fallback)


@register.simple_tag(takes_context=True)
def as_credited(context, members):
    """Return `members` as this page names them: in its language, and on a paired
    page with their own name in the other language too."""
    return credited(members, languages=context.get("text_languages") or ())


@register.simple_tag(takes_context=True)
def names_of(context, members):
    """Render `members` as includes/names.html does, for a sentence ("By …")."""
    names = context.template.engine.get_template("articles/includes/names.html")
    with context.push(people=members):
        return names.render(context)


@register.simple_tag
def other_language():
    """Return the content language that is not the page's."""
    page = current_language()
    return next(code for code in LANGUAGE_CODES if code != page)


@register.filter
def rich(value, inline=False):
    """Render stored rich text, sanitised once more on the way out."""
    text = value.text if isinstance(value, Localized) else value
    return mark_safe(sanitize_html(text or "", inline=bool(inline)))  # noqa: S308 - nh3


# One paragraph and nothing else: no other <p> opens or closes inside it.
ONE_PARAGRAPH = re.compile(r"<p>(?:(?!</?p[\s>]).)*</p>", re.S)


@register.filter
def pair_side(side):
    """Render one language's side of a pair, carrying its `lang`.

    Most sides are one paragraph: the paragraph itself carries the `lang`
    (`<p lang="en">…</p>`), the shortest markup repeated for every pair; a side
    of several paragraphs is wrapped (`<div lang="en"><p>…</p><p>…</p></div>`).
    Either way the side is the pair's child with a `lang` (static/css/site.css).
    """
    html = rich(side)
    if ONE_PARAGRAPH.fullmatch(html):
        return mark_safe(f'<p lang="{side.lang}">{html[3:]}')  # noqa: S308 - nh3
    return mark_safe(f'<div lang="{side.lang}">{html}</div>')  # noqa: S308 - nh3


@register.filter("machine_time")
def machine_time_filter(moment):
    """Print a date-time for `<time datetime>` and meta tags: whole seconds, offset."""
    return machine_time(moment) if moment else ""


@register.filter
def lang_attr(text):
    """Return ` lang="…"` for a text in another language than the page's, else
    nothing: a text in the page's own language inherits it from `<html lang>`."""
    if text.language == current_language():
        return ""
    return format_html(' lang="{}"', text.lang)


@register.filter
def html_lang(language):
    """Return the BCP 47 tag for a language code: zh-hans -> zh-Hans."""
    return HTML_LANG.get(language or current_language(), language)


@register.simple_tag(takes_context=True)
def texts_of(context, obj, field):
    """Return `obj.<field>` in each language the page shows, where it has one."""
    languages = context.get("text_languages") or [current_language()]
    fallback = context.get("fallback", True)
    items = [localized(obj, field, code, fallback=fallback) for code in languages]
    return [item for item in items if item]


@register.inclusion_tag("components/texts.html", takes_context=True)
def texts(context, obj, field, element="p", css=""):
    """Render `obj.<field>` once per language the page shows, each with its `lang`."""
    return {"items": texts_of(context, obj, field), "element": element, "css": css}


@register.simple_tag(takes_context=True)
def url_in_language(context, language):
    """Return this page's address in another interface language.

    The page's path, or the address it names (`page_path`: a listing's cursor, a
    search's words); never a query string it does not know, which a stored page
    would otherwise repeat to every reader.
    """
    path = context.get("page_path") or context["request"].path
    translated = translate_url(path, language)
    shown = get_language_from_path(path)
    if translated == path and shown and shown != language:
        # An address no route knows (a 404 page): the same path under the other
        # language's prefix, where a reader may find what they were after.
        translated = f"/{language}/{path.removeprefix(f'/{shown}/')}"
    return translated
