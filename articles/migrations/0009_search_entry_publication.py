"""Each search entry keeps its article's publication times, with an index on them.

Search wants the newest published matches of a word. With the times only on the
article, PostgreSQL walked published articles newest first and read each one's
entry and ~5 KB vector: about 10,000 of them for a word in one article in ten.
With the times on the entry, the match comes from the GIN index or from a walk
down this index that never touches the article table (bench/scale.py).

The backfill is one UPDATE ... FROM (PostgreSQL, and SQLite since 3.33), run
before the index is built. Nullable columns without a default are added with
ALTER TABLE on SQLite too, so the entries table is not rebuilt and migration
0007's FTS5 triggers stay in place.
"""

from django.db import migrations, models

BACKFILL = """
    UPDATE articles_searchentry
    SET first_published_at = articles_article.first_published_at,
        publish_at = articles_article.publish_at
    FROM articles_article
    WHERE articles_article.id = articles_searchentry.article_id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_archive_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="first_published_at",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="first published at"
            ),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="publish_at",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="publish at"
            ),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                fields=["-first_published_at", "-article"],
                name="articles_searchentry_newest",
            ),
        ),
    ]
