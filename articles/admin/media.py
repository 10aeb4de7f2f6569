"""The admin of photos and narrations: uploads checked, re-encoded and measured.

Photos: the library (PhotoAdmin, the Art Editor's), the upload from an article's
page (PhotoInline) and the chooser that shows thumbnails (PhotoChoosers).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ImageField
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from .. import timezones
from ..media import images
from ..media.audio import format_duration
from ..media.forms import ArticlePhotoForm, ArticlePhotoFormSet, NarrationAdminForm
from ..models import (
    Article,
    Block,
    Narration,
    Photo,
)
from ..widgets import PhotoChooserWidget
from ..workflow import can_edit
from .marks import PairMarksForm

UPLOAD_ARTICLE_PHOTO = "articles.upload_article_photo"


class PhotoAutocompleteJsonView(AutocompleteJsonView):
    """The photo chooser's search results, each with its thumbnail's URL."""

    def serialize_result(self, obj, to_field_name):
        return {
            **super().serialize_result(obj, to_field_name),
            "thumbnail": images.photo_thumbnail_url(obj),
        }


class PhotoChoosers:
    """An admin whose photo fields (`photo_fields`) are chosen by thumbnail."""

    photo_fields: tuple[str, ...] = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.photo_fields:
            kwargs["widget"] = PhotoChooserWidget(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def thumbnail_html(photo):
    """Return a small <img> of the photo, from its renditions."""
    if not photo.pk or not photo.image:
        return ""
    sources = images.photo_sources(photo)
    return format_html(
        '<img class="photo-thumb" src="{}" srcset="{}" sizes="10rem" alt="" '
        'width="{}" height="{}" loading="lazy">',
        sources.src,
        sources.jpeg_srcset,
        sources.width,
        sources.height,
    )


class PhotoAdminForm(forms.ModelForm):
    """The library's photo form, with the replacement of one rendition."""

    rendition = forms.ChoiceField(label=_("rendition to replace"), required=False)
    rendition_file = forms.FileField(
        label=_("replacement file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": images.ACCEPT}),
        help_text=_(
            "A crop or retouch of that one rendition, at exactly its size in "
            "pixels. Replacing the image instead makes every rendition again."
        ),
    )

    class Meta:
        model = Photo
        fields = "__all__"  # noqa: DJ007 - the admin picks fields from its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rendition"].choices = [("", "---------")] + [
            (
                item["name"],
                _("%(format)s, %(width)d × %(height)d")
                % {
                    "format": item["format"].upper(),
                    "width": item["width"],
                    "height": item["height"],
                },
            )
            for item in sorted(
                self.instance.renditions,
                key=lambda item: (item["format"], item["width"]),
            )
        ]

    def clean(self):
        cleaned = super().clean()
        name, file = cleaned.get("rendition"), cleaned.get("rendition_file")
        if bool(name) != bool(file):
            raise forms.ValidationError(
                _("To replace a rendition, choose it and upload its new file.")
            )
        if file and "image" in self.changed_data:
            raise forms.ValidationError(
                _(
                    "A new image makes every rendition again: replace the image "
                    "or one rendition, not both in one save."
                )
            )
        if file:
            try:
                cleaned["rendition_image"] = images.check_rendition(
                    self.instance, name, file
                )
            except ValidationError as error:
                self.add_error("rendition_file", error)
        return cleaned


