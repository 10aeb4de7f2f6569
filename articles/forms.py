from django import forms
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.widgets import CKEditor5Widget

from . import services
from .importing.parser import ParsedArticle, ParseError, decode, parse_text
from .models import Article, Block, Publication
from .sanitize import has_text

# The importer reads at most this much; a desk's story is a few dozen kilobytes.
MAX_IMPORT_BYTES = 2 * 1024 * 1024
# A new pair left without a position goes after every numbered one; the body is
# renumbered 1..n when it is saved.
_APPEND_POSITION = 999_999


class ArticleAdminForm(forms.ModelForm):
    """The article form, carrying the version it was opened at."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    correction_en = forms.CharField(
        label=_("Correction (English)"),
        widget=forms.Textarea(attrs={"rows": 2, "lang": "en"}),
        required=False,
        help_text=_("Only when this save corrects a published fact."),
    )
    correction_zh_hans = forms.CharField(
        label=_("Correction (Chinese)"),
        widget=forms.Textarea(attrs={"rows": 2, "lang": "zh-Hans"}),
        required=False,
    )

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin picks fields from its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].required = self.instance.pk is not None
        if not self.is_bound:
            self.initial["opened_version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("opened_version")
        if self.instance.pk and opened is not None:
            services.article_lock_version(
                article=self.instance, expected_version=opened
            )
        return cleaned


class BlockInlineForm(forms.ModelForm):
    """One pair: the English editor on the left, the Chinese one on the right."""

    class Meta:
        model = Block
        fields = ["position", "kind", "text_en", "text_zh_hans", "photo"]
        widgets = {
            "position": forms.NumberInput(
                attrs={
                    "class": "pair-position",
                    "min": 1,
                    "data-move-up": _("Move this pair up"),
                    "data-move-down": _("Move this pair down"),
                }
            ),
            "text_en": CKEditor5Widget(config_name="pair_en", attrs={"lang": "en"}),
            "text_zh_hans": CKEditor5Widget(
                config_name="pair_zh_hans", attrs={"lang": "zh-Hans"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "position" in self.fields:  # a proofreader's form has no position
            self.fields["position"].required = False
        self.fields["text_en"].label = _("English")
        self.fields["text_zh_hans"].label = _("Chinese")

    def is_blank(self) -> bool:
        """Return whether this is a new row the editor left empty."""
        data = getattr(self, "cleaned_data", {})
        return (
            self.instance.pk is None
            and not data.get("photo")
            and not has_text(data.get("text_en", ""))
            and not has_text(data.get("text_zh_hans", ""))
        )

    def clean(self):
        cleaned = super().clean()
        if "position" in self.fields and cleaned.get("position") is None:
            cleaned["position"] = _APPEND_POSITION
        if cleaned.get("kind") == Block.Kind.PHOTO and not cleaned.get("photo"):
            self.add_error("photo", _("A photo block needs a photo."))
        return cleaned


class ImportForm(forms.Form):
    """Paste a desk's text, or upload it as a .txt file."""

    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        required=False,
        strip=False,
    )
    file = forms.FileField(
        label=_("or a .txt file"),
        required=False,
        help_text=_("UTF-8 or GB18030."),
    )
    publication = forms.ModelChoiceField(
        label=_("Publication"),
        queryset=Publication.objects.all(),
        required=False,
        help_text=_("Leave empty to use the first publication, or create one."),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            data = upload.read(MAX_IMPORT_BYTES + 1)
        elif cleaned.get("text", "").strip():
            data = cleaned["text"].encode("utf-8")
        else:
            raise forms.ValidationError(_("Paste the text or choose a file."))
        if len(data) > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The text is longer than %(limit)d MB."),
                params={"limit": MAX_IMPORT_BYTES // (1024 * 1024)},
            )
        try:
            text, encoding = decode(data)
            cleaned["parsed"] = parse_text(text, encoding=encoding)
        except ParseError as error:
            raise forms.ValidationError(str(error)) from error
        cleaned["decoded_text"] = text
        return cleaned

    @property
    def parsed(self) -> ParsedArticle:
        return self.cleaned_data["parsed"]
