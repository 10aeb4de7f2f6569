from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_to_managing_editors(apps, schema_editor):
    """Give the new permission to the Managing Editor group (articles 0003)."""
    # Permissions are normally created after all migrations; make sure it exists.
    app_config = apps.get_app_config("staffcredits")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="staffcredits", codename="link_login"
    )
    for group in Group.objects.filter(name="Managing Editor"):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("staffcredits", "0002_seed_credit_roles"),
        ("articles", "0003_seed_newsroom_groups"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="staffmember",
            options={
                "ordering": ["name"],
                "permissions": [("link_login", "Can link a person to a login")],
                "verbose_name": "staff member",
                "verbose_name_plural": "staff members",
            },
        ),
        migrations.RunPython(grant_to_managing_editors, migrations.RunPython.noop),
    ]
