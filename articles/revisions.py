"""Read an article's saved revisions: what each held, and how two of them differ."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe
from reversion.models import Version

from staffcredits.models import CreditRole, StaffMember

from .models import (
    LANGUAGE_CODES,
    Article,
    ArticleCredit,
    Block,
    Photo,
    Section,
    field_suffix,
)
from .sanitize import plain_text

# Text fields of the article a restore brings back; workflow fields never travel back.
CONTENT_FIELDS = [
    f"{name}_{field_suffix(language)}"
    for name in ("title", "summary", "translation_note")
    for language in LANGUAGE_CODES
] + ["source", "section_id", "hero_photo_id"]

# English is compared word by word; Chinese (no spaces) character by character.
_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass
class Snapshot:
    version: Version
    fields: dict
    blocks: list[Block]
    credits: list[ArticleCredit]


@dataclass
class PairChange:
    position: int
    changes: dict  # field suffix (en, zh_hans) -> marked-up diff, or None if equal


def article_versions(article: Article):
    """Return the article's revisions, newest first, with who made them."""
    return Version.objects.get_for_object(article).select_related("revision__user")


def snapshot(version: Version) -> Snapshot:
    """Return what the article, its pairs and its credits held in `version`."""
    article_id = int(version.object_id)
    related = version.revision.version_set.all()
    blocks = [
        Block(**v.field_dict)
        for v in related.get_for_model(Block)
        if v.field_dict["article_id"] == article_id
    ]
    credits = [
        ArticleCredit(**v.field_dict)
        for v in related.get_for_model(ArticleCredit)
        if v.field_dict["article_id"] == article_id
    ]
    return Snapshot(
        version=version,
        fields=version.field_dict,
        blocks=sorted(blocks, key=lambda block: block.position),
        credits=credits,
    )


def deleted_since(old: Snapshot) -> list[str]:
    """Name what `old` points to that has been deleted since, e.g. "photo 12".

    A revision keeps only the ids of the photos, section, roles and people it used.
    Putting back an id whose row is gone breaks a foreign key when the restore is
    committed, so a restore asks this first and refuses with these names.
    """
    wanted = {
        Photo: {old.fields["hero_photo_id"], *(block.photo_id for block in old.blocks)},
        Section: {old.fields["section_id"]},
        CreditRole: {credit.role_id for credit in old.credits},
        StaffMember: {credit.member_id for credit in old.credits},
    }
    gone = []
    for model, ids in wanted.items():
        ids.discard(None)
        found = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
        gone += [f"{model._meta.verbose_name} {pk}" for pk in sorted(ids - found)]
    return gone


def _tokens(text: str, language: str) -> list[str]:
    return _WORDS.findall(text) if language == "en" else list(text)


def diff_text(old: str, new: str, language: str) -> str | None:
    """Return `old` → `new` with deletions in <del> and insertions in <ins>."""
    old, new = plain_text(old), plain_text(new)
    if old == new:
        return None
    a, b = _tokens(old, language), _tokens(new, language)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if op in {"delete", "replace"}:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in {"insert", "replace"}:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def compare(old: Snapshot, new: Snapshot) -> list[PairChange]:
    """Pair up the two revisions' blocks by identity and diff each language."""
    old_blocks = {block.pk: block for block in old.blocks}
    new_ids = {block.pk for block in new.blocks}
    rows = [(block.position, old_blocks.get(block.pk), block) for block in new.blocks]
    rows += [
        (block.position, block, None) for block in old.blocks if block.pk not in new_ids
    ]
    changes = []
    for position, before, after in sorted(rows, key=lambda row: row[0]):
        per_language = {
            field_suffix(language): diff_text(
                getattr(before, f"text_{field_suffix(language)}", ""),
                getattr(after, f"text_{field_suffix(language)}", ""),
                language,
            )
            for language in LANGUAGE_CODES
        }
        changes.append(PairChange(position=position, changes=per_language))
    return changes
