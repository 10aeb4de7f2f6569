"""More than one app server: media on S3-compatible storage, sessions in Redis.

The S3 server is moto's, run for real on 127.0.0.1 and spoken to over HTTP by
django-storages and boto3, exactly as a production bucket would be. The storage
settings are not written by hand here: they are what `newsroom/settings/base.py`
makes of the environment variables an operator sets (see docs/deploy.md).
"""

import hashlib
import json
import re
import runpy
import subprocess
import tarfile
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import pytest
import redis
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from articles.media.images import clean_upload, photo_make_renditions
from articles.models import Article, Narration, Photo
from backups import backup
from tests.articles.test_photos import jpeg
from tests.backups.test_backup import build_newsroom, database_rows
from tests.factories import ArticleFactory, BlockFactory

BASE_SETTINGS = Path(django_settings.BASE_DIR) / "newsroom" / "settings" / "base.py"
AUDIO = Path(__file__).resolve().parent / "fixtures" / "audio" / "tone-3s.mp3"
# Every variable the storage, cache and session settings read.
ENVIRONMENT = (
    "NEWSROOM_S3_BUCKET",
    "AWS_STORAGE_BUCKET_NAME",
    "NEWSROOM_S3_ENDPOINT_URL",
    "NEWSROOM_S3_REGION",
    "AWS_DEFAULT_REGION",
    "NEWSROOM_S3_CUSTOM_DOMAIN",
    "REDIS_URL",
)
IMMUTABLE = "public, max-age=31536000, immutable"


def site_settings(monkeypatch, **environment) -> dict:
    """Return the settings base.py makes of exactly this environment."""
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_SETTINGS))


def public_read(bucket: str) -> str:
    """The bucket policy docs/deploy.md gives: anyone may read a file, none may list."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{bucket}/*",
                }
            ],
        }
    )


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def use_bucket(settings, monkeypatch, s3_endpoint, media_root):
    """Return a function that points the site's media at a new, empty bucket."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "newsroom-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "newsroom-test-secret")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")

    def use(**environment) -> str:
        bucket = f"newsroom-{uuid.uuid4().hex[:12]}"
        client.create_bucket(Bucket=bucket)
        client.put_bucket_policy(Bucket=bucket, Policy=public_read(bucket))
        made = site_settings(
            monkeypatch,
            NEWSROOM_S3_BUCKET=bucket,
            NEWSROOM_S3_ENDPOINT_URL=s3_endpoint,
            NEWSROOM_S3_REGION="us-east-1",
            **environment,
        )
        # Only media move; static files stay as the test settings have them.
        settings.STORAGES = {
            **settings.STORAGES,
            "default": made["STORAGES"]["default"],
        }
        settings.MEDIA_URL = made["MEDIA_URL"]
        settings.CONTENT_SECURITY_POLICY = made["CONTENT_SECURITY_POLICY"]
        return bucket

    use.client = client
    return use


def bucket_objects(client, bucket: str) -> dict[str, bytes]:
    listing = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {
        item["Key"]: client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        for item in listing
    }


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def s3_calls() -> list[str]:
    """Record the name of every S3 operation the media storage makes from now on."""
    calls = []
    events = default_storage.connection.meta.client.meta.events
    events.register("before-call.s3", lambda model, **kwargs: calls.append(model.name))
    return calls


def stored_photo(width=1600, height=900) -> Photo:
    photo = Photo(
        image=clean_upload(ContentFile(jpeg(width, height), name="x.jpg")),
        caption_en="Buses at the Yutong plant.",
        caption_zh_hans="宇通工厂的客车。",
        alt_text_en="A row of white buses.",
        alt_text_zh_hans="一排白色客车。",
    )
    photo.save()
    photo_make_renditions(photo)
    return photo


def published_story(photo: Photo) -> Article:
    article = ArticleFactory(published=True)
    Article.objects.filter(pk=article.pk).update(hero_photo=photo)
    BlockFactory(article=article, position=1)
    return article


def page_urls(html: str) -> list[str]:
    """Every URL in the page's photos: their <img src>, srcset and <source src>."""
    html = "".join(re.findall(r'<figure class="photo">.*?</figure>', html, re.S))
    urls = re.findall(r'<(?:img|source)[^>]* src="([^"]+)"', html)
    for srcset in re.findall(r' srcset="([^"]+)"', html):
        urls += [item.split()[0] for item in srcset.split(", ")]
    return urls


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def policy(response) -> dict[str, list[str]]:
    directives = response["Content-Security-Policy"].split(";")
    return {name: values for name, *values in (d.split() for d in directives)}


# Photos and renditions


