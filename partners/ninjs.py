"""An article as IPTC ninjs 2.1 (News in JSON), the format syndication partners read.

A bilingual article is a package: a complete item per language and the pairs as
the desk wrote them; why, in docs/partners.md. Only ninjs 2.1 properties are used,
read from what `Article.objects.for_detail()` prefetched.
"""

import mimetypes

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles.i18n import HTML_LANG, localized, names, own_text, photo_credit
from articles.models import LANGUAGE_CODES, Article, Block, Narration, Photo
from articles.sanitize import has_text, plain_text, sanitize_html
from articles.seo import (
    absolute_url,
    article_url,
    narration_for,
    original_image,
    page_url,
    rendition_image,
)

STANDARD = {
    "name": "ninjs",
    "version": "2.1",
    "schema": "https://www.iptc.org/std/ninjs/ninjs-schema_2.1.json",
}
PROFILE = "newsroom-bilingual-article"


def api_url(path: str) -> str:
    return absolute_url(path, settings.SITE_URL)


def article_uri(article_id: int) -> str:
    """Return the article's stable identifier: its address in this API."""
    return api_url(reverse("partners:article", kwargs={"pk": article_id}))


# Photos and narrations are named by their own API addresses so a partner can tell
# them apart and store a photo shared by two articles once.
def photo_uri(photo: Photo) -> str:
    return api_url(reverse("partners:photo", kwargs={"pk": photo.pk}))


def narration_uri(narration: Narration) -> str:
    return api_url(reverse("partners:narration", kwargs={"pk": narration.pk}))


def _text(value: str, role: str, contenttype: str = "text/plain") -> dict:
    return {"role": role, "contenttype": contenttype, "value": value}


def person(member, rel: str, language: str) -> dict:
    return {
        "name": localized(member, "name", language).text,
        "rel": rel,
        "uri": page_url(
            "articles:staff", language, settings.SITE_URL, slug=member.slug
        ),
        "literal": member.slug,
    }


def picture(photo: Photo, language: str, name: str) -> dict:
    """Return a photo in one language: its caption and alt text, credits, sizes."""
    photographers = list(photo.photographers.all())
    item = {
        "name": name,
        "uri": photo_uri(photo),
        "type": "picture",
        "language": HTML_LANG[language],
        "renditions": picture_renditions(photo),
    }
    descriptions = [
        _text(text, role)
        for role, text in (
            ("caption", own_text(photo, "caption", language)),
            ("alternative", own_text(photo, "alt_text", language)),
        )
        if text
    ]
    if descriptions:
        item["descriptions"] = descriptions
    if photographers:
        item["by"] = names(photographers, language)
        item["people"] = [
            person(member, "photographer", language) for member in photographers
        ]
    return item


def picture_renditions(photo: Photo) -> list[dict]:
    """Return the uploaded original and every resized copy, each with its size."""
    original = original_image(photo, settings.SITE_URL)
    renditions = [
        {
            "name": "original",
            "href": original["url"],
            "contenttype": mimetypes.guess_type(photo.image.name)[0]
            or "application/octet-stream",
            "width": original["width"],
            "height": original["height"],
        }
    ]
    for rendition in sorted(photo.renditions, key=lambda r: (r["format"], r["width"])):
        image = rendition_image(photo, rendition, settings.SITE_URL)
        renditions.append(
            {
                "name": f"{rendition['format']}-{rendition['width']}",
                "href": image["url"],
                "contenttype": f"image/{rendition['format'].lower()}",
                "width": image["width"],
                "height": image["height"],
            }
        )
    return renditions


def photo_item(photo: Photo) -> dict:
    """Return a photo on its own: its renditions, and a picture in each language."""
    return {
        "uri": photo_uri(photo),
        "standard": STANDARD,
        "type": "picture",
        "renditions": picture_renditions(photo),
        "associations": [
            picture(photo, code, HTML_LANG[code]) for code in LANGUAGE_CODES
        ],
    }


