"""What an article page tells search engines and share cards, and the error pages."""

import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles import seo
from articles.models import Article, Narration, Photo
from articles.preview import make_preview_token
from staffcredits.models import CreditRole
from tests.factories import (
    ArticleCreditFactory,
    ArticleFactory,
    BlockFactory,
    SectionFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://news.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    """A public address unlike the test client's host, so using it is visible."""
    settings.SITE_URL = SITE


def whole_seconds(moment):
    """The moment as pages print it: the site's offset, no fraction of a second."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def narrate(article, *, language="en", size_bytes=48_000, mime_type="audio/mpeg"):
    """Attach a narration; its file facts are set as the admin's upload check would."""
    return Narration.objects.create(
        article=article,
        audio=SimpleUploadedFile("reading.mp3", b"\xff\xfb" + b"\0" * 64),
        language=language,
        mime_type=mime_type,
        size_bytes=size_bytes,
        duration_seconds=3725,
    )


def hero_photo(**kwargs):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), "#336699").save(buffer, format="JPEG")
    return Photo.objects.create(
        image=SimpleUploadedFile("bridge.jpg", buffer.getvalue()),
        alt_text_en="The new bridge at dusk",
        alt_text_zh_hans="黄昏时的新桥",
        **kwargs,
    )


def logo_png():
    """A square PNG logo as the admin takes it."""
    buffer = io.BytesIO()
    Image.new("RGB", (1400, 1400), "#aa2222").save(buffer, format="PNG")
    return SimpleUploadedFile("mark.png", buffer.getvalue(), content_type="image/png")


def credit(article, code, name):
    member = StaffMemberFactory(name_en=name)
    ArticleCreditFactory(
        article=article, role=CreditRole.objects.get(code=code), member=member
    )
    return member


@pytest.fixture
def story():
    photo = hero_photo(
        renditions=[
            {"format": "webp", "width": 960, "height": 600, "name": "r/b-960.webp"},
            {"format": "jpeg", "width": 480, "height": 300, "name": "r/b-480.jpg"},
            {"format": "jpeg", "width": 960, "height": 600, "name": "r/b-960.jpg"},
        ]
    )
    photo.photographers.add(StaffMemberFactory(name_en="Ma Jian", slug="ma-jian"))
    article = ArticleFactory(
        published=True,
        slug="bridge-opens",
        title_en="A bridge opens",
        title_zh_hans="新桥通车",
        summary_en="The river has a new crossing.",
        summary_zh_hans="河上有了新桥。",
        section=SectionFactory(),
        hero_photo=photo,
    )
    BlockFactory(article=article, position=1)
    credit(article, "reporter", "Yang Han")
    credit(article, "translator", "Li Na")
    credit(article, "voice", "Benjamin Curwen")
    return article


