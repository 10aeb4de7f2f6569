from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Managing Editor": ["add", "change", "delete", "view"],
    "Text Editor": ["add", "change", "view"],
    "Reporter": ["view"],
    "Proofreader": ["view"],
    "Art Editor": ["view"],
    "Voice": ["view"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="articles",
                    codename__in=[f"{action}_glossaryterm" for action in actions],
                )
            )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(codename__endswith="_glossaryterm").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_translation_checks"),
        ("articles", "0003_seed_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
