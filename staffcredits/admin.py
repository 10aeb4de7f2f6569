"""The admin of people and credit roles."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import CreditRole, StaffMember


@admin.register(StaffMember)
class StaffMemberAdmin(TranslationAdmin):
    list_display = ["name", "note", "user"]
    search_fields = ["name_en", "name_zh_hans", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["user"]


@admin.register(CreditRole)
class CreditRoleAdmin(TranslationAdmin):
    list_display = ["label", "code", "order"]
    list_editable = ["order"]
    search_fields = ["code", "label_en", "label_zh_hans"]
