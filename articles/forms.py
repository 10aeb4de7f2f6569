"""The admin's forms: the article, its pairs side by side, and the import steps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bilingual.parser import PAIR_KINDS, ParsedArticle, ParseError, parse_text

from . import services
from .findings import translated
from .importing.files import IMPORTABLE_SUFFIXES, file_text
from .models import Article, Block, Publication, validate_one_line
from .sanitize import check_pair_html, has_text
from .widgets import PairEditorWidget

# The importer reads at most this much; a desk's story is a few dozen kilobytes.
MAX_IMPORT_BYTES = 2 * 1024 * 1024
# A new pair left without a position goes after every numbered one; the body is
# renumbered 1..n when it is saved.
_APPEND_POSITION = 999_999


class ArticleAdminForm(forms.ModelForm):
    """The article form, carrying the version it was opened at."""

    opened_version = forms.IntegerField(
        label=_("Opened version"), widget=forms.HiddenInput, required=False
    )
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
            "text_en": PairEditorWidget(config_name="pair_en", attrs={"lang": "en"}),
            "text_zh_hans": PairEditorWidget(
                config_name="pair_zh_hans", attrs={"lang": "zh-Hans"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "position" in self.fields:  # a proofreader's form has no position
            self.fields["position"].required = False
        for name, label in (("text_en", _("English")), ("text_zh_hans", _("Chinese"))):
            self.fields[name].label = label
            # Before the model's clean sanitises it: size and depth first.
            self.fields[name].validators.append(check_pair_html)

    def is_blank(self) -> bool:
        """Return whether this is a new row the editor left empty.

        Read from the pair as validation cleaned it (Block.clean), so the text
        posted is parsed once.
        """
        data = getattr(self, "cleaned_data", {})
        return (
            self.instance.pk is None
            and not data.get("photo")
            and not has_text(self.instance.text_en)
            and not has_text(self.instance.text_zh_hans)
        )

    def clean(self):
        cleaned = super().clean()
        if "position" in self.fields and cleaned.get("position") is None:
            cleaned["position"] = _APPEND_POSITION
        if cleaned.get("kind") == Block.Kind.PHOTO and not cleaned.get("photo"):
            self.add_error("photo", _("A photo block needs a photo."))
        return cleaned


class ImportForm(forms.Form):
    """Paste a desk's text, or upload it as a .txt or .docx file."""

    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        required=False,
        strip=False,
    )
    file = forms.FileField(
        label=_("or a file"),
        required=False,
        help_text=_("A .txt file (UTF-8 or GB18030) or a Word .docx file."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(IMPORTABLE_SUFFIXES)}
        ),
    )
    publication = forms.ModelChoiceField(
        label=_("Publication"),
        queryset=Publication.objects.all(),
        required=False,
        help_text=_("Leave empty to use the first publication, or create one."),
    )
    # The uploaded file's name, kept once its text is in the box.
    source_name = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            data = upload.read(MAX_IMPORT_BYTES + 1)
            name = upload.name
            cleaned["source_name"] = name
        elif cleaned.get("text", "").strip():
            data = cleaned["text"].encode("utf-8")
            name = ""
        else:
            raise forms.ValidationError(_("Paste the text or choose a file."))
        if len(data) > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The text is longer than %(limit)d MB."),
                params={"limit": MAX_IMPORT_BYTES // (1024 * 1024)},
            )
        try:
            text, encoding = file_text(name, data)
            cleaned["parsed"] = parse_text(text, encoding=encoding)
        except ParseError as error:
            message = translated(error.message)
            if error.line:
                message = _("Line %(line)d: %(message)s") % {
                    "line": error.line,
                    "message": message,
                }
            raise forms.ValidationError(message) from error
        cleaned["decoded_text"] = text
        return cleaned

    @property
    def parsed(self) -> ParsedArticle:
        return self.cleaned_data["parsed"]


_PAIR_KIND_LABELS = {
    "paragraph": _("Paragraph"),
    "heading": _("Heading"),
    "quote": _("Quote"),
    "caption": _("Caption"),
}


class ImportPairForm(forms.Form):
    """One proposed pair on the import page, as the editor corrects it."""

    en = forms.CharField(
        label=_("English"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
    )
    zh_hans = forms.CharField(
        label=_("Chinese"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "zh-Hans"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(kind, _PAIR_KIND_LABELS[kind]) for kind in PAIR_KINDS],
    )
    line_en = forms.IntegerField(widget=forms.HiddenInput, required=False)
    line_zh_hans = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confidence = forms.FloatField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=1
    )
    reason = forms.CharField(widget=forms.HiddenInput, required=False)


ImportPairFormSet = forms.formset_factory(
    ImportPairForm, extra=0, max_num=2000, validate_max=True
)


class ImportTitleForm(forms.Form):
    """The proposed title in both languages, editable before the draft exists."""

    title_en = forms.CharField(
        label=_("English title"),
        required=False,
        widget=forms.TextInput(attrs={"lang": "en", "size": 60}),
    )
    title_zh_hans = forms.CharField(
        label=_("Chinese title"),
        required=False,
        widget=forms.TextInput(attrs={"lang": "zh-Hans", "size": 40}),
    )

    def clean(self):
        """Refuse a title typed with a line break (a parsed one never has one).

        Said above both boxes, where the import page shows this form's errors.
        """
        cleaned = super().clean()
        for name in ("title_en", "title_zh_hans"):
            try:
                validate_one_line(cleaned.get(name, ""))
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("%(title)s: write it on one line, without line breaks."),
                    params={"title": self.fields[name].label},
                    code="line_break",
                ) from None
        return cleaned


class ImportCreditForm(forms.Form):
    """One credit on the import page, and the editor's say on what it adds.

    The checkboxes offer the unknown role and the new people; nothing is added
    to the newsroom's shared lists unless ticked.
    """

    label = forms.CharField(
        label=_("Role"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"size": 16}),
    )
    names = forms.CharField(
        label=_("Names"),
        required=False,
        widget=forms.TextInput(attrs={"size": 50}),
    )
    role = forms.CharField(widget=forms.HiddenInput, required=False)
    read_label = forms.CharField(widget=forms.HiddenInput, required=False)
    line = forms.IntegerField(widget=forms.HiddenInput, required=False)
    add_role = forms.BooleanField(label=_("Add this role"), required=False)
    add_people = forms.MultipleChoiceField(
        label=_("Add to the staff list"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    offered = forms.Field(required=False, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the new people this row offered may be ticked.
        self.fields["add_people"].choices = [
            (name, name) for name in self["offered"].value() or []
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("names", "").strip() and not cleaned.get("label", "").strip():
            self.add_error("label", _("Name the role, or remove the credit."))
        return cleaned


ImportCreditFormSet = forms.formset_factory(
    ImportCreditForm, extra=0, max_num=200, validate_max=True
)
