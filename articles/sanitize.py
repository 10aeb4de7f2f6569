"""The one allow-list for rich text in pairs, applied on save and again on render.

Every way a pair reaches the database is cleaned on the way in: Block.save() for
the admin, the services and the importer, and the receiver below for fixtures,
which `loaddata` saves raw, past save(). Text written past the ORM (an UPDATE,
raw SQL, a restored dump) is cleaned on the way out by the `rich` filter, which
every page showing a pair goes through.
"""

import html
import re

import nh3
from django.db.models.signals import pre_save
from django.dispatch import receiver

# What the pair editor can produce (bold, italic, links) plus the paragraphs and line
# breaks CKEditor wraps them in. Anything else is dropped, its text kept.
_INLINE_TAGS = {"strong", "b", "em", "i", "a", "br"}
_BLOCK_TAGS = _INLINE_TAGS | {"p"}
# No `target`: a link never opens a window that could script this one. Every link
# gets rel="noopener noreferrer", which matters for those leaving the site and is
# harmless on the others.
_ATTRIBUTES = {"a": {"href", "title"}}
# Relative addresses (/en/articles/…, #pair-3) are kept; any other scheme
# (javascript:, vbscript:, data:, however it is encoded) loses its href.
_URL_SCHEMES = {"http", "https", "mailto"}


_LINE_BREAK = re.compile(r"</p>|<br\s*/?>", re.IGNORECASE)


def plain_text(rich: str) -> str:
    """Return what stored rich text says: one line per paragraph, no markup, no
    entities, runs of spaces (non-breaking ones too) as one space."""
    text = html.unescape(nh3.clean(_LINE_BREAK.sub("\n", rich or ""), tags=set()))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def has_text(rich: str) -> bool:
    """Return whether `rich` shows any text; an empty `<p>&nbsp;</p>` does not."""
    return bool(plain_text(rich))


def sanitize_html(rich: str, *, inline: bool = False) -> str:
    """Return `rich` reduced to the allowed tags; `inline` also drops paragraphs."""
    if not rich:
        return ""
    return nh3.clean(
        rich,
        tags=_INLINE_TAGS if inline else _BLOCK_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def sanitize_pair(block) -> None:
    """Clean both languages of a pair in place; a heading keeps no paragraphs."""
    inline = block.kind == block.Kind.HEADING
    for attname in ("text_en", "text_zh_hans"):
        setattr(block, attname, sanitize_html(getattr(block, attname), inline=inline))


@receiver(pre_save, sender="articles.Block", dispatch_uid="sanitize_loaded_pair")
def sanitize_loaded_pair(sender, instance, raw, **kwargs):
    """Clean a pair `loaddata` saves: raw saves skip Block.save()."""
    if raw:
        sanitize_pair(instance)
