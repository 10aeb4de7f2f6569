from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from . import services
from .forms import ArticleAdminForm, BlockInlineForm, ImportForm
from .importing.builder import ImportRefused, article_import
from .models import Article, ArticleCredit, Block, Photo, Publication, Section


class BlockInline(TranslationTabularInline):
    model = Block
    form = BlockInlineForm
    fields = ["position", "kind", "text", "photo"]
    extra = 1
    autocomplete_fields = ["photo"]
    verbose_name = _("pair")
    verbose_name_plural = _("pairs (English left, Chinese right)")


class ArticleCreditInline(admin.TabularInline):
    model = ArticleCredit
    fields = ["role", "member", "position"]
    autocomplete_fields = ["member"]
    extra = 1


@admin.register(Article)
class ArticleAdmin(TranslationAdmin):
    form = ArticleAdminForm
    inlines = [BlockInline, ArticleCreditInline]
    list_display = ["__str__", "status", "section", "first_published_at", "updated_at"]
    list_filter = ["status", "section", "publication"]
    search_fields = ["title_en", "title_zh_hans", "slug"]
    readonly_fields = ["status", "publish_at", "first_published_at", "created_by"]
    autocomplete_fields = ["hero_photo"]
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (_("Title"), {"fields": [("title_en", "title_zh_hans"), "slug"]}),
        (
            _("Standfirst"),
            {
                "fields": [
                    ("summary_en", "summary_zh_hans"),
                    ("translation_note_en", "translation_note_zh_hans"),
                ]
            },
        ),
        (
            _("Placement"),
            {"fields": ["publication", "section", "source", "hero_photo"]},
        ),
        (
            _("Status"),
            {
                "fields": [
                    "status",
                    "publish_at",
                    "first_published_at",
                    "created_by",
                    "opened_version",
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin-pairs.css"]}
        js = ["js/admin-pairs.js"]

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="articles_article_import",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        opened = form.cleaned_data["opened_version"] if change else obj.version
        services.article_save(article=obj, expected_version=opened)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Block:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        kept = [
            subform
            for subform in formset.forms
            if subform.cleaned_data
            and subform not in formset.deleted_forms
            and not subform.is_blank()
        ]
        kept.sort(key=lambda subform: subform.cleaned_data["position"])
        services.article_set_blocks(
            article=form.instance, blocks=[subform.instance for subform in kept]
        )

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("articles.publish_article")

    @admin.action(description=_("Publish selected articles"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._change_status(request, queryset, services.article_publish)

    @admin.action(description=_("Unpublish selected articles"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._change_status(request, queryset, services.article_unpublish)

    def _change_status(self, request, queryset, service):
        done = 0
        for article in queryset.prefetch_related("blocks"):
            try:
                service(article=article)
            except ValidationError as error:
                self.message_user(
                    request, f"{article}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d article updated.", "%(count)d articles updated.", done
                )
                % {"count": done},
                messages.SUCCESS,
            )

    def _imported(self, request, result):
        for warning in result.warnings:
            self.message_user(request, warning, messages.WARNING)
        self.message_user(
            request,
            _("Draft created with %(count)d pairs.")
            % {"count": result.article.blocks.count()},
            messages.SUCCESS,
        )
        return redirect(
            reverse("admin:articles_article_change", args=[result.article.pk])
        )

    def import_view(self, request):
        """Paste or upload a desk's text, preview its pairs, then create a draft."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        parsed = None
        if request.method == "POST" and form.is_valid():
            parsed = form.parsed
            if "create" in request.POST:
                try:
                    result = article_import(
                        parsed=form.parsed,
                        publication=form.cleaned_data["publication"],
                        created_by=request.user,
                    )
                except ImportRefused as error:
                    form.add_error(None, error)
                else:
                    return self._imported(request, result)
            elif form.cleaned_data["file"]:
                # A browser never sends a file twice: show its text in the box, so
                # "Create draft" after the preview imports exactly what was previewed.
                form = ImportForm(
                    initial={
                        "text": form.cleaned_data["decoded_text"],
                        "publication": form.cleaned_data["publication"],
                    }
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import an article from text"),
            "form": form,
            "parsed": parsed,
        }
        return TemplateResponse(request, "admin/articles/article/import.html", context)


@admin.register(Photo)
class PhotoAdmin(TranslationAdmin):
    list_display = ["__str__", "width", "height", "created_at"]
    search_fields = ["caption_en", "caption_zh_hans", "alt_text_en", "alt_text_zh_hans"]
    autocomplete_fields = ["photographers"]
    fieldsets = [
        (None, {"fields": ["image", "photographers"]}),
        (
            _("Text"),
            {
                "fields": [
                    ("caption_en", "caption_zh_hans"),
                    ("alt_text_en", "alt_text_zh_hans"),
                ]
            },
        ),
    ]


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
