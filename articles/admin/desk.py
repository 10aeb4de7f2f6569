"""The admin of what the desk sets once: sections, the publication, the glossary."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from ..models import GlossaryTerm, Publication, Section


@admin.register(Section)
class SectionAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name_en", "name_zh_hans"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Publication)
class PublicationAdmin(TranslationAdmin):
    list_display = ["name", "default_source"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    """Names the desk always renders one way, checked in every pair."""

    list_display = ["en", "zh_hans", "note"]
    search_fields = ["en", "zh_hans"]
