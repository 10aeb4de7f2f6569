"""Stored public pages go only to anonymous readers, as the site first answered them.

A session, a cookie, the admin or a share link is never stored nor served from the
store; a stored page keeps every header and answers revalidations. Run against both
the embedded local-memory cache and Redis, the production cache.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.preview import make_preview_token
from tests.factories import ArticleFactory, BlockFactory, page, published_story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_cache")]


@pytest.fixture
def story(editor):
    return published_story(editor)


def test_an_anonymous_reader_gets_a_public_page_from_the_cache(
    client, story, django_assert_max_num_queries
):
    first = page(client, story)

    with django_assert_max_num_queries(0):
        second = page(client, story)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    assert "max-age=60" in second["Cache-Control"]
    assert second["Last-Modified"]


def test_a_stored_page_keeps_every_header_the_site_gave_it(client, story):
    """Served before the middleware that made them, the headers come back as made."""
    first = page(client, story)

    with CaptureQueriesContext(connection) as queries:
        second = page(client, story)

    assert len(queries) == 0  # replayed from the store
    for name in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Content-Language",
        "ETag",
        "Last-Modified",
        "Cache-Control",
        "Content-Type",
    ):
        assert second[name] == first[name], name


def test_a_page_that_sets_a_cookie_is_never_stored(client, story, monkeypatch):
    from articles import views

    real = views.HttpResponse

    def with_cookie(*args, **kwargs):
        response = real(*args, **kwargs)
        response.set_cookie("tracking", "1")
        return response

    monkeypatch.setattr(views, "HttpResponse", with_cookie)
    page(client, story)
    monkeypatch.setattr(views, "HttpResponse", real)
    client.cookies.clear()

    with CaptureQueriesContext(connection) as queries:
        response = page(client, story)

    assert len(queries) >= 1  # the view ran: nothing was stored
    assert "tracking" not in response.cookies


def test_a_reader_with_the_page_gets_not_modified(client, story):
    etag = page(client, story)["ETag"]

    again = client.get(f"/en/articles/{story.slug}/", headers={"if-none-match": etag})

    assert again.status_code == 304
    assert again.content == b""


def test_a_public_page_is_one_copy_for_every_reader_whatever_their_cookies(
    client, story
):
    """A CDN keeps one copy of a public page for everyone (docs/deploy.md): the
    page does not vary by cookie, since nothing on it does; a signed-in request
    is kept from the CDN by its own `private, no-store` instead."""
    client.cookies["newsroom_mode"] = "dual"

    response = page(client, story)

    assert response["Cache-Control"] == "public, max-age=60"
    assert "Cookie" not in response.get("Vary", "")


def test_a_signed_in_editor_is_never_cached_nor_served_from_the_cache(
    client, editor, story
):
    page(client, story)  # an anonymous reader fills the cache
    client.force_login(editor)

    with CaptureQueriesContext(connection) as queries:
        response = page(client, story)

    assert queries  # the view ran: the editor was not served the stored page
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    client.logout()


def test_an_editors_visit_leaves_nothing_for_the_public(client, editor, story):
    client.force_login(editor)
    page(client, story)
    client.logout()
    client.cookies.clear()

    with CaptureQueriesContext(connection) as queries:
        response = page(client, story)

    assert queries  # the view ran: the editor's response was not stored
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]


def test_a_draft_is_not_found_and_never_publicly_cacheable(client):
    draft = ArticleFactory()
    BlockFactory(article=draft)

    for mode in ("", "dual/"):
        response = page(client, draft, mode)
        assert response.status_code == 404
        assert "public" not in response["Cache-Control"]


def test_share_links_and_the_admin_are_never_stored(client, editor, story):
    client.force_login(editor)
    admin = client.get("/admin/articles/article/")
    client.logout()
    draft = ArticleFactory()
    BlockFactory(article=draft)
    token = make_preview_token(draft)

    shared = client.get(f"/en/preview/{token}/")

    assert "no-store" in admin["Cache-Control"]
    assert shared.status_code == 200
    assert "no-store" in shared["Cache-Control"]
    assert "public" not in shared["Cache-Control"]


def test_switching_modes_is_personal_and_never_shared(client, story):
    response = client.get(f"/en/articles/{story.slug}/read/zh-hans/")

    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_head_request_stores_nothing_and_a_get_then_has_its_etag(client, story):
    assert client.head(f"/en/articles/{story.slug}/").status_code == 200

    response = page(client, story)

    assert response["ETag"]
    with CaptureQueriesContext(connection) as queries:
        assert page(client, story)["ETag"] == response["ETag"]
    assert len(queries) == 0


def test_a_cdn_revalidating_an_unchanged_page_refills_the_store(client, story):
    """After a change elsewhere, a CDN asks whether this page changed: it did not."""
    from pagecache.stamps import site_changed

    etag = page(client, story)["ETag"]
    site_changed()  # every stored page retired; this one would render the same

    unchanged = client.get(
        f"/en/articles/{story.slug}/", headers={"if-none-match": etag}
    )
    assert unchanged.status_code == 304

    with CaptureQueriesContext(connection) as queries:
        assert page(client, story)["ETag"] == etag
    assert len(queries) == 0  # the revalidation stored the page


def test_a_query_string_is_neither_stored_apart_nor_repeated(client, story):
    shared = client.get("/en/?utm_source=%22%3E%3Cb%3Eevil&from=timeline")
    assert shared.status_code == 200
    assert "evil" not in shared.text
    assert "timeline" not in shared.text

    with CaptureQueriesContext(connection) as queries:
        plain = client.get("/en/")

    assert len(queries) == 0  # the same stored page
    assert plain.content == shared.content
