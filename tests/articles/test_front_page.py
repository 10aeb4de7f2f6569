"""The header (the publication, its logo, the section menu) and the front page."""

import io
import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from articles.demo.logo import SIZE, give_logo
from articles.models import Article, Block, Publication, Section
from tests.articles.test_photos import make_photo
from tests.factories import (
    ArticleCreditFactory,
    ArticleFactory,
    BlockFactory,
    PublicationFactory,
    SectionFactory,
    StaffMemberFactory,
    committed,
)

pytestmark = pytest.mark.django_db


# The width the lead photo is shown at (site.css): 3/5 of the column from 60rem.
LEAD_SIZES = (
    'sizes="(min-width: 76rem) 43.5rem, (min-width: 60rem) calc(60vw - 2.1rem), '
    'calc(100vw - 2rem)"'
)


def published(days_ago: float, **fields) -> Article:
    return ArticleFactory(
        published=True,
        first_published_at=timezone.now() - timedelta(days=days_ago),
        **fields,
    )


def header(html: str) -> str:
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def menu(html: str) -> list[tuple[str, str, str]]:
    """Return each menu entry as (address, lang, name); the lang is the page's
    (`<html lang>`) unless the entry says another."""
    page = re.search(r'<html lang="([^"]+)"', html).group(1)
    nav = header(html)[header(html).index('class="section-menu"') :]
    entries = re.findall(r'<a href="([^"]+)"(?: lang="([^"]+)")?[^>]*>([^<]+)</a>', nav)
    return [(address, lang or page, name) for address, lang, name in entries]


def png(size: int = 64) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), "red").save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="mark.png")


def with_logo(publication: Publication) -> Publication:
    publication.logo.save("mark.png", png())
    return publication


def front(html: str) -> str:
    return html[html.index('<main id="main"') :]


def section_titles(html: str) -> list[str]:
    return re.findall(
        r'<h2 class="front-section__title"[^>]*>(?:<a [^>]+>)?([^<]+)<', html
    )


def item_titles(html: str) -> list[str]:
    return re.findall(r'class="article-list__title" lang="[^"]+">([^<]+)<', html)


# The header


def test_header_names_the_publication_in_the_interface_language(client):
    PublicationFactory(name_en="WhereZhengzhou", name_zh_hans="知郑州")

    english = header(client.get("/en/").text)
    chinese = header(client.get("/zh-hans/").text)

    # Each in the page's language, which the name takes from <html lang>.
    assert "<span>WhereZhengzhou</span>" in english
    assert "<span>知郑州</span>" in chinese
    assert "Newsroom" not in english + chinese
    assert "<img" not in english  # no logo: the name alone


def test_the_window_title_and_feed_link_carry_the_publications_name(client):
    PublicationFactory(name_en="WhereZhengzhou", name_zh_hans="知郑州")

    english = client.get("/en/").text
    chinese = client.get("/zh-hans/").text

    assert "<title>WhereZhengzhou</title>" in english
    assert "<title>知郑州</title>" in chinese
    assert 'title="知郑州 (RSS)"' in chinese
    assert "Newsroom" not in english + chinese


def test_header_falls_back_to_the_other_languages_name_marked_as_such(client):
    PublicationFactory(name_en="WhereZhengzhou", name_zh_hans="")

    assert '<span lang="en">WhereZhengzhou</span>' in header(
        client.get("/zh-hans/").text
    )


def test_header_shows_the_logo_beside_the_name(client):
    publication = with_logo(PublicationFactory())

    html = header(client.get("/en/").text)

    logo = re.search(r'<img class="site-header__logo" src="([^"]+)"[^>]*>', html)
    assert logo and logo.group(1) == publication.logo.url
    # Sized so nothing moves when it arrives; the name beside it says what it is.
    assert 'alt="" width="40" height="40"' in logo.group(0)
    assert "WhereZhengzhou</span>" in html


def test_menu_lists_every_section_in_order_in_the_interface_language(client):
    SectionFactory(slug="culture", name_en="Culture", name_zh_hans="文化", order=20)
    SectionFactory(slug="economy", name_en="Economy", name_zh_hans="经济", order=10)
    SectionFactory(slug="voices", name_en="Voices", name_zh_hans="", order=30)

    assert menu(client.get("/zh-hans/").text) == [
        ("/zh-hans/sections/economy/", "zh-Hans", "经济"),
        ("/zh-hans/sections/culture/", "zh-Hans", "文化"),
        ("/zh-hans/sections/voices/", "en", "Voices"),
    ]
    assert [name for _, _, name in menu(client.get("/en/").text)] == [
        "Economy",
        "Culture",
        "Voices",
    ]