class Head(HTMLParser):
    """Collect the <link>, <meta> and JSON-LD of a page."""

    def __init__(self, html):
        super().__init__()
        self.links, self.meta, self.json_ld = [], {}, []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs["content"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_json_ld = False

    def link(self, rel, **attrs):
        return [
            link["href"]
            for link in self.links
            if link.get("rel") == rel
            and all(link.get(key) == value for key, value in attrs.items())
        ]


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return Head(response.content.decode())


def test_single_page_names_its_absolute_canonical_and_language_versions(client, story):
    head = head_of(client, "/zh-hans/articles/bridge-opens/")

    assert head.link("canonical") == [f"{SITE}/zh-hans/articles/bridge-opens/"]
    alternates = {
        link["hreflang"]: link["href"] for link in head.links if "hreflang" in link
    }
    assert alternates == {
        "en": f"{SITE}/en/articles/bridge-opens/",
        "zh-Hans": f"{SITE}/zh-hans/articles/bridge-opens/",
        "x-default": f"{SITE}/articles/bridge-opens/",
    }
    assert "robots" not in head.meta


def test_x_default_address_sends_each_reader_to_their_language(client, story):
    response = client.get(
        "/articles/bridge-opens/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9"
    )

    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/articles/bridge-opens/"


def test_dual_page_is_kept_out_of_search_results_but_followed(client, story):
    head = head_of(client, "/en/articles/bridge-opens/dual/")

    assert head.meta["robots"] == ["noindex, follow"]
    assert head.link("canonical") == []
    assert not [link for link in head.links if "hreflang" in link]
    assert head.meta["og:url"] == [f"{SITE}/en/articles/bridge-opens/"]


def test_page_links_the_feed_of_its_language(client, story):
    head = head_of(client, "/zh-hans/articles/bridge-opens/")

    assert head.link("alternate", type="application/rss+xml") == ["/zh-hans/feeds/rss/"]


def test_share_card_speaks_the_page_language(client, story):
    meta = head_of(client, "/zh-hans/articles/bridge-opens/").meta

    assert meta["og:type"] == ["article"]
    assert meta["og:title"] == ["新桥通车"]
    assert meta["og:description"] == ["河上有了新桥。"]
    assert meta["description"] == ["河上有了新桥。"]
    assert meta["og:url"] == [f"{SITE}/zh-hans/articles/bridge-opens/"]
    assert meta["og:locale"] == ["zh_CN"]
    assert meta["og:locale:alternate"] == ["en_US"]
    assert meta["article:section"] == ["经济"]
    assert meta["article:published_time"] == [whole_seconds(story.first_published_at)]
    reporter = story.credits.get(role__code="reporter").member
    assert meta["article:author"] == [f"{SITE}/zh-hans/staff/{reporter.slug}/"]
    assert meta["twitter:card"] == ["summary_large_image"]


BRIDGE_ZH = (
    "新桥今天上午通车，市民步行过河只需五分钟。",
    "桥长三百米，宽二十米，设有自行车道和人行道。工程历时两年，总投资约二亿元。"
    "市长在通车仪式上表示，新桥将大大缓解老城区的交通压力，并带动河东片区的发展。",
)
BRIDGE_EN = (
    "The new bridge over the Jinshui River opened to traffic on Monday morning, "
    "and people who used to wait twenty minutes for the ferry now walk across in "
    "five, the city said"
)


def test_a_page_without_its_own_summary_describes_itself_with_its_opening(
    client, story
):
    """The desk wrote a summary in neither language here: each page describes the
    story with the opening of its own text, as much as a search result shows, not
    with the other language's summary."""
    story.summary_en = story.summary_zh_hans = ""
    story.save()
    block = story.blocks.get()
    block.text_en = f"<p>{BRIDGE_EN}</p>"
    block.text_zh_hans = f"<p>{BRIDGE_ZH[0]}</p>"
    block.save()
    BlockFactory(article=story, position=2, text_zh_hans=f"<p>{BRIDGE_ZH[1]}</p>")

    chinese = head_of(client, "/zh-hans/articles/bridge-opens/")
    english = head_of(client, "/en/articles/bridge-opens/")

    # Chinese: the paragraphs run on, cut after the last whole sentence that fits.
    opening = (
        "新桥今天上午通车，市民步行过河只需五分钟。"
        "桥长三百米，宽二十米，设有自行车道和人行道。工程历时两年，总投资约二亿元。"
    )
    assert chinese.meta["description"] == [opening]
    assert chinese.meta["og:description"] == [opening]
    assert chinese.json_ld[0]["description"] == opening
    # English with no sentence end in reach: cut after a whole word.
    cut = (
        "The new bridge over the Jinshui River opened to traffic on Monday morning, "
        "and people who used to wait twenty minutes for the ferry now walk across in "
        "five…"
    )
    assert english.meta["description"] == [cut] and len(cut) <= 160


def test_an_opening_with_no_sentence_end_in_reach_is_cut_as_its_language_cuts(story):
    story.summary_zh_hans = ""
    story.save()
    block = story.blocks.get()
    # 100 characters and no full stop: a comma-spliced run of the same clause.
    block.text_zh_hans = "<p>" + "新桥通车，" * 20 + "</p>"
    block.save()
    story = Article.objects.for_detail().get(pk=story.pk)

    opening = seo.description(story, "zh-hans")

    # Cut after a whole word (新桥, not 新桥通), marked with Chinese's own
    # ellipsis (……), within the 80 characters.
    assert opening.text == "新桥通车，" * 15 + "新桥……"
    assert opening.language == "zh-hans"


def test_a_page_with_no_text_of_its_own_describes_itself_in_the_other_language(
    client, story
):
    story.summary_zh_hans = ""
    story.save()
    block = story.blocks.get()
    block.text_zh_hans = ""
    block.save()

    meta = head_of(client, "/zh-hans/articles/bridge-opens/").meta

    assert meta["description"] == ["The river has a new crossing."]


def test_share_card_uses_the_widest_jpeg_rendition_not_webp(client, story):
    meta = head_of(client, "/en/articles/bridge-opens/").meta

    assert meta["og:image"] == [f"{SITE}/media/r/b-960.jpg"]
    assert meta["og:image:width"] == ["960"]
    assert meta["og:image:height"] == ["600"]
    assert meta["og:image:alt"] == ["The new bridge at dusk"]


def test_share_card_falls_back_to_the_original_photo(client, story):
    Photo.objects.filter(pk=story.hero_photo_id).update(renditions=[])

    meta = head_of(client, "/en/articles/bridge-opens/").meta

    assert meta["og:image"] == [f"{SITE}{story.hero_photo.image.url}"]
    assert meta["og:image:width"] == ["1600"]


def test_json_ld_describes_the_news_article(client, story):
    narrate(story, language="both")
    voice = story.credits.get(role__code="voice").member
    head = head_of(client, "/zh-hans/articles/bridge-opens/")

    [data] = head.json_ld
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "新桥通车"
    assert data["description"] == "河上有了新桥。"
    assert data["inLanguage"] == "zh-Hans"
    assert data["isAccessibleForFree"] is True
    assert data["url"] == f"{SITE}/zh-hans/articles/bridge-opens/"
    assert data["articleSection"] == "经济"
    story.refresh_from_db()
    assert data["datePublished"] == whole_seconds(story.first_published_at)
    assert data["dateModified"] == whole_seconds(story.updated_at)
    reporter = story.credits.get(role__code="reporter").member
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Yang Han",
            "url": f"{SITE}/zh-hans/staff/{reporter.slug}/",
        }
    ]
    roles = {role["roleName"]: role["contributor"] for role in data["contributor"]}
    assert set(roles) == {"翻译", "配音"}
    assert roles["配音"]["name"] == "Benjamin Curwen"
    assert roles["配音"]["url"] == f"{SITE}/zh-hans/staff/{voice.slug}/"
    assert data["publisher"]["@type"] == "NewsMediaOrganization"
    assert data["publisher"]["name"] == "WhereZhengzhou"
    assert [image["url"] for image in data["image"]] == [
        f"{SITE}/media/r/b-480.jpg",
        f"{SITE}/media/r/b-960.webp",
        f"{SITE}/media/r/b-960.jpg",
    ]
    assert data["image"][0]["creator"][0]["name"] == "Ma Jian"


