"""The export's HTML body: inline styles only, pairs stacked, photos numbered.

Each pair is its English then its Chinese; photos are the export's own files
(`images/01.jpg`, in article order); the credits are the desk's `Role丨Name` lines.

It reads only what `Article.objects.for_detail()` prefetched, plus the Voice role.
"""

import re
from pathlib import PurePosixPath
from typing import NamedTuple

import nh3
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.i18n import HTML_LANG, localized, names, own_text, photo_credit
from articles.models import LANGUAGE_CODES, Article, Block, Photo
from articles.sanitize import has_text, sanitize_html
from staffcredits.models import CreditRole, StaffMember

EN, ZH = LANGUAGE_CODES

# Labels printed in both languages whatever the interface language is.
SOURCE_LABEL = gettext_lazy("Source")
CORRECTION_LABEL = gettext_lazy("Correction")
LINK_LABEL = gettext_lazy("Original article")

# What survives of the pairs' rich text: emphasis and line breaks. Links go and
# their text stays: WeChat refuses links that leave its own site.
_KEPT_TAGS = {"strong", "b", "em", "i", "br"}
# nh3 writes every link in this one form, so a pattern reads them reliably.
_LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)
# What the WeChat editor takes; a WebP or other file may be refused.
_WECHAT_IMAGE_TYPES = (".jpg", ".png", ".gif")

# The only styling that survives the editor. Short on purpose: every character of
# the HTML counts against the 20,000 limit. English is a muted serif and Chinese
# the regular text, so a reader of one language skims past the other.
SERIF = "font-family:Georgia,serif;"
STYLE = {
    "body": "font-family:system-ui,sans-serif;font-size:16px;line-height:1.8;"
    "color:#222;",
    "title_en": f"margin:0 0 16px;{SERIF}font-size:18px;line-height:1.4;color:#555;",
    "summary": "margin:0 0 20px;padding:8px 12px;border-left:3px solid #b8860b;"
    "background:#f7f5f0;",
    "pair": "margin:0 0 22px;",
    "en": f"margin:0 0 6px;{SERIF}font-size:15px;line-height:1.65;color:#666;",
    "zh": "margin:0 0 6px;font-size:16px;line-height:1.8;color:#222;"
    "text-align:justify;",
    "heading_en": f"margin:28px 0 4px;{SERIF}font-size:17px;color:#555;",
    "heading_zh": "margin:0;font-size:18px;font-weight:bold;color:#222;",
    "quote": "margin:0 0 22px;padding:0 0 0 12px;border-left:3px solid #ccc;",
    "img": "display:block;width:100%;height:auto;margin:0 0 6px;",
    "caption_en": f"margin:0;{SERIF}font-size:13px;color:#888;text-align:center;",
    "caption_zh": "margin:0;font-size:13px;color:#888;text-align:center;",
    "credit": "margin:2px 0 0;font-size:12px;color:#999;text-align:center;",
    "note": "margin:0 0 20px;font-size:13px;color:#888;",
    "footer": "margin:32px 0 0;padding:12px 0 0;border-top:1px solid #eee;"
    "font-size:13px;line-height:1.7;color:#888;",
    "line": "margin:0;",
    "notice": "margin:0;text-align:center;",
    "link": "color:#576b95;word-break:break-all;",
}


class ExportImage(NamedTuple):
    filename: str  # its name in the export folder and the zip: 01.jpg
    name: str  # its name in the default storage


def in_both(message: Promise) -> tuple[str, str]:
    """Return a lazy interface string in English and in Chinese."""
    texts = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            texts.append(str(message))
    return texts[0], texts[1]


def bilingual_label(message: Promise) -> str:
    """Return a label as the credits block prints it: `来源 Source`."""
    en, zh = in_both(message)
    return f"{zh} {en}"


def wrap(element: str, style: str, inner: str) -> SafeString:
    """Put HTML built here (already escaped) in an element with an inline style."""
    html = f'<{element} style="{STYLE[style]}">{inner}</{element}>'
    return mark_safe(html)  # noqa: S308 - `inner` was escaped where it was built


def paragraph(text: str, style: str, language: str) -> SafeString:
    return format_html(
        '<p style="{}" lang="{}">{}</p>', STYLE[style], HTML_LANG[language], text
    )


def line(label: str, text: str) -> SafeString:
    """Return one `Role丨Name` line of the credits block."""
    return format_html('<p style="{}">{}丨{}</p>', STYLE["line"], label, text)


def role_line(role: CreditRole, members: list[StaffMember]) -> SafeString:
    """Return `责任编辑 Managing Editor丨Xiong Vivi`: the Chinese label first."""
    labels = [localized(role, "label", code, fallback=False).text for code in (ZH, EN)]
    return line(" ".join(filter(None, labels)), names(members, ZH, notes=True))


def largest_jpeg(photo: Photo) -> str:
    """Return the storage name of the photo's largest JPEG, else of its original."""
    jpegs = [item for item in photo.renditions if item["format"] == "jpeg"]
    if not jpegs:
        return photo.image.name
    return max(jpegs, key=lambda item: item["width"])["name"]


