"""Every address an article's ninjs hands out serves what it names."""

from urllib.parse import urldefrag

import pytest
from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from articles import services
from articles.media.images import photo_make_renditions
from articles.models import Article, Block, Photo
from newsroom.urls import urlpatterns as site_urlpatterns
from tests.factories import ArticleFactory, BlockFactory

from .conftest import SITE, jpeg_upload, make_story

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def media(request, path):
    """Serve an upload as the web server or the bucket does in production."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# The site's addresses, and its uploads (served by Django itself only when DEBUG).
urlpatterns = [*site_urlpatterns, re_path(r"^media/(?P<path>.*)$", media)]


def addresses(node, contenttype=None):
    """Yield (address, declared content type) for every uri, href and next."""
    if isinstance(node, list):
        for value in node:
            yield from addresses(value)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("uri", "href", "next") and isinstance(value, str):
                yield value, node.get("contenttype") if key == "href" else None
            else:
                yield from addresses(value)


def expected_type(address: str, declared: str | None) -> str:
    if declared:
        return declared
    return "application/json" if address.startswith(f"{SITE}/api/") else "text/html"


def walk(api, item) -> dict[str, str]:
    """GET every address in `item`; return each one's content type."""
    served = {}
    for address, declared in addresses(item):
        assert address.startswith(f"{SITE}/"), address
        url, _fragment = urldefrag(address)
        response = api(url.removeprefix(SITE))
        assert response.status_code == 200, address
        content_type = response["Content-Type"].split(";")[0]
        assert content_type == expected_type(address, declared), address
        if content_type == "application/json":
            # An API address serves the item it names (a list page names none).
            body = response.json()
            assert body.get("uri", url) == url, address
        served[url] = content_type
    return served


@pytest.fixture
def story(db):
    """A published story whose photos have their real resized copies on disk."""
    article = make_story(slug="bridge-opens")
    second = Photo.objects.create(image=jpeg_upload("crowd.jpg"), caption_en="Crowd")
    BlockFactory(article=article, position=4, kind=Block.Kind.PHOTO, photo=second)
    for photo in (article.hero_photo, second):
        photo.renditions = []
        photo_make_renditions(photo)
    return article


def test_every_address_in_an_article_answers_with_what_it_names(api, story):
    item = api(f"/api/v1/articles/{story.pk}/").json()

    served = walk(api, item)

    english = next(a for a in item["associations"] if a["name"] == "en")
    audio = next(a for a in english["associations"] if a["name"] == "audio")
    assert served[audio["uri"]] == "application/json"
    assert served[audio["renditions"][0]["href"]] == "audio/mpeg"
    pictures = [uri for uri in served if uri.startswith(f"{SITE}/api/v1/photos/")]
    assert len(pictures) == 2
    types = set(served.values())
    assert {"image/jpeg", "image/webp", "text/html", "audio/mpeg"} <= types


def test_every_address_in_a_list_page_answers_too(api, story):
    ArticleFactory(published=True)
    page = api("/api/v1/articles/", limit=1).json()
    assert page["next"]

    served = walk(api, page)

    assert served[page["next"]] == "application/json"


def test_a_photo_or_narration_address_serves_it_as_in_the_article(api, story):
    item = api(f"/api/v1/articles/{story.pk}/").json()
    chinese = next(a for a in item["associations"] if a["name"] == "zh-Hans")
    feature, audio = chinese["associations"]

    photo = api(feature["uri"].removeprefix(SITE)).json()
    assert photo["type"] == "picture"
    assert photo["renditions"] == feature["renditions"]
    assert [p["language"] for p in photo["associations"]] == ["en", "zh-Hans"]
    assert photo["associations"][1]["descriptions"][0]["value"] == "黄昏时的新桥。"
    assert api(audio["uri"].removeprefix(SITE)).json() == audio


def test_photos_and_narrations_of_unpublished_articles_are_not_served(
    api, story, editor
):
    item = api(f"/api/v1/articles/{story.pk}/").json()
    english = next(a for a in item["associations"] if a["name"] == "en")
    uris = [a["uri"].removeprefix(SITE) for a in english["associations"]]
    draft_photo = Photo.objects.create(image=jpeg_upload("draft.jpg"))
    BlockFactory(
        article=ArticleFactory(status=Article.Status.APPROVED),
        kind=Block.Kind.PHOTO,
        photo=draft_photo,
    )
    services.article_unpublish(article=story, user=editor, comment="Legal check")

    for uri in [*uris, f"/api/v1/photos/{draft_photo.pk}"]:
        response = api(uri)
        assert response.status_code == 404, uri
        assert response.json()["error"]["code"] == "not_found"
