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

    def get_readonly_fields(self, request, obj=None):
        """Show the login read-only to anyone who may not link one.

        A linked login writes that person's byline on new articles, so a reporter
        who could link themselves to a colleague would sign as the colleague. A
        read-only field is left out of the form: a `user` in a tampered POST is
        ignored, the link stays as it was.
        """
        fields = super().get_readonly_fields(request, obj)
        if request.user.has_perm("staffcredits.link_login"):
            return fields
        return [*fields, "user"]


@admin.register(CreditRole)
class CreditRoleAdmin(TranslationAdmin):
    list_display = ["label", "code", "order"]
    list_editable = ["order"]
    search_fields = ["code", "label_en", "label_zh_hans"]
