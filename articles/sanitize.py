"""The one allow-list for rich text in pairs, applied on save and again on render."""

import nh3

# What the pair editor can produce (bold, italic, links) plus the paragraphs and line
# breaks CKEditor wraps them in. Anything else is dropped, its text kept.
_INLINE_TAGS = {"strong", "b", "em", "i", "a", "br"}
_BLOCK_TAGS = _INLINE_TAGS | {"p"}
_ATTRIBUTES = {"a": {"href", "title"}}
_URL_SCHEMES = {"http", "https", "mailto"}


def has_text(html: str) -> bool:
    """Return whether `html` shows any text; an empty `<p>&nbsp;</p>` does not."""
    if not html:
        return False
    text = nh3.clean(html, tags=set()).replace("&nbsp;", " ").replace("\xa0", " ")
    return bool(text.strip())


def sanitize_html(html: str, *, inline: bool = False) -> str:
    """Return `html` reduced to the allowed tags; `inline` also drops paragraphs."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=_INLINE_TAGS if inline else _BLOCK_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