@pytest.mark.django_db
def test_an_uploaded_photo_and_its_renditions_are_stored_in_the_bucket_only(
    client, user_in, use_bucket, media_root
):
    bucket = use_bucket()
    client.force_login(user_in("Art Editor"))

    response = client.post(
        reverse("admin:articles_photo_add"),
        {
            "image": SimpleUploadedFile("bus.jpg", jpeg(1600, 900), "image/jpeg"),
            "caption_en": "Buses at the Yutong plant.",
            "caption_zh_hans": "宇通工厂的客车。",
            "alt_text_en": "A row of white buses.",
            "alt_text_zh_hans": "一排白色客车。",
        },
    )

    assert response.status_code == 302
    photo = Photo.objects.get()
    objects = bucket_objects(use_bucket.client, bucket)
    assert set(objects) == {photo.image.name} | {
        item["name"] for item in photo.renditions
    }
    assert len(photo.renditions) == 6
    assert objects[photo.image.name].startswith(b"\xff\xd8")  # the cleaned JPEG
    webp = next(item["name"] for item in photo.renditions if item["format"] == "webp")
    head = use_bucket.client.head_object(Bucket=bucket, Key=webp)
    assert head["ContentType"] == "image/webp"
    assert head["CacheControl"] == IMMUTABLE
    assert files_under(media_root) == []


@pytest.mark.django_db
def test_renditions_already_in_the_bucket_are_not_made_again(use_bucket):
    bucket = use_bucket()
    photo = Photo(image=clean_upload(ContentFile(jpeg(1600, 900), name="x.jpg")))
    photo.save()
    calls = s3_calls()
    assert photo_make_renditions(photo) == 6
    assert calls.count("PutObject") == 6
    before = use_bucket.client.list_objects_v2(Bucket=bucket)["Contents"]

    calls.clear()
    assert photo_make_renditions(Photo.objects.get(pk=photo.pk)) == 0

    assert "PutObject" not in calls and "DeleteObject" not in calls
    assert use_bucket.client.list_objects_v2(Bucket=bucket)["Contents"] == before


@pytest.mark.django_db
def test_the_article_page_serves_photos_from_the_bucket(client, use_bucket):
    bucket = use_bucket()
    photo = stored_photo()
    article = published_story(photo)

    response = client.get(f"/en/articles/{article.slug}/")

    urls = page_urls(response.content.decode())
    assert len(urls) == 4  # the <img>'s JPEG src and the three WebP widths
    prefix = f"{django_settings.MEDIA_URL}renditions/{photo.pk}/"
    assert all(url.startswith(prefix) for url in urls), urls
    assert django_settings.MEDIA_URL.endswith(f"/{bucket}/")
    assert origin(urls[0]) in policy(response)["img-src"]
    # A reader's browser gets the picture straight from the bucket.
    webp = next(url for url in urls if url.endswith("-480.webp"))
    with urllib.request.urlopen(webp) as served:
        assert served.headers["Content-Type"] == "image/webp"
        assert served.headers["Cache-Control"] == IMMUTABLE
        assert served.read()[8:12] == b"WEBP"


@pytest.mark.django_db
def test_with_a_cdn_domain_the_page_links_there_and_the_policy_allows_it(
    client, use_bucket
):
    use_bucket(NEWSROOM_S3_CUSTOM_DOMAIN="media.example.test")
    article = published_story(stored_photo())

    response = client.get(f"/zh-hans/articles/{article.slug}/")

    urls = page_urls(response.content.decode())
    assert urls and all(
        url.startswith("https://media.example.test/renditions/") for url in urls
    )
    assert "https://media.example.test" in policy(response)["img-src"]
    assert "https://media.example.test" in policy(response)["media-src"]


# Narration


def upload_narration(client, article, content: bytes, content_type: str):
    return client.post(
        reverse("admin:articles_narration_add"),
        {
            "article": article.pk,
            "audio": SimpleUploadedFile("voice.mp3", content, content_type),
            "language": "en",
            "voice": "",
        },
    )


@pytest.mark.django_db
def test_an_uploaded_narration_is_stored_in_the_bucket_and_played_from_it(
    client, editor_client, use_bucket, media_root
):
    bucket = use_bucket()
    article = ArticleFactory(published=True)
    BlockFactory(article=article, position=1)
    content = AUDIO.read_bytes()

    response = upload_narration(editor_client, article, content, "audio/mpeg")

    assert response.status_code == 302
    narration = Narration.objects.get()
    assert bucket_objects(use_bucket.client, bucket) == {narration.audio.name: content}
    assert files_under(media_root) == []
    client.logout()
    html = client.get(f"/en/articles/{article.slug}/").content.decode()
    url = f"{django_settings.MEDIA_URL}{narration.audio.name}"
    assert f'<source src="{url}" type="audio/mpeg">' in html


