"""Indexes for a large archive: the public listings and the admin's article list.

Measured on 100,000 articles (bench/scale.py, figures in bench/README.md):

- Home and section pages read published articles newest first, a keyset page at
  a time. Partial indexes over published articles only, in exactly that order
  (first_published_at, then id), let a page start at its cursor and stop after
  twenty rows, with no sort.
- The page cache asks when the next scheduled article goes live: a partial index
  over the few published articles with a publish_at answers without reading the
  archive (a sequential scan over 100,000 rows took 30 ms).
- The admin's list is ordered by created_at (the model's ordering, then -pk) and
  filtered by status or section: one index per filter, in the list's order, so
  the first page is read straight off an index however many articles match.

Plain SQL, the same on SQLite and PostgreSQL, and not model state: the model's
Meta keeps only the index it had, so these stay out of makemigrations. A later
migration that rebuilds articles_article on SQLite (Django copies the table for
most column changes there) drops these and must recreate them.
"""

from django.db import migrations

INDEXES = {
    "articles_article_live_idx": (
        "(first_published_at DESC, id DESC) WHERE status = 'published'"
    ),
    "articles_article_section_live_idx": (
        "(section_id, first_published_at DESC, id DESC) WHERE status = 'published'"
    ),
    "articles_article_scheduled_idx": (
        "(publish_at) WHERE status = 'published' AND publish_at IS NOT NULL"
    ),
    "articles_article_admin_idx": "(created_at DESC, id DESC)",
    "articles_article_admin_status_idx": "(status, created_at DESC, id DESC)",
    "articles_article_admin_section_idx": "(section_id, created_at DESC, id DESC)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_search_index"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON articles_article {definition}",
            f"DROP INDEX {name}",
        )
        for name, definition in INDEXES.items()
    ]
