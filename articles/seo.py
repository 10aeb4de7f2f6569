"""What an article tells search engines, feed readers and share cards.

Pure functions of an article, a language and the site's base URL. Every address is
built on settings.SITE_URL rather than the request's host, so the page head, the
feeds, the sitemap and the QR code name the same public address whichever host name
a request came in on (a proxy, a CDN, 127.0.0.1).

They read only what `Article.objects.for_detail()` (or the feed's queryset) has
prefetched — credits with role and member, narrations, the hero photo with its
photographers — so describing an article costs no queries of its own.
"""

import io
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import urljoin

import rjieba
import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from .i18n import HTML_LANG, Localized, localized, own_text
from .models import LANGUAGE_CODES, REPORTER, Article, Block, Narration, Photo
from .sanitize import plain_text

# Open Graph locales carry a territory; Simplified Chinese is read on the mainland.
OG_LOCALE = {"en": "en_US", "zh-hans": "zh_CN"}
# Share cards need a format every app decodes; WeChat and older crawlers skip WebP.
SHARE_IMAGE_FORMATS = ("jpeg", "jpg", "png")
# A page without a summary in its language describes itself with the opening of
# its text, about as much as a search result shows of it: some 160 characters
# of English, 80 of Chinese.
OPENING_LENGTH = {"en": 160, "zh-hans": 80}
# Chinese marks an omission with two ellipses (……), English with one.
ELLIPSIS = {"en": "…", "zh-hans": "……"}
SENTENCE_END = {
    "en": re.compile(r"[.!?][\"'”’)]*(?=\s)"),
    "zh-hans": re.compile(r"[。！？][”』」）]*"),
}


def absolute_url(url: str, base_url: str) -> str:
    """Return `url` (a path, or already absolute as storages may give) on `base_url`."""
    return urljoin(base_url + "/", url)


def page_url(name: str, language: str, base_url: str, **kwargs) -> str:
    """Return the absolute address of the named page in an interface language."""
    with translation.override(language):
        return absolute_url(reverse(name, kwargs=kwargs or None), base_url)


def article_url(article: Article, language: str, base_url: str) -> str:
    """Return the article's single-language page: the canonical, indexable one."""
    return page_url("articles:detail", language, base_url, slug=article.slug)


def language_alternates(article: Article, base_url: str) -> list[tuple[str, str]]:
    """Return (hreflang, address) for each language and for x-default.

    x-default is the address without a language prefix, which sends each reader
    to the language their browser asks for; Django's sitemap names the same one.
    """
    alternates = [
        (HTML_LANG[code], article_url(article, code, base_url))
        for code in LANGUAGE_CODES
    ]
    default = article_url(article, settings.LANGUAGE_CODE, base_url)
    prefix = f"/{settings.LANGUAGE_CODE}/"
    return [*alternates, ("x-default", default.replace(prefix, "/", 1))]


def machine_time(moment: datetime) -> str:
    """Return `moment` in the site's time zone, to the whole second, with its offset.

    What `<time datetime>`, JSON-LD, Open Graph and feeds print: the HTML checker
    refuses more than three fraction digits, and nobody reads a story's time to
    the microsecond.
    """
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def modified_at(article: Article) -> datetime:
    """Return when readers last saw the article change: never before it went live.

    "Modified" is what a reader could see change. Publishing is a workflow move
    that saves the row at the moment of the move, and a scheduled article (or an
    edit made while it waits) is seen by nobody before its go-live time: what
    went live is the first version readers saw, so until a later edit the
    article was modified when it went live. A later edit (a correction) moves it
    on. `first_published_at` and `publish_at` are both go-live times (the first
    and the latest), so the latest of the three is the answer.
    """
    moments = [article.updated_at, article.first_published_at, article.publish_at]
    return max(moment for moment in moments if moment is not None)


def iso_duration(seconds: int) -> str:
    """Return an ISO 8601 duration: 3725 -> PT1H2M5S."""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [(hours, "H"), (minutes, "M"), (seconds, "S")]
    text = "".join(f"{value}{unit}" for value, unit in parts if value)
    return f"PT{text or '0S'}"


