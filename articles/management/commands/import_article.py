import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from articles.importing.builder import (
    ImportRefused,
    article_import,
    describe_finding,
)
from articles.importing.parser import ParseError, parse_bytes
from articles.models import Publication


class Command(BaseCommand):
    help = (
        "Import a desk's bilingual text file as a draft article. With --dry-run, only "
        "show how it was read."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a .txt file, UTF-8 or GB18030")
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and report; write nothing"
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

    def handle(self, *args, path, dry_run, format, publication, base_url, **options):
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        try:
            parsed = parse_bytes(data)
        except ParseError as error:
            raise CommandError(f"{path}: {error}") from error

        if dry_run:
            if format == "json":
                self.stdout.write(
                    json.dumps(parsed.as_dict(), ensure_ascii=False, indent=2)
                )
            else:
                self._describe(parsed)
            return

        target = None
        if publication:
            target = Publication.objects.filter(slug=publication).first()
            if target is None:
                raise CommandError(f"No publication with the slug {publication!r}.")
        try:
            result = article_import(parsed=parsed, publication=target)
        except ImportRefused as error:
            raise CommandError(f"{path}: {' '.join(error.messages)}") from error
        if format == "text":
            for warning in result.warnings:
                self.stderr.write(self.style.WARNING(warning))
        admin_url = reverse("admin:articles_article_change", args=[result.article.pk])
        if format == "json":
            payload = {
                "id": result.article.pk,
                "slug": result.article.slug,
                "admin_url": base_url.rstrip("/") + admin_url,
                "warnings": result.warnings,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Draft created with {len(parsed.pairs)} pairs: "
                    f"{base_url.rstrip('/')}{admin_url}"
                )
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
            self.stdout.write(f"{credit.label}丨{', '.join(credit.names)}")
        for finding in parsed.warnings:
            self.stdout.write(self.style.WARNING(describe_finding(finding)))
