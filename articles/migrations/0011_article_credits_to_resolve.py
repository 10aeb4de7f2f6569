"""Credits an import could not add stay on the draft as text, and block publishing."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_searchentry_moves_to_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="credits_to_resolve",
            field=models.TextField(
                blank=True,
                help_text="Credits an import could not add, one “Role丨Names” per line; the article cannot be published until this is empty.",
                verbose_name="credits to resolve",
            ),
        ),
    ]
