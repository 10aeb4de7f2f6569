"""Which staffcredits fields are kept in both languages."""

from modeltranslation.translator import TranslationOptions, register

from .models import CreditRole, StaffMember


@register(StaffMember)
class StaffMemberTranslationOptions(TranslationOptions):
    fields = ("name", "note")


@register(CreditRole)
class CreditRoleTranslationOptions(TranslationOptions):
    fields = ("label",)
