"""A WeChat-ready export of an approved or published article.

The WeChat official-account editor keeps little of what it is given: no classes,
no stylesheets, no scripts, no links off its own site, and it re-uploads every
image itself. So the export is plain HTML with inline `style` attributes only,
the pairs stacked (English, then its Chinese, each in its own style), photos
referenced as the export's own files (`images/01.jpg`, in article order), and the
closing credits in the desk's `Role丨Name` lines. Its only address is the
article's canonical page on our site, the Chinese one.

The title, author and digest go into the editor's own fields, each with a length
limit; the export fills them and says what does not fit, and by how much.

It reads only what `Article.objects.for_detail()` prefetched, plus the Voice role
when the article has a narration.
"""

import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import BinaryIO, NamedTuple

import nh3
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import formats, translation
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from articles.i18n import HTML_LANG, localized
from articles.models import LANGUAGE_CODES, Article, Block, Photo, field_suffix
from articles.sanitize import has_text, sanitize_html
from articles.seo import article_url
from staffcredits.models import CreditRole, StaffMember

EN, ZH = LANGUAGE_CODES
EXPORTABLE = (Article.Status.APPROVED, Article.Status.PUBLISHED)

# WeChat's limits, in characters; a Chinese character counts as one.
BODY_LIMIT = 20_000
TITLE_LIMIT = 32
AUTHOR_LIMIT = 16
DIGEST_LIMIT = 128

# Labels printed in both languages whatever the interface language is.
PHOTO_LABEL = pgettext_lazy("photographer credit", "Photo")
LABEL_SEPARATOR = pgettext_lazy("label separator", ": ")
LIST_SEPARATOR = pgettext_lazy("list separator", ", ")
SOURCE_LABEL = gettext_lazy("Source")
CORRECTION_LABEL = gettext_lazy("Correction")
LINK_LABEL = gettext_lazy("Original article")

# What survives of the pairs' rich text: emphasis and line breaks. Links go and
# their text stays: WeChat refuses links that leave its own site.
_KEPT_TAGS = {"strong", "b", "em", "i", "br"}
# nh3 writes every link in this one form, so a pattern reads them reliably.
_LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?=\s)")
_FULL_WIDTH_END = "。！？；：，、”’）》」』"
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


class NotExportable(Exception):
    """The article may not be exported; the message says why."""


class ExportImage(NamedTuple):
    filename: str  # its name in the export folder and the zip: 01.jpg
    name: str  # its name in the default storage


@dataclass(frozen=True)
class Field:
    """One of the WeChat editor's fields, with its limit."""

    key: str
    label: str
    value: str
    limit: int

    @property
    def length(self) -> int:
        return len(self.value)

    @property
    def over(self) -> int:
        return max(0, self.length - self.limit)

    @property
    def counted(self) -> str:
        return counted(self.length, self.limit)


