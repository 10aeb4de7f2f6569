"""Reading modes, listings and the pages a reader moves between."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.views import MODE_COOKIE
from staffcredits.models import CreditRole
from tests.factories import (
    ArticleCreditFactory,
    ArticleFactory,
    BlockFactory,
    SectionFactory,
    StaffMemberFactory,
    committed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    article = ArticleFactory(published=True, section=SectionFactory())
    for number in range(1, 6):
        BlockFactory(
            article=article,
            position=number,
            text_en=f"<p>English paragraph {number}.</p>",
            text_zh_hans=f"<p>中文第{number}段。</p>",
        )
    return article


def titles(html: str) -> list[str]:
    return re.findall(r'class="article-list__title" lang="[^"]+">([^<]+)<', html)


def published(days_ago: int, **kwargs) -> Article:
    return ArticleFactory(
        published=True,
        first_published_at=timezone.now() - timedelta(days=days_ago),
        **kwargs,
    )


@pytest.mark.parametrize(
    ("mode", "address"),
    [
        ("en", "/en/articles/{slug}/"),
        ("zh-hans", "/zh-hans/articles/{slug}/"),
        ("dual", "/en/articles/{slug}/dual/"),
    ],
)
def test_choosing_a_mode_shows_it_and_remembers_it(client, story, mode, address):
    response = client.get(f"/en/articles/{story.slug}/read/{mode}/")

    assert response.status_code == 302
    assert response["Location"] == address.format(slug=story.slug)
    assert response.cookies[MODE_COOKIE].value == mode
    assert "no-store" in response["Cache-Control"]

    # The next story opened from a listing comes up in the same mode.
    other = ArticleFactory(published=True)
    response = client.get(f"/zh-hans/articles/{other.slug}/read/")
    expected = address.format(slug=other.slug)
    if mode == "dual":
        expected = expected.replace("/en/", "/zh-hans/")
    assert response["Location"] == expected


def test_a_new_reader_gets_the_bilingual_layout_in_their_interface_language(
    client, story
):
    response = client.get(f"/zh-hans/articles/{story.slug}/read/")

    assert response["Location"] == f"/zh-hans/articles/{story.slug}/dual/"
    assert MODE_COOKIE not in response.cookies


def test_an_explicit_address_does_not_overwrite_the_saved_choice(client, story):
    client.get(f"/en/articles/{story.slug}/read/zh-hans/")

    response = client.get(f"/en/articles/{story.slug}/dual/")

    assert response.status_code == 200
    assert MODE_COOKIE not in response.cookies
    assert client.cookies[MODE_COOKIE].value == "zh-hans"


def test_an_unknown_mode_is_not_found_and_changes_nothing(client, story):
    client.get(f"/en/articles/{story.slug}/read/en/")

    response = client.get(f"/en/articles/{story.slug}/read/klingon/")
    client.cookies[MODE_COOKIE] = "klingon"
    fallback = client.get(f"/en/articles/{story.slug}/read/")

    assert response.status_code == 404
    assert fallback["Location"] == f"/en/articles/{story.slug}/dual/"


@pytest.mark.parametrize(
    ("address", "current"),
    [
        ("/en/articles/{slug}/", "en"),
        ("/zh-hans/articles/{slug}/", "zh-hans"),
        ("/zh-hans/articles/{slug}/dual/", "dual"),
    ],
)
def test_every_mode_links_to_the_others_with_plain_links(
    client, story, address, current
):
    html = client.get(address.format(slug=story.slug)).content.decode()
    nav = html[html.index('class="reading-modes"') :]
    nav = nav[: nav.index("</nav>")]

    links = re.findall(r'<a href="([^"]+)"[^>]*?(aria-current="page")?>', nav)
    modes = [href.rstrip("/").rsplit("/", 1)[1] for href, _current in links]
    assert modes == ["en", "zh-hans", "dual"]
    assert [
        mode for mode, (_h, marked) in zip(modes, links, strict=True) if marked
    ] == [current]


def test_every_pair_can_be_linked_to_in_the_pages_language(client, story):
    english = client.get(f"/en/articles/{story.slug}/dual/").content.decode()
    chinese = client.get(f"/zh-hans/articles/{story.slug}/").content.decode()

    for number in range(1, 6):
        assert f'id="pair-{number}"' in english and f'id="pair-{number}"' in chinese
    # static/js/reading.js adds each pair's ¶ link with this label
    # (tests/e2e/test_reading.py); the id alone makes #pair-N work without it.
    assert 'data-link-label="Link to pair %(number)s"' in english
    assert 'data-link-label="第%(number)s段的链接"' in chinese


def test_only_the_bilingual_layout_offers_stacked_pairs(client, story):
    dual = client.get(f"/en/articles/{story.slug}/dual/").content.decode()
    single = client.get(f"/en/articles/{story.slug}/").content.decode()

    # The label holds its box: the words name it and are part of its target.
    assert (
        '<label class="layout-toggle"><input type="checkbox" id="stack-pairs"> '
        "Show each translation under its paragraph</label>"
    ) in dual
    assert "stack-pairs" not in single


def next_link(html: str, rel: str) -> str:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else ""


ECONOMY = "/en/sections/economy/"


def test_a_section_pages_through_its_archive_newest_first(client):
    economy = SectionFactory()
    for days in range(45):
        published(days, title_en=f"Day {days}", section=economy)
    ArticleFactory(title_en="A draft", section=economy)

    first = client.get(ECONOMY).text
    second = client.get(ECONOMY + next_link(first, "next")).text
    third = client.get(ECONOMY + next_link(second, "next")).text
    back = client.get(ECONOMY + next_link(third, "prev")).text

    assert titles(first) == [f"Day {days}" for days in range(20)]
    assert titles(second) == [f"Day {days}" for days in range(20, 40)]
    assert titles(third) == [f"Day {days}" for days in range(40, 45)]
    assert titles(back) == titles(second)
    assert next_link(first, "prev") == ""
    assert next_link(third, "next") == ""
    assert "A draft" not in first + second + third


def test_stories_published_at_the_same_moment_are_neither_lost_nor_repeated(client):
    moment = timezone.now() - timedelta(days=1)
    economy = SectionFactory()
    for number in range(30):
        ArticleFactory(
            published=True,
            first_published_at=moment,
            title_en=f"Same {number}",
            section=economy,
        )

    first = client.get(ECONOMY).text
    second = client.get(ECONOMY + next_link(first, "next")).text

    seen = titles(first) + titles(second)
    assert sorted(seen) == sorted(f"Same {number}" for number in range(30))


def test_a_page_deep_in_the_archive_costs_what_the_first_page_costs(
    client, django_assert_max_num_queries
):
    economy = SectionFactory()
    for days in range(60):
        published(days, section=economy)
    # The section, its page of stories, the header's publication and sections.
    with django_assert_max_num_queries(4) as first:
        html = client.get(ECONOMY).text
    first_page = len(first.captured_queries)  # read now: a new request resets it
    for _page in range(2):
        html = client.get(ECONOMY + next_link(html, "next")).text

    with django_assert_max_num_queries(first_page):
        client.get(ECONOMY + next_link(html, "prev"))


def test_a_broken_page_address_is_a_clear_error(client):
    published(1)

    for query in ("?before=yesterday", "?after=12.x", "?before=99999999999999999999.1"):
        response = client.get("/en/" + query)
        assert response.status_code == 400


def test_section_page_lists_only_that_sections_published_stories(client):
    economy = SectionFactory()
    culture = SectionFactory(slug="culture", name_en="Culture", name_zh_hans="文化")
    published(1, section=economy, title_en="Trade", title_zh_hans="贸易")
    published(2, section=culture, title_en="Opera")
    ArticleFactory(section=economy, title_en="Unfinished")

    html = client.get("/zh-hans/sections/economy/").content.decode()

    assert '<h1 class="page-title" lang="zh-Hans">经济</h1>' in html
    assert titles(html) == ["贸易"]
    assert '<span class="article-list__subtitle" lang="en">Trade</span>' in html
    assert client.get("/en/sections/nowhere/").status_code == 404


def test_staff_page_lists_what_a_person_is_credited_on_by_role(client):
    curwen = StaffMemberFactory(
        name_en="Benjamin Curwen", slug="benjamin-curwen", note_zh_hans="英国"
    )
    voice = CreditRole.objects.get(code="voice")
    proofreader = CreditRole.objects.get(code="proofreader")
    older = published(3, title_en="Older story")
    newer = published(1, title_en="Newer story")
    draft = ArticleFactory(title_en="Draft story")
    for article, role in [
        (older, voice),
        (newer, voice),
        (newer, proofreader),
        (draft, voice),
    ]:
        ArticleCreditFactory(article=article, role=role, member=curwen)

    html = client.get("/zh-hans/staff/benjamin-curwen/").content.decode()

    assert '<span lang="en">Benjamin Curwen</span>' in html
    assert '<p class="staff__note" lang="zh-Hans">英国</p>' in html
    assert titles(html) == [newer.title_zh_hans, older.title_zh_hans]
    newer_item = html[html.index(newer.title_zh_hans) : html.index(older.title_zh_hans)]
    roles = re.findall(
        r'class="article-list__role" lang="zh-Hans">([^<]+)<', newer_item
    )
    assert roles == ["校对", "配音"]
    assert "Draft story" not in html


def test_credited_names_link_to_their_staff_page(client, story):
    member = StaffMemberFactory(name_en="Xiong Vivi", slug="xiong-vivi")
    ArticleCreditFactory(
        article=story,
        role=CreditRole.objects.get(code="managing_editor"),
        member=member,
    )

    html = client.get(f"/en/articles/{story.slug}/").content.decode()
    chinese = client.get(f"/zh-hans/articles/{story.slug}/").content.decode()

    # An English name on an English page takes the page's `lang`; on a Chinese
    # page it says it is English.
    assert '<a href="/en/staff/xiong-vivi/">Xiong Vivi</a>' in html
    assert '<a href="/zh-hans/staff/xiong-vivi/" lang="en">Xiong Vivi</a>' in chinese
    assert client.get("/en/staff/xiong-vivi/").status_code == 200


def test_article_ends_with_more_from_its_section(client, story):
    section = story.section
    for days in range(1, 7):
        published(days, section=section, title_en=f"Related {days}")
    published(1, title_en="Elsewhere")
    ArticleFactory(section=section, title_en="Related draft")

    html = client.get(f"/en/articles/{story.slug}/dual/").content.decode()
    related = html[html.index('class="more-in-section"') :]

    assert "More in Economy" in related
    items = re.findall(
        r'<li><a href="([^"]+)">([^<]+)</a> <span lang="zh-Hans">', related
    )
    assert [title for _, title in items] == [f"Related {days}" for days in range(1, 5)]
    # Each leads to the story in the reader's chosen mode.
    assert all(href.endswith("/read/") for href, _ in items)


def test_an_article_without_section_has_no_related_list(client):
    article = ArticleFactory(published=True)
    BlockFactory(article=article)

    html = client.get(f"/en/articles/{article.slug}/").content.decode()

    assert "more-in-section" not in html


@pytest.mark.parametrize(
    "address",
    ["/en/sections/economy/", "/en/staff/curwen/", "/zh-hans/search/?q=郑州"],
)
def test_listing_queries_do_not_grow_with_the_stories_listed(
    client, address, editor, django_assert_max_num_queries
):
    from articles import services

    economy = SectionFactory()
    curwen = StaffMemberFactory(slug="curwen")

    def add(count):
        for _number in range(count):
            article = ArticleFactory(status=Article.Status.APPROVED, section=economy)
            BlockFactory(article=article, text_zh_hans="<p>郑州是一座城市。</p>")
            ArticleCreditFactory(article=article, member=curwen)
            with committed():  # indexed for search, the page cache moved on
                services.article_publish(article=article, user=editor)

    add(2)
    with django_assert_max_num_queries(6) as few:
        assert client.get(address).status_code == 200
    budget = len(few.captured_queries)
    add(15)

    with django_assert_max_num_queries(budget):
        response = client.get(address)
    assert len(titles(response.text)) == 17