def narration_for(article: Article, language: str) -> Narration | None:
    """Return the narration for readers of `language`: theirs, else a bilingual one."""
    narrations = list(article.narrations.all())
    for wanted in (language, Narration.Language.BOTH):
        for narration in narrations:
            if narration.language == wanted:
                return narration
    return None


def narration_languages(narration: Narration) -> list[str]:
    """Return the BCP 47 tags of the languages spoken in a narration."""
    if narration.language == Narration.Language.BOTH:
        return [HTML_LANG[code] for code in LANGUAGE_CODES]
    return [HTML_LANG[narration.language]]


def original_image(photo: Photo, base_url: str) -> dict:
    return {
        "url": absolute_url(photo.image.url, base_url),
        "width": photo.width,
        "height": photo.height,
    }


def rendition_image(photo: Photo, rendition: dict, base_url: str) -> dict:
    return {
        "url": absolute_url(photo.image.storage.url(rendition["name"]), base_url),
        "width": rendition["width"],
        "height": rendition["height"],
    }


def photo_images(photo: Photo, base_url: str) -> list[dict]:
    """Return the photo's sizes, smallest first: its renditions, else the original."""
    renditions = sorted(photo.renditions, key=lambda rendition: rendition["width"])
    if not renditions:
        return [original_image(photo, base_url)]
    return [rendition_image(photo, rendition, base_url) for rendition in renditions]


def share_image(photo: Photo, base_url: str) -> dict:
    """Return the largest size of the photo that every share card can show."""
    usable = [
        rendition
        for rendition in photo.renditions
        if rendition["format"].lower() in SHARE_IMAGE_FORMATS
    ]
    if not usable:
        return original_image(photo, base_url)
    widest = max(usable, key=lambda rendition: rendition["width"])
    return rendition_image(photo, widest, base_url)


def person(member, language: str, base_url: str) -> dict:
    """Describe a staff member as a schema.org Person with their staff page."""
    return {
        "@type": "Person",
        "name": localized(member, "name", language).text,
        "url": page_url("articles:staff", language, base_url, slug=member.slug),
    }


def logo_url(publication, base_url: str) -> str | None:
    """Return the absolute address of the publication's logo, None if it has none."""
    return absolute_url(publication.logo.url, base_url) if publication.logo else None


def organization(publication, language: str, base_url: str) -> dict:
    """Describe the publishing desk as a schema.org NewsMediaOrganization.

    Without a logo uploaded the organization is described without one: any other
    picture (the favicon, a story's photo) would tell search engines the desk's
    mark is something it is not, and Google takes no SVG here anyway. The name
    and address still say who published.
    """
    data = {
        "@type": "NewsMediaOrganization",
        "name": localized(publication, "name", language).text,
        "url": page_url("articles:home", language, base_url),
    }
    if logo := logo_url(publication, base_url):
        data["logo"] = {"@type": "ImageObject", "url": logo}
    return data


def audio_object(narration: Narration, base_url: str) -> dict:
    """Describe a narration as schema.org AudioObject; unknown facts are left out."""
    data = {
        "@type": "AudioObject",
        "contentUrl": absolute_url(narration.audio.url, base_url),
        "inLanguage": narration_languages(narration),
    }
    if narration.mime_type:
        data["encodingFormat"] = narration.mime_type
    if narration.duration_seconds is not None:
        data["duration"] = iso_duration(narration.duration_seconds)
    return data


def news_article(
    article: Article, language: str, base_url: str, about: Localized
) -> dict:
    """Return the schema.org NewsArticle for the article's page in `language`,
    described as `about` says (`description()`)."""
    url = article_url(article, language, base_url)
    publisher = organization(article.publication, language, base_url)
    authors, contributors = [], []
    for credit in article.credits.all():
        someone = person(credit.member, language, base_url)
        if credit.role.code == REPORTER:
            authors.append(someone)
        else:
            contributors.append(
                {
                    "@type": "Role",
                    "roleName": localized(credit.role, "label", language).text,
                    "contributor": someone,
                }
            )
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": localized(article, "title", language).text,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": HTML_LANG[language],
        "isAccessibleForFree": True,
        "author": authors or [publisher],
        "publisher": publisher,
    }
    if about:
        data["description"] = about.text
    if article.first_published_at:
        data["datePublished"] = machine_time(article.first_published_at)
    data["dateModified"] = machine_time(modified_at(article))
    if article.section:
        data["articleSection"] = localized(article.section, "name", language).text
    if photo := article.hero_photo:
        images = [
            {"@type": "ImageObject", **image} for image in photo_images(photo, base_url)
        ]
        if creators := [
            person(member, language, base_url) for member in photo.photographers.all()
        ]:
            for image in images:
                image["creator"] = creators
        data["image"] = images
    if contributors:
        data["contributor"] = contributors
    if narration := narration_for(article, language):
        data["audio"] = audio_object(narration, base_url)
    return data


