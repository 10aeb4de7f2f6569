"""python manage.py backup PATH: the database and media in one archive, site running."""

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from backups.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write the database (a consistent snapshot, taken while the site runs) and "
        "every media file to a .tar.gz archive. See docs/operations.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the archive (.tar.gz).")

    def handle(self, *args, path, **options):
        try:
            summary = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {summary.vendor} database "
                f"({filesizeformat(summary.database_bytes)}) and "
                f"{summary.media_files} media files "
                f"({filesizeformat(summary.media_bytes)}) to {path}."
            )
        )
