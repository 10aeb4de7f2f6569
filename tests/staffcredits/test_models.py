import pytest

from staffcredits.models import CreditRole

pytestmark = pytest.mark.django_db


def test_credit_roles_are_seeded_with_both_labels_in_credits_order():
    roles = [
        (role.code, role.label_en, role.label_zh_hans)
        for role in CreditRole.objects.all()
    ]

    assert roles == [
        ("managing_editor", "Managing Editor", "责任编辑"),
        ("text_editor", "Text Editor", "文字编辑"),
        ("reporter", "Reporter", "记者"),
        ("translator", "Translator", "翻译"),
        ("photographer", "Photographer", "摄影"),
        ("art_editor", "Art Editor", "美术编辑"),
        ("proofreader", "Proofreader", "校对"),
        ("voice", "Voice", "配音"),
    ]


def test_a_person_is_credited_once_per_role_on_an_article():
    from django.db import IntegrityError, transaction

    from tests.factories import ArticleCreditFactory

    credit = ArticleCreditFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleCreditFactory(article=credit.article, member=credit.member)
