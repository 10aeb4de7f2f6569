"""manage.py export_wechat SLUG OUTDIR: the WeChat export, written to a folder."""

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from wechat.export import NotExportable, WeChatExport, build_export, open_image

# The files an earlier export wrote to images/, replaced by --force.
EXPORTED_IMAGE = re.compile(r"\d{2,}\.(jpg|png|gif|webp)")


class Command(BaseCommand):
    help = (
        "Write an approved or published article's WeChat export to OUTDIR: "
        "article.html, fields.json, fields.txt and images/01.jpg… in article order."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the article's slug")
        parser.add_argument("outdir", type=Path, help="the folder to write to")
        parser.add_argument(
            "--force",
            action="store_true",
            help="write into a folder that is not empty, replacing an earlier export",
        )

    def handle(self, *args, slug, outdir, force, **options):
        article = Article.objects.for_detail().filter(slug=slug).first()
        if article is None:
            raise CommandError(f"No article with the slug {slug!r}.")
        try:
            export = build_export(article)
        except NotExportable as refusal:
            raise CommandError(str(refusal)) from refusal
        if outdir.exists() and not outdir.is_dir():
            raise CommandError(f"{outdir} is a file, not a folder.")
        if outdir.exists() and any(outdir.iterdir()) and not force:
            raise CommandError(
                f"{outdir} is not empty. Choose an empty folder, or add --force to "
                "replace an earlier export there."
            )
        self._write(export, outdir)
        for warning in export.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        body = export.fields()[-1]
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote the WeChat export of {slug!r} to {outdir}: article.html "
                f"({body.counted}), fields.json, fields.txt and "
                f"{len(export.images)} images."
            )
        )

    def _write(self, export: WeChatExport, outdir: Path) -> None:
        images = outdir / "images"
        images.mkdir(parents=True, exist_ok=True)
        for old in images.iterdir():
            if old.is_file() and EXPORTED_IMAGE.fullmatch(old.name):
                old.unlink()
        (outdir / "article.html").write_text(export.document(), encoding="utf-8")
        (outdir / "fields.json").write_text(export.fields_json(), encoding="utf-8")
        (outdir / "fields.txt").write_text(export.fields_text(), encoding="utf-8")
        for image in export.images:
            with open_image(image) as source:
                (images / image.filename).write_bytes(source.read())
