"""Search: what a query finds in either language, in what order, and its page."""

import importlib
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from articles import services
from articles.models import Article, Block
from search.index import segment
from search.models import SearchEntry
from search.query import MAX_QUERY_LENGTH, search
from tests.articles.test_admin import article_form_data, change_url
from tests.factories import ArticleFactory, BlockFactory, SectionFactory, proofread

# Real commits: the index follows an article when its change commits.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Status = Article.Status


def story(*paragraphs, status=Status.APPROVED, **fields):
    """Return an article with one pair per (English, Chinese) paragraph."""
    article = ArticleFactory(status=status, section=SectionFactory(), **fields)
    for position, (english, chinese) in enumerate(paragraphs, start=1):
        BlockFactory(
            article=article,
            position=position,
            text_en=f"<p>{english}</p>",
            text_zh_hans=f"<p>{chinese}</p>",
        )
    return article


def published(*paragraphs, editor, publish_at=None, **fields):
    article = story(*paragraphs, **fields)
    return services.article_publish(article=article, user=editor, publish_at=publish_at)


def found(query):
    return [article.slug for article in search(query)]


BYD = (
    "BYD's Zhengzhou base reported a <strong>surprise</strong> start &amp; strong.",
    "比亚迪郑州基地交出了“开门红”成绩单。",
)
YUTONG = (
    "Yutong buses are a ubiquitous presence.",
    "宇通客车的身影无处不在，诠释了中国制造的韧性。",
)


def test_an_english_word_finds_the_english_text_whatever_its_ending(editor):
    published(BYD, editor=editor, slug="byd")
    published(YUTONG, editor=editor, slug="yutong")

    assert found("surprise") == ["byd"]
    assert found("SURPRISING") == ["byd"]
    assert found("ubiquitous buses") == ["yutong"]
    assert found("ubiquitous surprise") == []


def test_a_chinese_word_is_found_inside_a_sentence_without_spaces(editor):
    published(BYD, editor=editor, slug="byd")
    published(YUTONG, editor=editor, slug="yutong")

    assert found("开门红") == ["byd"]
    assert found("韧性") == ["yutong"]
    assert found("中国制造 韧性") == ["yutong"]
    assert found("中国制造的韧性") == ["yutong"]
    assert found("韧性 开门红") == []


def test_a_query_mixing_both_languages_needs_every_word(editor):
    published(BYD, editor=editor, slug="byd")
    published(YUTONG, editor=editor, slug="yutong")

    assert found("郑州 Zhengzhou") == ["byd"]
    assert found("郑州 Yutong") == []


def test_the_title_and_summary_are_searched_too(editor):
    published(
        YUTONG,
        editor=editor,
        slug="yutong",
        title_en="Hydrogen city",
        title_zh_hans="氢能源之城",
        summary_en="Quantum leaps.",
    )

    assert found("hydrogen") == found("氢能源") == found("quantum") == ["yutong"]


def test_the_article_that_says_it_most_comes_first(editor):
    published(("Hydrogen once.", "氢。"), editor=editor, slug="once")
    published(
        ("Hydrogen, hydrogen and more hydrogen.", "氢能源，氢能源。"),
        ("Hydrogen again.", "氢能源。"),
        editor=editor,
        slug="often",
    )

    assert found("hydrogen") == ["often", "once"]


def test_nothing_unpublished_is_ever_found(editor):
    for status in (Status.DRAFT, Status.IN_REVIEW, Status.APPROVED):
        article = story(("Secret draft words.", "秘密草稿。"), status=status)
        services.article_save(article=article, expected_version=article.version)
        services.article_set_blocks(article=article, blocks=list(article.blocks.all()))
    published(
        ("Secret scheduled words.", "秘密预告。"),
        editor=editor,
        publish_at=timezone.now() + timedelta(days=1),
    )

    assert found("secret") == []
    assert found("秘密") == []


