"""Files written by a save that never commits do not outlive the request."""

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse

from articles.models import Photo
from tests.articles.test_photos import jpeg, photo_form
from tests.test_object_storage import stored_photo

# The transactions must really commit or roll back; the newsroom roles stay.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Refused(Exception):
    """What a check raising after the files were written stands for."""


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def stored(media) -> list[str]:
    return sorted(
        p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file()
    )


def test_a_photo_whose_save_rolls_back_leaves_no_file_once_the_request_ends(
    client, media
):
    with pytest.raises(Refused), transaction.atomic():
        stored_photo(1200, 800)
        written = stored(media)
        raise Refused

    assert len(written) == 7  # the original, and three widths in JPEG and WebP
    client.get("/healthz")  # any request, ending

    assert stored(media) == []
    assert not Photo.objects.exists()


def test_a_rolled_back_savepoint_takes_back_only_its_own_files(client, media):
    with transaction.atomic():
        kept = stored_photo(1200, 800)
        with pytest.raises(Refused), transaction.atomic():
            stored_photo(1200, 800)
            raise Refused

    client.get("/healthz")  # any request, ending

    names = [kept.image.name] + [item["name"] for item in kept.renditions]
    assert stored(media) == sorted(names)


def test_a_committed_upload_keeps_its_files(client, user_in, media):
    client.force_login(user_in("Art Editor"))

    response = client.post(reverse("admin:articles_photo_add"), photo_form(jpeg()))

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert default_storage.exists(photo.image.name)
    assert all(default_storage.exists(item["name"]) for item in photo.renditions)
