"""`manage.py make_renditions`: make the resized copies of photos again."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles.media.images import photo_make_renditions
from articles.models import Photo


class Command(BaseCommand):
    help = (
        "Make the WebP and JPEG renditions readers download, for every photo that "
        "lacks them or whose image changed. Safe to run again: existing renditions "
        "are kept. Exits non-zero when a photo's image cannot be read."
    )

    def handle(self, *args, **options):
        made = current = 0
        failures = []
        for photo in Photo.objects.order_by("pk").iterator():
            try:
                written = photo_make_renditions(photo)
            except (ValidationError, OSError) as error:
                message = " ".join(getattr(error, "messages", [str(error)]))
                failures.append(f"photo {photo.pk} ({photo.image.name}): {message}")
                continue
            if written:
                made += 1
            else:
                current += 1
        self.stdout.write(
            f"Renditions made for {made} photo(s); {current} already up to date."
        )
        if failures:
            raise CommandError("Could not read:\n  " + "\n  ".join(failures))