def test_a_scheduled_article_is_found_once_it_is_live(editor, time_machine):
    time_machine.move_to(timezone.now())
    published(
        ("Scheduled words.", "预告。"),
        editor=editor,
        slug="later",
        publish_at=timezone.now() + timedelta(hours=1),
    )
    assert found("scheduled") == []

    time_machine.shift(timedelta(hours=2))

    assert found("scheduled") == ["later"]


def test_an_unpublished_article_disappears_from_search(editor):
    article = published(BYD, editor=editor, slug="byd")
    assert found("开门红") == ["byd"]

    services.article_unpublish(article=article, user=editor, comment="Withdrawn.")

    assert found("开门红") == []
    assert found("surprise") == []


def test_a_republished_article_waits_for_its_new_publication_time(editor, time_machine):
    time_machine.move_to(timezone.now())
    article = published(BYD, editor=editor, slug="byd")
    services.article_unpublish(article=article, user=editor, comment="Withdrawn.")
    services.article_submit(article=article, user=editor)
    proofread(article, editor)
    services.article_approve(article=article, user=editor)

    published_again = services.article_publish(
        article=article, user=editor, publish_at=timezone.now() + timedelta(hours=1)
    )
    assert found("surprise") == []

    time_machine.shift(timedelta(hours=2))

    assert found("surprise") == ["byd"]
    assert published_again.first_published_at == article.first_published_at


def test_equal_matches_come_newest_first(editor, time_machine):
    time_machine.move_to(timezone.now())
    # Written in one order, published in the other: the publication date decides.
    first, second, third = (story(BYD, slug=slug) for slug in ("a", "b", "c"))
    for article in (third, second, first):
        services.article_publish(article=article, user=editor)
        time_machine.shift(timedelta(hours=1))

    assert found("surprise") == ["a", "b", "c"]


def test_only_the_newest_matches_are_ranked(editor, time_machine, monkeypatch):
    monkeypatch.setattr("search.query.RANKED_MATCHES", 3)
    time_machine.move_to(timezone.now())
    often = ("Hydrogen, hydrogen, hydrogen.", "氢能源，氢能源，氢能源。")
    once = ("Hydrogen and some other news.", "氢能源和其他消息。")
    for slug, paragraph in [
        ("old-often", often),
        ("once", once),
        ("new-often", often),
        ("newest-once", once),
    ]:
        published(paragraph, editor=editor, slug=slug)
        time_machine.shift(timedelta(hours=1))

    assert found("hydrogen") == ["new-often", "newest-once", "once"]


def test_the_migration_backfill_copies_each_articles_publication_times(
    editor, time_machine
):
    time_machine.move_to(timezone.now())
    published(BYD, editor=editor, slug="live")
    published(
        BYD, editor=editor, slug="later", publish_at=timezone.now() + timedelta(days=1)
    )
    expected = set(
        Article.objects.filter(search_entry__isnull=False).values_list(
            "pk", "first_published_at", "publish_at"
        )
    )
    SearchEntry.objects.update(first_published_at=None, publish_at=None)
    migration = importlib.import_module(
        "articles.migrations.0009_search_entry_publication"
    )

    with connection.cursor() as cursor:
        cursor.execute(migration.BACKFILL)

    backfilled = SearchEntry.objects.values_list(
        "article_id", "first_published_at", "publish_at"
    )
    assert set(backfilled) == expected
    assert found("surprise") == ["live"]


def test_an_edited_live_article_is_found_by_its_new_words_only(editor):
    article = published(BYD, editor=editor, slug="byd")

    block = article.blocks.get()
    block.text_en = "<p>A record quarter.</p>"
    block.text_zh_hans = "<p>创纪录的季度。</p>"
    services.article_set_blocks(article=article, blocks=[block])
    article.title_en = "Electric buses"
    services.article_save(article=article, expected_version=article.version)

    assert found("record") == found("季度") == found("electric") == ["byd"]
    assert found("surprise") == found("开门红") == []


def test_an_edit_saved_in_the_admin_is_found(editor, editor_client):
    article = published(BYD, editor=editor, slug="byd")
    block = article.blocks.get()
    data = article_form_data(
        article,
        [
            {
                "id": block.pk,
                "position": 1,
                "en": "<p>Lithium.</p>",
                "zh": "<p>锂电池。</p>",
            }
        ],
    )

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert found("lithium") == found("锂电池") == ["byd"]
    assert found("surprise") == []


