"""Turn a parsed article into rows: a draft with its pairs and credits, or nothing."""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from html import escape

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bilingual.parser import (
    Finding,
    Pair,
    ParsedArticle,
    Person,
    detect_language,
    normalize_chinese_punctuation,
    split_bilingual,
)
from staffcredits.models import CreditRole, StaffMember

from ..models import (
    Article,
    ArticleCredit,
    Block,
    ImportedFile,
    Publication,
    Section,
    field_suffix,
)
from ..services import article_record_revision, article_save, article_set_blocks

# Credits for roles the vocabulary does not know yet go after the known ones.
_NEW_ROLE_ORDER = 900
# The parser's names for the lines under a story -> Publication fields.
_PUBLICATION_FIELDS = {
    "producer": "producer_line",
    "studio": "studio_line",
    "rights": "rights_notice",
    "sharing": "sharing_notice",
}


# A caption has no photo yet, so it is stored as the text it is.
_BLOCK_KINDS = {
    "paragraph": Block.Kind.PARAGRAPH,
    "heading": Block.Kind.HEADING,
    "quote": Block.Kind.QUOTE,
    "caption": Block.Kind.PARAGRAPH,
}


class ImportRefused(ValidationError):
    """The text parsed, but some part of it cannot be stored as it is."""


class AlreadyImported(ImportRefused):
    """The same text was imported before; `article` is what it became."""

    def __init__(self, article: Article) -> None:
        self.article = article
        super().__init__(
            _("This text was already imported as “%(slug)s”."),
            params={"slug": article.slug},
            code="already_imported",
        )


@dataclass
class ImportResult:
    article: Article
    warnings: list[str] = field(default_factory=list)


@transaction.atomic
def article_import(
    *,
    parsed: ParsedArticle,
    publication: Publication | None = None,
    created_by: AbstractBaseUser | None = None,
    slug: str = "",
    source_text: str | None = None,
    source_name: str = "",
) -> ImportResult:
    """Create a draft article from `parsed`; on any error nothing is written.

    With `source_text`, the text's hash is recorded, and a text imported before
    is refused with AlreadyImported instead of becoming a second article.
    """
    digest = None if source_text is None else content_sha256(source_text)
    if digest:
        earlier = ImportedFile.objects.filter(sha256=digest).first()
        if earlier:
            raise AlreadyImported(earlier.article)
    warnings = [describe_finding(finding) for finding in parsed.warnings]
    if publication:
        warnings += _publication_differences(publication, parsed)
    article = Article(
        publication=publication or _default_publication(parsed),
        section=_section(parsed, warnings),
        slug=slug or _unique_slug(Article, _slug_source(parsed), fallback="article"),
        source=parsed.source,
        created_by=created_by,
    )
    for name in ("title", "summary", "translation_note"):
        for language, text in getattr(parsed, name).items():
            setattr(article, f"{name}_{field_suffix(language)}", text)
    _check_lengths(article)
    article_save(article=article, expected_version=article.version, user=created_by)
    article_set_blocks(
        article=article,
        blocks=[_block(pair, warnings) for pair in parsed.pairs],
    )
    ArticleCredit.objects.bulk_create(_credits(article, parsed, warnings))
    article_record_revision(
        article=article, user=created_by, comment=_("Imported from text.")
    )
    if digest:
        _record_file(digest, article, source_name, created_by)
    return ImportResult(article=article, warnings=warnings)


def _credits(article, parsed, warnings) -> list[ArticleCredit]:
    """Return the article's credits in file order, each person once per role."""
    credits: dict[tuple[int, int], ArticleCredit] = {}
    people_in_role: Counter[int] = Counter()
    members: dict[str, StaffMember] = {}
    for credit in parsed.credits:
        role = _role(credit.role, credit.label, warnings)
        for person in credit.people:
            if person.name not in members:
                members[person.name] = _member(person)
            key = (role.pk, members[person.name].pk)
            if key not in credits:
                credits[key] = ArticleCredit(
                    article=article,
                    role=role,
                    member=members[person.name],
                    position=people_in_role[role.pk],
                )
                people_in_role[role.pk] += 1
    return list(credits.values())


def content_sha256(text: str) -> str:
    """Return the hash that identifies a text, whatever its encoding or line ends."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(lines.strip().encode("utf-8")).hexdigest()


def _record_file(digest, article, name, user) -> None:
    try:
        with transaction.atomic():
            ImportedFile.objects.create(
                sha256=digest, article=article, name=name[:255], imported_by=user
            )
    except IntegrityError:
        # Another import of the same text committed first: this one is undone.
        raise AlreadyImported(
            ImportedFile.objects.select_related("article").get(sha256=digest).article
        ) from None


def _block(pair: Pair, warnings: list[str]) -> Block:
    if pair.kind == "caption":
        warnings.append(
            _(
                "Line %(line)d: the photo caption was kept as a paragraph; add "
                "its photo and make the pair a photo pair."
            )
            % {"line": min(pair.lines, default=0)}
        )
    return Block(
        kind=_BLOCK_KINDS.get(pair.kind, Block.Kind.PARAGRAPH),
        text_en=_html(pair.en),
        text_zh_hans=_html(pair.zh_hans),
    )


def _section(parsed: ParsedArticle, warnings: list[str]) -> Section | None:
    """Return the section the title's column tag names, if there is one."""
    tags = [tag for tag in parsed.column.values() if tag]
    if not tags:
        return None
    query = Q()
    for tag in tags:
        query |= Q(name_en__iexact=tag) | Q(name_zh_hans__iexact=tag)
    section = Section.objects.filter(query).first()
    if section is None:
        warnings.append(
            _("No section is called “%(tag)s”; choose the section by hand.")
            % {"tag": "丨".join(tags)}
        )
    return section


