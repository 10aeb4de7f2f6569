"""SearchEntry's move from articles to search, on a database that has entries.

The two migrations change model state only, so an existing database keeps its
entries and its full-text index (SQLite's FTS5 triggers, PostgreSQL's generated
column) across the move and back; the content type and its permissions follow
the model. Runs on whichever database the suite runs on.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from search.index import search_entry_update
from search.models import SearchEntry
from search.query import search
from tests.factories import ArticleFactory

# Migrating commits, and the test database must be whole again afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_THE_MOVE = [("articles", "0009_search_entry_publication")]


def migrate(targets):
    """Migrate the database to `targets`; return the models as they are there."""
    MigrationExecutor(connection).migrate(targets)
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection).loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def found(query):
    """Return the slugs of the matches, read without today's article model, which
    an older database state does not fit."""
    ids = search(query).ids
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, slug FROM articles_article")
        slugs = dict(cursor.fetchall())
    return [slugs[pk] for pk in ids]


def live(slug, title):
    article = ArticleFactory(published=True, slug=slug, title_en=title)
    search_entry_update(article=article)
    return article


def test_entries_stay_found_across_the_move_and_back():
    zinc = live("zinc", "Zinc smelting")
    content_type = ContentType.objects.get_for_model(SearchEntry)
    view = Permission.objects.get(
        content_type=content_type, codename="view_searchentry"
    )
    Group.objects.create(name="Search readers").permissions.add(view)
    assert (content_type.app_label, found("zinc")) == ("search", ["zinc"])
    # Made now: the factory writes today's article table, which later
    # migrations of articles change too.
    copper = ArticleFactory(published=True, slug="copper")

    try:
        before = migrate(BEFORE_THE_MOVE)

        with pytest.raises(LookupError):
            before.get_model("search", "SearchEntry")
        Entry = before.get_model("articles", "SearchEntry")
        assert Entry._meta.db_table == "articles_searchentry"
        assert list(Entry.objects.values_list("article_id", flat=True)) == [zinc.pk]
        assert found("zinc") == ["zinc"]
        # The full-text index still follows the table as the old model writes it.
        Entry.objects.create(article_id=copper.pk, text_en="Copper wire")
        Entry.objects.filter(article_id=zinc.pk).update(text_en="Zinc and tin")
        assert found("tin") == ["zinc"]
        assert found("copper") == ["copper"]
        moved = ContentType.objects.get(pk=content_type.pk)
        assert (moved.app_label, moved.model) == ("articles", "searchentry")
        assert not ContentType.objects.filter(app_label="search").exists()
    finally:
        after = migrate(latest())

    with pytest.raises(LookupError):
        after.get_model("articles", "SearchEntry")
    Entry = after.get_model("search", "SearchEntry")
    assert set(Entry.objects.values_list("article_id", flat=True)) == {
        zinc.pk,
        copper.pk,
    }
    assert found("tin") == ["zinc"]
    assert found("copper") == ["copper"]
    SearchEntry.objects.filter(article_id=copper.pk).delete()
    assert found("copper") == []
    assert ContentType.objects.get_for_model(SearchEntry).pk == content_type.pk
    assert list(Group.objects.get(name="Search readers").permissions.all()) == [view]
    assert not ContentType.objects.filter(
        app_label="articles", model="searchentry"
    ).exists()
