"""Sitemaps and robots.txt: what crawlers should find, and in which languages.

Every article is listed once per language it is written in (`written_in`), at its
single-language address, with hreflang alternates; the paired pages are left out
because they are not indexed.
Only published articles appear (`Article.objects.published()`), so drafts,
articles in review, scheduled and unpublished ones stay out.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from ..i18n import localized
from ..models import LANGUAGE_CODES, Article, field_suffix
from ..seo import modified_at

# Google News reads only the last two days, and at most 1,000 addresses.
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000
# Google News names Simplified Chinese zh-cn.
NEWS_LANGUAGE = {"en": "en", "zh-hans": "zh-cn"}


class BilingualSitemap(Sitemap):
    """List each page in every language, with addresses built on settings.SITE_URL.

    The page head and the feeds use SITE_URL too, so all of them name the same
    public addresses whichever host a crawler came in on.
    """

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


def written_in_each_language(articles):
    """Annotate `written_in_<suffix>` for each language: has it any text in it?"""
    return articles.annotate(
        **{
            f"written_in_{field_suffix(language)}": Exists(
                Article.objects.written_in(language).filter(pk=OuterRef("pk"))
            )
            for language in LANGUAGE_CODES
        }
    )


class ArticleSitemap(BilingualSitemap):
    def items(self):
        return written_in_each_language(
            Article.objects.published().order_by("-first_published_at", "-pk")
        )

    def get_languages_for_item(self, article):
        """List an article in the languages it has text in, never in the other."""
        return [
            language
            for language in super().get_languages_for_item(article)
            if getattr(article, f"written_in_{field_suffix(language)}")
        ]

    def location(self, article):
        return reverse("articles:detail", kwargs={"slug": article.slug})

    def lastmod(self, article):
        return modified_at(article).replace(microsecond=0)


class HomeSitemap(BilingualSitemap):
    def items(self):
        return ["articles:home"]

    def location(self, name):
        return reverse(name)


class NewsSitemap(ArticleSitemap):
    """The Google News sitemap: stories first published in the last two days."""

    alternates = False
    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return written_in_each_language(
            Article.objects.published()
            .filter(first_published_at__gte=since)
            .select_related("publication")
            .order_by("-first_published_at", "-pk")
        )[: NEWS_LIMIT // len(settings.LANGUAGES)]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            article, language = url["item"]
            url["news"] = {
                "name": localized(article.publication, "name", language).text,
                "language": NEWS_LANGUAGE[language],
                "title": localized(article, "title", language).text,
                "published_at": article.first_published_at,
            }
        return urls


SITEMAPS = {"pages": HomeSitemap, "articles": ArticleSitemap}
NEWS_SITEMAPS = {"news": NewsSitemap}


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Point crawlers at the sitemaps and keep them out of the admin and previews.

    The paired pages are not disallowed: they carry noindex, which a crawler only
    sees if it may fetch them, and they link to the single-language pages.
    """
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/preview/",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap-news')}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
