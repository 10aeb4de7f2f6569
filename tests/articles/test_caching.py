"""Cached public pages never show an anonymous reader a draft, a session or stale text.

Run against both the embedded local-memory cache and Redis, the production cache.
"""

import os
import socket
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from articles.models import Article, Block
from articles.preview import make_preview_token
from staffcredits.models import CreditRole
from tests.factories import (
    ArticleCreditFactory,
    ArticleFactory,
    BlockFactory,
    SectionFactory,
    StaffMemberFactory,
    committed,
)

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
BACKENDS = {
    "local memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "redis": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "newsroom-tests",
    },
}


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture(params=list(BACKENDS), autouse=True)
def production_cache(request):
    if request.param == "redis" and not redis_is_up():
        reason = "Redis is not running on 127.0.0.1:6379"
        if os.environ.get("NEWSROOM_REQUIRE_REDIS"):
            pytest.fail(reason)
        pytest.skip(reason)
    with override_settings(CACHES={"default": BACKENDS[request.param]}):
        cache.clear()
        yield request.param
        cache.clear()


@pytest.fixture
def story(editor):
    article = ArticleFactory(status=Article.Status.APPROVED)
    BlockFactory(article=article, text_en="<p>First words.</p>")
    with committed():
        services.article_publish(article=article, user=editor)
    return Article.objects.get(pk=article.pk)


def page(client, article, mode=""):
    return client.get(f"/en/articles/{article.slug}/{mode}")


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


def test_a_signed_in_editor_is_never_cached_nor_served_from_the_cache(
    client, editor, story
):
    page(client, story)  # an anonymous reader fills the cache
    client.force_login(editor)

    with CaptureQueriesContext(connection) as queries:
        response = page(client, story)

    assert len(queries) > 3  # rendered for the editor, not taken from the cache
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

    assert len(queries) > 3  # rendered afresh: the editor's page was not stored
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]


def test_a_draft_is_not_found_and_never_publicly_cacheable(client):
    draft = ArticleFactory()
    BlockFactory(article=draft)

    for mode in ("", "dual/"):
        response = page(client, draft, mode)
        assert response.status_code == 404
        assert "public" not in response["Cache-Control"]


def test_publishing_unpublishing_and_editing_show_at_once(client, editor, story):
    assert "First words." in page(client, story, "dual/").text
    assert story.title_en in client.get("/en/").text

    story.title_en = "A better headline"
    services.article_save(article=story, expected_version=story.version, user=editor)
    Block.objects.filter(article=story).update(text_en="<p>Second words.</p>")
    services.article_save(article=story, expected_version=story.version, user=editor)

    assert "Second words." in page(client, story, "dual/").text
    assert "A better headline" in client.get("/en/").text

    with committed():
        services.article_unpublish(article=story, user=editor, comment="Legal hold.")

    assert page(client, story, "dual/").status_code == 404
    assert "A better headline" not in client.get("/en/").text


@pytest.mark.parametrize("time_lost", [False, True])
def test_a_scheduled_article_appears_when_its_time_comes(client, editor, time_lost):
    """Even if the cache lost the go-live time while no reader came by."""
    from articles.caching import GO_LIVE_KEY

    article = ArticleFactory(status=Article.Status.APPROVED, title_en="Tomorrow")
    BlockFactory(article=article)
    at = timezone.now() + timedelta(hours=2)
    services.article_publish(article=article, user=editor, publish_at=at)

    assert "Tomorrow" not in client.get("/en/").text
    assert page(client, article).status_code == 404

    with time_machine.travel(at + timedelta(minutes=1)):
        if time_lost:
            cache.delete(GO_LIVE_KEY)
        assert "Tomorrow" in client.get("/en/").text
        assert page(client, article).status_code == 200