def audio(narration: Narration) -> dict:
    """Return the narration as an audio item; a bilingual one names no language."""
    rendition = {
        "name": "original",
        "href": absolute_url(narration.audio.url, settings.SITE_URL),
    }
    if narration.mime_type:
        rendition["contenttype"] = narration.mime_type
    if narration.size_bytes:
        rendition["sizeinbytes"] = narration.size_bytes
    if narration.duration_seconds is not None:
        rendition["duration"] = narration.duration_seconds
    item = {
        "name": "audio",
        "uri": narration_uri(narration),
        "type": "audio",
        "renditions": [rendition],
    }
    if narration.language != Narration.Language.BOTH:
        item["language"] = HTML_LANG[narration.language]
    if narration.voice:
        language = (
            LANGUAGE_CODES[0]
            if narration.language == Narration.Language.BOTH
            else narration.language
        )
        item["by"] = names([narration.voice], language)
        item["people"] = [person(narration.voice, "voice", language)]
    if starts := pair_starts(narration):
        item["associations"] = starts
    return item


def pair_starts(narration: Narration) -> list[dict]:
    """Return where each marked pair starts in the narration, in reading order.

    ninjs 2.1 has no property for a moment in a recording and admits none of
    ours, so each start is a component named and addressed as its pair in
    `pairs`, whose rendition is the recording from that pair to the next: a
    W3C Media Fragment (`…/narration.mp3#t=12.5,20`), which players play as is.
    Its `duration` is the pair's, when the recording's length is known.
    """
    marked = narration.marked_pairs()
    if not marked:
        return []
    href = absolute_url(narration.audio.url, settings.SITE_URL)
    uri = article_uri(narration.article_id)
    ends = [start for _, start in marked[1:]] + [narration.duration_seconds]
    items = []
    for (block, start), end in zip(marked, ends, strict=True):
        rendition = {"name": "narration", "href": f"{href}#t={start:g}"}
        if end is not None:
            rendition["href"] += f",{end:g}"
            rendition["duration"] = round(end - start, 1)
        if narration.mime_type:
            rendition["contenttype"] = narration.mime_type
        name = f"pair-{block.position}"
        items.append(
            {
                "name": name,
                "uri": f"{uri}#{name}",
                "type": "component",
                "renditions": [rendition],
            }
        )
    return items


def block_html(block: Block, language: str) -> str:
    """Return one pair's side as HTML, or "" when that side has nothing to show."""
    if block.kind == Block.Kind.PHOTO:
        return photo_html(block.photo, language)
    heading = block.kind == Block.Kind.HEADING
    # Cleaned here too: text written past the ORM (raw SQL, a restore) skipped
    # Block.save(), and partners embed this HTML in their pages.
    text = sanitize_html(own_text(block, "text", language), inline=heading)
    if not has_text(text):
        return ""
    if heading:
        return format_html("<h2>{}</h2>", _safe(text))
    if block.kind == Block.Kind.QUOTE:
        return format_html("<blockquote>{}</blockquote>", _safe(text))
    return text if text.startswith("<p") else format_html("<p>{}</p>", _safe(text))


def _safe(html: str):
    """Mark text that sanitize_html() returned as safe to embed."""
    return mark_safe(html)  # noqa: S308 - only ever given sanitize_html() output


def photo_html(photo: Photo, language: str) -> str:
    caption = own_text(photo, "caption", language)
    photographers = list(photo.photographers.all())
    original = original_image(photo, settings.SITE_URL)
    parts = []
    if caption:
        parts.append(("caption", caption))
    if photographers:
        parts.append(("credit", photo_credit(photographers, language)))
    figcaption = format_html_join("", '<p class="{}">{}</p>', parts)
    return format_html(
        '<figure><img src="{}" alt="{}" width="{}" height="{}">{}</figure>',
        original["url"],
        own_text(photo, "alt_text", language),
        original["width"],
        original["height"],
        format_html("<figcaption>{}</figcaption>", figcaption) if figcaption else "",
    )


def body(article: Article, language: str) -> dict:
    """Return the body in one language; `charcount` leaves out photo captions."""
    blocks = [(block, block_html(block, language)) for block in article.blocks.all()]
    text = " ".join(
        plain_text(html) for block, html in blocks if block.kind != Block.Kind.PHOTO
    )
    return {
        **_text(
            "\n".join(html for _block, html in blocks if html), "main", "text/html"
        ),
        "charcount": len(" ".join(text.split())),
    }


