"""The narration upload form: the file is checked and renamed before it is stored."""

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile

from ..models import Narration
from .audio import inspect_audio

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
