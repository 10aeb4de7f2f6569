"""Full-text index over the search entries, in each database's own engine.

PostgreSQL: a stored tsvector column (English stemmed, Chinese word by word) with a
GIN index. Stored rather than an index over the expression because ranking reads
the vector of every candidate: recomputing to_tsvector for each one made a common
word take seconds over 100,000 articles; reading the stored vector takes
milliseconds. The column is not a model field; only search/query.py reads it.

SQLite: an FTS5 table over the entries (porter stemming, so "surprising" finds
"surprise"), kept in step by triggers. A later migration that rebuilds the
articles_searchentry table on SQLite drops these triggers and must recreate them.
"""

from django.db import migrations

POSTGRESQL_FORWARD = [
    """
    ALTER TABLE articles_searchentry ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        to_tsvector('english'::regconfig, text_en)
        || to_tsvector('simple'::regconfig, text_zh_hans)
    ) STORED
    """,
    "CREATE INDEX articles_searchentry_vector_gin ON articles_searchentry "
    "USING gin (search_vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX articles_searchentry_vector_gin",
    "ALTER TABLE articles_searchentry DROP COLUMN search_vector",
]

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE articles_searchentry_fts USING fts5(
        text_en, text_zh_hans,
        content='articles_searchentry', content_rowid='article_id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER articles_searchentry_fts_insert
    AFTER INSERT ON articles_searchentry BEGIN
        INSERT INTO articles_searchentry_fts(rowid, text_en, text_zh_hans)
        VALUES (new.article_id, new.text_en, new.text_zh_hans);
    END
    """,
    """
    CREATE TRIGGER articles_searchentry_fts_delete
    AFTER DELETE ON articles_searchentry BEGIN
        INSERT INTO articles_searchentry_fts(
            articles_searchentry_fts, rowid, text_en, text_zh_hans
        ) VALUES ('delete', old.article_id, old.text_en, old.text_zh_hans);
    END
    """,
    """
    CREATE TRIGGER articles_searchentry_fts_update
    AFTER UPDATE ON articles_searchentry BEGIN
        INSERT INTO articles_searchentry_fts(
            articles_searchentry_fts, rowid, text_en, text_zh_hans
        ) VALUES ('delete', old.article_id, old.text_en, old.text_zh_hans);
        INSERT INTO articles_searchentry_fts(rowid, text_en, text_zh_hans)
        VALUES (new.article_id, new.text_en, new.text_zh_hans);
    END
    """,
    "INSERT INTO articles_searchentry_fts(articles_searchentry_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER articles_searchentry_fts_update",
    "DROP TRIGGER articles_searchentry_fts_delete",
    "DROP TRIGGER articles_searchentry_fts_insert",
    "DROP TABLE articles_searchentry_fts",
]

STATEMENTS = {
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
}


def run(direction):
    def operation(apps, schema_editor):
        for statement in STATEMENTS[schema_editor.connection.vendor][direction]:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_photo_renditions_narration_file_import_search"),
    ]

    operations = [migrations.RunPython(run(0), run(1))]
