"""Upload forms: a narration, and a photo from an article's page."""

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from ..models import Narration, Photo
from . import images
from .audio import inspect_audio
from .placement import LIBRARY, article_place_photo, place_choices

# A hint for the browser's file picker only; the content decides on the server.
ACCEPT = ".mp3,.m4a,.ogg,.opus,audio/mpeg,audio/mp4,audio/ogg"


class NarrationAdminForm(forms.ModelForm):
    class Meta:
        model = Narration
        fields = ["article", "audio", "language", "voice"]
        widgets = {"audio": AdminFileWidget(attrs={"accept": ACCEPT})}

    def clean_audio(self):
        """Refuse a file readers could not play; store a new one under a fresh name."""
        audio = self.cleaned_data["audio"]
        if isinstance(audio, UploadedFile):
            facts = inspect_audio(audio)
            audio.name = facts.generated_name()
            audio.content_type = facts.mime_type
            self.instance.duration_seconds = facts.duration_seconds
            self.instance.mime_type = facts.mime_type
            self.instance.size_bytes = facts.size_bytes
        return audio


class ArticlePhotoForm(forms.ModelForm):
    """A photo uploaded from an article's page: image, texts, photographers.

    The image of a photo already saved is the Art Editor's to replace, in the
    photo library; here only its texts and photographers are corrected.
    """

    # Where a new photo goes; its choices are the article's (ArticlePhotoFormSet).
    place = forms.ChoiceField(label=_("Place it"), initial=LIBRARY, required=False)

    class Meta:
        model = Photo
        fields = [
            "image",
            "caption_en",
            "caption_zh_hans",
            "alt_text_en",
            "alt_text_zh_hans",
            "photographers",
        ]
        field_classes = {"image": images.PhotoUploadField}
        widgets = {
            "caption_en": forms.TextInput(attrs={"lang": "en"}),
            "caption_zh_hans": forms.TextInput(attrs={"lang": "zh-Hans"}),
            "alt_text_en": forms.TextInput(attrs={"lang": "en"}),
            "alt_text_zh_hans": forms.TextInput(attrs={"lang": "zh-Hans"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["image"].disabled = True
            self.fields["place"].widget = forms.HiddenInput()


class ArticlePhotoFormSet(BaseInlineFormSet):
    """The photos uploaded for an article; a new one is placed as it is saved."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["place"].choices = place_choices(self.instance)

    def save_new(self, form, commit=True):
        photo = super().save_new(form, commit=commit)
        images.photo_make_renditions(photo)
        article_place_photo(
            article=self.instance, photo=photo, place=form.cleaned_data["place"]
        )
        return photo
