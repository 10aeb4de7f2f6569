"""Pick one language of a translated field, knowing which language was picked."""

from dataclasses import dataclass

from django.utils.translation import get_language

from .models import LANGUAGE_CODES, field_suffix

# BCP 47 tags for the `lang` attribute; Django's codes are lower-case.
HTML_LANG = {"en": "en", "zh-hans": "zh-Hans"}


@dataclass(frozen=True, slots=True)
class Localized:
    text: str
    language: str

    @property
    def lang(self) -> str:
        return HTML_LANG[self.language]

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)


def current_language() -> str:
    language = get_language() or LANGUAGE_CODES[0]
    return language if language in LANGUAGE_CODES else LANGUAGE_CODES[0]


def localized(obj, field: str, language: str | None = None, *, fallback=True):
    """Return `obj.<field>` in `language`, else (with `fallback`) in the other one."""
    language = language or current_language()
    order = [language] + [code for code in LANGUAGE_CODES if code != language]
    for code in order if fallback else [language]:
        text = getattr(obj, f"{field}_{field_suffix(code)}") or ""
        if text:
            return Localized(text, code)
    return Localized("", language)