def test_a_restored_revision_is_found_by_its_restored_words(editor):
    article = published(BYD, editor=editor, slug="byd")
    services.article_record_revision(article=article, user=editor)
    first = services.article_versions(article).get()
    block = article.blocks.get()
    block.text_en = "<p>Rewritten.</p>"
    with transaction.atomic():  # as the admin saves an edit
        services.article_save(article=article, expected_version=article.version)
        services.article_set_blocks(article=article, blocks=[block])
    assert found("surprise") == []

    services.article_restore(article=article, user=editor, version_id=first.pk)

    assert found("surprise") == ["byd"]
    assert found("rewritten") == []


def test_the_rebuild_command_indexes_live_articles_only(editor):
    ArticleFactory(published=True, slug="live", title_en="Zinc")
    ArticleFactory(status=Status.DRAFT, slug="draft", title_en="Zinc draft")
    assert found("zinc") == []

    call_command("rebuild_search_index", verbosity=0)

    assert found("zinc") == ["live"]


def test_chinese_is_stored_as_words_separated_by_spaces():
    assert segment("郑州工业迎来“含新量”十足的科技突破。") == (
        "郑州 工业 迎来 “ 含新量 ” 十足 的 科技 突破 。"
    )


def test_results_page_shows_both_titles_and_a_marked_snippet(client, editor):
    published(
        BYD,
        editor=editor,
        slug="byd",
        title_en="BYD's strong start",
        title_zh_hans="比亚迪开门红",
    )

    english = client.get("/en/search/", {"q": "surprising"}).content.decode()
    chinese = client.get("/zh-hans/search/", {"q": "开门红"}).content.decode()

    assert '<span class="article-list__title" lang="en">BYD&#x27;s strong' in english
    assert '<span class="article-list__subtitle" lang="zh-Hans">比亚迪开门红' in english
    assert re.search(r'lang="en">BYD&#x27;s Zhengzhou .*<mark>surprise</mark>', english)
    assert "&amp; strong" in english
    assert '<span class="article-list__title" lang="zh-Hans">比亚迪开门红' in chinese
    assert '<span class="article-list__subtitle" lang="en">BYD&#x27;s strong' in chinese
    assert 'lang="zh-Hans">比亚迪郑州基地交出了“<mark>开门红</mark>”成绩单。' in chinese
    assert 'href="/zh-hans/sections/economy/" lang="zh-Hans">经济</a>' in chinese


def test_a_word_found_only_in_the_other_language_shows_that_language(client, editor):
    published(BYD, editor=editor, slug="byd")

    html = client.get("/en/search/", {"q": "开门红"}).content.decode()

    assert 'class="search-snippet" lang="zh-Hans">' in html
    assert "<mark>开门红</mark>" in html


def test_an_empty_query_shows_only_the_form(client, editor):
    published(BYD, editor=editor)

    for query in ("", "   \t "):
        response = client.get("/en/search/", {"q": query})
        html = response.content.decode()
        assert response.status_code == 200
        assert '<input id="search-q" type="search" name="q"' in html
        assert '<label for="search-q">' in html
        assert "article-list__item" not in html
        assert "matches" not in html


def test_no_match_says_so_with_the_query_escaped(client, editor):
    published(BYD, editor=editor)

    html = client.get("/en/search/", {"q": "<b>nothing</b>"}).content.decode()

    assert "No published article matches “&lt;b&gt;nothing&lt;/b&gt;”." in html
    assert "<b>nothing" not in html


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "OR",
        "NOT AND",
        "a OR",
        'NEAR("a" "b")',
        "-zhengzhou",
        "zheng*",
        "col:zhengzhou",
        "text_en:郑州",
        "^郑州",
        "'; DROP TABLE articles_article; --",
        "\x00郑州",
        "100%_",
        "(((",
        "!&|<->:*",
        "😀 🇨🇳",
        "Ⅷ ½ ²",
        "e\u0301",
        "郑" * 5000,
    ],
)
def test_hostile_queries_never_fail(client, editor, query):
    published(BYD, editor=editor, slug="byd")

    response = client.get("/en/search/", {"q": query})

    assert response.status_code == 200
    assert set(found(query)) <= {"byd"}


