"""`manage.py import_article PATH…`: desks' text and Word files become drafts."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from articles.importing.builder import (
    AlreadyImported,
    ImportRefused,
    article_import,
    describe_finding,
)
from articles.importing.credits import Consent, credit_line, review
from articles.importing.files import IMPORTABLE_SUFFIXES, file_text
from articles.models import Publication
from bilingual.parser import ParseError, parse_text


@dataclass
class _Report:
    """What became of one file in a bulk import."""

    path: Path
    status: str  # created, already imported, refused, parsed
    detail: str = ""
    slug: str = ""
    pairs: int = 0
    warnings: int = 0
    to_resolve: int = 0


class Command(BaseCommand):
    help = (
        "Import a desk's bilingual text as draft articles: one file, or many files "
        "and directories (.txt and .docx). The same text is never imported twice. "
        "People credited under a known role are added to the staff list; a credit "
        "role is added only with --add-roles, else its credits are kept on the "
        "draft as credits to resolve. With --dry-run, only show how it was read "
        "and what it would add; nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            type=Path,
            help="files (.txt UTF-8 or GB18030, .docx) or directories to walk",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and report; write nothing"
        )
        parser.add_argument(
            "--add-roles",
            action="store_true",
            help="add the credit roles the vocabulary does not have yet",
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--publication", help="slug of the publication (default: the first one)"
        )
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="site address used in the printed admin link",
        )

    def handle(self, *args, paths, dry_run, format, publication, base_url, **options):
        self.base_url = base_url.rstrip("/")
        self.add_roles = options["add_roles"]
        target = None
        if publication and not dry_run:
            target = Publication.objects.filter(slug=publication).first()
            if target is None:
                raise CommandError(f"No publication with the slug {publication!r}.")
        if len(paths) == 1 and not paths[0].is_dir():
            self._one(paths[0], dry_run, format, target)
        else:
            self._many(paths, dry_run, format, target)

    def _read(self, path: Path):
        """Return (parsed, text) of a file; raise CommandError saying why not."""
        try:
            text, encoding = file_text(path.name, path.read_bytes())
            return parse_text(text, encoding=encoding), text
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        except ParseError as error:
            raise CommandError(f"{path}: {error}") from error

    def _import(self, path: Path, target):
        parsed, text = self._read(path)
        try:
            result = article_import(
                parsed=parsed,
                publication=target,
                source_text=text,
                source_name=path.name,
                consent=Consent.default(parsed.credits, add_roles=self.add_roles),
            )
        except ImportRefused as error:
            raise CommandError(f"{path}: {' '.join(error.messages)}") from error
        return parsed, result

    def _admin_url(self, article) -> str:
        return self.base_url + reverse(
            "admin:articles_article_change", args=[article.pk]
        )

    def _one(self, path: Path, dry_run: bool, format: str, target) -> None:
        """Import one file, failing the command with the reason if it cannot be."""
        if dry_run:
            parsed, _ = self._read(path)
            if format == "json":
                self.stdout.write(
                    json.dumps(parsed.as_dict(), ensure_ascii=False, indent=2)
                )
            else:
                self._describe(parsed)
            return
        parsed, result = self._import(path, target)
        if format == "json":
            payload = {
                "id": result.article.pk,
                "slug": result.article.slug,
                "admin_url": self._admin_url(result.article),
                "warnings": result.warnings,
                "credits_to_resolve": _to_resolve(result.article),
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(
            self.style.SUCCESS(
                f"Draft created with {len(parsed.pairs)} pairs: "
                f"{self._admin_url(result.article)}"
            )
        )
        if to_resolve := _to_resolve(result.article):
            self.stdout.write(
                "Credits to resolve on the draft before it can be published (add "
                "them in the admin, or import with --add-roles to add new roles):"
            )
            for line in to_resolve:
                self.stdout.write(f"  {line}")

    def _many(self, paths: list[Path], dry_run: bool, format: str, target) -> None:
        """Import each file on its own; report every one; fail if any failed."""
        reports = [self._report(path, dry_run, target) for path in _files(paths)]
        if format == "json":
            self.stdout.write(
                json.dumps(
                    [{**vars(report), "path": str(report.path)} for report in reports],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for report in reports:
                self._print(report)
        counts = {
            status: sum(report.status == status for report in reports)
            for status in ("created", "already imported", "parsed", "refused")
        }
        summary = ", ".join(f"{count} {status}" for status, count in counts.items())
        if counts["refused"]:
            raise CommandError(f"{len(reports)} files: {summary}.", returncode=1)
        if format == "text":
            self.stdout.write(f"{len(reports)} files: {summary}.")

    def _report(self, path: Path, dry_run: bool, target) -> _Report:
        try:
            if dry_run:
                parsed, _ = self._read(path)
                return _Report(
                    path,
                    "parsed",
                    pairs=len(parsed.pairs),
                    warnings=len(parsed.warnings),
                )
            parsed, result = self._import(path, target)
        except CommandError as error:
            cause = error.__cause__
            if isinstance(cause, AlreadyImported):
                return _Report(
                    path,
                    "already imported",
                    detail=self._admin_url(cause.article),
                    slug=cause.article.slug,
                )
            return _Report(path, "refused", detail=str(error).removeprefix(f"{path}: "))
        except Exception as error:  # noqa: BLE001 - a bug on one file must not stop the others
            return _Report(path, "refused", detail=f"unexpected {error!r}")
        return _Report(
            path,
            "created",
            detail=self._admin_url(result.article),
            slug=result.article.slug,
            pairs=len(parsed.pairs),
            warnings=len(result.warnings),
            to_resolve=len(_to_resolve(result.article)),
        )

    def _print(self, report: _Report) -> None:
        if report.status == "created":
            line = (
                f"{report.path}: created {report.slug} with {report.pairs} pairs, "
                f"{report.warnings} warnings, {report.to_resolve} credits to "
                f"resolve: {report.detail}"
            )
            self.stdout.write(self.style.SUCCESS(line))
        elif report.status == "already imported":
            self.stdout.write(
                f"{report.path}: already imported as {report.slug}: {report.detail}"
            )
        elif report.status == "parsed":
            self.stdout.write(
                f"{report.path}: {report.pairs} pairs, {report.warnings} warnings"
            )
        else:
            self.stderr.write(
                self.style.ERROR(f"{report.path}: refused: {report.detail}")
            )

    def _describe(self, parsed):
        self.stdout.write(
            f"Read as {parsed.encoding}: {len(parsed.pairs)} pairs, "
            f"{len(parsed.credits)} credit lines."
        )
        for number, pair in enumerate(parsed.pairs, start=1):
            self.stdout.write(f"{number:>3}. EN {pair.en[:60]}")
            self.stdout.write(f"     ZH {pair.zh_hans[:40]}")
        for credit in parsed.credits:
            self.stdout.write(credit_line(credit.label, credit.people))
            self._describe_additions(review(credit))
        for finding in parsed.warnings:
            self.stdout.write(self.style.WARNING(describe_finding(finding)))

    def _describe_additions(self, found) -> None:
        """Say what importing a credit would add to the shared lists."""
        added = found.role is not None or self.add_roles
        if found.role is None:
            self.stdout.write(
                "     new role: added on import"
                if self.add_roles
                else "     new role: kept to resolve (--add-roles adds it)"
            )
        if found.new_people:
            what = "added on import" if added else "kept to resolve with the role"
            self.stdout.write(
                f"     new people ({what}): {', '.join(found.new_people)}"
            )


def _to_resolve(article) -> list[str]:
    return article.credits_to_resolve.splitlines()


def _files(paths: list[Path]) -> list[Path]:
    """Return the named files, and the .txt/.docx files under named directories."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                child
                for child in path.rglob("*")
                if child.is_file()
                and child.suffix.lower() in IMPORTABLE_SUFFIXES
                and not child.name.startswith((".", "~$"))
            )
        else:
            found.append(path)
    return found
