"""`manage.py cleanup_media [--dry-run]`: remove stored files nothing refers to.

An upload that failed or was killed after its file was written, or a rendition
left by an interrupted run, stays in the media storage with no row naming it.
Referenced are the names in every FileField and ImageField of every model, and
each photo's renditions. Files younger than `--grace` minutes are left alone: an
upload still in its transaction has written its file but not yet its row.
"""

from datetime import timedelta

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db.models import FileField
from django.utils import timezone

from articles.models import Photo


def referenced_names() -> set[str]:
    """Every storage name a row refers to."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField):
                names.update(
                    model._default_manager.exclude(**{field.name: ""})
                    .values_list(field.name, flat=True)
                    .iterator()
                )
    for renditions in Photo.objects.values_list("renditions", flat=True).iterator():
        names.update(item["name"] for item in renditions)
    return names


def stored_names(storage, directory: str = ""):
    """Every file name under `directory` of `storage`, at any depth."""
    directories, files = storage.listdir(directory)
    for name in files:
        yield f"{directory}/{name}" if directory else name
    for sub in directories:
        yield from stored_names(storage, f"{directory}/{sub}" if directory else sub)


class Command(BaseCommand):
    help = "Remove media files that no row refers to (orphans of failed uploads)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list the orphans, remove nothing"
        )
        parser.add_argument(
            "--grace",
            type=int,
            default=60,
            help="leave files younger than this many minutes (default 60)",
        )

    def handle(self, *args, dry_run, grace, **options):
        storage = default_storage
        referenced = referenced_names()
        cutoff = timezone.now() - timedelta(minutes=grace)
        orphans = [
            name
            for name in stored_names(storage)
            if name not in referenced and storage.get_modified_time(name) < cutoff
        ]
        for name in orphans:
            self.stdout.write(name)
            if not dry_run:
                storage.delete(name)
        verb = "would be removed" if dry_run else "removed"
        self.stderr.write(f"{len(orphans)} orphan file(s) {verb}.")