def test_a_long_query_is_cut_and_still_answers(client, editor):
    published(BYD, editor=editor, slug="byd")
    query = "surprise " + "x" * 1000

    response = client.get("/en/search/", {"q": query})

    assert response.status_code == 200
    assert (
        f'value="surprise {"x" * (MAX_QUERY_LENGTH - 9)}"' in response.content.decode()
    )


def test_results_are_paginated_keeping_the_query(client, editor):
    for number in range(22):
        ArticleFactory(published=True, slug=f"zinc-{number}", title_en="Zinc")
    call_command("rebuild_search_index", verbosity=0)

    first = client.get("/en/search/", {"q": "zinc"}).content.decode()
    second = client.get("/en/search/", {"q": "zinc", "page": 2}).content.decode()

    assert "22 articles match “zinc”." in first
    assert first.count('class="article-list__item"') == 20
    assert 'href="?q=zinc&amp;page=2"' in first
    assert second.count('class="article-list__item"') == 2


def test_the_page_makes_the_same_queries_for_one_result_or_many(
    client, editor, django_assert_max_num_queries
):
    published(BYD, editor=editor, slug="byd")
    with django_assert_max_num_queries(5) as one:
        client.get("/en/search/", {"q": "surprise"})
    for number in range(6):
        published(BYD, editor=editor, slug=f"byd-{number}")

    with django_assert_max_num_queries(len(one)):
        html = client.get("/en/search/", {"q": "surprise"}).content.decode()

    assert "7 articles match" in html


def test_any_page_of_many_results_makes_the_queries_of_one_result(
    client, django_assert_max_num_queries
):
    ArticleFactory(published=True, slug="zinc", title_en="Zinc")
    call_command("rebuild_search_index", verbosity=0)
    with django_assert_max_num_queries(5) as one:
        client.get("/en/search/", {"q": "zinc"})
    for number in range(44):
        ArticleFactory(published=True, slug=f"zinc-{number}", title_en="Zinc")
    call_command("rebuild_search_index", verbosity=0)

    for page in (1, 3):
        with django_assert_max_num_queries(len(one)):
            html = client.get("/en/search/", {"q": "zinc", "page": page}).text

        assert "45 articles match “zinc”." in html
    assert html.count('class="article-list__item"') == 5


def test_words_found_side_by_side_are_marked_as_one_passage(client, editor):
    published(YUTONG, editor=editor)

    html = client.get("/zh-hans/search/", {"q": "中国制造的韧性"}).content.decode()

    assert "诠释了<mark>中国制造的韧性</mark>。" in html


def test_a_word_in_too_many_articles_says_only_the_newest_are_ranked(
    client, monkeypatch
):
    monkeypatch.setattr("search.query.RANKED_MATCHES", 3)
    monkeypatch.setattr("search.views.RANKED_MATCHES", 3)
    for number in range(5):
        ArticleFactory(published=True, slug=f"zinc-{number}", title_en="Zinc")
    call_command("rebuild_search_index", verbosity=0)

    html = client.get("/en/search/", {"q": "zinc"}).content.decode()

    assert (
        "At least 3 articles match “zinc”; these are the best of the newest 3." in html
    )
    assert html.count('class="article-list__item"') == 3


def test_moves_that_change_no_indexed_text_leave_the_index_alone(editor):
    article = published(BYD, editor=editor, slug="byd")
    # Written past every signal: only a reindex would pick this up.
    Block.objects.filter(article=article).update(text_en="<p>Hydrogen.</p>")

    services.article_lock(article=article, user=editor)
    services.article_unlock(article=article, user=editor)
    assert found("hydrogen") == []  # a lock is no reason to re-read the article

    article.refresh_from_db()
    services.article_save(article=article, expected_version=article.version)
    assert found("hydrogen") == ["byd"]