@admin.register(Photo)
class PhotoAdmin(TranslationAdmin):
    """The Art Editor's desk: the whole library, uploads checked by `images`.

    Reporters only read it here; they upload into their own drafts from the
    article's page (PhotoInline).
    """

    form = PhotoAdminForm
    created = timezones.time_column("created_at", _("created at"))
    list_display = ["thumbnail", "__str__", "width", "height", "created"]
    list_display_links = ["thumbnail", "__str__"]
    search_fields = ["caption_en", "caption_zh_hans", "alt_text_en", "alt_text_zh_hans"]
    autocomplete_fields = ["photographers"]
    # Not `uploaded_for`: the article may be restricted, and the library is not.
    readonly_fields = ["thumbnail", "rendition_list"]
    formfield_overrides = {
        ImageField: {
            "form_class": images.PhotoUploadField,
            "help_text": _(
                "JPEG, PNG, WebP or GIF. It is stored upright without its location "
                "or camera data; an animation keeps its first frame."
            ),
        }
    }
    text_fieldset = (
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
    )

    class Media:
        css = {"all": ["css/admin-photos.css"]}

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["image", "photographers"]}), self.text_fieldset]
        renditions = ["rendition_list"]
        if self.has_change_permission(request, obj):
            renditions += ["rendition", "rendition_file"]
        return [
            (None, {"fields": ["image", "thumbnail", "photographers"]}),
            self.text_fieldset,
            (_("Renditions"), {"fields": renditions}),
        ]

    def get_urls(self):
        return [
            path(
                "autocomplete/",
                self.admin_site.admin_view(
                    PhotoAutocompleteJsonView.as_view(admin_site=self.admin_site)
                ),
                name="articles_photo_autocomplete",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        uploader = request.user.has_perm(UPLOAD_ARTICLE_PHOTO)
        if (
            request.method == "GET"
            and uploader
            and not self.has_add_permission(request)
        ):
            # A reporter's photos go into their article, from its page.
            self.message_user(
                request,
                _(
                    "Upload a photo from your article's page: open the article "
                    "and use “Photos uploaded for this article”."
                ),
                messages.INFO,
            )
            return redirect("admin:articles_article_changelist")
        return super().add_view(request, form_url, extra_context)

    @admin.display(description=_("preview"))
    def thumbnail(self, photo):
        return thumbnail_html(photo)

    @admin.display(description=_("renditions"))
    def rendition_list(self, photo):
        storage = photo.image.storage
        return format_html(
            '<ul class="photo-renditions">{}</ul>',
            format_html_join(
                "",
                '<li><a href="{}">{} {} × {}</a></li>',
                (
                    (
                        storage.url(item["name"]),
                        item["format"].upper(),
                        item["width"],
                        item["height"],
                    )
                    for item in sorted(
                        photo.renditions,
                        key=lambda item: (item["format"], item["width"]),
                    )
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "image" in form.changed_data:
            images.photo_make_renditions(obj)
        elif form.cleaned_data.get("rendition_image") is not None:
            images.photo_replace_rendition(
                obj,
                form.cleaned_data["rendition"],
                form.cleaned_data["rendition_image"],
            )


class PhotoInline(admin.StackedInline):
    """Photos uploaded from the article's page, by whoever may edit the article.

    A new one is placed as the hero or as a photo pair (ArticlePhotoFormSet) and
    joins the library like any other (see Photo). Those already uploaded for
    this article can have their texts corrected here; their image, and deleting
    them, are the Art Editor's, in the library.
    """

    model = Photo
    fk_name = "uploaded_for"
    form = ArticlePhotoForm
    formset = ArticlePhotoFormSet
    extra = 1
    can_delete = False
    autocomplete_fields = ["photographers"]
    readonly_fields = ["thumbnail"]
    fields = [
        "image",
        "thumbnail",
        ("caption_en", "caption_zh_hans"),
        ("alt_text_en", "alt_text_zh_hans"),
        "photographers",
        "place",
    ]
    verbose_name = _("photo uploaded for this article")
    verbose_name_plural = _("photos uploaded for this article")
    classes = ["photo-uploads"]

    class Media:
        css = {"all": ["css/admin-photos.css"]}

    def _may_upload(self, request, article):
        return request.user.has_perm(UPLOAD_ARTICLE_PHOTO) and (
            article is None or can_edit(request.user, article)
        )

    def has_add_permission(self, request, obj=None):
        return self._may_upload(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_upload(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("preview"))
    def thumbnail(self, photo):
        return thumbnail_html(photo)


@admin.register(Narration)
class NarrationAdmin(admin.ModelAdmin):
    """The Voice uploads a narration here without being able to edit the story."""

    form = NarrationAdminForm
    created = timezones.time_column("created_at", _("created at"))
    list_display = ["article", "language", "voice", "length", "created"]
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