def test_a_renamed_person_shows_at_once(client, story):
    member = StaffMemberFactory(name_en="Xiong Vivi")
    ArticleCreditFactory(
        article=story,
        role=CreditRole.objects.get(code="managing_editor"),
        member=member,
    )
    assert "Xiong Vivi" in page(client, story).text

    member.name_en = "Vivi Xiong"
    member.save()

    assert "Vivi Xiong" in page(client, story).text


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


def test_a_cache_that_lost_its_state_serves_no_old_page(client, editor, story):
    from articles.caching import GENERATION_KEY, GO_LIVE_KEY, SHARED_KEY

    def edit(words):
        # The state is evicted first, as Redis may do under memory pressure.
        cache.delete_many([GENERATION_KEY, SHARED_KEY, GO_LIVE_KEY])
        Block.objects.filter(article=story).update(text_en=f"<p>{words}</p>")
        story.refresh_from_db()
        services.article_save(
            article=story, expected_version=story.version, user=editor
        )

    edit("Second words.")
    assert "Second words." in page(client, story).text
    edit("Third words.")
    assert "Third words." in page(client, story).text


def test_a_recaptioned_photo_shows_at_once(client, story):
    from tests.articles.test_photos import make_photo

    photo = make_photo(caption_en="Old caption")
    Article.objects.filter(pk=story.pk).update(hero_photo=photo)
    services.article_save(
        article=Article.objects.get(pk=story.pk), expected_version=story.version
    )
    assert "Old caption" in page(client, story).text

    photo.caption_en = "New caption"
    photo.save()

    assert "New caption" in page(client, story).text


# Behind the page cache: the article's own fragments. These tests turn the page
# cache off, so every request runs the view, as after a publish elsewhere.


@pytest.fixture
def view_runs(settings):
    settings.NEWSROOM_PAGE_CACHE = False


def test_a_stored_article_is_served_with_one_query_whatever_its_address(
    client, story, view_runs
):
    first = page(client, story, "dual/?from=singlemessage&isappinstalled=0")

    with CaptureQueriesContext(connection) as queries:
        again = page(client, story, "dual/?utm_source=wechat")

    assert len(queries) == 1  # is it still public, and which article
    assert again.text == first.text
    # The language switch leads to the page itself, not to the first reader's query.
    assert f'href="/zh-hans/articles/{story.slug}/dual/"' in again.text
    assert "singlemessage" not in again.text


def test_a_publish_elsewhere_renews_the_aside_only(client, editor, story, view_runs):
    section = SectionFactory()
    Article.objects.filter(pk=story.pk).update(section=section)
    page(client, story)
    other = ArticleFactory(
        status=Article.Status.APPROVED, section=section, title_en="Breaking next door"
    )
    BlockFactory(article=other)
    with committed():
        services.article_publish(article=other, user=editor)

    with CaptureQueriesContext(connection) as queries:
        response = page(client, story)

    assert len(queries) == 2  # the article, and its section's newest stories
    aside = response.text[response.text.index('class="more-in-section"') :]
    assert "Breaking next door" in aside


def test_an_edit_while_unpublished_shows_when_published_again(
    client, editor, story, view_runs
):
    assert "First words." in page(client, story).text
    services.article_unpublish(article=story, user=editor, comment="Check a name.")
    # Written past every signal: only the publish itself can retire the old page.
    Block.objects.filter(article=story).update(text_en="<p>Corrected words.</p>")
    for move in (services.article_submit, services.article_approve):
        move(article=Article.objects.get(pk=story.pk), user=editor)
    with committed():
        services.article_publish(article=Article.objects.get(pk=story.pk), user=editor)

    html = page(client, story).text

    assert "Corrected words." in html
    assert "First words." not in html


def test_a_lost_article_counter_revives_no_old_fragment(client, story, view_runs):
    from articles.caching import _article_counter_key

    assert "First words." in page(client, story).text
    cache.delete(_article_counter_key(story.pk))
    block = Block.objects.get(article=story)
    block.text_en = "<p>Second words.</p>"
    block.save()

    assert "Second words." in page(client, story).text


