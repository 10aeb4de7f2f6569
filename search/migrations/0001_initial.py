"""SearchEntry, moved from the articles app over its existing table.

State only: articles migration 0010 drops the model from articles' state, this
one adds it to search's, with db_table articles_searchentry and the index
articles_searchentry_newest as articles' migrations made them (0006, 0009). No
table, column, index, trigger or row is created, copied or dropped, on a new
database or an existing one.

An existing database has a content type articles.searchentry, with the add,
change, delete and view permissions Django made for it; it is renamed to
search.searchentry (and back when unapplied), so those permissions and any
grant of them follow the model instead of being left to a stale content type.
A new database has no such row yet: Django makes search.searchentry after
migrating.
"""

import django.db.models.deletion
from django.db import migrations, models

MODEL = "searchentry"


def move_content_type(source, target):
    def operation(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        content_types = ContentType.objects.using(schema_editor.connection.alias)
        if content_types.filter(app_label=target, model=MODEL).exists():
            # Made already (a `migrate` ran with the model in `target`): keep it,
            # and leave the other to remove_stale_contenttypes.
            return
        content_types.filter(app_label=source, model=MODEL).update(app_label=target)
        ContentType.objects.clear_cache()

    return operation


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0010_searchentry_moves_to_search"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchEntry",
                    fields=[
                        (
                            "article",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="search_entry",
                                serialize=False,
                                to="articles.article",
                                verbose_name="article",
                            ),
                        ),
                        (
                            "text_en",
                            models.TextField(blank=True, verbose_name="English text"),
                        ),
                        (
                            "text_zh_hans",
                            models.TextField(
                                blank=True, verbose_name="Chinese text, segmented"
                            ),
                        ),
                        (
                            "first_published_at",
                            models.DateTimeField(
                                editable=False,
                                null=True,
                                verbose_name="first published at",
                            ),
                        ),
                        (
                            "publish_at",
                            models.DateTimeField(
                                editable=False, null=True, verbose_name="publish at"
                            ),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(
                                auto_now=True, verbose_name="updated at"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "search entry",
                        "verbose_name_plural": "search entries",
                        "db_table": "articles_searchentry",
                        "indexes": [
                            models.Index(
                                fields=["-first_published_at", "-article"],
                                name="articles_searchentry_newest",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            move_content_type("articles", "search"),
            move_content_type("search", "articles"),
        ),
    ]
