"""Pick one language of a translated field, and print people's names in a language.

`names()` and `photo_credit()` are the one way pages, feeds, ninjs and the WeChat
export join names: "A, B" in English, "A、B" in Chinese, notes in the brackets of
the note's own language.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import get_language, pgettext

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


def own_text(obj, field: str, language: str) -> str:
    """Return `obj.<field>` in `language` only, "" if it has none: never the other."""
    return localized(obj, field, language, fallback=False).text


@dataclass(frozen=True, slots=True)
class Credited:
    """A person as credits print them: the name, and a note such as 英国 after it.

    `also` is the person's own name in the page's other text language, where it
    differs (a paired page names 王晓 as "Wang Xiao 王晓"); otherwise empty.
    """

    member: object
    name: Localized
    note: Localized
    also: Localized = Localized("", "en")

    @property
    def note_in_brackets(self) -> str:
        if not self.note:
            return ""
        if self.note.language == "zh-hans":
            return f"（{self.note.text}）"
        return f" ({self.note.text})"

    def __str__(self):
        return self.name.text + self.note_in_brackets


def credited(
    members, language: str | None = None, languages: Iterable[str] = ()
) -> list[Credited]:
    """Return `members` with their names in `language`; a missing one falls back.

    With `languages` (a paired page's), each also carries their own name in the
    other of those languages where it is not the name already shown.
    """
    language = language or current_language()
    others = [code for code in languages if code != language]
    people = []
    for member in members:
        name = localized(member, "name", language)
        also = next(
            (
                Localized(text, code)
                for code in others
                if (text := own_text(member, "name", code)) and text != name.text
            ),
            Localized("", language),
        )
        people.append(Credited(member, name, localized(member, "note", language), also))
    return people


def names(members, language: str | None = None, *, notes: bool = False) -> str:
    """Join names as `language` does: "A, B" or "A、B"; with `notes`, "A（英国）"."""
    language = language or current_language()
    with translation.override(language):
        separator = pgettext("list separator", ", ")
    people = credited(members, language)
    return separator.join(
        str(person) if notes else person.name.text for person in people
    )


def photo_credit(members, language: str | None = None, *, notes: bool = False) -> str:
    """Return "Photo: A, B" or "摄影：A、B", as printed under a photo."""
    language = language or current_language()
    with translation.override(language):
        label = pgettext("photographer credit", "Photo")
        separator = pgettext("label separator", ": ")
    return f"{label}{separator}{names(members, language, notes=notes)}"
