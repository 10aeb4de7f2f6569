"""Static files in production: hashed names, compressed once, cached for good.

`collectstatic` runs here with the static storage the production settings use
(WhiteNoise's CompressedManifestStaticFilesStorage), into a folder of its own, and
pages are then requested through the whole middleware stack, WhiteNoise included,
as gunicorn would call it. Only the project's own files are collected: third-party
ones (the admin's, CKEditor's) go through the same storage, but compressing
CKEditor's bundle with Brotli takes a minute or two.
"""

import gzip
import re
import runpy
from pathlib import Path

import brotli
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client

from tests.factories import ArticleFactory, BlockFactory

BASE_SETTINGS = Path(django_settings.BASE_DIR) / "newsroom" / "settings" / "base.py"
FOREVER = "max-age=315360000, public, immutable"
HASHED = re.compile(r"/static/(css/site\.[0-9a-f]{12}\.css)")


@pytest.fixture
def collected(settings, tmp_path) -> Path:
    """Collect the project's static files as a release does; return the folder."""
    production = runpy.run_path(str(BASE_SETTINGS))["STORAGES"]["staticfiles"]
    assert production["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    settings.STORAGES = {**settings.STORAGES, "staticfiles": production}
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.STATICFILES_FINDERS = [
        "django.contrib.staticfiles.finders.FileSystemFinder"
    ]
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path / "static"


def test_collectstatic_writes_hashed_names_with_gzip_and_brotli_beside_them(
    collected,
):
    hashed = list((collected / "css").glob("site.*.css"))
    assert len(hashed) == 1
    name = hashed[0]
    assert re.fullmatch(r"site\.[0-9a-f]{12}\.css", name.name)
    original = (django_settings.BASE_DIR / "static" / "css" / "site.css").read_bytes()
    assert name.read_bytes() == original
    assert gzip.decompress(Path(f"{name}.gz").read_bytes()) == original
    assert brotli.decompress(Path(f"{name}.br").read_bytes()) == original
    assert Path(f"{name}.br").stat().st_size < len(original) / 2


@pytest.mark.django_db
def test_pages_link_hashed_files_that_are_served_compressed_and_cached_forever(
    collected,
):
    article = ArticleFactory(published=True)
    BlockFactory(article=article, position=1)
    # A new client builds the middleware anew: WhiteNoise reads STATIC_ROOT then.
    client = Client()
    html = client.get(f"/en/articles/{article.slug}/").content.decode()
    assert "/static/css/site.css" not in html
    url = "/static/" + HASHED.search(html)[1]
    original = (collected / HASHED.search(html)[1]).read_bytes()

    for encoding, decompress in [("br", brotli.decompress), ("gzip", gzip.decompress)]:
        response = client.get(url, headers={"accept-encoding": f"{encoding}"})
        assert response.status_code == 200
        assert response["Content-Encoding"] == encoding
        assert response["Cache-Control"] == FOREVER
        assert response["Vary"] == "Accept-Encoding"
        assert decompress(b"".join(response.streaming_content)) == original

    plain = client.get(url)
    assert "Content-Encoding" not in plain
    assert b"".join(plain.streaming_content) == original


@pytest.mark.django_db
def test_a_file_under_its_plain_name_is_not_cached_forever(collected):
    response = Client().get("/static/css/site.css")

    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
    assert response["Cache-Control"] == "max-age=60, public"