def test_json_ld_publisher_shows_the_desk_logo_once_uploaded(client, story):
    [before] = head_of(client, "/en/articles/bridge-opens/").json_ld
    publication = story.publication
    publication.logo = logo_png()
    publication.save()

    [after] = head_of(client, "/en/articles/bridge-opens/").json_ld

    # No stand-in picture before: the desk is still named, its mark is not made up.
    assert before["publisher"] == {
        "@type": "NewsMediaOrganization",
        "name": "WhereZhengzhou",
        "url": f"{SITE}/en/",
    }
    # The stored page was retired by the upload.
    assert after["publisher"]["logo"] == {
        "@type": "ImageObject",
        "url": f"{SITE}{publication.logo.url}",
    }


def test_json_ld_carries_the_narration_as_an_audio_object(client, story):
    narration = narrate(story, language="en")

    [data] = head_of(client, "/en/articles/bridge-opens/").json_ld

    assert data["audio"] == {
        "@type": "AudioObject",
        "contentUrl": f"{SITE}{narration.audio.url}",
        "encodingFormat": "audio/mpeg",
        "duration": "PT1H2M5S",
        "inLanguage": ["en"],
    }


def test_json_ld_offers_no_audio_in_a_language_nobody_narrated(client, story):
    narrate(story, language="en")

    [data] = head_of(client, "/zh-hans/articles/bridge-opens/").json_ld

    assert "audio" not in data


