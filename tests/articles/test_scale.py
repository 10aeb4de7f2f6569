"""The archive seeder, and the admin staying constant in queries as articles grow.

seed_archive makes the big archives bench/scale.py measures; here it runs small.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils.http import urlencode

from articles.admin import paginator as admin_paginator
from articles.checking import article_report
from articles.models import Article, Block, Photo
from articles.sanitize import sanitize_html
from search.models import SearchEntry
from search.query import search
from staffcredits.models import CreditRole
from tests.factories import (
    ArticleCreditFactory,
    ArticleFactory,
    BlockFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def seed(count, seed=7, **options):
    call_command("seed_archive", count, seed=seed, stdout=StringIO(), **options)


def snapshot():
    """What a reader or an editor sees of the archive, dates aside (they follow
    the clock)."""
    return [
        (
            article.slug,
            article.title_en,
            article.title_zh_hans,
            article.summary_zh_hans,
            article.status,
            article.section.slug,
            [(b.kind, b.text_en, b.text_zh_hans) for b in article.blocks.all()],
            sorted((c.role.code, c.member.slug) for c in article.credits.all()),
        )
        for article in Article.objects.order_by("slug").prefetch_related(
            "blocks", "credits__role", "credits__member"
        )
    ]


def forget_archive():
    Article.objects.all().delete()
    Photo.objects.all().delete()


def test_seed_archive_makes_exactly_the_articles_asked_for_with_their_parts():
    seed(30, batch_size=7)
    assert Article.objects.count() == 30
    for article in Article.objects.prefetch_related("blocks", "credits"):
        assert 8 <= len(article.blocks.all()) <= 14
        assert 2 <= len(article.credits.all()) <= 6
        assert article.title_en and article.title_zh_hans
        assert article.summary_en and article.summary_zh_hans
        assert article.section is not None
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    assert published.count() >= 20
    assert published.filter(first_published_at__isnull=True).count() == 0
    # Every published article, and only those, can be found.
    assert set(SearchEntry.objects.values_list("article_id", flat=True)) == set(
        published.values_list("pk", flat=True)
    )
    # Each entry carries its article's publication times, which search orders by.
    assert set(
        SearchEntry.objects.values_list(
            "article_id", "first_published_at", "publish_at"
        )
    ) == set(published.values_list("pk", "first_published_at", "publish_at"))
    assert len(search("Zhengzhou")) or len(search("郑州"))


def test_seeded_pairs_pass_the_desks_translation_checks():
    """Both sides carry the same numbers and names, as a real translation does."""
    seed(30)
    for article in Article.objects.prefetch_related("blocks"):
        report = article_report(article, terms=[])
        assert [f.message for pair in report for f in pair.errors] == []


def test_seeded_text_is_what_sanitizing_would_have_stored():
    """bulk_create skips Block.save(), so the text must already be clean."""
    seed(30)
    for block in Block.objects.all():
        inline = block.kind == Block.Kind.HEADING
        for text in (block.text_en, block.text_zh_hans):
            assert sanitize_html(text, inline=inline) == text


def test_the_same_seed_makes_the_same_archive_and_another_seed_another():
    seed(30, seed=11)
    first = snapshot()
    forget_archive()
    seed(30, seed=11)
    assert snapshot() == first
    forget_archive()
    seed(30, seed=12)
    assert [row[1:] for row in snapshot()] != [row[1:] for row in first]


def test_seeding_with_a_seed_already_used_is_refused_and_changes_nothing():
    seed(10, seed=5)
    with pytest.raises(CommandError, match="seed 5"):
        seed(10, seed=5)
    assert Article.objects.count() == 10


@pytest.mark.parametrize(
    "count, options", [(0, {}), (10, {"sections": 0}), (10, {"batch_size": 0})]
)
def test_nonsense_sizes_are_refused(count, options):
    with pytest.raises(CommandError):
        seed(count, **options)
    assert not Article.objects.exists()


def test_published_seeded_articles_are_read_on_the_site(client):
    seed(30)
    article = Article.objects.published().order_by("-first_published_at").first()
    home = client.get("/en/")
    assert article.title_en in home.content.decode()
    page = client.get(reverse("articles:dual", kwargs={"slug": article.slug}))
    assert page.status_code == 200
    last = article.blocks.order_by("position").last().text_zh_hans
    assert last.removeprefix("<p>")[:20] in page.content.decode()


def _article_with_pairs(count):
    article = ArticleFactory(section=None)
    for position in range(1, count + 1):
        BlockFactory(article=article, position=position)
    for code in ("reporter", "text_editor", "translator"):
        ArticleCreditFactory(
            article=article,
            role=CreditRole.objects.get(code=code),
            member=StaffMemberFactory(),
        )
    return article


def test_the_change_page_makes_as_many_queries_for_40_pairs_as_for_4(
    editor_client, django_assert_max_num_queries
):
    short, long = _article_with_pairs(4), _article_with_pairs(40)
    with django_assert_max_num_queries(60) as few:
        response = editor_client.get(
            reverse("admin:articles_article_change", args=[short.pk])
        )
    assert response.status_code == 200
    with django_assert_max_num_queries(len(few)):
        response = editor_client.get(
            reverse("admin:articles_article_change", args=[long.pk])
        )
    assert response.status_code == 200
    assert response.content.decode().count('name="blocks-39-text_en"') == 1


@pytest.mark.parametrize("lookup", ["", "status__exact", "section__id__exact"])
def test_the_changelist_makes_as_many_queries_for_300_articles_as_for_30(
    editor_client, django_assert_max_num_queries, lookup
):
    seed(30, seed=1)
    newest = Article.objects.order_by("-created_at", "-pk").first()
    value = {"status__exact": "published", "section__id__exact": newest.section_id}
    chosen = {lookup: value[lookup]} if lookup else {}
    url = CHANGELIST + ("?" + urlencode(chosen) if chosen else "")
    with django_assert_max_num_queries(40) as few:
        response = editor_client.get(url)
    assert response.status_code == 200
    seed(270, seed=2)
    with django_assert_max_num_queries(len(few)):
        response = editor_client.get(url)
    # The first page: the newest of the matching articles, newest first.
    expected = Article.objects.filter(**chosen).order_by("-created_at", "-pk")[:50]
    listed = response.context["cl"].result_list
    assert [article.pk for article in listed] == [article.pk for article in expected]
    assert len(listed) == min(50, Article.objects.filter(**chosen).count())


def test_the_changelist_count_stops_early_on_a_long_list(editor_client, monkeypatch):
    """Past the limit the count is PostgreSQL's estimate; SQLite still counts."""
    seed(40)
    monkeypatch.setattr(admin_paginator, "COUNT_LIMIT", 10)
    changelist = editor_client.get(CHANGELIST).context["cl"]
    assert len(changelist.result_list) == 40
    if connection.vendor == "sqlite":
        assert changelist.result_count == 40
    else:
        assert changelist.result_count > 10


def test_the_changelist_of_10000_articles_makes_the_queries_of_30(
    editor_client, django_assert_max_num_queries
):
    """Ten thousand rows, copied in bulk from a seeded thirty: the list reads 50."""
    seed(30, seed=3)
    with django_assert_max_num_queries(40) as few:
        assert editor_client.get(CHANGELIST).status_code == 200
    budget = len(few)
    model = Article.objects.filter(status=Article.Status.PUBLISHED).first()
    fields = {
        field.attname: getattr(model, field.attname)
        for field in Article._meta.concrete_fields
        if not field.primary_key
    }
    copies = [Article(**fields | {"slug": f"copy-{n}"}) for n in range(10_000 - 30)]
    Article.objects.bulk_create(copies, batch_size=500)
    assert Article.objects.count() == 10_000

    for url in (
        CHANGELIST,
        f"{CHANGELIST}?status__exact=published",
        f"{CHANGELIST}?p=150",
    ):
        with django_assert_max_num_queries(budget):
            response = editor_client.get(url)
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) == 50