def test_a_page_rendered_before_an_edit_commits_is_never_served_after(
    client, story, view_runs, django_capture_on_commit_callbacks
):
    """A reader who rendered the old text during an edit stored it out of reach."""
    with django_capture_on_commit_callbacks(execute=False) as committed:
        block = Block.objects.get(article=story)
        block.text_en = "<p>Edited words.</p>"
        block.save()
        # Another reader still sees the text as it was before the commit.
        Block.objects.filter(pk=block.pk).update(text_en="<p>First words.</p>")
        assert "First words." in page(client, story).text
        Block.objects.filter(pk=block.pk).update(text_en="<p>Edited words.</p>")
    for callback in committed:  # the commit
        callback()

    assert "Edited words." in page(client, story).text


def test_a_new_release_never_serves_a_page_the_old_code_rendered(
    client, story, settings
):
    """A deploy changes templates without touching the data: no signal to retire by."""
    settings.NEWSROOM_RELEASE = "one"
    assert "First words." in page(client, story).text
    # What the new code would render differently, written without any signal.
    Block.objects.filter(article=story).update(text_en="<p>New layout.</p>")

    assert "First words." in page(client, story).text  # same release: stored page
    settings.NEWSROOM_RELEASE = "two"
    assert "New layout." in page(client, story).text


def test_without_a_release_name_any_template_change_is_a_new_release(
    settings, tmp_path
):
    from articles.caching import _code_digest, release

    settings.NEWSROOM_RELEASE = ""
    assert release() == _code_digest()
    settings.BASE_DIR = tmp_path
    template = tmp_path / "templates" / "base.html"
    template.parent.mkdir()
    template.write_text("<title>Newsroom</title>")
    before = _code_digest.__wrapped__()
    (tmp_path / "templates" / "notes.md").write_text("not rendered")
    assert _code_digest.__wrapped__() == before

    template.write_text("<title>Newsroom · 新闻编辑室</title>")

    assert _code_digest.__wrapped__() != before


def test_a_head_request_stores_nothing_and_a_get_then_has_its_etag(client, story):
    assert client.head(f"/en/articles/{story.slug}/").status_code == 200

    response = page(client, story)

    assert response["ETag"]
    with CaptureQueriesContext(connection) as queries:
        assert page(client, story)["ETag"] == response["ETag"]
    assert len(queries) == 0


def test_a_cdn_revalidating_an_unchanged_page_refills_the_store(client, story):
    """After a change elsewhere, a CDN asks whether this page changed: it did not."""
    from articles.caching import site_changed

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


def test_rolling_back_a_release_never_revives_its_old_pages(client, story, settings):
    settings.NEWSROOM_RELEASE = "one"
    assert "First words." in page(client, story).text
    settings.NEWSROOM_RELEASE = "two"
    block = Block.objects.get(article=story)
    block.text_en = "<p>Changed under release two.</p>"
    block.save()
    assert "Changed under release two." in page(client, story).text

    settings.NEWSROOM_RELEASE = "one"

    assert "Changed under release two." in page(client, story).text


def test_a_photos_new_renditions_show_at_once(client, story):
    """Renditions are written after the photo is saved, past its signals."""
    from django.core.files.base import ContentFile

    from articles.images import clean_upload, photo_make_renditions
    from articles.models import Photo
    from tests.articles.test_photos import jpeg

    photo = Photo(image=clean_upload(ContentFile(jpeg(1600, 900), name="ferry.jpg")))
    photo.save()
    Article.objects.filter(pk=story.pk).update(hero_photo=photo)
    services.article_save(
        article=Article.objects.get(pk=story.pk), expected_version=story.version
    )
    assert "srcset" not in page(client, story).text  # the original alone

    photo_make_renditions(photo)

    assert "srcset" in page(client, story).text
