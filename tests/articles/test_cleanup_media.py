"""`cleanup_media` finds and removes files nothing refers to, and only those."""

import io
import os
import time

import pytest
from django.core.files.images import ImageFile
from django.core.management import call_command
from PIL import Image

from articles.media.images import photo_make_renditions
from articles.models import Photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), "teal").save(buffer, format="JPEG")
    return buffer.getvalue()


def left_over(media, name: str, *, hours_old: float) -> None:
    path = media / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"half an upload")
    then = time.time() - hours_old * 3600
    os.utime(path, (then, then))


def files(media) -> set[str]:
    return {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}


def run(*args) -> str:
    out = io.StringIO()
    call_command("cleanup_media", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_orphans_are_listed_in_a_dry_run_and_removed_otherwise(media):
    photo = Photo(alt_text="A bridge")
    photo.image.save("bridge.jpg", ImageFile(io.BytesIO(jpeg()), name="bridge.jpg"))
    photo_make_renditions(photo)
    for name in [photo.image.name, *(r["name"] for r in photo.renditions)]:
        os.utime(media / name, (time.time() - 7200,) * 2)
    kept = files(media)
    left_over(media, "photos/2026/01/killed-upload.jpg", hours_old=2)
    left_over(media, f"renditions/{photo.pk}/old-480.webp", hours_old=2)
    left_over(media, "narration/2026/01/in-progress.mp3", hours_old=0)

    listed = run("--dry-run").split()

    assert sorted(listed) == [
        "photos/2026/01/killed-upload.jpg",
        f"renditions/{photo.pk}/old-480.webp",
    ]
    assert files(media) == kept | {*listed, "narration/2026/01/in-progress.mp3"}

    assert sorted(run().split()) == sorted(listed)
    assert files(media) == kept | {"narration/2026/01/in-progress.mp3"}
    assert len(photo.renditions) > 1 and Photo.objects.get().image.name in kept
