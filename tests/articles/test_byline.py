"""The top of an article page: who wrote it, when, how long it reads, who translated
it; and one-language pages that never pass one language off as the other.
"""

import re
from datetime import UTC, datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from articles.importing.builder import article_import
from articles.models import Article, Block, StoredPage
from staffcredits.models import CreditRole, StaffMember
from tests.articles.test_photos import make_photo
from tests.factories import (
    ArticleCreditFactory,
    ArticleFactory,
    BlockFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db

# 16:00 on 4 December in Zhengzhou (settings.TIME_ZONE).
PUBLISHED_AT = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def nothing_cached(settings):
    """Each request renders or reads the stored page: no cache in front of it."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }


def credit(article, code, member, position=0):
    ArticleCreditFactory(
        article=article,
        role=CreditRole.objects.get(code=code),
        member=member,
        position=position,
    )


@pytest.fixture
def story():
    """Two reporters (one with a Chinese name, one with a note), a translator, and
    three pairs of 4 English words and 5 Han characters each."""
    article = ArticleFactory(
        published=True,
        first_published_at=PUBLISHED_AT,
        slug="ferry",
        translation_note_en="NB: This may not be a word-for-word transcript.",
    )
    for number in range(1, 4):
        BlockFactory(
            article=article,
            position=number,
            text_en=f"<p>English paragraph number {number}.</p>",
            text_zh_hans=f"<p>中文第{number}段。</p>",
        )
    wang = StaffMemberFactory(name_en="Wang Xiao", name_zh_hans="王晓", slug="wang")
    curwen = StaffMemberFactory(
        name_en="Benjamin Curwen", note_en="UK", note_zh_hans="英国", slug="curwen"
    )
    credit(article, "reporter", wang)
    credit(article, "reporter", curwen, position=1)
    credit(article, "translator", StaffMemberFactory(name_en="Li Yi", slug="li"))
    return article


def get(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def byline(html: str) -> str:
    """The byline's markup; it must come right under the headline and summary."""
    under_headline = r'</h1>\n(?:<p class="summary".*)?\n<p class="byline">(.*)</p>'
    match = re.search(under_headline, html)
    assert match, "no byline under the headline"
    return match.group(1)


def line_after(html: str, css: str) -> str:
    return text(re.search(rf'<p class="{css}">(.*?)</p>', html).group(1))


def credit_lines(html: str) -> list[str]:
    credits = re.search(r'<section class="credits"[^>]*>(.*?)</section>', html, re.S)
    lines = re.findall(r"<p>(.*?)</p>", credits.group(1))
    return [text(line) for line in lines]


def test_the_english_byline_names_the_reporters_the_date_and_reading_time(
    client, story
):
    html = get(client, "/en/articles/ferry/")
    line = byline(html)

    assert text(line) == (
        "By Wang Xiao, Benjamin Curwen (UK) · Dec. 4, 2026 · 12 words · 1 min read"
    )
    assert '<a href="/en/staff/wang/">Wang Xiao</a>' in line
    assert '<a href="/en/staff/curwen/">Benjamin Curwen</a>' in line
    assert '<time datetime="2026-12-04T16:00:00+08:00">' in line


def test_the_chinese_byline_uses_chinese_names_notes_and_dates(client, story):
    html = get(client, "/zh-hans/articles/ferry/")
    line = byline(html)

    with translation.override("zh-hans"):
        by = pgettext("byline", "By %(names)s") % {
            "names": "王晓、Benjamin Curwen（英国）"
        }
        counts = gettext("%(chars)s characters · %(minutes)s min read") % {
            "chars": 12,
            "minutes": 1,
        }
    assert text(line) == f"{by} · 2026年12月4日 · {counts}"
    assert '<a href="/zh-hans/staff/wang/">王晓</a>' in line
    # A name with no Chinese form says it is English; the note is in Chinese.
    assert '<a href="/zh-hans/staff/curwen/" lang="en">Benjamin Curwen</a>' in line
    assert '<span class="person__note" lang="zh-Hans">（英国）</span>' in line


def test_the_paired_byline_names_people_in_both_languages(client, story):
    html = get(client, "/en/articles/ferry/dual/")
    line = byline(html)

    assert text(line) == (
        "By Wang Xiao 王晓, Benjamin Curwen (UK) · Dec. 4, 2026 · 12 words · "
        "1 min read · 12字 · 阅读约1分钟"
    )
    both = '<a href="/en/staff/wang/">Wang Xiao <span lang="zh-Hans">王晓</span></a>'
    assert both in line


def test_the_credits_at_the_foot_follow_the_same_name_rules(client, story):
    chinese = credit_lines(get(client, "/zh-hans/articles/ferry/"))
    paired = credit_lines(get(client, "/zh-hans/articles/ferry/dual/"))

    assert chinese[0] == "记者丨王晓、Benjamin Curwen（英国）"
    assert paired[0] == "Reporter 记者丨王晓 Wang Xiao、Benjamin Curwen（英国）"


def test_a_byline_without_reporters_still_gives_date_and_reading_time(client):
    article = ArticleFactory(published=True, first_published_at=PUBLISHED_AT)
    BlockFactory(article=article, text_en="<p>Three short words.</p>")

    html = get(client, f"/en/articles/{article.slug}/")

    assert text(byline(html)) == "Dec. 4, 2026 · 3 words · 1 min read"


def test_the_translator_is_named_near_the_top_in_the_pages_language(client, story):
    StaffMember.objects.filter(slug="li").update(name_zh_hans="李怡")

    english = get(client, "/en/articles/ferry/")
    chinese = get(client, "/zh-hans/articles/ferry/")

    assert line_after(english, "provenance") == "Translated by Li Yi"
    with translation.override("zh-hans"):
        expected = gettext("Translated by %(names)s") % {"names": "李怡"}
    assert line_after(chinese, "provenance") == expected
    # Near the top: before the first pair.
    assert english.index('class="provenance"') < english.index('id="pair-1"')


def test_the_translation_note_is_in_the_pages_language_where_it_exists(client, story):
    note = '<p class="translation-note" lang="{}">{}</p>'
    english_note = "NB: This may not be a word-for-word transcript."

    before = get(client, "/zh-hans/articles/ferry/")
    story.translation_note_zh_hans = "注：译文未必逐字对应。"
    story.save()
    chinese = get(client, "/zh-hans/articles/ferry/")
    english = get(client, "/en/articles/ferry/")

    # With no Chinese note yet, the English one is shown as English.
    assert note.format("en", english_note) in before
    assert note.format("zh-Hans", "注：译文未必逐字对应。") in chinese
    assert english_note not in chinese
    assert note.format("en", english_note) in english
    assert chinese.index('class="translation-note"') < chinese.index('id="pair-1"')


def test_the_chinese_page_counts_only_the_chinese_it_has(client, story):
    Block.objects.filter(article=story, position=2).update(text_zh_hans="")

    chinese = byline(get(client, "/zh-hans/articles/ferry/"))
    english = byline(get(client, "/en/articles/ferry/"))

    with translation.override("zh-hans"):
        counts = gettext("%(chars)s characters · %(minutes)s min read") % {
            "chars": 8,
            "minutes": 1,
        }
    # 中文第段 in each of the two pairs left; the English fallback counts nothing.
    assert text(chinese).endswith(f" · {counts}")
    assert text(english).endswith(" · 12 words · 1 min read")


def test_a_language_with_no_text_gets_no_count(client):
    article = ArticleFactory(published=True, first_published_at=PUBLISHED_AT)
    BlockFactory(article=article, text_en="<p>Only English here.</p>", text_zh_hans="")

    chinese = byline(get(client, f"/zh-hans/articles/{article.slug}/"))
    paired = byline(get(client, f"/en/articles/{article.slug}/dual/"))

    assert text(chinese) == "2026年12月4日"
    assert 'lang="zh-Hans"' not in paired and "3 words" in paired


def test_the_photographer_line_only_where_there_are_photos(client, story):
    credit(story, "photographer", StaffMemberFactory(name_en="Ma Jian"))

    without = get(client, "/en/articles/ferry/")
    story.hero_photo = make_photo()
    story.save()
    with_hero = get(client, "/en/articles/ferry/")

    assert "article__photo-credit" not in without
    assert line_after(with_hero, "article__photo-credit") == "Photo: Ma Jian"


def test_publication_lines_are_in_the_pages_language_where_translated(client, story):
    story.publication.rights_notice_zh_hans = "版权所有。"
    story.publication.save()

    chinese = get(client, "/zh-hans/articles/ferry/")
    english = get(client, "/en/articles/ferry/")

    lines = re.search(r'<div class="publication-lines">(.*?)</div>', chinese)
    assert '<p lang="zh-Hans">版权所有。</p>' in lines.group(1)
    assert "All rights reserved." not in chinese
    assert "WeChat Moments" not in chinese
    assert '<p lang="en">All rights reserved.</p>' in english
    assert "版权所有" not in english


def test_an_import_keeps_the_note_of_a_person_already_on_the_staff_list(
    client, parsed_seed
):
    # The demo adds Benjamin Curwen as a login's person before the seed is read.
    known = StaffMemberFactory(name_en="Benjamin Curwen", slug="benjamin-curwen")

    article = article_import(parsed=parsed_seed).article
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, first_published_at=PUBLISHED_AT
    )

    known.refresh_from_db()
    assert known.note_zh_hans == "英国"
    html = get(client, f"/en/articles/{article.slug}/")
    assert "Proofreader丨Benjamin Curwen（英国）" in credit_lines(html)


