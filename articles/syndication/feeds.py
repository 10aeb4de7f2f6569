"""RSS and Atom feeds of the latest stories: one pair per interface language, and
a bilingual Atom feed with both languages in every entry.

The narration travels as the item's enclosure, so the RSS feed doubles as a
podcast; iTunes tags add the show's artwork, category and each episode's duration.
Only what readers may see is listed: `Article.objects.published()` leaves out
drafts, articles in review, scheduled and unpublished ones, and a one-language
feed leaves out the stories with nothing in its language (`written_in`).
"""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from .. import seo
from ..i18n import HTML_LANG, current_language, localized, names
from ..models import LANGUAGE_CODES, Article, ArticleCredit, Narration, Publication

FEED_LENGTH = 30
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# From Apple Podcasts' category list; the text is Apple's, never translated.
ITUNES_CATEGORY = "News"


class LanguageTaggedItems:
    """Mark an item whose text had to come from the other language with xml:lang."""

    def item_attributes(self, item):
        if item["language"] != self.feed["language"]:
            return {"xml:lang": item["language"]}
        return {}


class PodcastRssFeed(LanguageTaggedItems, Rss201rev2Feed):
    """RSS 2.0 with the iTunes tags podcast apps read."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES_NS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("itunes:author", self.feed["author_name"])
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:category", attrs={"text": ITUNES_CATEGORY})
        if self.feed["logo"]:
            handler.addQuickElement("itunes:image", attrs={"href": self.feed["logo"]})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["duration"] is not None:
            handler.addQuickElement("itunes:duration", str(item["duration"]))


class LanguageAtomFeed(LanguageTaggedItems, Atom1Feed):
    """Atom 1.0 whose entries say when their text is in the other language."""


class BilingualAtomFeed(LanguageAtomFeed):
    """Atom 1.0 whose entries hold each language's title and summary, each marked.

    The content is XHTML, one `div` per language with `xml:lang` (for Atom
    readers) and `lang` (for the XHTML they render).
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.startElement("content", {"type": "xhtml"})
        handler.startElement("div", {"xmlns": XHTML_NS})
        for version in item["versions"]:
            lang = HTML_LANG[version["language"]]
            handler.startElement("div", {"xml:lang": lang, "lang": lang})
            handler.addQuickElement("h2", version["title"])
            if version["summary"]:
                handler.addQuickElement("p", version["summary"])
            handler.endElement("div")
        handler.endElement("div")
        handler.endElement("content")


def tag_uri(article: Article, language: str) -> str:
    """Return a GUID that survives edits, a new slug and a new title (RFC 4151)."""
    host = urlsplit(settings.SITE_URL).hostname
    day = article.first_published_at.astimezone(UTC).date().isoformat()
    return f"tag:{host},{day}:article/{article.pk}/{language}"


def podcast_episode(article: Article) -> Narration | None:
    """Return the narration to enclose; an enclosure needs its length and type."""
    narration = seo.narration_for(article, current_language())
    if narration and narration.size_bytes and narration.mime_type:
        return narration
    return None


class LatestArticlesRss(Feed):
    """The latest stories in the interface language, newest first."""

    feed_type = PodcastRssFeed
    url_name = "articles:feed-rss"

    @property
    def language(self):
        return HTML_LANG[current_language()]

    def get_object(self, request, *args, **kwargs):
        """Return the desk the feed speaks for: the first publication set up.

        A newsroom runs one desk; should there be several, the site's feeds go
        out under the first one's name and logo.
        """
        return Publication.objects.order_by("pk").first()

    def title(self, publication):
        if publication is None:
            return _("Newsroom")
        return localized(publication, "name", current_language()).text

    def description(self):
        return _("The latest stories, with their narration.")

    def author_name(self, publication):
        return self.title(publication)

    def feed_extra_kwargs(self, publication):
        base_url = settings.SITE_URL
        return {"logo": publication and seo.logo_url(publication, base_url)}

    def link(self):
        return seo.page_url("articles:home", current_language(), settings.SITE_URL)

    def feed_url(self):
        return seo.absolute_url(reverse(self.url_name), settings.SITE_URL)

    def listed(self):
        """Return the published stories this feed may list."""
        return Article.objects.published().written_in(current_language())

    def items(self):
        return (
            self.listed()
            .for_listing()
            .prefetch_related(
                "narrations",
                Prefetch(
                    "credits",
                    queryset=ArticleCredit.objects.select_related("role", "member"),
                ),
            )[:FEED_LENGTH]
        )

    def item_title(self, article):
        return localized(article, "title").text

    def item_description(self, article):
        # Title and summary stay in one language, so an item never mixes the two.
        title = localized(article, "title")
        summary = localized(article, "summary", title.language, fallback=False)
        # The summary is plain text; feed readers read descriptions as HTML.
        return escape(summary.text) if summary else None

    def item_link(self, article):
        return seo.article_url(article, current_language(), settings.SITE_URL)

    def item_guid(self, article):
        return tag_uri(article, current_language())

    def item_guid_is_permalink(self, article):
        return False

    def item_pubdate(self, article):
        return article.first_published_at.replace(microsecond=0)

    def item_updateddate(self, article):
        return seo.modified_at(article).replace(microsecond=0)

    def item_author_name(self, article):
        return names(article.reporters()) or None

    def item_categories(self, article):
        if article.section:
            return [localized(article.section, "name").text]
        return []

    def item_enclosures(self, article):
        narration = podcast_episode(article)
        if narration is None:
            return []
        url = seo.absolute_url(narration.audio.url, settings.SITE_URL)
        return [Enclosure(url, str(narration.size_bytes), narration.mime_type)]

    def item_extra_kwargs(self, article):
        narration = podcast_episode(article)
        return {
            "language": localized(article, "title").lang,
            "duration": narration.duration_seconds if narration else None,
        }


class LatestArticlesAtom(LatestArticlesRss):
    feed_type = LanguageAtomFeed
    url_name = "articles:feed-atom"
    subtitle = LatestArticlesRss.description


class BilingualArticlesAtom(LatestArticlesAtom):
    """Every story in both languages, each entry linking to the paired page."""

    feed_type = BilingualAtomFeed
    url_name = "articles:feed-bilingual"

    def description(self):
        return _("The latest stories in English and Chinese, side by side.")

    subtitle = description

    def listed(self):
        return Article.objects.published()

    def item_link(self, article):
        return seo.page_url(
            "articles:dual", current_language(), settings.SITE_URL, slug=article.slug
        )

    def item_guid(self, article):
        return tag_uri(article, "bilingual")

    def item_extra_kwargs(self, article):
        versions = [
            {
                "language": language,
                "title": title,
                "summary": localized(article, "summary", language, fallback=False).text,
            }
            for language in LANGUAGE_CODES
            if (title := localized(article, "title", language, fallback=False).text)
        ]
        return {**super().item_extra_kwargs(article), "versions": versions}
