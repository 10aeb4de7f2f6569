"""Turn a parsed article into rows: a draft with its pairs and credits, or nothing."""

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bilingual.parser import (
    Credit,
    Finding,
    Pair,
    ParsedArticle,
    Person,
    detect_language,
    normalize_chinese_punctuation,
    split_bilingual,
)
from staffcredits.models import CreditRole, StaffMember

from ..findings import translated
from ..models import (
    LANGUAGE_CODES,
    Article,
    ArticleCredit,
    Block,
    ImportedFile,
    Publication,
    Section,
    field_suffix,
)
from ..services import article_record_revision, article_save, article_set_blocks
from .credits import (
    Consent,
    credit_line,
    find_member,
    find_role,
    format_people,
    new_role_code,
)

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
    consent: Consent | None = None,
) -> ImportResult:
    """Create a draft article from `parsed`; on any error nothing is written.

    With `source_text`, the text's hash is recorded, and a text imported before
    is refused with AlreadyImported instead of becoming a second article.
    New credit roles and people are added only as far as `consent` goes (by
    default: new people under known roles); the credits left over are kept on
    the draft as text to resolve.
    """
    digest = None if source_text is None else content_sha256(source_text)
    if digest:
        earlier = ImportedFile.objects.filter(sha256=digest).first()
        if earlier:
            raise AlreadyImported(earlier.article)
    # What became of each credit is said when it is resolved, below.
    warnings = [
        describe_finding(finding)
        for finding in parsed.warnings
        if finding.kind != "credit"
    ]
    if publication:
        warnings += _publication_differences(publication, parsed)
    article = Article(
        publication=publication or _default_publication(parsed),
        section=_section(parsed, warnings),
        slug=slug or _unique_slug(Article, _slug_source(parsed), fallback="article"),
        source=parsed.source,
        created_by=created_by,
    )
    if consent is None:
        consent = Consent.default(parsed.credits)
    credited, unresolved = _resolve_credits(parsed.credits, consent, warnings)
    article.credits_to_resolve = "\n".join(unresolved)
    for name in ("title", "summary", "translation_note"):
        for language, text in getattr(parsed, name).items():
            setattr(article, f"{name}_{field_suffix(language)}", text)
    _check_text(article)
    article_save(article=article, expected_version=article.version, user=created_by)
    article_set_blocks(
        article=article,
        blocks=[_block(pair, warnings) for pair in parsed.pairs],
    )
    ArticleCredit.objects.bulk_create(_article_credits(article, credited))
    article_record_revision(
        article=article, user=created_by, comment=_("Imported from text.")
    )
    if digest:
        _record_file(digest, article, source_name, created_by)
    return ImportResult(article=article, warnings=warnings)


def _resolve_credits(
    credits: Iterable[Credit], consent: Consent, warnings: list[str]
) -> tuple[list[tuple[CreditRole, StaffMember]], list[str]]:
    """Return (role, person) in file order, and the credits left to resolve.

    Adds the roles and people `consent` names and nothing else; each credit left
    over becomes a `Label丨Names` line, with a warning saying why.
    """
    found: list[tuple[CreditRole, StaffMember]] = []
    unresolved: list[str] = []
    for credit in credits:
        role = find_role(credit)
        if role is None and credit.label in consent.roles:
            role = _new_role(credit.label, warnings)
        if role is None:
            unresolved.append(credit_line(credit.label, credit.people))
            warnings.append(
                _(
                    "Line %(line)d: no credit role is called “%(label)s”; the "
                    "credit was kept under Credits to resolve."
                )
                % {"line": credit.line, "label": credit.label}
            )
            continue
        left = []
        for person in credit.people:
            member = find_member(person)
            if member is not None:
                _complete_member(member, person)
            elif person.name in consent.people:
                member = _new_member(person)
            if member is None:
                left.append(person)
            else:
                found.append((role, member))
        if left:
            unresolved.append(credit_line(credit.label, left))
            warnings.append(
                _(
                    "Line %(line)d: %(names)s not added to the staff list; the "
                    "credit was kept under Credits to resolve."
                )
                % {"line": credit.line, "names": format_people(left)}
            )
    return found, unresolved


def _article_credits(article, found) -> list[ArticleCredit]:
    """Return the article's credits in file order, each person once per role."""
    credits: dict[tuple[int, int], ArticleCredit] = {}
    people_in_role: Counter[int] = Counter()
    for role, member in found:
        if (role.pk, member.pk) not in credits:
            credits[role.pk, member.pk] = ArticleCredit(
                article=article,
                role=role,
                member=member,
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
    _check_text(instance)
    instance.save()


def _check_text(instance) -> None:
    """Refuse text longer than its column holds (cutting it would lose words), or
    that a field's own rules refuse, such as a line break in a title."""
    for model_field in instance._meta.concrete_fields:
        limit = getattr(model_field, "max_length", None)
        value = getattr(instance, model_field.attname)
        if not isinstance(value, str) or not value:
            continue
        params = {"field": model_field.verbose_name, "start": value[:30]}
        if limit and len(value) > limit:
            raise ImportRefused(
                _(
                    "The %(field)s “%(start)s…” is %(length)d characters long; "
                    "at most %(limit)d fit. Shorten it in the text and import again."
                ),
                params=params | {"length": len(value), "limit": limit},
                code="too_long",
            )
        try:
            model_field.run_validators(value)
        except ValidationError as error:
            raise ImportRefused(
                _("The %(field)s “%(start)s…”: %(problem)s"),
                params=params | {"problem": " ".join(error.messages)},
                code="invalid",
            ) from error


def describe_finding(finding: Finding) -> str:
    """Return a parser finding as an editor reads it: "Line 4: …"."""
    return _("Line %(line)d: %(message)s") % {
        "line": finding.line,
        "message": translated(finding.message),
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


def _new_role(label: str, warnings: list[str]) -> CreditRole:
    role = CreditRole(code=new_role_code(label), order=_NEW_ROLE_ORDER)
    setattr(role, f"label_{field_suffix(detect_language(label) or 'en')}", label)
    _save(role)
    warnings.append(
        _("New credit role “%(label)s” added to the vocabulary; check its labels.")
        % {"label": label}
    )
    return role


def _complete_member(member: StaffMember, person: Person) -> None:
    """Keep what the text tells of a known person and their entry lacks: a note
    (英国), their name in the other script. Nothing already there is replaced."""
    fields = {}
    if person.note:
        fields[f"note_{field_suffix(detect_language(person.note) or 'en')}"] = (
            person.note
        )
    for name in filter(None, (person.name, person.other_name)):
        fields[f"name_{field_suffix(detect_language(name) or 'en')}"] = name
    missing = [name for name in fields if not getattr(member, name)]
    for name in missing:
        setattr(member, name, fields[name])
    if missing:
        _save(member)


def _new_member(person: Person) -> StaffMember:
    """Add `person` to the staff list, with their name in the other script if given."""
    language = detect_language(person.name) or "en"
    latin = next((n for n in (person.name, person.other_name) if slugify(n)), "")
    member = StaffMember(slug=_unique_slug(StaffMember, latin, fallback="person"))
    setattr(member, f"name_{field_suffix(language)}", person.name)
    if person.other_name:
        other = next(code for code in LANGUAGE_CODES if code != language)
        setattr(member, f"name_{field_suffix(other)}", person.other_name)
    if person.note:
        note_language = field_suffix(detect_language(person.note) or "en")
        setattr(member, f"note_{note_language}", person.note)
    _save(member)
    return member
