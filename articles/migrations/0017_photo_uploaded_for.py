import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# Who may upload a photo from an article's page, into an article they may edit
# (articles/workflow.py's can_edit decides which); the photo library itself stays
# the Art Editor's (add/change/delete_photo).
UPLOADERS = ["Reporter", "Text Editor", "Managing Editor"]
CODENAME = "upload_article_photo"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="articles", codename=CODENAME
    )
    for group in Group.objects.filter(name__in=UPLOADERS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="articles", codename=CODENAME
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_narration_pair_marks"),
        ("articles", "0003_seed_newsroom_groups"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="photo",
            options={
                "ordering": ["-created_at"],
                "permissions": [
                    (
                        "upload_article_photo",
                        "Can upload photos into articles they may edit",
                    )
                ],
                "verbose_name": "photo",
                "verbose_name_plural": "photos",
            },
        ),
        migrations.AddField(
            model_name="photo",
            name="uploaded_for",
            field=models.ForeignKey(
                blank=True,
                help_text="The article this photo was uploaded from, if any.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="uploaded_photos",
                to="articles.article",
                verbose_name="uploaded for",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