def test_menu_marks_the_section_being_read(client):
    SectionFactory()
    SectionFactory(slug="culture", name_en="Culture", name_zh_hans="文化")

    on_culture = header(client.get("/en/sections/culture/").text)
    on_home = header(client.get("/en/").text)

    assert on_culture.count("aria-current") == 2  # the section and the language
    assert '<a href="/en/sections/culture/" aria-current="page">' in on_culture
    assert 'aria-current="page"' not in on_home


def test_a_site_without_sections_has_no_empty_menu(client):
    assert "section-menu" not in client.get("/en/").text


# The front page


def test_front_page_leads_with_the_newest_story_and_its_photo(client):
    economy = SectionFactory()
    hero = make_photo(1600, 1000)
    lead = published(
        0.1,
        section=economy,
        hero_photo=hero,
        summary_en="What happened today.",
        summary_zh_hans="今天发生的事。",
    )
    published(1, section=economy)

    html = front(client.get("/zh-hans/").text)

    lead_html = html[: html.index("</article>")]
    title = re.search(
        r'<h2 class="front-lead__title" lang="([^"]+)"><a href="([^"]+)">', lead_html
    )
    assert title.groups() == ("zh-Hans", f"/zh-hans/articles/{lead.slug}/read/")
    assert f">{lead.title_zh_hans}</a></h2>" in lead_html
    assert (
        '<p class="front-lead__summary" lang="zh-Hans">今天发生的事。</p>' in lead_html
    )
    img = re.search(r"<img [^>]+>", lead_html).group(0)
    source = re.search(r"<source [^>]+>", lead_html).group(0)
    # The renditions, described by the width the photo is shown at, so the browser
    # downloads the one it needs; the largest one's size reserves the space. The
    # JPEG is the src alone, for a browser that reads neither srcset nor WebP.
    assert re.search(r'srcset="[^"]*/renditions/[^"]*-480\.webp 480w, ', source)
    assert LEAD_SIZES in source
    assert re.search(r'<img src="[^"]*/renditions/[^"]*\.jpg" width=', img)
    assert 'width="1440" height="900"' in img
    assert 'alt="一排白色客车。" fetchpriority="high"' in img  # inherits zh-Hans
    assert 'fetchpriority="high"' in img and "lazy" not in img


def test_front_page_shows_each_sections_newest_stories_with_thumbnails(client):
    economy = SectionFactory(order=20)
    culture = SectionFactory(
        slug="culture", name_en="Culture", name_zh_hans="文化", order=10
    )
    SectionFactory(slug="empty", name_en="Empty", name_zh_hans="空", order=5)
    photo = make_photo(800, 600)
    lead = published(0, section=economy, title_en="Lead")
    for number in range(1, 7):
        published(
            number, section=economy, title_en=f"Economy {number}", hero_photo=photo
        )
    published(1, section=culture, title_en="Opera")
    published(2, section=None, title_en="Loose")
    ArticleFactory(section=culture, title_en="Draft")

    html = front(client.get("/en/").text)

    assert section_titles(html) == ["Culture", "Economy", "More stories"]
    # The lead is not repeated; each section shows its four newest.
    assert item_titles(html) == ["Opera"] + [f"Economy {n}" for n in range(1, 5)] + [
        "Loose"
    ]
    assert "Draft" not in html
    thumbnails = re.findall(r'<picture class="article-list__thumb">.*?</picture>', html)
    assert len(thumbnails) == 4
    source = re.search(r'<source type="image/webp" [^>]+>', thumbnails[0]).group(0)
    assert 'sizes="6rem"' in source and 'srcset="' in source
    img = re.search(r"<img [^>]+>", thumbnails[0]).group(0)
    assert 'width="800" height="600"' in img and 'loading="lazy"' in img
    # Beside its linked title the thumbnail says nothing more to a screen reader.
    assert 'alt=""' in img and "lang=" not in img
    # Each section's heading leads to its page.
    assert '<a href="/en/sections/culture/">Culture</a></h2>' in html
    assert lead.title_en in html


def test_front_page_leads_to_the_archive_of_earlier_stories(client):
    for days in range(25):
        published(days, title_en=f"Day {days}")

    html = client.get("/en/").text
    earlier = re.search(r'rel="next" href="([^"]+)"', html).group(1)
    archive = client.get("/en/" + earlier.replace("&amp;", "&")).text

    assert item_titles(archive) == [f"Day {days}" for days in range(1, 21)]
    assert 'rel="next"' in archive


def test_a_front_page_with_one_story_has_no_archive_link(client):
    published(0)

    assert 'rel="next"' not in client.get("/en/").text