def language_item(article: Article, language: str, uri: str, meta: dict) -> dict:
    """Return the article in one language as a complete ninjs text item."""
    tag = HTML_LANG[language]
    site = settings.SITE_URL
    publication = article.publication
    item = {
        "name": tag,
        "uri": f"{uri}#{tag}",
        "type": "text",
        "representationtype": "full",
        **meta,
        "language": tag,
        "headlines": [_text(own_text(article, "title", language), "main")],
        "bodies": [body(article, language)],
        "renditions": [
            {
                "name": "web",
                "href": article_url(article, language, site),
                "contenttype": "text/html",
            },
            {
                "name": "dual",
                "href": page_url("articles:dual", language, site, slug=article.slug),
                "contenttype": "text/html",
            },
        ],
        "copyrightholder": localized(publication, "name", language).text,
    }
    descriptions = [
        _text(text, role)
        for role, text in (
            ("summary", own_text(article, "summary", language)),
            ("translationnote", own_text(article, "translation_note", language)),
        )
        if text
    ] + [
        _text(note, "correction")
        for correction in article.corrections.all()
        if (note := own_text(correction, "note", language))
    ]
    if descriptions:
        item["descriptions"] = descriptions
    credits = list(article.credits.all())
    if credits:
        item["people"] = [
            person(credit.member, credit.role.code, language) for credit in credits
        ]
        reporters = article.reporters()
        if reporters:
            item["by"] = names(reporters, language)
    if article.section:
        item["subjects"] = [
            {
                "name": localized(article.section, "name", language).text,
                "rel": "section",
                "uri": page_url(
                    "articles:section", language, site, slug=article.section.slug
                ),
                "literal": article.section.slug,
            }
        ]
    if article.source:
        item["infosources"] = [{"name": article.source, "role": "source"}]
    if notice := localized(publication, "rights_notice", language).text:
        item["copyrightnotice"] = notice
    if terms := localized(publication, "sharing_notice", language).text:
        item["usageterms"] = terms
    associations = []
    if article.hero_photo:
        associations.append(picture(article.hero_photo, language, "featureimage"))
    if narration := narration_for(article, language):
        associations.append(audio(narration))
    if associations:
        item["associations"] = associations
    return item


def pair(block: Block, uri: str) -> dict:
    """Return one pair as a component whose associations are its two sides."""
    name = f"pair-{block.position}"
    sides = []
    for language in LANGUAGE_CODES:
        tag = HTML_LANG[language]
        if block.kind == Block.Kind.PHOTO:
            sides.append(picture(block.photo, language, tag))
        elif html := block_html(block, language):
            sides.append(
                {
                    "name": tag,
                    "uri": f"{uri}#{name}-{tag}",
                    "type": "text",
                    "language": tag,
                    "bodies": [_text(html, block.kind, "text/html")],
                }
            )
    return {
        "name": name,
        "uri": f"{uri}#{name}",
        "type": "component",
        "profile": block.kind,
        "associations": sides,
    }


def _meta(article: Article, changed_at) -> dict:
    meta = {
        "version": str(article.version),
        "versioncreated": changed_at.isoformat(),
        "pubstatus": "usable",
    }
    if article.first_published_at:
        meta["firstcreated"] = article.first_published_at.isoformat()
    return meta


def article_item(article: Article, changed_at) -> dict:
    """Return a published article as a ninjs 2.1 package of both languages.

    `changed_at` is when the article last changed for partners (see
    `partners.api.with_changed_at`), given as `versioncreated`.
    """
    uri = article_uri(article.pk)
    meta = _meta(article, changed_at)
    return {
        "uri": uri,
        "standard": STANDARD,
        "type": "composite",
        "representationtype": "full",
        "profile": PROFILE,
        **meta,
        "contentcreated": article.created_at.isoformat(),
        "slugline": article.slug,
        "altids": [
            {"role": "id", "value": str(article.pk)},
            {"role": "slug", "value": article.slug},
        ],
        "associations": [
            *(language_item(article, code, uri, meta) for code in LANGUAGE_CODES),
            {
                "name": "pairs",
                "uri": f"{uri}#pairs",
                "type": "composite",
                "associations": [pair(block, uri) for block in article.blocks.all()],
            },
        ],
    }


def withdrawn_item(article: Article, changed_at) -> dict:
    """Return the stub that tells a partner to take a withdrawn article down."""
    return {
        "uri": article_uri(article.pk),
        "standard": STANDARD,
        "type": "composite",
        "representationtype": "partial",
        "profile": PROFILE,
        "version": str(article.version),
        "versioncreated": changed_at.isoformat(),
        "pubstatus": "canceled",
        "altids": [{"role": "id", "value": str(article.pk)}],
    }