def _save(instance) -> None:
    _check_lengths(instance)
    instance.save()


def _check_lengths(instance) -> None:
    """Refuse text longer than its column holds: cutting it would lose words."""
    for model_field in instance._meta.concrete_fields:
        limit = getattr(model_field, "max_length", None)
        value = getattr(instance, model_field.attname)
        if limit and isinstance(value, str) and len(value) > limit:
            raise ImportRefused(
                _(
                    "The %(field)s “%(start)s…” is %(length)d characters long; "
                    "at most %(limit)d fit. Shorten it in the text and import again."
                ),
                params={
                    "field": model_field.verbose_name,
                    "start": value[:30],
                    "length": len(value),
                    "limit": limit,
                },
                code="too_long",
            )


def describe_finding(finding: Finding) -> str:
    """Return a parser finding as an editor reads it: "Line 4: …"."""
    return _("Line %(line)d: %(message)s") % {
        "line": finding.line,
        "message": finding.message,
    }


def _html(text: str) -> str:
    return f"<p>{escape(text, quote=False)}</p>" if text else ""


def _slug_source(parsed: ParsedArticle) -> str:
    if parsed.title["en"]:
        return parsed.title["en"]
    first_english = next((pair.en for pair in parsed.pairs if pair.en), "")
    return " ".join(first_english.split()[:8]) or "article"


def _unique_slug(model, text: str, *, fallback: str) -> str:
    """Return a slug for `text` that no `model` row has yet (name, name-2, …)."""
    base = slugify(text)[:100].strip("-") or fallback
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _default_publication(parsed: ParsedArticle) -> Publication:
    existing = Publication.objects.order_by("pk").first()
    if existing:
        return existing
    name = parsed.source or "Newsroom"
    publication = Publication(
        name=name, slug=slugify(name) or "newsroom", default_source=parsed.source
    )
    for key, text in parsed.publication.items():
        english, chinese = split_bilingual(text)
        setattr(publication, f"{_PUBLICATION_FIELDS[key]}_en", english)
        setattr(
            publication,
            f"{_PUBLICATION_FIELDS[key]}_zh_hans",
            normalize_chinese_punctuation(chinese)[0],
        )
    _save(publication)
    return publication


def _publication_differences(publication: Publication, parsed: ParsedArticle):
    """Say which of the file's closing lines differ from the chosen publication's."""
    differences = []
    for key, text in parsed.publication.items():
        field_name = _PUBLICATION_FIELDS[key]
        stored = {getattr(publication, f"{field_name}_{s}") for s in ("en", "zh_hans")}
        english, chinese = split_bilingual(text)
        chinese = normalize_chinese_punctuation(chinese)[0]
        if not {english, chinese} - {""} <= stored:
            differences.append(
                _(
                    "The text's line “%(line)s” differs from the %(field)s of "
                    "%(publication)s; the publication was left as it is."
                )
                % {
                    "line": text,
                    "field": Publication._meta.get_field(field_name).verbose_name,
                    "publication": publication,
                }
            )
    return differences


def _role(code: str, label: str, warnings: list[str]) -> CreditRole:
    # The parser names unknown roles after their label, which may be Chinese.
    digest = hashlib.sha1(label.encode(), usedforsecurity=False).hexdigest()[:8]
    code = slugify(code)[:40].strip("-") or f"role-{digest}"
    role = CreditRole.objects.filter(code=code).first()
    if role:
        return role
    language = field_suffix(detect_language(label) or "en")
    warnings.append(
        _("New credit role “%(label)s” added to the vocabulary; check its labels.")
        % {"label": label}
    )
    role = CreditRole(code=code, order=_NEW_ROLE_ORDER)
    setattr(role, f"label_{language}", label)
    _save(role)
    return role


def _member(person: Person) -> StaffMember:
    """Return the staff member called `person.name`, creating them if new."""
    member = StaffMember.objects.filter(
        Q(name_en__iexact=person.name) | Q(name_zh_hans__iexact=person.name)
    ).first()
    if member:
        return member
    name_language = field_suffix(detect_language(person.name) or "en")
    member = StaffMember(slug=_unique_slug(StaffMember, person.name, fallback="person"))
    setattr(member, f"name_{name_language}", person.name)
    if person.note:
        note_language = field_suffix(detect_language(person.note) or "en")
        setattr(member, f"note_{note_language}", person.note)
    _save(member)
    return member
