"""The WeChat export of an approved or published article: body, fields, images.

See docs/wechat.md for what the WeChat editor keeps of a pasted article, and why
the export is shaped so. The body is built in body.py, the fields in fields.py.
"""

import json
import shutil
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles.i18n import HTML_LANG
from articles.models import Article
from articles.seo import article_url

from .body import ZH, BodyBuilder, ExportImage, wrap
from .fields import (
    AUTHOR_LIMIT,
    BODY_LIMIT,
    DIGEST_LIMIT,
    TITLE_LIMIT,
    Field,
    author_for,
    counted,
    digest_for,
    title_for,
)

EXPORTABLE = (Article.Status.APPROVED, Article.Status.PUBLISHED)


class NotExportable(Exception):
    """The article may not be exported; the message says why."""


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


def build_export(article: Article) -> WeChatExport:
    """Return the WeChat export of an article loaded with `for_detail()`."""
    check_exportable(article)
    builder = BodyBuilder(article)
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