def test_an_empty_site_says_so(client):
    assert "Nothing has been published yet." in client.get("/en/").text


def test_front_page_queries_do_not_grow_with_stories_or_sections(
    client, settings, django_assert_max_num_queries
):
    settings.NEWSROOM_PAGE_CACHE = False
    PublicationFactory()
    photo = make_photo(800, 600)

    def add(sections, stories):
        for number in range(sections):
            section = SectionFactory(
                slug=f"s{Section.objects.count()}-{number}",
                name_en="S",
                name_zh_hans="栏",
            )
            for day in range(stories):
                published(day + number / 10, section=section, hero_photo=photo)

    add(2, 2)
    # The header's publication and sections, and the stories.
    with django_assert_max_num_queries(3) as few:
        assert client.get("/en/").status_code == 200
    add(6, 6)

    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/en/").text
    assert len(section_titles(html)) == 8
    # Every story but the lead, four at most a section: the lead's has five more.
    assert html.count('<picture class="article-list__thumb">') == 2 * 2 + 6 * 4


def test_section_page_shows_its_stories_with_thumbnails(client):
    economy = SectionFactory()
    published(1, section=economy, hero_photo=make_photo(800, 600))
    published(2, section=economy)

    html = client.get("/en/sections/economy/").text

    assert len(item_titles(html)) == 2
    assert html.count('<picture class="article-list__thumb">') == 1


# One interface language: nothing that has nothing in it


@pytest.fixture
def english_only(editor):
    """Two published stories, one of which has nothing in Chinese (its Chinese
    cleared after publication, as an archive import could have left it)."""
    from articles import services

    economy = SectionFactory()
    curwen = StaffMemberFactory(slug="curwen")
    stories = []
    for english, chinese in (("English only", "只有英文"), ("Both", "两种语言")):
        article = ArticleFactory(
            status=Article.Status.APPROVED,
            section=economy,
            title_en=english,
            title_zh_hans=chinese,
        )
        BlockFactory(
            article=article,
            text_en="<p>The city grows.</p>",
            text_zh_hans="<p>城市在发展。</p>",
        )
        ArticleCreditFactory(article=article, member=curwen)
        with committed():  # indexed for search
            services.article_publish(article=article, user=editor)
        stories.append(article)
    only, both = stories
    Article.objects.filter(pk=only.pk).update(title_zh_hans="")
    Block.objects.filter(article=only).update(text_zh_hans="")
    return only, both


@pytest.mark.parametrize(
    "address",
    [
        "/{}/",
        "/{}/?before=99999999999999999.1",
        "/{}/sections/economy/",
        "/{}/staff/curwen/",
        "/{}/search/?q=city",
    ],
)
def test_a_listing_leaves_out_stories_with_nothing_in_its_language(
    client, english_only, address
):
    only, both = english_only
    english = client.get(address.format("en")).text
    chinese = client.get(address.format("zh-hans")).text

    assert f"/en/articles/{only.slug}/read/" in english
    assert only.slug not in chinese
    assert f"/zh-hans/articles/{both.slug}/read/" in chinese


# The demo


def test_demo_logo_is_a_square_png_given_once():
    publication = PublicationFactory()

    assert give_logo(publication)
    name = publication.logo.name
    with publication.logo.open("rb") as file:
        image = Image.open(file)
        assert (image.format, image.size) == ("PNG", (SIZE, SIZE))
    assert not give_logo(Publication.objects.get())
    assert Publication.objects.get().logo.name == name


def test_demo_front_page_shows_the_publications_logo(client):
    call_command("demo", "--no-serve", stdout=io.StringIO())

    html = header(client.get("/zh-hans/").text)

    logo = Publication.objects.get().logo
    assert f'<img class="site-header__logo" src="{logo.url}"' in html
    assert '<a href="/zh-hans/sections/economy/">经济</a>' in html


def test_front_page_chooses_among_the_newest_stories_only(client, monkeypatch):
    monkeypatch.setattr("articles.views.FRONT_CHOSEN_AMONG", 3)
    economy = SectionFactory()
    SectionFactory(slug="culture", name_en="Culture", name_zh_hans="文化")
    for days in range(3):
        published(days, section=economy, title_en=f"Economy {days}")
    published(5, section=Section.objects.get(slug="culture"), title_en="Old opera")

    html = client.get("/en/").text

    assert section_titles(front(html)) == ["Economy"]
    assert "Old opera" not in html
    assert ">Culture</a>" in header(html)  # still in the menu, its page has it


def test_the_archive_past_its_oldest_story_says_so(client):
    published(0)

    html = client.get("/en/?before=1.1").text

    assert "No earlier stories." in html
    assert item_titles(html) == []
