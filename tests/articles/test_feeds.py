"""Feeds, sitemaps and robots.txt: what subscribers and crawlers are given."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from articles.models import Article
from tests.articles.test_metadata import SITE, credit, head_of, logo_png, narrate
from tests.factories import (
    ArticleFactory,
    BlockFactory,
    PublicationFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "dc": "http://purl.org/dc/elements/1.1/",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def published(days_ago, **kwargs):
    return ArticleFactory(
        published=True,
        first_published_at=timezone.now() - timedelta(days=days_ago),
        **kwargs,
    )


@pytest.fixture
def archive():
    """Two public stories and one of every kind that must stay hidden."""
    older = published(3, slug="older", title_en="Older", title_zh_hans="旧闻")
    newer = published(1, slug="newer", title_en="Newer", title_zh_hans="新闻")
    ArticleFactory(slug="draft", title_en="Draft")
    ArticleFactory(slug="in-review", status=Article.Status.IN_REVIEW)
    ArticleFactory(
        slug="unpublished",
        status=Article.Status.UNPUBLISHED,
        first_published_at=timezone.now() - timedelta(days=2),
    )
    published(0, slug="scheduled", publish_at=timezone.now() + timedelta(hours=3))
    return older, newer


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


def rss_items(client, url="/en/feeds/rss/"):
    return get_xml(client, url)[1].findall("channel/item")


def test_rss_lists_only_published_stories_newest_first(client, archive):
    response, rss = get_xml(client, "/en/feeds/rss/")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert [item.findtext("title") for item in rss.findall("channel/item")] == [
        "Newer",
        "Older",
    ]
    assert rss.findtext("channel/language") == "en"
    assert rss.findtext("channel/link") == f"{SITE}/en/"


def test_chinese_feed_is_in_chinese_and_links_chinese_pages(client, archive):
    _, rss = get_xml(client, "/zh-hans/feeds/rss/")

    items = rss.findall("channel/item")
    assert [item.findtext("title") for item in items] == ["新闻", "旧闻"]
    assert items[0].findtext("link") == f"{SITE}/zh-hans/articles/newer/"
    assert rss.findtext("channel/language") == "zh-Hans"
    self_link = rss.find("channel/atom:link", NS)
    assert self_link.get("href") == f"{SITE}/zh-hans/feeds/rss/"


def test_item_carries_date_author_and_section(client):
    story = published(1, slug="story", section=SectionFactory())
    credit(story, "reporter", "Yang Han")
    credit(story, "voice", "Benjamin Curwen")

    [item] = rss_items(client, "/zh-hans/feeds/rss/")

    assert item.findtext("dc:creator", namespaces=NS) == "Yang Han"
    assert item.findtext("category") == "经济"
    assert item.findtext("pubDate") == story.first_published_at.strftime(
        "%a, %d %b %Y %H:%M:%S +0000"
    )


def test_narration_is_the_podcast_enclosure(client):
    story = published(1, slug="narrated")
    narration = narrate(story, language="both", size_bytes=1_234_567)

    [item] = rss_items(client)

    enclosure = item.find("enclosure")
    assert enclosure.attrib == {
        "url": f"{SITE}{narration.audio.url}",
        "length": "1234567",
        "type": "audio/mpeg",
    }
    assert item.findtext("itunes:duration", namespaces=NS) == "3725"


def test_a_narration_in_the_other_language_is_not_enclosed(client):
    narrate(published(1, slug="narrated"), language="zh-hans")

    [english] = rss_items(client, "/en/feeds/rss/")
    [chinese] = rss_items(client, "/zh-hans/feeds/rss/")

    assert english.find("enclosure") is None
    assert chinese.find("enclosure").get("type") == "audio/mpeg"


@pytest.mark.parametrize(
    "unknown", [{"size_bytes": 0}, {"mime_type": ""}], ids=["size", "type"]
)
def test_no_enclosure_when_the_file_facts_are_unknown(client, unknown):
    narrate(published(1, slug="narrated"), **unknown)

    [item] = rss_items(client)

    assert item.find("enclosure") is None
    assert item.find("itunes:duration", NS) is None


def test_guid_survives_an_edit_of_title_and_address(client):
    story = published(1, slug="first-slug")
    [before] = rss_items(client)

    story.title_en = "A corrected headline"
    story.slug = "second-slug"
    story.save()
    [after] = rss_items(client)

    assert after.findtext("title") == "A corrected headline"
    assert after.findtext("guid") == before.findtext("guid")
    assert before.find("guid").get("isPermaLink") == "false"
    assert before.findtext("guid").startswith("tag:news.example.org,")


def test_the_two_languages_are_different_items(client):
    published(1, slug="story")

    [english] = rss_items(client, "/en/feeds/rss/")
    [chinese] = rss_items(client, "/zh-hans/feeds/rss/")

    assert english.findtext("guid") != chinese.findtext("guid")


def test_summary_is_escaped_as_html_and_never_mixes_languages(client):
    published(1, slug="story", summary_en="Prices < costs & rising")

    [english] = rss_items(client, "/en/feeds/rss/")
    [chinese] = rss_items(client, "/zh-hans/feeds/rss/")

    # Feed readers read a description as HTML, so the text arrives escaped once more.
    assert english.findtext("description") == "Prices &lt; costs &amp; rising"
    assert chinese.find("description") is None


def test_an_item_in_the_other_language_says_so(client):
    story = published(1, slug="story", title_zh_hans="")
    BlockFactory(article=story)  # Chinese pairs under an English title only

    [chinese] = rss_items(client, "/zh-hans/feeds/rss/")

    assert chinese.get(XML_LANG) == "en"


def test_atom_feed_matches_the_rss_feed(client, archive):
    narration = narrate(archive[1], language="en")
    [rss_item, _] = rss_items(client)

    response, atom = get_xml(client, "/en/feeds/atom/")

    assert response["Content-Type"].startswith("application/atom+xml")
    entries = atom.findall("atom:entry", NS)
    assert [entry.findtext("atom:title", namespaces=NS) for entry in entries] == [
        "Newer",
        "Older",
    ]
    assert entries[0].findtext("atom:id", namespaces=NS) == rss_item.findtext("guid")
    enclosure = entries[0].find("atom:link[@rel='enclosure']", NS)
    assert enclosure.get("href") == f"{SITE}{narration.audio.url}"
    assert enclosure.get("length") == "48000"


def test_feed_queries_do_not_grow_with_the_number_of_stories(
    client, django_assert_max_num_queries
):
    for number in range(12):
        story = published(1, slug=f"story-{number}")
        credit(story, "reporter", f"Reporter {number}")
        narrate(story)

    # The publication, the stories, their credits and narrations.
    with django_assert_max_num_queries(4):
        assert len(rss_items(client)) == 12


def sitemap_urls(client, url="/sitemap.xml"):
    response, root = get_xml(client, url)
    assert response["Content-Type"] == "application/xml"
    return root.findall("sm:url", NS)


def test_sitemap_lists_published_stories_in_both_languages(client, archive):
    urls = sitemap_urls(client)

    locations = [url.findtext("sm:loc", namespaces=NS) for url in urls]
    assert sorted(loc for loc in locations if "/articles/" in loc) == [
        f"{SITE}/en/articles/newer/",
        f"{SITE}/en/articles/older/",
        f"{SITE}/zh-hans/articles/newer/",
        f"{SITE}/zh-hans/articles/older/",
    ]
    assert f"{SITE}/en/" in locations and f"{SITE}/zh-hans/" in locations


def test_sitemap_gives_language_alternates_and_lastmod(client, archive):
    older = archive[0]
    urls = sitemap_urls(client)

    [entry] = [
        url
        for url in urls
        if url.findtext("sm:loc", namespaces=NS) == f"{SITE}/zh-hans/articles/older/"
    ]
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in entry.findall("xhtml:link", NS)
    }
    assert alternates == {
        "en": f"{SITE}/en/articles/older/",
        "zh-hans": f"{SITE}/zh-hans/articles/older/",
        "x-default": f"{SITE}/articles/older/",
    }
    older.refresh_from_db()
    assert entry.findtext("sm:lastmod", namespaces=NS) == (
        timezone.localtime(older.updated_at).date().isoformat()
    )


def test_news_sitemap_lists_the_last_two_days(client, archive):
    urls = sitemap_urls(client, "/sitemap-news.xml")

    assert [url.findtext("sm:loc", namespaces=NS) for url in urls] == [
        f"{SITE}/en/articles/newer/",
        f"{SITE}/zh-hans/articles/newer/",
    ]
    chinese = urls[1].find("news:news", NS)
    assert chinese.findtext("news:title", namespaces=NS) == "新闻"
    assert chinese.findtext("news:publication/news:language", namespaces=NS) == "zh-cn"
    assert (
        chinese.findtext("news:publication/news:name", namespaces=NS)
        == "WhereZhengzhou"
    )
    assert chinese.findtext("news:publication_date", namespaces=NS) == (
        timezone.localtime(archive[1].first_published_at)
        .replace(microsecond=0)
        .isoformat()
    )


def test_robots_txt_points_to_the_sitemaps_and_keeps_out_of_private_pages(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /*/preview/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert f"Sitemap: {SITE}/sitemap-news.xml" in lines


@pytest.fixture
def desk():
    """The desk with a Chinese name and a logo, and a story of its own."""
    publication = PublicationFactory(name_zh_hans="郑州之窗", logo=logo_png())
    published(1, slug="story", publication=publication)
    return publication


@pytest.mark.parametrize(
    ("url", "name", "language"),
    [
        ("/en/feeds/rss/", "WhereZhengzhou", "en"),
        ("/zh-hans/feeds/rss/", "郑州之窗", "zh-Hans"),
        ("/en/feeds/atom/", "WhereZhengzhou", "en"),
        ("/zh-hans/feeds/atom/", "郑州之窗", "zh-Hans"),
        ("/zh-hans/feeds/bilingual/", "郑州之窗", "zh-Hans"),
    ],
)
def test_feed_title_is_the_publication_name_in_the_feed_language(
    client, desk, url, name, language
):
    feed = feedparser.parse(client.get(url).content)

    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == name
    assert feed.feed.language == language
    assert feed.feed.author == name


def test_podcast_feed_shows_the_logo_and_an_apple_category(client, desk):
    podcast = feedparser.parse(client.get("/zh-hans/feeds/rss/").content)

    assert podcast.feed.title == "郑州之窗"
    assert podcast.feed.image.href == f"{SITE}{desk.logo.url}"
    assert {"term": "News", "scheme": "http://www.itunes.com/", "label": None} in (
        podcast.feed.tags
    )


def test_podcast_feed_without_a_logo_has_no_artwork(client):
    published(1, slug="story")

    podcast = feedparser.parse(client.get("/en/feeds/rss/").content)

    assert "image" not in podcast.feed
    assert podcast.feed.tags[0].term == "News"


def test_one_language_feeds_leave_out_stories_with_nothing_in_their_language(client):
    english = published(2, slug="english", title_zh_hans="")
    BlockFactory(article=english, text_zh_hans="")
    chinese = published(1, slug="chinese", title_en="", title_zh_hans="只有中文")
    BlockFactory(article=chinese, text_en="")

    def titles(url):
        return [
            entry.title for entry in feedparser.parse(client.get(url).content).entries
        ]

    assert titles("/en/feeds/rss/") == [english.title_en]
    assert titles("/en/feeds/atom/") == [english.title_en]
    assert titles("/zh-hans/feeds/rss/") == ["只有中文"]
    assert titles("/zh-hans/feeds/atom/") == ["只有中文"]
    assert len(titles("/en/feeds/bilingual/")) == 2


def test_bilingual_feed_carries_both_languages_in_each_entry(client):
    published(
        1,
        slug="bridge",
        title_en="A bridge opens",
        title_zh_hans="新桥通车",
        summary_en="Traffic <flows>",
        summary_zh_hans="车流顺畅",
    )

    response = client.get("/en/feeds/bilingual/")
    feed = feedparser.parse(response.content)

    assert response["Content-Type"].startswith("application/atom+xml")
    assert not feed.bozo, feed.get("bozo_exception")
    [entry] = feed.entries
    assert entry.link == f"{SITE}/en/articles/bridge/dual/"
    assert entry.id.endswith("/bilingual")
    [content] = entry.content
    assert content.type == "application/xhtml+xml"
    assert (
        '<div lang="en" xml:lang="en"><h2>A bridge opens</h2>'
        "<p>Traffic &lt;flows&gt;</p></div>" in (content.value)
    )
    assert (
        '<div lang="zh-Hans" xml:lang="zh-Hans"><h2>新桥通车</h2><p>车流顺畅</p></div>'
        in content.value
    )
    # The XML itself marks each language for Atom readers.
    root = ET.fromstring(response.content)
    divs = root.findall("atom:entry/atom:content/xhtml:div/xhtml:div", NS)
    assert [div.get(XML_LANG) for div in divs] == ["en", "zh-Hans"]


def test_bilingual_feed_leaves_out_a_language_the_story_lacks(client):
    published(1, slug="english", title_zh_hans="")

    [entry] = feedparser.parse(client.get("/zh-hans/feeds/bilingual/").content).entries

    assert entry.title_detail.language == "en"
    assert 'lang="zh-Hans"' not in entry.content[0].value


def test_pages_link_the_bilingual_feed(client):
    published(1, slug="story")

    for language, url in [("en", "/en/"), ("zh-hans", "/zh-hans/articles/story/")]:
        head = head_of(client, url)
        assert head.link("alternate", type="application/atom+xml") == [
            f"/{language}/feeds/bilingual/"
        ]


def test_sitemap_lists_an_article_only_in_the_languages_it_is_written_in(client):
    english = published(1, slug="english", title_zh_hans="")
    BlockFactory(article=english, text_zh_hans="")
    published(1, slug="both")

    locations = [url.findtext("sm:loc", namespaces=NS) for url in sitemap_urls(client)]
    news = [
        url.findtext("sm:loc", namespaces=NS)
        for url in sitemap_urls(client, "/sitemap-news.xml")
    ]

    assert f"{SITE}/en/articles/english/" in locations
    assert f"{SITE}/zh-hans/articles/english/" not in locations
    assert f"{SITE}/zh-hans/articles/both/" in locations
    assert sorted(news) == [
        f"{SITE}/en/articles/both/",
        f"{SITE}/en/articles/english/",
        f"{SITE}/zh-hans/articles/both/",
    ]
