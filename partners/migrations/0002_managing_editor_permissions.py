from django.contrib.auth.management import create_permissions
from django.db import migrations

# Managing editors give partners their tokens and webhooks and read the delivery log.
GROUP = "Managing Editor"
CODENAMES = [
    f"{action}_{model}"
    for model in ("apitoken", "webhook")
    for action in ("add", "change", "delete", "view")
] + ["view_webhookdelivery"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("partners")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group:
        group.permissions.add(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="partners", codename__in=CODENAMES
            )
        )


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="partners", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("articles", "0003_seed_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
