"""Credit and photo lines, and the photo credit that closes an inline caption.

Forms: `Reporter丨Yang Han`, `图/马健`, `[Photo/Xinhua]`, `马健 摄影`, `Photos by A`.

Every pattern here runs on a line already known to be short, so none of them can
take long however the line is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..scripts import HAN, HAN_RE, LATIN
from .model import Person

ROLE_CODES: dict[str, str] = {
    "managing editor": "managing_editor",
    "责任编辑": "managing_editor",
    "text editor": "text_editor",
    "editor": "text_editor",
    "文字编辑": "text_editor",
    "编辑": "text_editor",
    "reporter": "reporter",
    "记者": "reporter",
    "art editor": "art_editor",
    "美术编辑": "art_editor",
    "proofreader": "proofreader",
    "校对": "proofreader",
    "voice": "voice",
    "narrator": "voice",
    "配音": "voice",
    "photo": "photographer",
    "photos": "photographer",
    "photographer": "photographer",
    "photography": "photographer",
    "摄影": "photographer",
    "摄": "photographer",
    "图": "photographer",
    "图片": "photographer",
    "translator": "translator",
    "translation": "translator",
    "翻译": "translator",
}
# "Photos by Ma Jian": the verb before "by" names the role.
_BY_ROLES = {
    "photo": "photographer",
    "photos": "photographer",
    "photographed": "photographer",
    "reported": "reporter",
    "written": "reporter",
    "words": "reporter",
    "text": "reporter",
    "edited": "text_editor",
    "translated": "translator",
    "proofread": "proofreader",
    "narrated": "voice",
    "voiced": "voice",
    "read": "voice",
}

MAX_CHARS = 80
_LABEL_MAX_WORDS = 4
_LABEL_MAX_HAN = 6
_NAME_MAX_WORDS = 4

_SEPARATED_RE = re.compile(r"^(?P<label>[^丨|｜:：]+?)\s*[丨|｜:：]\s*(?P<value>.+)$")
_LABEL_RE = re.compile(f"^[{LATIN}{HAN}][{LATIN}{HAN} &/-]*$")
_PHOTO_LABEL = r"photos?|图片|图|摄影"
_SLASHED_RE = re.compile(rf"^(?P<label>{_PHOTO_LABEL})\s*[/／]\s*(?P<value>.+)$", re.I)
_BRACKETED_RE = re.compile(
    rf"^[\[【(（]\s*(?P<label>{_PHOTO_LABEL})\s*[/／:：丨|｜]\s*"
    r"(?P<value>[^\[\]【】()（）]+?)\s*[\]】)）]$",
    re.I,
)
# "马健 摄影"; a bare 摄 only after a space, or "他拍摄" would be a credit.
_SUFFIXED_RE = re.compile(r"^(?P<value>[^丨|｜:：/]+?)\s*(?P<label>摄影|(?<=\s)摄)$")
_BY_RE = re.compile(
    r"^(?P<label>(?P<verb>[a-z]+)(?: and [a-z]+)?) by\s+(?P<value>.+)$", re.I
)
# A photo credit closing a caption: "[Photo/Xinhua]", "（图/马健）", "Photo/ Ma Jian".
_CAPTION_CREDIT_RE = re.compile(
    rf"(?:[\[【(（]\s*(?P<label>{_PHOTO_LABEL})\s*[/／:：]\s*"
    r"(?P<value>[^\[\]【】()（）]{1,60}?)\s*[\]】)）]"
    rf"|(?<![\w/])(?P<slash_label>{_PHOTO_LABEL})\s*[/／]\s*(?P<slash_value>[^/／]{{1,60}}?)"
    r"|[(（]\s*(?P<by_value>[^()（）]{1,30}?)\s*(?P<by_label>摄影|摄)\s*[)）])\s*$",
    re.I,
)
_CAPTION_TAIL = 90
_SITE_RE = re.compile(r"[\w-]+(?:\.[\w-]+)+")

# Split on list separators, but not inside a "(note)".
_NAMES_SPLIT_RE = re.compile(r"(?:\s*[,，、&/;；]\s*|\s+and\s+)(?![^(（]*[)）])")
_PERSON_NOTE_RE = re.compile(r"^(?P<name>.*?)\s*[(（](?P<note>[^()（）]*)[)）]$")
_CHINESE_NAME_RE = re.compile(f"[{HAN}]{{2,4}}|[{HAN}]+(?:·[{HAN}]+)+")
_LATIN_NAME_WORD_RE = re.compile(f"[{LATIN}][{LATIN}'’.-]*")
_NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "der", "di", "la", "le", "van", "von"}
)


@dataclass(frozen=True, slots=True)
class CreditLine:
    """What a credit line says: its label, role code (None if unknown), people."""

    label: str
    role: str | None
    people: tuple[Person, ...]


def read_credit(text: str) -> CreditLine | None:
    """Return the credit a short line states, or None if it is not a credit."""
    if len(text) > MAX_CHARS:
        return None
    if match := _BRACKETED_RE.match(text) or _SLASHED_RE.match(text):
        return _photo_credit(match["label"], match["value"], strict=False)
    if match := _SEPARATED_RE.match(text):
        return _labelled(match["label"], match["value"])
    if match := _SUFFIXED_RE.match(text):
        return _photo_credit(match["label"], match["value"], strict=True)
    if (match := _BY_RE.match(text)) and match["verb"].lower() in _BY_ROLES:
        people = people_in(match["value"])
        if people and all(looks_like_name(person.name) for person in people):
            return CreditLine(match["label"], _BY_ROLES[match["verb"].lower()], people)
    return None


def caption_credit(text: str) -> tuple[str, CreditLine] | None:
    """Split a caption from the photo credit ending it; None if there is none."""
    start = max(0, len(text) - _CAPTION_TAIL)
    match = _CAPTION_CREDIT_RE.search(text, start)
    if not match:
        return None
    label = match["label"] or match["slash_label"] or match["by_label"]
    value = match["value"] or match["slash_value"] or match["by_value"]
    people = people_in(value)
    caption = text[: match.start()].strip()
    # Inside prose a photo mention is often just a word: require names or a site.
    if not caption or not people or not all(map(_names_a_source, people)):
        return None
    return caption, CreditLine(label, "photographer", people)


def people_in(value: str) -> tuple[Person, ...]:
    """Return the people a credit names, split on 、 , ， and `and`."""
    return tuple(_person(part) for part in _NAMES_SPLIT_RE.split(value) if part.strip())


def looks_like_name(name: str) -> bool:
    """Return whether `name` is shaped like a person's or an agency's name."""
    if HAN_RE.search(name):
        return bool(_CHINESE_NAME_RE.fullmatch(name))
    words = name.split()
    return 0 < len(words) <= _NAME_MAX_WORDS and all(
        _LATIN_NAME_WORD_RE.fullmatch(word)
        and (word[0].isupper() or word in _NAME_PARTICLES)
        for word in words
    )


def _names_a_source(person: Person) -> bool:
    return looks_like_name(person.name) or bool(_SITE_RE.fullmatch(person.name))


def role_key(label: str) -> str:
    """Return a label as ROLE_CODES spells its keys."""
    return " ".join(label.lower().split())


def _labelled(label: str, value: str) -> CreditLine | None:
    if (
        not _LABEL_RE.match(label)
        or len(label.split()) > _LABEL_MAX_WORDS
        or len(HAN_RE.findall(label)) > _LABEL_MAX_HAN
    ):
        return None
    people = people_in(value)
    role = ROLE_CODES.get(role_key(label))
    # Unknown labels need name-like values, or "郑州：一座城" would count.
    if role is None and (
        not people or not all(looks_like_name(p.name) for p in people)
    ):
        return None
    return CreditLine(label, role, people)


def _photo_credit(label: str, value: str, *, strict: bool) -> CreditLine | None:
    people = people_in(value)
    if not people or (strict and not all(looks_like_name(p.name) for p in people)):
        return None
    return CreditLine(label, "photographer", people)


def _person(text: str) -> Person:
    text = text.strip()
    if match := _PERSON_NOTE_RE.match(text):
        return Person(match["name"], match["note"].strip())
    return Person(text, "")