class BodyBuilder:
    """Build the body of one export, collecting its images and its warnings."""

    def __init__(self, article: Article):
        self.article = article
        self.images: dict[int, ExportImage] = {}
        self.warnings: list[str] = []

    def image_for(self, photo: Photo) -> ExportImage:
        """Number a photo's file where it first appears (the hero comes first)."""
        if photo.pk not in self.images:
            name = largest_jpeg(photo)
            suffix = PurePosixPath(name).suffix.lower().replace(".jpeg", ".jpg")
            if suffix not in _WECHAT_IMAGE_TYPES:
                self.warnings.append(
                    _(
                        "The photo “%(photo)s” has no JPEG copy, so its %(type)s "
                        "file is exported and WeChat may refuse it. Run “manage.py "
                        "make_renditions” and export again."
                    )
                    % {"photo": photo, "type": suffix.lstrip(".").upper()}
                )
            filename = f"{len(self.images) + 1:02d}{suffix}"
            self.images[photo.pk] = ExportImage(filename, name)
        return self.images[photo.pk]

    def rich(self, html: str, *, where: str, inline: bool) -> list[str]:
        """Return the paragraphs of stored rich text, its links made plain text."""
        html = sanitize_html(html, inline=inline)
        for url, text in _LINK.findall(html):
            self.warnings.append(
                _(
                    "%(where)s: the link “%(text)s” (%(url)s) is exported as plain "
                    "text; WeChat allows no links to other sites."
                )
                % {"where": where, "text": nh3.clean(text, tags=set()), "url": url}
            )
        kept = nh3.clean(html, tags=_KEPT_TAGS | {"p"}, attributes={})
        return [part.strip() for part in re.split(r"</?p>", kept) if has_text(part)]

    def sides(self, block: Block, styles: tuple[str, str], *, inline=False) -> str:
        """Return the pair's paragraphs: all the English, then all the Chinese."""
        where = _("Pair %(position)s") % {"position": block.position}
        return "".join(
            paragraph(mark_safe(part), style, code)  # noqa: S308 - cleaned by nh3
            for code, style in zip(LANGUAGE_CODES, styles, strict=True)
            for part in self.rich(
                own_text(block, "text", code), where=where, inline=inline
            )
        )

    def block(self, block: Block) -> str:
        if block.kind == Block.Kind.PHOTO:
            return self.photo(block.photo)
        if block.kind == Block.Kind.HEADING:
            styles = ("heading_en", "heading_zh")
            return wrap("section", "pair", self.sides(block, styles, inline=True))
        if block.kind == Block.Kind.QUOTE:
            return wrap("blockquote", "quote", self.sides(block, ("en", "zh")))
        return wrap("section", "pair", self.sides(block, ("en", "zh")))

    def texts(self, obj, name: str, styles: tuple[str, str]) -> str:
        """Return a plain translated field in both languages, English first."""
        return "".join(
            paragraph(own_text(obj, name, code), style, code)
            for code, style in zip(LANGUAGE_CODES, styles, strict=True)
            if own_text(obj, name, code)
        )

    def photo_credit(self, photographers: list[StaffMember]) -> str:
        """Return `Photo: Ma Jian / 摄影：Ma Jian`."""
        if not photographers:
            return ""
        credits = format_html_join(
            " / ",
            '<span lang="{}">{}</span>',
            [
                (HTML_LANG[code], photo_credit(photographers, code, notes=True))
                for code in LANGUAGE_CODES
            ],
        )
        return format_html('<p style="{}">{}</p>', STYLE["credit"], credits)

    def photo(self, photo: Photo) -> str:
        image = format_html(
            '<img src="images/{}" alt="{}" style="{}">',
            self.image_for(photo).filename,
            localized(photo, "alt_text", ZH).text,
            STYLE["img"],
        )
        captions = self.texts(photo, "caption", ("caption_en", "caption_zh"))
        credit = self.photo_credit(list(photo.photographers.all()))
        return wrap("section", "pair", image + captions + credit)

    def header(self) -> str:
        article = self.article
        parts = []
        if article.title_zh_hans and article.title_en:
            # The title field holds the Chinese title; the English one opens the body.
            parts.append(paragraph(article.title_en, "title_en", EN))
        summary = self.texts(article, "summary", ("en", "zh"))
        if summary:
            parts.append(wrap("section", "summary", summary))
        parts.append(self.photo_credit(article.photo_credits()))
        if article.hero_photo:
            parts.append(self.photo(article.hero_photo))
        parts.append(self.texts(article, "translation_note", ("note", "note")))
        parts.append(self.voices())
        return "".join(parts)

    def voices(self) -> str:
        """Name the Voice where the editor will place the narration's audio."""
        narrations = self.article.narrations.all()
        if not narrations:
            return ""
        voices = {n.voice_id: n.voice for n in narrations if n.voice}
        self.warnings.append(
            _(
                "This article has a narration. Upload its audio in the WeChat "
                "editor, under the Voice line; the export does not include it."
            )
        )
        role = self.article.voice_role()
        return role_line(role, list(voices.values())) if voices and role else ""

    def corrections(self) -> str:
        label = format_html(
            '<p style="{}">{}</p>', STYLE["line"], bilingual_label(CORRECTION_LABEL)
        )
        return "".join(
            wrap(
                "section", "note", label + self.texts(correction, "note", ("line",) * 2)
            )
            for correction in self.article.corrections.all()
        )

    def footer(self, source_url: str) -> str:
        article = self.article
        lines = [role_line(role, members) for role, members in article.credit_lines()]
        source = article.source or article.publication.default_source
        if source:
            lines.append(line(bilingual_label(SOURCE_LABEL), source))
        publication = article.publication
        for name in ("producer_line", "studio_line", "rights_notice", "sharing_notice"):
            lines.append(self.texts(publication, name, ("notice", "notice")))
        lines.append(
            format_html(
                '<p style="{}">{}丨<a href="{}" style="{}">{}</a></p>',
                STYLE["line"],
                bilingual_label(LINK_LABEL),
                source_url,
                STYLE["link"],
                source_url,
            )
        )
        return wrap("section", "footer", "".join(lines))
