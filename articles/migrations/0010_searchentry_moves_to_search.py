"""SearchEntry moves to the search app: gone from articles' model state only.

Nothing in the database changes: the table articles_searchentry keeps its rows,
its newest-first index, PostgreSQL's search_vector column and GIN index and
SQLite's FTS5 table and triggers. search's migration 0001 (which depends on this
one) takes the model into its own state over the same table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_search_entry_publication"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SearchEntry")],
            database_operations=[],
        ),
    ]
