"""The one allow-list for rich text in pairs, applied on save and again on render.

A side of a pair is first checked for size and depth (`check_pair_html`), which
the sanitiser's time depends on, then cleaned. Every way a pair reaches the
database is cleaned on the way in: Block.save() for the admin, the services and
the importer, and the receiver below for fixtures, which `loaddata` saves raw,
past save(). Text written past the ORM (an UPDATE, raw SQL, a restored dump) is
cleaned on the way out by the `rich` filter, which every page showing a pair
goes through.
"""

import functools
import html
import re

import nh3
from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

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

# One side of a pair holds at most this much HTML. The longest paragraph in the
# desk texts we have is under 1,000 characters (a few KB with its markup); 100,000
# leaves room for any real paragraph, pasted formatting included, while a hostile
# megabyte is refused before the sanitiser spends seconds on it.
MAX_PAIR_SIDE_CHARS = 100_000
# Bold inside a link inside italics is three levels; twenty is more than any text
# needs. The sanitiser's time grows with the square of the depth (240,000 nested
# <div>s take minutes), so deeper text is refused before it is parsed.
MAX_NESTING_DEPTH = 20
# Elements that never hold others, so never add a level.
_VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
_TAG = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)")

# Texts read back as plain text, remembered: one page of the admin reads each
# pair several times (its checks, the counts, the submit rules), and the next
# request reads the same pairs again. A side holds at most MAX_PAIR_SIDE_CHARS, so
# this bounds the memory too.
_PLAIN_TEXTS_REMEMBERED = 512


def check_pair_html(rich: str) -> None:
    """Refuse one side of a pair that is too long or too deeply nested to clean.

    Runs before the sanitiser, in linear time: the depth is counted on the tags as
    written, an end tag closing only the element it matches, so a text that leaves
    elements open is counted deeper than a browser would see it, never shallower.
    """
    if len(rich) > MAX_PAIR_SIDE_CHARS:
        raise ValidationError(
            _(
                "This text is %(size)s characters long with its formatting; one side "
                "of a pair holds at most %(limit)s. Split it into several pairs."
            ),
            code="too_long",
            params={"size": f"{len(rich):,}", "limit": f"{MAX_PAIR_SIDE_CHARS:,}"},
        )
    open_tags: list[str] = []
    for closing, name in _TAG.findall(rich):
        name = name.lower()
        if closing:
            if open_tags and open_tags[-1] == name:
                open_tags.pop()
        elif name not in _VOID_TAGS:
            open_tags.append(name)
            if len(open_tags) > MAX_NESTING_DEPTH:
                raise ValidationError(
                    _(
                        "The formatting of this text is nested more than %(limit)d "
                        "levels deep. Paste it as plain text and format it again."
                    ),
                    code="too_deep",
                    params={"limit": MAX_NESTING_DEPTH},
                )


@functools.lru_cache(maxsize=_PLAIN_TEXTS_REMEMBERED)
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
    """Clean both languages of a pair in place; a heading keeps no paragraphs.

    A side is cleaned once: the block remembers what it cleaned, so the save that
    follows a form's validation (Block.clean) does not parse the text again, while
    a side changed since is cleaned anew.
    """
    inline = block.kind == block.Kind.HEADING
    cleaned = block.__dict__.setdefault("_sanitized_sides", {})
    for attname in ("text_en", "text_zh_hans"):
        text = getattr(block, attname)
        if cleaned.get(attname) != (text, inline):
            text = sanitize_html(text, inline=inline)
            setattr(block, attname, text)
            cleaned[attname] = (text, inline)


@receiver(pre_save, sender="articles.Block", dispatch_uid="sanitize_loaded_pair")
def sanitize_loaded_pair(sender, instance, raw, **kwargs):
    """Clean a pair `loaddata` saves: raw saves skip Block.save()."""
    if raw:
        sanitize_pair(instance)
