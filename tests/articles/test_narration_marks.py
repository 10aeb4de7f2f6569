"""Where each pair starts in a narration: marked in the admin, followed on the page."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from articles.admin.marks import ClockField, format_clock
from articles.models import Block, Narration, StoredPage
from tests.factories import ArticleFactory, BlockFactory, narrate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def story():
    """A published story of three pairs of text and a photo, read in 30 seconds."""
    article = ArticleFactory(published=True)
    for position in (1, 2, 4):
        BlockFactory(article=article, position=position)
    BlockFactory(
        article=article, position=3, kind=Block.Kind.HEADING, text_en="Traffic"
    )
    return article


@pytest.fixture
def reader():
    """A reader without a session (the editor signs in on `client`)."""
    return Client()


@pytest.fixture
def narration(story):
    return narrate(story, fixture="tone-30s.mp3", duration_seconds=30)


def pairs(article):
    return {block.position: block for block in article.blocks.all()}


def marks_url(narration):
    return reverse("admin:articles_narration_marks", args=[narration.pk])


def post_marks(client, narration, times: dict[int, str]):
    """Post the marks page with `times` by pair position (others left empty)."""
    blocks = pairs(narration.article)
    data = {f"pair-{block.pk}": "" for block in blocks.values()}
    data.update({f"pair-{blocks[n].pk}": text for n, text in times.items()})
    return client.post(marks_url(narration), data)


# Reading and writing times


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("0:07", 7.0), ("1:05.5", 65.5), ("12:00.04", 720.0), ("65.25", 65.2)],
)
def test_times_are_read_as_minutes_and_seconds(text, seconds):
    assert ClockField(required=False).clean(text) == seconds


@pytest.mark.parametrize("text", ["1:5", "1:60", "-3", "a minute", "1:05:07", "1,5"])
def test_a_time_not_written_as_minutes_and_seconds_is_refused(text):
    with pytest.raises(ValidationError, match="minutes:seconds, for example 1:05.5"):
        ClockField(required=False).clean(text)


def test_marks_are_written_as_minutes_seconds_and_tenths():
    assert format_clock(0) == "0:00.0"
    assert format_clock(65.5) == "1:05.5"
    assert format_clock(3599.96) == "60:00.0"


# The admin page


def test_the_marks_page_lists_every_pair_of_text_with_its_time(
    editor_client, narration
):
    blocks = pairs(narration.article)
    narration.pair_marks = {str(blocks[2].pk): 7.5}
    narration.save()

    response = editor_client.get(marks_url(narration))

    assert response.status_code == 200
    html = response.text
    assert [int(n) for n in re.findall(r'<tr data-pair="(\d+)">', html)] == [1, 2, 3, 4]
    assert f'name="pair-{blocks[2].pk}" value="0:07.5"' in html
    assert f'<label class="visually-hidden" for="id_pair-{blocks[1].pk}">' in html
    assert 'src="/static/js/admin-narration-marks.js" defer></script>' in html
    assert "<script>" not in html and "style=" not in html


def test_the_narration_page_says_how_many_pairs_are_marked_and_links_there(
    editor_client, narration
):
    blocks = pairs(narration.article)
    narration.pair_marks = {str(blocks[1].pk): 0.0}
    narration.save()

    change = reverse("admin:articles_narration_change", args=[narration.pk])
    html = editor_client.get(change).text

    assert "1 of 4 pairs marked." in html
    assert f'href="{marks_url(narration)}"' in html


def test_saved_marks_are_kept_by_pair_in_seconds(editor_client, narration):
    response = post_marks(editor_client, narration, {1: "0:00", 2: "0:07.5", 4: "21"})

    assert response.status_code == 302
    blocks = pairs(narration.article)
    narration.refresh_from_db()
    assert narration.pair_marks == {
        str(blocks[1].pk): 0.0,
        str(blocks[2].pk): 7.5,
        str(blocks[4].pk): 21.0,
    }
    page = editor_client.get(response.url).text
    assert "The pair marks are saved." in page


def test_a_mark_left_empty_is_cleared(editor_client, narration):
    post_marks(editor_client, narration, {1: "0:00", 2: "0:07.5"})

    post_marks(editor_client, narration, {1: "0:00"})

    narration.refresh_from_db()
    assert list(narration.pair_marks.values()) == [0.0]


@pytest.mark.parametrize(
    ("times", "message"),
    [
        (
            {1: "0:00", 2: "0:30"},
            "Pair 2 cannot start at 0:30.0: the recording lasts 0:30.",
        ),
        (
            {1: "0:10", 2: "0:07.5"},
            "Pair 2 starts at 0:07.5, not after pair 1 (0:10.0): each pair must "
            "start after the one before it.",
        ),
        ({1: "0:10", 4: "0:10"}, "Pair 4 starts at 0:10.0, not after pair 1"),
        ({1: "0:00", 2: "7:5"}, "Write the time as minutes:seconds, for example"),
    ],
)
def test_bad_marks_are_refused_with_the_reason_and_change_nothing(
    editor_client, narration, times, message
):
    post_marks(editor_client, narration, {1: "0:01", 2: "0:02"})
    narration.refresh_from_db()
    before = narration.pair_marks

    response = post_marks(editor_client, narration, times)

    assert response.status_code == 200
    assert message in response.text
    assert "The marks were not saved" in response.text
    assert 'aria-invalid="true"' in response.text
    narration.refresh_from_db()
    assert narration.pair_marks == before


def test_the_voice_marks_pairs_and_a_reporter_may_not(client, user_in, narration):
    client.force_login(user_in("Voice"))
    assert client.get(marks_url(narration)).status_code == 200
    assert post_marks(client, narration, {1: "0:00"}).status_code == 302

    client.force_login(user_in("Reporter"))
    assert client.get(marks_url(narration)).status_code == 403
    response = post_marks(client, narration, {1: "0:05"})
    assert response.status_code == 403
    narration.refresh_from_db()
    assert list(narration.pair_marks.values()) == [0.0]


def test_a_narration_that_does_not_exist_is_not_found(editor_client):
    url = reverse("admin:articles_narration_marks", args=[999])
    assert editor_client.get(url).status_code == 404


# The article page


def test_the_player_carries_the_marks_by_pair_number_in_every_mode(
    reader, editor_client, narration
):
    post_marks(editor_client, narration, {1: "0:00", 3: "0:12.5", 4: "0:21"})
    slug = narration.article.slug

    for url, label in (
        (f"/en/articles/{slug}/", "Listen from pair %(number)s"),
        (f"/zh-hans/articles/{slug}/", "从第%(number)s对开始收听"),
        (f"/en/articles/{slug}/dual/", "Listen from pair %(number)s"),
    ):
        html = reader.get(url).text
        assert 'data-marks="1:0.0 3:12.5 4:21.0"' in html
        assert f'data-label-listen="{label}"' in html
        assert '<input type="checkbox" data-action="follow">' in html
        for position in (1, 3, 4):
            assert f'id="pair-{position}"' in html


def test_a_deleted_pair_is_no_longer_followed(reader, editor_client, narration):
    post_marks(editor_client, narration, {1: "0:00", 2: "0:07.5"})

    pairs(narration.article)[2].delete()

    html = reader.get(f"/en/articles/{narration.article.slug}/").text
    assert 'data-marks="1:0.0"' in html


def test_a_narration_without_marks_is_a_plain_player(reader, narration):
    html = reader.get(f"/en/articles/{narration.article.slug}/").text

    assert "data-player" in html
    assert "data-marks" not in html
    assert 'data-action="follow"' not in html


def test_new_marks_retire_the_stored_page(reader, editor_client, narration):
    url = f"/en/articles/{narration.article.slug}/"
    assert "data-marks" not in reader.get(url).text
    stored = StoredPage.objects.get(article=narration.article)

    post_marks(editor_client, narration, {1: "0:00", 2: "0:07.5"})

    html = reader.get(url).text
    assert 'data-marks="1:0.0 2:7.5"' in html
    assert StoredPage.objects.get(pk=stored.pk).stamp != stored.stamp

    post_marks(editor_client, narration, {1: "0:00", 2: "0:09"})
    assert 'data-marks="1:0.0 2:9.0"' in reader.get(url).text


def test_marks_are_followed_in_reading_order():
    article = ArticleFactory()
    late = BlockFactory(article=article, position=2)
    early = BlockFactory(article=article, position=1)
    narration = Narration(
        article=article, pair_marks={str(late.pk): 5, str(early.pk): 0}
    )

    assert narration.marked_pairs() == [(early, 0), (late, 5)]
    assert narration.pair_starts() == "1:0 2:5"
