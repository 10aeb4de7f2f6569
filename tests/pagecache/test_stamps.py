"""A stored page is served only under the stamp it was rendered with.

A new release, or a rollback, never serves the other code's pages; a cache that
lost its counters starts them past every stamp stored. Run against both the
embedded local-memory cache and Redis, the production cache.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from articles import services
from articles.models import Block
from tests.factories import page, published_story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_cache")]


@pytest.fixture
def story(editor):
    return published_story(editor)


def test_a_cache_that_lost_its_state_serves_no_old_page(client, editor, story):
    from pagecache.stamps import GENERATION_KEY, GO_LIVE_KEY

    def edit(words):
        # The state is evicted first, as Redis may do under memory pressure.
        cache.delete_many([GENERATION_KEY, GO_LIVE_KEY])
        Block.objects.filter(article=story).update(text_en=f"<p>{words}</p>")
        story.refresh_from_db()
        services.article_save(
            article=story, expected_version=story.version, user=editor
        )

    edit("Second words.")
    assert "Second words." in page(client, story).text
    edit("Third words.")
    assert "Third words." in page(client, story).text


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
    from pagecache.stamps import _code_digest, release

    settings.NEWSROOM_RELEASE = ""
    assert release() == _code_digest()
    settings.BASE_DIR = tmp_path
    # The template folders are a setting of their own, not found from BASE_DIR.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates"]}]
    template = tmp_path / "templates" / "base.html"
    template.parent.mkdir()
    template.write_text("<title>Newsroom</title>")
    before = _code_digest.__wrapped__()
    (tmp_path / "templates" / "notes.md").write_text("not rendered")
    assert _code_digest.__wrapped__() == before

    template.write_text("<title>Newsroom · 新闻编辑室</title>")

    assert _code_digest.__wrapped__() != before


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


def test_the_release_is_digested_from_the_projects_own_folders(settings):
    from pagecache.stamps import release_sources

    sources = release_sources()

    for folder in ("templates", "locale", "newsroom", "pagecache", "articles"):
        assert settings.BASE_DIR / folder in sources
    # A plain library the pages use (the reading time comes from bilingual/) too.
    assert settings.BASE_DIR / "bilingual" in sources
    assert settings.BASE_DIR / "tests" not in sources
    # Installed packages (Django's admin, axes…) are not the project's code.
    assert all(source.parent == settings.BASE_DIR for source in sources)


def test_the_generation_moves_on_when_the_earliest_schedule_comes(monkeypatch):
    """Whatever an app's schedule says (articles: a go-live time) is kept."""
    from pagecache import stamps

    soon = timezone.now() + timedelta(hours=1)
    monkeypatch.setattr(stamps, "_schedules", [])
    for moment in (None, soon + timedelta(days=1), soon):
        stamps.add_schedule(lambda moment=moment: moment)
    stamps.site_changed(schedule=True)
    before = stamps.site_generation()
    assert stamps.site_generation() == before

    with time_machine.travel(soon - timedelta(seconds=1)):
        assert stamps.site_generation() == before
    with time_machine.travel(soon + timedelta(seconds=1)):
        assert stamps.site_generation() > before


def test_a_named_release_still_tells_apart_pages_printed_for_another_site(settings):
    """A page kept from staging (a restored backup) prints staging's addresses."""
    from pagecache.stamps import release

    settings.NEWSROOM_RELEASE = "2026.12.03"
    settings.SITE_URL = "https://staging.example.com"
    staging = release()
    settings.SITE_URL = "https://news.example.com"

    assert release() != staging
    assert len(release()) == 16  # whatever the name's length: it fits a stored page