def test_json_ld_without_a_reporter_credits_the_publication(client):
    ArticleFactory(published=True, slug="desk-story")

    [data] = head_of(client, "/en/articles/desk-story/").json_ld

    assert data["author"] == [data["publisher"]]


def test_a_headline_cannot_break_out_of_the_json_ld_script(client, story):
    title = "</script><script>alert('x')</script> & <!-- more"
    Article.objects.filter(pk=story.pk).update(title_en=title)

    html = client.get("/en/articles/bridge-opens/").content.decode()

    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    ).group(1)
    assert "<" not in script and ">" not in script and "&" not in script
    assert json.loads(script)["headline"] == title


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "PT0S"), (59, "PT59S"), (60, "PT1M"), (3600, "PT1H"), (3725, "PT1H2M5S")],
)
def test_iso_duration(seconds, expected):
    assert seo.iso_duration(seconds) == expected


def test_share_box_shows_a_qr_code_of_the_canonical_address(client, story):
    html = client.get("/zh-hans/articles/bridge-opens/dual/").content.decode()

    share = re.search(r'<aside class="share".*?</aside>', html, re.S).group(0)
    image = re.search(r'<img src="([^"]+)"[^>]* alt=""', share)
    code = client.get(image.group(1))
    canonical = f"{SITE}/zh-hans/articles/bridge-opens/"
    assert code.status_code == 200
    assert code["Content-Type"] == "image/svg+xml"
    assert code.content.decode() == seo.qr_svg(canonical)
    # Kept by browsers and the page cache apart from the page that shows it.
    assert "public" in code["Cache-Control"]
    assert f'<a href="{canonical}">{canonical}</a>' in share


def test_an_article_that_is_not_public_has_no_qr_code(client):
    ArticleFactory(slug="not-yet")

    assert client.get("/en/articles/not-yet/qr.svg").status_code == 404


def test_qr_code_is_a_full_code_that_phone_scanners_read():
    # Micro QR codes are 11 to 17 modules wide; full ones 21, 25, 29 … modules.
    svg = seo.qr_svg(f"{SITE}/en/")
    width = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    modules = width - 2 * 4
    assert modules >= 21 and (modules - 21) % 4 == 0
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_preview_of_a_draft_offers_no_qr_code(client):
    draft = ArticleFactory(slug="not-yet")
    BlockFactory(article=draft)

    response = client.get(f"/en/preview/{make_preview_token(draft)}/")

    assert response.status_code == 200
    assert "qr.svg" not in response.content.decode()
    assert 'class="share"' not in response.content.decode()


def test_missing_page_says_not_found_in_both_languages(client):
    response = client.get("/zh-hans/articles/no-such-story/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    english = re.search(
        r'<div class="error-page__part" lang="en">(.*?)</div>', html, re.S
    )
    chinese = re.search(
        r'<div class="error-page__part" lang="zh-Hans">(.*?)</div>', html, re.S
    )
    assert '<a href="/en/" hreflang="en">Home</a>' in english.group(1)
    assert '<a href="/zh-hans/" hreflang="zh-Hans">首页</a>' in chinese.group(1)


def test_unpublished_article_is_not_found(client, story):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.UNPUBLISHED)

    assert client.get("/en/articles/bridge-opens/").status_code == 404


@pytest.mark.urls("tests.articles.urls_errors")
def test_server_error_page_is_bilingual_and_shows_no_details(client):
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    html = response.content.decode()
    assert '<section lang="en">' in html and '<section lang="zh-Hans">' in html
    assert 'href="/en/"' in html and 'href="/zh-hans/"' in html
    assert "首页" in html
    assert "Traceback" not in html and "RuntimeError" not in html
