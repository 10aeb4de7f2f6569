"""An article's page is rendered once and kept with the article (articles/rendering.py).

With no cache anywhere (DummyCache for every alias), a reader is served the stored
page in a fixed, small number of queries; anything the page shows changing (an
edit, a renamed person, a recaptioned photo, a new rendition, a restore, a new
release…) shows on the very next request. Runs on SQLite and PostgreSQL.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from articles import services
from articles.media.images import clean_upload, photo_make_renditions
from articles.models import Article, Block, Correction, Photo, StoredPage
from articles.revisions import article_versions
from staffcredits.models import CreditRole
from tests.articles.test_photos import jpeg, make_photo
from tests.articles.test_views import RENDERED_BUDGET, grow
from tests.factories import (
    ArticleCreditFactory,
    ArticleFactory,
    BlockFactory,
    SectionFactory,
    StaffMemberFactory,
    committed,
    narrate,
    published_story,
)

pytestmark = pytest.mark.django_db

# Served from the stored page with nothing cached: one query, the article with
# its stored page and the site's generation; the budget is four.
NOTHING_CACHED_BUDGET = 4


@pytest.fixture(autouse=True)
def nothing_cached(settings):
    """No cache anywhere; the page cache switched on, with nowhere to keep pages."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def story(editor):
    """A published story showing a bit of everything a page can show."""
    article = published_story(editor)
    hero = make_photo(caption_en="The ferry at dawn.")
    hero.photographers.add(StaffMemberFactory(name_en="Li Lens"))
    body_photo = make_photo(caption_en="The harbour wall.")
    photo_block = Block(article=article, kind=Block.Kind.PHOTO, photo=body_photo)
    services.article_set_blocks(
        article=article, blocks=[*article.blocks.all(), photo_block]
    )
    ArticleCreditFactory(article=article, member=StaffMemberFactory(name_en="Ann Pen"))
    narrate(article, voice=StaffMemberFactory(name_en="Vic Voice"))
    ArticleCreditFactory(
        article=article,
        role=CreditRole.objects.get(code="voice"),
        member=StaffMemberFactory(name_en="Credited Voice"),
    )
    Correction.objects.create(article=article, note_en="An earlier date was wrong.")
    Article.objects.filter(pk=article.pk).update(
        hero_photo=hero, section=SectionFactory(name_en="Harbour")
    )
    return Article.objects.get(pk=article.pk)


def read(client, article, mode="dual/") -> str:
    response = client.get(f"/en/articles/{article.slug}/{mode}")
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("mode", ["", "dual/"])
def test_nothing_cached_a_page_is_served_in_four_queries_however_long(
    client, story, mode, django_assert_max_num_queries
):
    # Rendered and stored with the article; its aside takes two more queries (the
    # section's newest stories, and when its next scheduled one goes public).
    with django_assert_max_num_queries(RENDERED_BUDGET + 2) as first:
        read(client, story, mode)
    with django_assert_max_num_queries(NOTHING_CACHED_BUDGET):
        read(client, story, mode)

    grow(story, pairs=36, photos=5, credits=8, corrections=2)
    with django_assert_max_num_queries(len(first.captured_queries)):
        html = read(client, story, mode)
    with django_assert_max_num_queries(NOTHING_CACHED_BUDGET) as served:
        assert read(client, story, mode) == html

    assert html.count('<div class="pair" id="pair-') == 37
    assert html.count('<div class="correction">') == 3
    # No go-live look-up: with no cache there is no stored page to retire.
    assert not any("MIN(" in q["sql"] for q in served.captured_queries)


def _rename(model, **fields):
    def change(story):
        for instance in model(story):
            for name, value in fields.items():
                setattr(instance, name, value)
            instance.save()

    return change


def _edit_pair(story):
    block = Block.objects.filter(article=story).order_by("position").first()
    block.text_en = "<p>Second words.</p>"
    block.save()


def _photographer_added_from_their_side(story):
    StaffMemberFactory(name_en="Second Shooter").photos.add(story.hero_photo)