def description(article: Article, language: str) -> Localized:
    """Return what describes `article` to search engines and share cards in
    `language`: its summary there; else the opening of its text there, so that a
    Chinese page describes itself in Chinese; else the other language's summary."""
    if summary := localized(article, "summary", language, fallback=False):
        return summary
    if opening := _opening(article, language):
        return Localized(opening, language)
    return localized(article, "summary", language)


def _opening(article: Article, language: str) -> str:
    """Return the first paragraphs of `article` in `language`, cut after the last
    whole sentence that fits OPENING_LENGTH (else after the last whole word, with
    the language's ellipsis)."""
    limit = OPENING_LENGTH[language]
    joiner = " " if language == "en" else ""
    text = ""
    for block in article.blocks.all():
        if block.kind == Block.Kind.PARAGRAPH and (
            paragraph := plain_text(own_text(block, "text", language))
        ):
            text = f"{text}{joiner}{paragraph}" if text else paragraph
            if len(text) > limit:
                break
    text = text.replace("\n", joiner)
    if len(text) <= limit:
        return text
    ends = [
        found.end()
        for found in SENTENCE_END[language].finditer(text[: limit + 1])
        if found.end() <= limit
    ]
    if ends and ends[-1] >= limit // 2:
        return text[: ends[-1]]
    ellipsis = ELLIPSIS[language]
    room = limit - len(ellipsis)
    if language == "en":
        cut = text[:room]
        if " " in cut:
            cut = cut[: cut.rindex(" ")]
    else:
        # After a whole word, as rjieba cuts the text into words (as search does).
        cut = ""
        for word in rjieba.cut(text[: 2 * limit]):
            if len(cut) + len(word) > room:
                break
            cut += word
    return cut.rstrip(" ,;:，、；：") + ellipsis


@dataclass(frozen=True)
class PageMeta:
    """What the head of an article page says about it, in one language."""

    title: Localized
    description: Localized
    canonical: str
    alternates: list[tuple[str, str]]
    locale: str
    locale_alternates: list[str]
    section: Localized | None
    image: dict | None
    image_alt: Localized | None
    author_urls: list[str]
    json_ld: dict


def page_meta(article: Article, language: str, base_url: str) -> PageMeta:
    """Return the canonical address, share card and JSON-LD of an article page."""
    about = description(article, language)
    json_ld = news_article(article, language, base_url, about)
    photo = article.hero_photo
    return PageMeta(
        title=localized(article, "title", language),
        description=about,
        canonical=json_ld["url"],
        alternates=language_alternates(article, base_url),
        locale=OG_LOCALE[language],
        locale_alternates=[
            locale for code, locale in OG_LOCALE.items() if code != language
        ],
        section=localized(article.section, "name", language)
        if article.section
        else None,
        image=share_image(photo, base_url) if photo else None,
        image_alt=localized(photo, "alt_text", language) if photo else None,
        author_urls=[
            author["url"] for author in json_ld["author"] if author["@type"] == "Person"
        ],
        json_ld=json_ld,
    )


@lru_cache(maxsize=512)
def qr_svg(url: str) -> str:
    """Return an SVG file of a QR code for `url`, which scales to any size.

    A full QR code, never the Micro QR segno picks for short data: phone cameras
    and WeChat's scanner read only the full kind. The light modules are painted so
    the code still scans from a screen in dark mode.
    """
    svg = io.BytesIO()
    segno.make_qr(url, error="m").save(
        svg,
        kind="svg",
        xmldecl=False,
        omitsize=True,
        dark="#000",
        light="#fff",
        svgclass=None,
        lineclass=None,
        nl=False,
    )
    return svg.getvalue().decode()
