"""python manage.py restore PATH: bring a backup archive back into a new site."""

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from backups.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into this site's empty, migrated "
        "database and its media storage. Stop the site first. See "
        "docs/operations.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive written by `backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds data, and media files "
            "that differ from the archived ones.",
        )

    def handle(self, *args, path, force, **options):
        try:
            summary = restore(path, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the {summary.vendor} database "
                f"({filesizeformat(summary.database_bytes)}) and "
                f"{summary.media_files} media files "
                f"({filesizeformat(summary.media_bytes)}) from {path}."
            )
        )