@pytest.mark.django_db
def test_the_stored_narration_says_what_it_is_whatever_the_browser_said(
    editor_client, use_bucket
):
    bucket = use_bucket()

    upload_narration(editor_client, ArticleFactory(), AUDIO.read_bytes(), "text/html")

    key = Narration.objects.get().audio.name
    head = use_bucket.client.head_object(Bucket=bucket, Key=key)
    assert head["ContentType"] == "audio/mpeg"


# Backups


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_reads_media_from_the_bucket_and_restores_them_to_another(
    use_bucket, editor, tmp_path, media_root
):
    first = use_bucket()
    build_newsroom(editor)
    stored = bucket_objects(use_bucket.client, first)
    rows = database_rows()
    assert {"photos", "renditions", "narration"} <= {
        name.split("/")[0] for name in stored
    }
    archive = tmp_path / "newsroom.tar.gz"

    summary = backup.backup(archive)

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(backup.MANIFEST))
        archived = {
            item["name"]: tar.extractfile(backup.MEDIA_PREFIX + item["name"]).read()
            for item in manifest["media"]
        }
    assert archived == stored
    assert all(
        item["sha256"] == hashlib.sha256(stored[item["name"]]).hexdigest()
        for item in manifest["media"]
    )
    assert summary.media_files == len(stored)

    # A new site: an empty bucket, and the same database state to restore over.
    second = use_bucket()
    backup.restore(archive, force=True)

    assert bucket_objects(use_bucket.client, second) == stored
    assert database_rows() == rows
    assert files_under(media_root) == []


# The settings an operator chooses with environment variables


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        (
            {"NEWSROOM_S3_ENDPOINT_URL": "https://s3.example.net/"},
            "https://s3.example.net/news-media/",
        ),
        (
            {
                "NEWSROOM_S3_ENDPOINT_URL": "https://s3.example.net",
                "NEWSROOM_S3_CUSTOM_DOMAIN": "cdn.example.com",
            },
            "https://cdn.example.com/",
        ),
        ({"NEWSROOM_S3_REGION": "eu-west-1"}, "https://news-media.s3.eu-west-1."),
        ({}, "https://news-media.s3.amazonaws.com/"),
    ],
    ids=["s3-compatible-server", "cdn-domain", "aws-region", "aws-default-region"],
)
def test_media_urls_are_where_the_content_security_policy_allows(
    monkeypatch, environment, expected
):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "newsroom-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "newsroom-test-secret")
    made = site_settings(monkeypatch, NEWSROOM_S3_BUCKET="news-media", **environment)
    storage = storages.create_storage(made["STORAGES"]["default"])

    url = storage.url("renditions/7/0123456789abcdef-480.webp")

    assert url.startswith(expected)
    assert url.startswith(made["MEDIA_URL"])
    assert "Signature" not in url and "?" not in url
    directives = made["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert origin(url) in directives["img-src"]
    assert origin(url) in directives["media-src"]


def test_without_a_bucket_media_stay_on_the_local_disk(monkeypatch):
    made = site_settings(monkeypatch)

    assert made["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert made["MEDIA_URL"] == "media/"
    assert made["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert "SESSION_ENGINE" not in made


# Sessions in Redis


@pytest.fixture
def redis_url(tmp_path):
    """A Redis server of this test's own, on a free port."""
    server = subprocess.Popen(
        ["redis-server", "--port", "0", "--unixsocket", str(tmp_path / "redis.sock")]
        + ["--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    socket = tmp_path / "redis.sock"
    deadline = time.monotonic() + 10
    while not socket.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"unix://{socket}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def redis_sessions(settings, monkeypatch, redis_url):
    """Cache and sessions as base.py sets them when REDIS_URL is set."""
    made = site_settings(monkeypatch, REDIS_URL=redis_url)
    settings.CACHES = made["CACHES"]
    settings.SESSION_ENGINE = made["SESSION_ENGINE"]
    return redis.Redis.from_url(redis_url)


def holds(store: redis.Redis, session_key: str) -> bool:
    return any(session_key.encode() in key for key in store.keys())


@pytest.mark.django_db
def test_with_redis_a_session_lives_there_and_deactivation_still_ends_it(
    client, settings, redis_sessions, editor
):
    client.force_login(editor)
    assert client.get(reverse("admin:index")).status_code == 200
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert holds(redis_sessions, session_key)

    editor.is_active = False
    editor.save()

    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not holds(redis_sessions, session_key)


@pytest.mark.django_db
def test_an_emptied_redis_signs_nobody_out(client, redis_sessions, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:index")).status_code == 200

    redis_sessions.flushdb()

    assert client.get(reverse("admin:index")).status_code == 200