def test_an_import_replaces_nothing_a_known_person_already_has(parsed_seed):
    known = StaffMemberFactory(
        name_en="Benjamin Curwen", note_zh_hans="英格兰", slug="benjamin-curwen"
    )

    article_import(parsed=parsed_seed)

    known.refresh_from_db()
    assert known.note_zh_hans == "英格兰"


def test_a_renamed_person_shows_in_the_stored_byline_at_once(client, story):
    assert "王晓" in byline(get(client, "/zh-hans/articles/ferry/"))
    assert StoredPage.objects.filter(article=story, language="zh-hans").exists()

    wang = StaffMember.objects.get(slug="wang")
    wang.name_zh_hans = "王小"
    wang.save()
    curwen = StaffMember.objects.get(slug="curwen")
    curwen.note_zh_hans = "英格兰"
    curwen.save()

    line = text(byline(get(client, "/zh-hans/articles/ferry/")))
    assert "王小" in line and "王晓" not in line
    assert "Benjamin Curwen（英格兰）" in line


def test_a_reporter_credited_later_joins_the_stored_byline_at_once(client, story):
    assert "Yang Han" not in byline(get(client, "/en/articles/ferry/"))

    credit(story, "reporter", StaffMemberFactory(name_en="Yang Han"), position=2)

    assert "Yang Han" in byline(get(client, "/en/articles/ferry/"))
