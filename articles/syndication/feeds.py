"""RSS and Atom feeds of the latest stories, one pair per interface language.

The narration travels as the item's enclosure, so the RSS feed doubles as a
podcast; iTunes tags add the duration podcast apps show. Only what readers may see
is listed: `Article.objects.published()` leaves out drafts, articles in review,
scheduled and unpublished ones.
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
from ..models import Article, ArticleCredit, Narration

FEED_LENGTH = 30
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"


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

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["duration"] is not None:
            handler.addQuickElement("itunes:duration", str(item["duration"]))


class LanguageAtomFeed(LanguageTaggedItems, Atom1Feed):
    """Atom 1.0 whose entries say when their text is in the other language."""


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

    def title(self):
        return _("Newsroom")

    def description(self):
        return _("The latest stories, with their narration.")

    def author_name(self):
        return _("Newsroom")

    def link(self):
        return seo.page_url("articles:home", current_language(), settings.SITE_URL)

    def feed_url(self):
        return seo.absolute_url(reverse(self.url_name), settings.SITE_URL)

    def items(self):
        return (
            Article.objects.published()
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
        return article.first_published_at

    def item_updateddate(self, article):
        return article.updated_at

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