CHANGES = {
    "pair edited": (_edit_pair, "Second words."),
    "reporter renamed": (
        _rename(
            lambda s: [s.credits.get(member__name_en="Ann Pen").member],
            name_en="Ann Ink",
        ),
        "Ann Ink",
    ),
    "reporter given a Chinese name": (
        _rename(
            lambda s: [s.credits.get(member__name_en="Ann Pen").member],
            name_zh_hans="安笔",
        ),
        'Ann Pen <span lang="zh-Hans">安笔</span>',
    ),
    "reporter given a note": (
        _rename(
            lambda s: [s.credits.get(member__name_en="Ann Pen").member],
            note_zh_hans="英国",
        ),
        "（英国）",
    ),
    "translator credited": (
        lambda s: ArticleCreditFactory(
            article=s,
            role=CreditRole.objects.get(code="translator"),
            member=StaffMemberFactory(name_en="Tran Slater"),
        ),
        "Translated by <a",
    ),
    "narrator renamed": (
        _rename(lambda s: [s.narrations.get().voice], name_en="Val Voice"),
        "Val Voice",
    ),
    "photographer renamed": (
        _rename(lambda s: s.hero_photo.photographers.all(), name_en="Li Lensman"),
        "Li Lensman",
    ),
    "photographer added": (_photographer_added_from_their_side, "Second Shooter"),
    "hero recaptioned": (
        _rename(lambda s: [s.hero_photo], caption_en="The ferry at dusk."),
        "The ferry at dusk.",
    ),
    "body photo recaptioned": (
        _rename(
            lambda s: [s.blocks.get(kind=Block.Kind.PHOTO).photo],
            caption_en="The old harbour wall.",
        ),
        "The old harbour wall.",
    ),
    "role renamed": (
        _rename(lambda s: [CreditRole.objects.get(code="reporter")], label_en="Writer"),
        "Writer",
    ),
    "voice role renamed": (
        _rename(lambda s: [CreditRole.objects.get(code="voice")], label_en="Narrator"),
        "Narrator",
    ),
    "section renamed": (
        _rename(lambda s: [s.section], name_en="Port"),
        ">Port<",
    ),
    "publication line changed": (
        _rename(lambda s: [s.publication], rights_notice_en="Some rights reserved."),
        "Some rights reserved.",
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_to_anything_a_page_shows_shows_at_once(client, story, change):
    make, expected = CHANGES[change]
    assert expected not in read(client, story)
    assert StoredPage.objects.filter(article=story).exists()

    make(story)

    assert expected in read(client, story)


def test_a_new_rendition_shows_at_once(client, story):
    """Renditions are written after the photo is saved, in a save of their own."""
    photo = Photo(image=clean_upload(ContentFile(jpeg(1600, 900), name="new.jpg")))
    photo.save()
    Article.objects.filter(pk=story.pk).update(hero_photo=photo)
    services.article_save(
        article=Article.objects.get(pk=story.pk), expected_version=story.version
    )
    assert "srcset" not in read(client, story).split("article__header", 1)[1][:3000]

    photo_make_renditions(photo)

    header = read(client, story).split("article__header", 1)[1][:3000]
    assert "srcset" in header


def test_a_photographer_taken_off_the_photo_goes_at_once(client, story):
    assert "Li Lens" in read(client, story)

    story.hero_photo.photographers.clear()

    assert "Li Lens" not in read(client, story)


def test_a_correction_and_a_restore_show_at_once(client, editor, story):
    services.article_record_revision(article=story, user=editor)
    first = article_versions(story).first()
    _edit_pair(story)
    services.article_correct(
        article=story, user=editor, note_en="A name was misspelt.", note_zh_hans=""
    )
    html = read(client, story)
    assert "Second words." in html and "A name was misspelt." in html

    services.article_restore(
        article=Article.objects.get(pk=story.pk), user=editor, version_id=first.pk
    )

    assert "Second words." not in read(client, story)
    assert "First words." in read(client, story)


def test_a_new_release_renders_the_page_again(client, story, settings):
    """A deploy changes templates without touching the data: the release says so."""
    settings.NEWSROOM_RELEASE = "one"
    read(client, story)
    Block.objects.filter(article=story).update(text_en="<p>New layout.</p>")
    assert "New layout." not in read(client, story)  # same release: stored page

    settings.NEWSROOM_RELEASE = "two"

    assert "New layout." in read(client, story)


def test_a_change_rolled_back_keeps_the_stored_page(
    client, story, django_assert_max_num_queries
):
    html = read(client, story)

    with pytest.raises(RuntimeError), transaction.atomic():
        _edit_pair(story)
        raise RuntimeError("the save failed")

    with django_assert_max_num_queries(NOTHING_CACHED_BUDGET):
        assert read(client, story) == html


def test_a_stored_page_is_one_per_language_and_mode(client, story):
    for address in ("", "dual/"):
        read(client, story, address)
        read(client, story, address)
    client.get(f"/zh-hans/articles/{story.slug}/")

    stored = StoredPage.objects.filter(article=story)
    assert sorted(stored.values_list("language", "mode")) == [
        ("en", "dual"),
        ("en", "single"),
        ("zh-hans", "single"),
    ]
    chinese = stored.get(language="zh-hans").html
    assert 'lang="zh-Hans"' in chinese[:200]


def _aside(html: str) -> str:
    return html[html.index('class="more-in-section"') :]


def test_a_story_published_next_door_joins_the_aside_without_a_render(
    client, editor, story, django_assert_max_num_queries
):
    neighbour = ArticleFactory(
        status=Article.Status.APPROVED, section=story.section, title_en="Next door"
    )
    BlockFactory(article=neighbour)
    read(client, story)
    with committed():  # the workflow's events follow the commit
        services.article_publish(article=neighbour, user=editor)

    with django_assert_max_num_queries(NOTHING_CACHED_BUDGET + 3) as queries:
        html = read(client, story)

    assert "Next door" in _aside(html)
    assert not any("articles_block" in query["sql"] for query in queries)
    # Only the aside's columns are written again, not the page's HTML.
    writes = [
        q["sql"] for q in queries if q["sql"].startswith('UPDATE "articles_storedpage"')
    ]
    assert writes and all('"html"' not in sql for sql in writes)


def test_a_scheduled_story_joins_the_aside_when_its_time_comes(client, editor, story):
    """No one writes anything at go-live: the aside knows until when it holds."""
    neighbour = ArticleFactory(
        status=Article.Status.APPROVED, section=story.section, title_en="Tomorrow"
    )
    BlockFactory(article=neighbour)
    at = timezone.now() + timedelta(hours=2)
    services.article_publish(article=neighbour, user=editor, publish_at=at)
    read(client, story)
    assert "Tomorrow" not in read(client, story)

    with time_machine.travel(at + timedelta(minutes=1)):
        assert "Tomorrow" in _aside(read(client, story))


def test_an_unpublished_neighbour_leaves_the_aside_at_once(client, editor, story):
    neighbour = ArticleFactory(
        status=Article.Status.APPROVED, section=story.section, title_en="Withdrawn"
    )
    BlockFactory(article=neighbour)
    services.article_publish(article=neighbour, user=editor)
    assert "Withdrawn" in _aside(read(client, story))

    with committed():
        services.article_unpublish(
            article=Article.objects.get(pk=neighbour.pk), user=editor, comment="Legal."
        )

    assert "Withdrawn" not in read(client, story)


def test_the_page_query_finds_exactly_what_published_finds(editor):
    """PUBLIC_PAGE_SQL says in SQL what ArticleQuerySet.published() says."""
    from articles.rendering import find_public

    now = timezone.now()
    Status = Article.Status
    for status, publish_at in [
        (Status.DRAFT, None),
        (Status.IN_REVIEW, None),
        (Status.APPROVED, None),
        (Status.PUBLISHED, None),
        (Status.PUBLISHED, now - timedelta(minutes=1)),
        (Status.PUBLISHED, now + timedelta(minutes=1)),
        (Status.UNPUBLISHED, now - timedelta(days=1)),
    ]:
        ArticleFactory(status=status, publish_at=publish_at)

    for moment in (now, now + timedelta(minutes=2)):
        with time_machine.travel(moment):
            public = set(Article.objects.published().values_list("slug", flat=True))
            found = {
                article.slug
                for article in Article.objects.all()
                if find_public(article.slug, "en", "dual") is not None
            }
            assert found == public
            assert len(public) == (2 if moment == now else 3)


def test_a_page_rendered_for_an_editor_is_the_one_a_reader_gets(client, editor, story):
    """Signed-in requests store pages too: nothing of the editor may be in them."""
    client.force_login(editor)
    for_the_editor = read(client, story)
    client.logout()
    client.cookies.clear()

    assert StoredPage.objects.filter(article=story).exists()
    for_a_reader = read(client, story)
    StoredPage.objects.all().delete()
    assert read(client, story) == for_a_reader == for_the_editor
