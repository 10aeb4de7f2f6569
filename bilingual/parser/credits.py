"""Credit and photo lines, and the photo credit that closes an inline caption.

Forms: `Reporter丨Yang Han`, `图/马健`, `[Photo/Xinhua]`, `马健 摄影`, `Photos by A`,
and bylines: `本报记者 王晓`, `Reporter Wang Xiao`, `By A and B`, `文/王晓`.
A credit given once in each language is one credit whose people have two names.

Every pattern here runs on a line already known to be short, so none of them can
take long however the line is built.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..scripts import HAN, HAN_RE, LATIN, LATIN_RE
from .model import Credit, Person

ROLE_CODES: dict[str, str] = {
    "managing editor": "managing_editor",
    "责任编辑": "managing_editor",
    "text editor": "text_editor",
    "editor": "text_editor",
    "文字编辑": "text_editor",
    "编辑": "text_editor",
    "reporter": "reporter",
    "reporters": "reporter",
    "correspondent": "reporter",
    "记者": "reporter",
    "本报记者": "reporter",
    "特约记者": "reporter",
    "新华社记者": "reporter",
    "文": "reporter",
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
_SLASHED_RE = re.compile(
    rf"^(?P<label>{_PHOTO_LABEL}|文)\s*[/／]\s*(?P<value>.+)$", re.I
)
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
# Bylines with no separator. English needs the label first (`By Wang Xiao`,
# `Reporter Wang Xiao`); Chinese may put a known label first with a space
# (`摄影 马健`), or glue a reporter's label to the names (`本报记者王晓`), and
# may end with 报道 ("reports").
_BYLINE_RE = re.compile(
    r"^(?P<label>by|reporters?|correspondent)\s+(?P<value>.+)$", re.I
)
_SPACED_HAN_RE = re.compile(rf"^(?P<label>[{HAN}]{{1,6}})\s+(?P<value>[{HAN}].*)$")
_GLUED_HAN_RE = re.compile(
    rf"^(?P<label>本报记者|特约记者|新华社记者)(?P<value>[{HAN}].*)$"
)
_REPORTS_RE = re.compile(r"\s*报道$")
# Bylines often open with a mark or sit in brackets: `■本报记者 王晓`, `（记者 王晓）`.
_BYLINE_MARK_RE = re.compile(r"^[■□●○◎◆◇★☆▪•]\s*")
_BRACKETED_BYLINE_RE = re.compile(r"[(（](?P<text>[^()（）]*)[)）]")
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
# A byline with no separator must name people, not open a sentence or a title:
# `By the end of the year`, `Reporter Notes From Beijing` are prose.
_BYLINE_MIN_WORDS = 2
_FUNCTION_WORDS = frozenset(
    {"a", "an", "as", "at", "for", "from", "in", "into", "of", "on", "or", "the", "to"}
)
# `本报记者 王晓 通讯员 李华` names two roles; read as one, the second label
# would pass for a name.
_ROLE_WORD_RE = re.compile("(?:记者|通讯员|编辑|摄影|实习生)$")


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
        # A photo may credit an agency or a site (`图/视觉中国`); `文/` a writer.
        return _named(match["label"], match["value"], strict=match["label"] == "文")
    if match := _SEPARATED_RE.match(text):
        return _labelled(match["label"], match["value"])
    if match := _SUFFIXED_RE.match(text):
        return _named(match["label"], match["value"], strict=True)
    if (match := _BY_RE.match(text)) and match["verb"].lower() in _BY_ROLES:
        people = people_in(match["value"])
        if people and all(looks_like_name(person.name) for person in people):
            return CreditLine(match["label"], _BY_ROLES[match["verb"].lower()], people)
    return _byline(text)


def _byline(text: str) -> CreditLine | None:
    """Return the credit a byline with no separator states, or None."""
    text = _BYLINE_MARK_RE.sub("", text)
    if match := _BRACKETED_BYLINE_RE.fullmatch(text):
        text = match["text"].strip()
    if match := _BYLINE_RE.match(text):
        people = people_in(match["value"])
        if people and all(_is_byline_name(person.name) for person in people):
            return CreditLine(match["label"], "reporter", people)
        return None
    match = _SPACED_HAN_RE.match(text) or _GLUED_HAN_RE.match(text)
    role = match and ROLE_CODES.get(match["label"])
    if not role:
        return None
    people = tuple(
        Person(name, person.note)
        for person in people_in(_REPORTS_RE.sub("", match["value"]))
        for name in _han_names(person.name)
    )
    if people and all(
        looks_like_name(person.name) and not _ROLE_WORD_RE.search(person.name)
        for person in people
    ):
        return CreditLine(match["label"], role, people)
    return None


def _han_names(text: str) -> list[str]:
    """Return the names in `王晓 李华`; `王　晓` is one name, spaced out to the
    width of a three-character one."""
    words = text.split()
    return ["".join(words)] if all(len(word) == 1 for word in words) else words


def _is_byline_name(name: str) -> bool:
    """Return whether a byline with no separator names a person here: a Latin
    name of two words or more, none of them a word that only prose uses."""
    words = name.split()
    return (
        looks_like_name(name)
        and not HAN_RE.search(name)
        and len(words) >= _BYLINE_MIN_WORDS
        and not any(word.lower() in _FUNCTION_WORDS for word in words)
    )


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


def _named(label: str, value: str, *, strict: bool) -> CreditLine | None:
    """Return the credit of a known label; `strict` wants every value a name."""
    people = people_in(value)
    if not people or (strict and not all(looks_like_name(p.name) for p in people)):
        return None
    return CreditLine(label, ROLE_CODES[role_key(label)], people)


def _person(text: str) -> Person:
    text = text.strip()
    if match := _PERSON_NOTE_RE.match(text):
        return Person(match["name"], match["note"].strip())
    return Person(text, "")


def merge_languages(credits: Sequence[Credit]) -> list[tuple[Credit, int | None]]:
    """Return the credits with each role given once per language merged into one.

    `本报记者 王晓` and `Reporter Wang Xiao` are one reporter, `Wang Xiao` with
    `王晓` as the other name: a role with exactly two credits, one naming people
    in Latin letters and one in Han, as many in each, matched in order. The
    merged credit stands where the first of the two stood; each credit comes with
    the line of the other-language credit merged into it, or None.
    """
    by_role: dict[str, list[int]] = {}
    for index, credit in enumerate(credits):
        by_role.setdefault(credit.role, []).append(index)
    merged: dict[int, Credit] = {}
    twins: dict[int, int] = {}
    for first, second in (pair for pair in by_role.values() if len(pair) == 2):
        one, other = credits[first], credits[second]
        scripts = (_script(one), _script(other))
        if sorted(scripts) != ["han", "latin"] or len(one.people) != len(other.people):
            continue
        latin, han = (one, other) if scripts[0] == "latin" else (other, one)
        people = tuple(
            Person(english.name, english.note or chinese.note, chinese.name)
            for english, chinese in zip(latin.people, han.people, strict=True)
        )
        merged[first] = replace(one, people=people)
        twins[first] = second
    dropped = set(twins.values())
    return [
        (
            merged.get(index, credit),
            credits[twins[index]].line if index in twins else None,
        )
        for index, credit in enumerate(credits)
        if index not in dropped
    ]


def _script(credit: Credit) -> str | None:
    """Return "han" or "latin" when every name in a credit is written in it."""
    names = credit.names
    if all(HAN_RE.search(name) and not LATIN_RE.search(name) for name in names):
        return "han"
    if all(LATIN_RE.search(name) and not HAN_RE.search(name) for name in names):
        return "latin"
    return None
