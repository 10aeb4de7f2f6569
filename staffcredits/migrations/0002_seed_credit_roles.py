from django.db import migrations

# (code, English label, Chinese label, order): the credits block of a WeChat-style
# bilingual story lists the roles in this order.
ROLES = [
    ("managing_editor", "Managing Editor", "责任编辑", 10),
    ("text_editor", "Text Editor", "文字编辑", 20),
    ("reporter", "Reporter", "记者", 30),
    ("translator", "Translator", "翻译", 40),
    ("photographer", "Photographer", "摄影", 50),
    ("art_editor", "Art Editor", "美术编辑", 60),
    ("proofreader", "Proofreader", "校对", 70),
    ("voice", "Voice", "配音", 80),
]


def seed_roles(apps, schema_editor):
    CreditRole = apps.get_model("staffcredits", "CreditRole")
    for code, label_en, label_zh, order in ROLES:
        CreditRole.objects.update_or_create(
            code=code,
            defaults={
                "label": label_en,
                "label_en": label_en,
                "label_zh_hans": label_zh,
                "order": order,
            },
        )


def remove_roles(apps, schema_editor):
    CreditRole = apps.get_model("staffcredits", "CreditRole")
    CreditRole.objects.filter(code__in=[code for code, *_ in ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("staffcredits", "0001_initial")]

    operations = [migrations.RunPython(seed_roles, remove_roles)]
