from django.contrib.auth.management import create_permissions
from django.db import migrations

# What each newsroom role may do, as Django permissions (app_label.codename). The
# rules that depend on the article (whose draft, which state, who holds the lock) are
# in articles/workflow.py; docs/permissions.md has the whole matrix.
DESK = [
    "articles.view_article",
    "articles.view_block",
    "articles.view_articlecredit",
    "articles.view_photo",
    "articles.view_narration",
    "articles.view_section",
    "articles.view_publication",
    "articles.view_correction",
    "staffcredits.view_staffmember",
    "staffcredits.view_creditrole",
]
WRITER = [
    "articles.add_article",
    "articles.change_article",
    "articles.add_block",
    "articles.change_block",
    "articles.delete_block",
    "articles.add_articlecredit",
    "articles.change_articlecredit",
    "articles.delete_articlecredit",
    "staffcredits.add_staffmember",
]
GROUPS = {
    "Reporter": DESK + WRITER,
    "Text Editor": DESK
    + WRITER
    + ["articles.edit_any_article", "staffcredits.change_staffmember"],
    "Proofreader": DESK
    + ["articles.change_article", "articles.change_block", "articles.proofread_article"],
    "Art Editor": DESK
    + ["articles.add_photo", "articles.change_photo", "articles.delete_photo"],
    "Voice": DESK
    + ["articles.add_narration", "articles.change_narration", "articles.delete_narration"],
    "Managing Editor": "all",
}


def seed_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        if codes == "all":
            permissions = Permission.objects.filter(
                content_type__app_label__in=["articles", "staffcredits"]
            )
        else:
            permissions = [
                Permission.objects.get(
                    content_type__app_label=code.split(".")[0],
                    codename=code.split(".")[1],
                )
                for code in codes
            ]
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow"),
        ("staffcredits", "0002_seed_credit_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(seed_groups, remove_groups)]
