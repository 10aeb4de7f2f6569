import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from articles.models import Article, Block
from staffcredits.models import CreditRole
from tests.factories import (
    ArticleCreditFactory,
    ArticleFactory,
    BlockFactory,
    StaffMemberFactory,
    narrate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    article = ArticleFactory(published=True, source="WhereZhengzhou")
    for number in range(1, 4):
        BlockFactory(
            article=article,
            position=number,
            text_en=f"<p>English paragraph {number}.</p>",
            text_zh_hans=f"<p>中文第{number}段。</p>",
        )
    curwen = StaffMemberFactory(name_en="Benjamin Curwen", note_zh_hans="英国")
    ArticleCreditFactory(
        article=article,
        role=CreditRole.objects.get(code="managing_editor"),
        member=StaffMemberFactory(name_en="Xiong Vivi"),
    )
    for code in ("proofreader", "voice"):
        ArticleCreditFactory(
            article=article, role=CreditRole.objects.get(code=code), member=curwen
        )
    return article


def test_dual_page_shows_every_pair_in_order_with_lang(client, story):
    response = client.get(f"/en/articles/{story.slug}/dual/")

    assert response.status_code == 200
    html = response.content.decode()
    pairs = html[html.index('class="article__body pairs"') : html.index("<footer")]
    # A side of one paragraph is that paragraph, with the side's language.
    sides = re.findall(r'<p lang="([^"]+)">([^<]+)</p>', pairs)
    assert sides == [
        ("en", "English paragraph 1."),
        ("zh-Hans", "中文第1段。"),
        ("en", "English paragraph 2."),
        ("zh-Hans", "中文第2段。"),
        ("en", "English paragraph 3."),
        ("zh-Hans", "中文第3段。"),
    ]
    assert '<html lang="en">' in html
    assert f'<span class="article__title" lang="zh-Hans">{story.title_zh_hans}' in html


def test_a_side_of_several_paragraphs_is_kept_whole_under_its_lang(client, story):
    Block.objects.filter(article=story, position=2).update(
        text_en="<p>First half.</p><p>Second half.</p>",
        text_zh_hans="<p><strong>加粗</strong>的一段。</p>",
    )

    html = client.get(f"/en/articles/{story.slug}/dual/").content.decode()

    pair = re.search(r'<div class="pair" id="pair-2">(.*?)</div>\n', html).group(1)
    assert pair == (
        '<div lang="en"><p>First half.</p><p>Second half.</p></div>'
        '<p lang="zh-Hans"><strong>加粗</strong>的一段。</p>'
    )


def test_chinese_interface_keeps_both_languages_in_dual_mode(client, story):
    html = client.get(f"/zh-hans/articles/{story.slug}/dual/").content.decode()

    assert '<html lang="zh-Hans">' in html
    assert "English paragraph 2." in html and "中文第2段。" in html
    # The page's own language is inherited; the other's is marked.
    assert (
        '<span class="role" lang="en">Managing Editor '
        '<span lang="zh-Hans">责任编辑</span></span><span aria-hidden="true">丨' in html
    )


def test_single_language_page_shows_only_that_language(client, story):
    html = client.get(f"/zh-hans/articles/{story.slug}/").content.decode()

    assert "中文第1段。" in html
    assert "English paragraph 1." not in html
    assert '<p lang="zh-Hans">中文第3段。</p>' in html


def test_single_language_page_says_a_pair_is_untranslated_in_its_place(client, story):
    Block.objects.filter(article=story, position=2).update(text_zh_hans="")

    html = client.get(f"/zh-hans/articles/{story.slug}/").content.decode()

    with translation.override("zh-hans"):
        notice = gettext("This paragraph has no Chinese translation yet.")
    pair = re.search(r'<div class="pair" id="pair-2">(.*?)</div>\n', html).group(1)
    assert "English paragraph 2." not in html
    assert pair.startswith(f'<p class="pair__missing">{notice} ')
    assert f'<a href="/zh-hans/articles/{story.slug}/dual/#pair-2">' in pair
    # Its neighbours are there in Chinese, in order.
    body = html[html.index("<main") :]
    assert body.index("中文第1段。") < body.index(notice) < body.index("中文第3段。")


def test_english_page_says_a_pair_lacks_english_in_its_place(client, story):
    Block.objects.filter(article=story, position=3).update(text_en="")

    html = client.get(f"/en/articles/{story.slug}/").content.decode()

    assert "中文第3段。" not in html
    assert (
        '<div class="pair" id="pair-3"><p class="pair__missing">This paragraph has '
        "no English translation yet. "
        f'<a href="/en/articles/{story.slug}/dual/#pair-3">'
    ) in html


def test_credits_block_uses_role_labels_of_the_page_language(client, story):
    english = client.get(f"/en/articles/{story.slug}/dual/").content.decode()
    chinese = client.get(f"/zh-hans/articles/{story.slug}/").content.decode()

    def lines(html):
        start = html.index('class="credits"')
        block = html[start : html.index("</section>", start)]
        return [
            re.sub(r"<[^>]+>|\s+", "", line)
            for line in re.findall(r"<p>(.*?)</p>", block, re.S)
        ]

    english_only = client.get(f"/en/articles/{story.slug}/").content.decode()

    assert lines(english_only) == [
        "ManagingEditor丨XiongVivi",
        "Proofreader丨BenjaminCurwen（英国）",
        "Voice丨BenjaminCurwen（英国）",
        "Source丨WhereZhengzhou",
    ]
    assert lines(chinese)[0] == "责任编辑丨XiongVivi"
    assert lines(chinese)[-1] == "来源丨WhereZhengzhou"
    # The bilingual page names each role in both languages.
    assert lines(english)[0] == "ManagingEditor责任编辑丨XiongVivi"
    assert lines(english)[-1] == "Source来源丨WhereZhengzhou"
    assert '<span class="role">Proofreader <span lang="zh-Hans">校对</span></span>' in (
        english
    )


def test_publication_lines_close_the_story(client, story):
    html = client.get(f"/zh-hans/articles/{story.slug}/dual/").content.decode()

    assert '<p lang="zh-Hans">郑州日报社·对外传播融媒体中心出品</p>' in html
    assert '<p lang="en">Feel free to forward to WeChat Moments.</p>' in html
    assert '<p lang="zh-Hans">转载请注明出处，欢迎转发到朋友圈</p>' in html


@pytest.mark.parametrize("suffix", ["", "dual/"])
def test_drafts_are_not_public(client, suffix):
    draft = ArticleFactory()
    BlockFactory(article=draft)

    response = client.get(f"/en/articles/{draft.slug}/{suffix}")

    assert response.status_code == 404


def test_scheduled_article_is_hidden_until_its_time(client):
    article = ArticleFactory(
        published=True, publish_at=timezone.now() + timedelta(hours=2)
    )

    assert client.get(f"/en/articles/{article.slug}/dual/").status_code == 404
    assert article.title_en not in client.get("/en/").content.decode()


def test_home_lists_published_articles_in_the_readers_mode(client, story):
    draft = ArticleFactory()

    html = client.get("/en/").content.decode()

    assert f'href="/en/articles/{story.slug}/read/"' in html
    assert story.title_en in html
    assert draft.title_en not in html


def test_root_redirects_to_a_language(client):
    response = client.get("/", headers={"accept-language": "zh-CN,zh;q=0.9"})

    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"


def test_text_written_straight_into_the_database_is_sanitised_on_render(client, story):
    Block.objects.filter(article=story, position=1).update(
        text_en='<p onmouseover="steal()">Hi<script>alert(1)</script>'
        '<a href="javascript:alert(2)">x</a></p>'
    )

    html = client.get(f"/en/articles/{story.slug}/dual/").content.decode()

    assert "<script>alert(1)" not in html
    assert "onmouseover" not in html
    assert "javascript:" not in html


# An article page rendered from the database and stored with the article: the
# look-up, eight queries for everything it shows, two for the header (the
# publication, the sections), and the store (a savepoint, an insert, its
# release); then served from the stored page, its aside cached.
RENDERED_BUDGET = 14
SERVED_BUDGET = 1


def grow(article, *, pairs: int, photos: int, credits: int, corrections: int):
    """Give `article` more of everything its page shows, each with its own people."""
    from tests.articles.test_photos import make_photo

    position = article.blocks.count()
    for _number in range(pairs):
        position += 1
        BlockFactory(article=article, position=position)
    for number in range(photos):
        position += 1
        photo = make_photo(caption_en=f"Photo {number}")
        photo.photographers.add(StaffMemberFactory(), StaffMemberFactory())
        Block.objects.create(
            article=article, position=position, kind=Block.Kind.PHOTO, photo=photo
        )
    for _number in range(credits):
        ArticleCreditFactory(
            article=article,
            role=CreditRole.objects.get(code="reporter"),
            member=StaffMemberFactory(),
        )
    for number in range(corrections):
        article.corrections.create(
            note_en=f"Correction {number}.", note_zh_hans=f"更正{number}。"
        )


@pytest.mark.parametrize(
    "address",
    ["/en/articles/{}/", "/zh-hans/articles/{}/", "/en/articles/{}/dual/"],
)
def test_article_pages_keep_their_query_budget_however_long(
    client, story, address, settings, django_assert_max_num_queries
):
    """Rendered: a fixed number of queries; served again: one. Neither grows."""
    from articles.models import Photo
    from tests.articles.test_photos import make_photo

    settings.NEWSROOM_PAGE_CACHE = False  # every request runs the view
    hero = make_photo(caption_en="Hero")
    hero.photographers.add(StaffMemberFactory())
    Article.objects.filter(pk=story.pk).update(hero_photo=hero)
    narrate(story)
    grow(story, pairs=0, photos=1, credits=0, corrections=1)
    url = address.format(story.slug)
    with django_assert_max_num_queries(RENDERED_BUDGET) as short:
        assert client.get(url).status_code == 200
    rendered = len(short.captured_queries)
    with django_assert_max_num_queries(SERVED_BUDGET):
        client.get(url)

    grow(story, pairs=36, photos=5, credits=8, corrections=2)
    with django_assert_max_num_queries(rendered):
        html = client.get(url).content.decode()
    with django_assert_max_num_queries(SERVED_BUDGET):
        assert client.get(url).content.decode() == html

    assert html.count('<div class="pair" id="pair-') == 39
    assert html.count('class="photo__credit"') == Photo.objects.count() == 7
    assert html.count('<div class="correction">') == 3


def test_an_unpublished_article_disappears_again(client, story):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)

    assert client.get(f"/en/articles/{story.slug}/").status_code == 404


def test_the_404_pages_language_switch_leads_to_the_other_language(client):
    english = client.get("/en/no-such-page/")
    chinese = client.get("/zh-hans/articles/no-such-story/")

    assert english.status_code == chinese.status_code == 404
    assert 'href="/zh-hans/no-such-page/"' in english.text
    assert 'href="/en/articles/no-such-story/"' in chinese.text
