"""The admin of photos and narrations: uploads checked, re-encoded and measured."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import ImageField
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from ..media import images
from ..media.audio import format_duration
from ..media.forms import NarrationAdminForm
from ..models import (
    Article,
    Block,
    Narration,
    Photo,
)
from .marks import PairMarksForm


@admin.register(Photo)
class PhotoAdmin(TranslationAdmin):
    """The Art Editor's desk: uploads are checked and re-encoded by `images`."""

    list_display = ["thumbnail", "__str__", "width", "height", "created_at"]
    list_display_links = ["thumbnail", "__str__"]
    search_fields = ["caption_en", "caption_zh_hans", "alt_text_en", "alt_text_zh_hans"]
    autocomplete_fields = ["photographers"]
    readonly_fields = ["thumbnail"]
    formfield_overrides = {
        ImageField: {
            "form_class": images.PhotoUploadField,
            "help_text": _(
                "JPEG, PNG, WebP or GIF. It is stored upright without its location "
                "or camera data; an animation keeps its first frame."
            ),
        }
    }
    fieldsets = [
        (None, {"fields": ["image", "thumbnail", "photographers"]}),
        (
            _("Text"),
            {
                "fields": [
                    ("caption_en", "caption_zh_hans"),
                    ("alt_text_en", "alt_text_zh_hans"),
                ],
                "description": _(
                    "Alt text in both languages is needed before an article using "
                    "this photo can be published."
                ),
            },
        ),
    ]

    @admin.display(description=_("preview"))
    def thumbnail(self, photo):
        if not photo.pk or not photo.image:
            return ""
        sources = images.photo_sources(photo)
        return format_html(
            '<img src="{}" srcset="{}" sizes="10rem" alt="" '
            'style="width: 10rem; height: auto" width="{}" height="{}" loading="lazy">',
            sources.src,
            sources.jpeg_srcset,
            sources.width,
            sources.height,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "image" in form.changed_data:
            images.photo_make_renditions(obj)


@admin.register(Narration)
class NarrationAdmin(admin.ModelAdmin):
    """The Voice uploads a narration here without being able to edit the story."""

    form = NarrationAdminForm
    list_display = ["article", "language", "voice", "length", "created_at"]
    list_filter = ["language"]
    list_select_related = ["article", "voice"]
    autocomplete_fields = ["article", "voice"]
    search_fields = ["article__title_en", "article__title_zh_hans"]
    facts = ["length", "mime_type", "size", "marks"]
    readonly_fields = facts

    def get_queryset(self, request):
        # A restricted article's narration names it: shown to its readers only.
        readable = Article.objects.readable_by(request.user)
        return super().get_queryset(request).filter(article__in=readable)

    def get_fields(self, request, obj=None):
        fields = ["article", "audio", "language", "voice"]
        # The facts are read from the file, so there are none before an upload.
        return fields + self.facts if obj else fields

    @admin.display(description=_("duration"), ordering="duration_seconds")
    def length(self, narration):
        seconds = narration.duration_seconds
        return None if seconds is None else format_duration(seconds)

    @admin.display(description=_("size"), ordering="size_bytes")
    def size(self, narration):
        return filesizeformat(narration.size_bytes)

    @admin.display(description=_("pair marks"))
    def marks(self, narration):
        pairs = narration.article.blocks.exclude(kind=Block.Kind.PHOTO).count()
        return format_html(
            '{} <a href="{}">{}</a>',
            ngettext(
                "%(marked)s of %(pairs)s pair marked.",
                "%(marked)s of %(pairs)s pairs marked.",
                pairs,
            )
            % {"marked": len(narration.marked_pairs()), "pairs": pairs},
            reverse("admin:articles_narration_marks", args=[narration.pk]),
            _("Mark where each pair starts"),
        )

    def get_urls(self):
        marks = path(
            "<path:object_id>/marks/",
            self.admin_site.admin_view(self.marks_view),
            name="articles_narration_marks",
        )
        return [marks, *super().get_urls()]

    def marks_view(self, request, object_id):
        """Mark where each pair starts in the recording; bad marks change nothing."""
        narration = self.get_object(request, unquote(object_id))
        if narration is None:
            raise Http404
        if not self.has_change_permission(request, narration):
            raise PermissionDenied
        posted = request.POST if request.method == "POST" else None
        form = PairMarksForm(posted, narration=narration)
        if form.is_valid():
            form.save()
            self.message_user(request, _("The pair marks are saved."), messages.SUCCESS)
            return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": narration,
            "title": _("Where each pair starts in “%(narration)s”")
            % {"narration": narration},
            "form": form,
        }
        return TemplateResponse(request, "admin/articles/narration/marks.html", context)