@dataclass(frozen=True)
class WeChatExport:
    """What an editor pastes into WeChat: the body, its fields and its images.

    `html` is the body as pasted, and WeChat's 20,000-character limit is checked
    on `len(html)`: every character of it, tags and inline styles included, since
    that is what the editor stores. The text a reader sees is shorter.
    """

    slug: str
    html: str
    title: str
    author: str
    digest: str
    source_url: str
    images: list[ExportImage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def fields(self) -> list[Field]:
        return [
            Field("title", _("Title"), self.title, TITLE_LIMIT),
            Field("author", _("Author"), self.author, AUTHOR_LIMIT),
            Field("digest", _("Digest"), self.digest, DIGEST_LIMIT),
            Field("body", _("Article HTML"), self.html, BODY_LIMIT),
        ]

    def document(self) -> str:
        """Return `article.html`: the body in a page a browser shows as WeChat does."""
        return format_html(
            '<!DOCTYPE html>\n<html lang="{}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            "<title>{}</title>\n</head>\n"
            '<body style="max-width:677px;margin:0 auto;padding:16px;">\n{}\n'
            "</body>\n</html>\n",
            HTML_LANG[ZH],
            self.title,
            mark_safe(self.html),  # noqa: S308 - built from escaped parts
        )

    def fields_json(self) -> str:
        return json.dumps(
            {
                "title": self.title,
                "author": self.author,
                "digest": self.digest,
                "content_source_url": self.source_url,
                "characters": {item.key: item.length for item in self.fields()},
                "limits": {item.key: item.limit for item in self.fields()},
                "images": [f"images/{image.filename}" for image in self.images],
                "warnings": self.warnings,
            },
            ensure_ascii=False,
            indent=2,
        )

    def fields_text(self) -> str:
        """Return the fields as a person reads them, to copy one at a time."""
        *fields, body = self.fields()
        lines = []
        for item in fields:
            lines += [f"{item.label} ({item.counted})", item.value, ""]
        lines += [_("Original article link"), self.source_url, ""]
        lines.append(f"{body.label}: article.html ({body.counted})")
        files = ", ".join(f"images/{image.filename}" for image in self.images)
        lines.append(_("Images, in article order: %(files)s") % {"files": files or "—"})
        if self.warnings:
            lines += ["", _("Warnings")] + [f"- {warning}" for warning in self.warnings]
        return "\n".join(lines) + "\n"


def number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def counted(length: int, limit: int) -> str:
    """Say how long a text is against its limit: “21,340 characters, 1,340 over…”."""
    if length > limit:
        return _("%(length)s characters, %(over)s over the %(limit)s limit") % {
            "length": number(length),
            "over": number(length - limit),
            "limit": number(limit),
        }
    return _("%(length)s of %(limit)s characters") % {
        "length": number(length),
        "limit": number(limit),
    }


def check_exportable(article: Article) -> None:
    """Refuse an article that is not approved or published."""
    if article.status not in EXPORTABLE:
        raise NotExportable(
            _(
                "Only approved or published articles can be exported for WeChat; "
                "this one is “%(status)s”."
            )
            % {"status": article.get_status_display()}
        )


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


def text_of(obj, name: str, language: str) -> str:
    """Return one language of a translated field, with no fallback."""
    return getattr(obj, f"{name}_{field_suffix(language)}") or ""


def person(member: StaffMember, language: str) -> str:
    """Return a name as the credits print it: `Benjamin Curwen（英国）`."""
    name = localized(member, "name", language)
    note = localized(member, "note", language)
    if not note:
        return name.text
    if note.language == ZH:
        return f"{name.text}（{note.text}）"
    return f"{name.text} ({note.text})"


def people(members: list[StaffMember], language: str) -> str:
    separator = in_both(LIST_SEPARATOR)[LANGUAGE_CODES.index(language)]
    return separator.join(person(member, language) for member in members)


def wrap(element: str, style: str, inner: str) -> SafeString:
    """Put HTML built here (already escaped) in an element with an inline style."""
    return mark_safe(f'<{element} style="{STYLE[style]}">{inner}</{element}>')  # noqa: S308


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
    return line(" ".join(filter(None, labels)), people(members, ZH))


def largest_jpeg(photo: Photo) -> str:
    """Return the storage name of the photo's largest JPEG, else of its original."""
    jpegs = [item for item in photo.renditions if item["format"] == "jpeg"]
    if not jpegs:
        return photo.image.name
    return max(jpegs, key=lambda item: item["width"])["name"]


class _Builder:
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
                text_of(block, "text", code), where=where, inline=inline
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
            paragraph(text_of(obj, name, code), style, code)
            for code, style in zip(LANGUAGE_CODES, styles, strict=True)
            if text_of(obj, name, code)
        )

    def photo_credit(self, photographers: list[StaffMember]) -> str:
        """Return `Photo: Ma Jian / 摄影：Ma Jian`."""
        if not photographers:
            return ""
        labels, separators = in_both(PHOTO_LABEL), in_both(LABEL_SEPARATOR)
        credits = format_html_join(
            " / ",
            '<span lang="{}">{}{}{}</span>',
            [
                (HTML_LANG[code], labels[i], separators[i], people(photographers, code))
                for i, code in enumerate(LANGUAGE_CODES)
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


def title_for(article: Article) -> tuple[str, list[str]]:
    """Return the WeChat title: the Chinese title, else the English one.

    WeChat readers see the title in a Chinese interface, and the desk's account
    headlines in Chinese; the English title opens the body instead, so nothing is
    lost and no bilingual title has to be squeezed into 32 characters. A title
    that is too long is kept whole and flagged: only a person can shorten it well.
    """
    title = localized(article, "title", ZH).text
    if len(title) <= TITLE_LIMIT:
        return title, []
    return title, [
        _("The title is %(counted)s. Shorten it in the WeChat editor.")
        % {"counted": counted(len(title), TITLE_LIMIT)}
    ]


def author_for(article: Article) -> tuple[str, list[str]]:
    """Return the reporters' names that fit in 16 characters, else the desk's name."""
    reporters = article.reporters()
    separator = in_both(LIST_SEPARATOR)[1]
    names: list[str] = []
    for member in reporters:
        if len(separator.join([*names, person(member, ZH)])) > AUTHOR_LIMIT:
            break
        names.append(person(member, ZH))
    if names:
        warnings = []
        if len(names) < len(reporters):
            warnings.append(
                _(
                    "Only %(shown)s of the %(count)s reporters fit in the author "
                    "field (%(limit)s characters); all of them are in the credits."
                )
                % {"shown": len(names), "count": len(reporters), "limit": AUTHOR_LIMIT}
            )
        return separator.join(names), warnings
    author = localized(article.publication, "name", ZH).text
    warnings = []
    if reporters:
        warnings.append(
            _(
                "The reporter's name does not fit in the author field (%(limit)s "
                "characters), so the publication is named instead."
            )
            % {"limit": AUTHOR_LIMIT}
        )
    if len(author) > AUTHOR_LIMIT:
        warnings.append(
            _("The author is %(counted)s. Shorten it in the WeChat editor.")
            % {"counted": counted(len(author), AUTHOR_LIMIT)}
        )
    return author, warnings


def trim(text: str, limit: int) -> str:
    """Cut `text` to `limit` characters at a sentence end, else a word, else anywhere.

    A cut after a whole sentence needs no ellipsis; any other cut ends in “…”. A
    sentence end is used only if it keeps at least half of the room.
    """
    if len(text) <= limit:
        return text
    ends = [match.end() for match in _SENTENCE_END.finditer(text[:limit])]
    if ends and ends[-1] >= limit // 2:
        return text[: ends[-1]]
    room = text[: limit - 1]
    # Latin words are cut at a space; each Han character is a place to cut.
    if room[-1].isascii() and room[-1].isalnum() and text[limit - 1].isalnum():
        space = room.rfind(" ")
        if space >= limit // 2:
            room = room[:space]
    return room.rstrip(" ,;:，、；：") + "…"


def digest_for(article: Article) -> tuple[str, list[str]]:
    """Return the summary, Chinese then English, trimmed to 128 characters."""
    chinese = (article.summary_zh_hans or "").strip()
    english = (article.summary_en or "").strip()
    # Full-width punctuation carries its own space; anything else needs one.
    space = "" if not chinese or chinese[-1] in _FULL_WIDTH_END else " "
    summary = space.join(text for text in (chinese, english) if text)
    if not summary:
        return "", [_("There is no summary; WeChat will show the opening of the text.")]
    digest = trim(summary, DIGEST_LIMIT)
    if digest == summary:
        return digest, []
    return digest, [
        _(
            "The summary is %(length)s characters; the digest keeps %(kept)s of them. "
            "Check where it was cut."
        )
        % {"length": number(len(summary)), "kept": number(len(digest))}
    ]


def build_export(article: Article) -> WeChatExport:
    """Return the WeChat export of an article loaded with `for_detail()`."""
    check_exportable(article)
    builder = _Builder(article)
    source_url = article_url(article, ZH, settings.SITE_URL)
    body = (
        builder.header()
        + "".join(builder.block(block) for block in article.blocks.all())
        + builder.corrections()
        + builder.footer(source_url)
    )
    html = wrap("section", "body", body)
    title, title_warnings = title_for(article)
    author, author_warnings = author_for(article)
    digest, digest_warnings = digest_for(article)
    warnings = title_warnings + author_warnings + digest_warnings
    if len(html) > BODY_LIMIT:
        warnings.insert(
            0,
            _(
                "The article is %(counted)s; WeChat will not save it. Shorten it or "
                "split it in two."
            )
            % {"counted": counted(len(html), BODY_LIMIT)},
        )
    if article.status != Article.Status.PUBLISHED:
        warnings.append(
            _("Not published yet: the link to our site works once it is published.")
        )
    return WeChatExport(
        slug=article.slug,
        html=html,
        title=title,
        author=author,
        digest=digest,
        source_url=source_url,
        images=list(builder.images.values()),
        warnings=warnings + builder.warnings,
    )


def open_image(image: ExportImage) -> File:
    """Open an exported image's file, read through the storage API."""
    return default_storage.open(image.name, "rb")


def write_images_zip(export: WeChatExport, file: BinaryIO) -> None:
    """Write the export's images, in article order, as a zip into `file`."""
    # Stored, not deflated: JPEG and PNG are compressed already.
    with zipfile.ZipFile(file, "w", zipfile.ZIP_STORED) as archive:
        for image in export.images:
            with open_image(image) as source, archive.open(image.filename, "w") as out:
                shutil.copyfileobj(source, out)
