"""Narration: uploads checked by their content, and the player on the article page."""

import io
import random
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.media.audio import format_duration
from articles.models import Narration
from tests.factories import (
    AUDIO,
    ArticleFactory,
    BlockFactory,
    StaffMemberFactory,
    narrate,
)

pytestmark = pytest.mark.django_db

ADD_URL = "admin:articles_narration_add"
NOT_AUDIO = "This file is not MP3, M4A or OGG audio."


def audio_bytes(name: str) -> bytes:
    return (AUDIO / name).read_bytes()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def curwen():
    return StaffMemberFactory(name_en="Benjamin Curwen", note_zh_hans="英国")


def upload(client, article, name, content, *, voice=None, language="en", **extra):
    return client.post(
        reverse(ADD_URL),
        {
            "article": article.pk,
            "audio": SimpleUploadedFile(name, content, **extra),
            "language": language,
            "voice": voice.pk if voice else "",
        },
    )


def stored_files(media):
    return [path for path in media.rglob("*") if path.is_file()]


@pytest.mark.parametrize(
    ("fixture", "seconds", "mime_type", "extension"),
    [
        ("tone-3s.mp3", 3, "audio/mpeg", ".mp3"),
        ("tone-4s.m4a", 4, "audio/mp4", ".m4a"),
        ("tone-5s.ogg", 5, "audio/ogg", ".ogg"),
        ("tone-opus-2s.ogg", 2, "audio/ogg", ".ogg"),
    ],
)
def test_upload_reads_duration_type_and_size_from_the_file(
    editor_client, media, curwen, fixture, seconds, mime_type, extension
):
    content = audio_bytes(fixture)

    response = upload(editor_client, ArticleFactory(), fixture, content, voice=curwen)

    assert response.status_code == 302, response.content.decode()[-3000:]
    narration = Narration.objects.get()
    assert narration.duration_seconds == seconds
    assert narration.mime_type == mime_type
    assert narration.size_bytes == len(content)
    assert narration.voice == curwen
    assert re.fullmatch(
        rf"narration/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}{extension}", narration.audio.name
    )
    assert (media / narration.audio.name).read_bytes() == content


def test_the_content_decides_not_the_name_or_the_browser_label(editor_client):
    content = audio_bytes("tone-3s.mp3")

    upload(
        editor_client,
        ArticleFactory(),
        "../../etc/my narration.ogg",
        content,
        content_type="audio/ogg",
    )

    narration = Narration.objects.get()
    assert narration.mime_type == "audio/mpeg"
    assert narration.audio.name.endswith(".mp3")
    assert "narration.ogg" not in narration.audio.name


def test_two_uploads_of_one_file_get_different_names(editor_client):
    article = ArticleFactory()
    for _ in range(2):
        upload(editor_client, article, "voice.mp3", audio_bytes("tone-3s.mp3"))

    names = [narration.audio.name for narration in Narration.objects.all()]
    assert len(set(names)) == 2


def cut(name: str) -> bytes:
    content = audio_bytes(name)
    return content[: len(content) // 2]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.mp3", png_bytes(), NOT_AUDIO),
        ("tone.mp3", audio_bytes("tone-1s.wav"), NOT_AUDIO),
        ("noise.ogg", random.Random(7).randbytes(6000), NOT_AUDIO),
        ("notes.m4a", "Voice丨Benjamin Curwen\n".encode() * 50, NOT_AUDIO),
        (
            "clip.m4a",
            audio_bytes("clip-with-video.mp4"),
            "This file contains video. Upload the sound only, as MP3, M4A or OGG.",
        ),
        (
            "half.mp3",
            cut("tone-3s.mp3"),
            "This file starts like MP3 audio but is damaged or incomplete.",
        ),
        (
            "half.m4a",
            cut("tone-4s.m4a"),
            "This file starts like M4A audio but is damaged or incomplete.",
        ),
        (
            "half.ogg",
            cut("tone-5s.ogg"),
            "This file starts like OGG audio but is damaged or incomplete.",
        ),
    ],
    ids=["png", "wav", "random", "text", "video", "cut-mp3", "cut-m4a", "cut-ogg"],
)
def test_a_file_readers_could_not_play_is_refused_and_nothing_is_stored(
    editor_client, media, name, content, message
):
    response = upload(editor_client, ArticleFactory(), name, content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Narration.objects.exists()
    assert stored_files(media) == []


def test_a_file_over_the_size_limit_is_refused(editor_client, media, settings):
    settings.NEWSROOM_MAX_AUDIO_BYTES = 10_000

    response = upload(
        editor_client, ArticleFactory(), "tone.mp3", audio_bytes("tone-3s.mp3")
    )

    assert "This file is 12.2\xa0KB; a narration may be at most 9.8\xa0KB." in (
        response.content.decode()
    )
    assert not Narration.objects.exists()
    assert stored_files(media) == []


def test_a_recording_over_the_duration_limit_is_refused(editor_client, settings):
    settings.NEWSROOM_MAX_AUDIO_SECONDS = 4

    response = upload(
        editor_client, ArticleFactory(), "tone.ogg", audio_bytes("tone-5s.ogg")
    )

    assert "This recording lasts 0:05; a narration may last at most 0:04." in (
        response.content.decode()
    )
    assert not Narration.objects.exists()


def test_admin_shows_the_facts_read_from_the_file(editor_client, curwen):
    article = ArticleFactory(title_en="Zhengzhou rising")
    upload(editor_client, article, "tone.mp3", audio_bytes("tone-3s.mp3"), voice=curwen)
    narration = Narration.objects.get()

    listing = editor_client.get(reverse("admin:articles_narration_changelist"))
    change = editor_client.get(
        reverse("admin:articles_narration_change", args=[narration.pk])
    )

    row = re.search(r"<tr>.*?</tr>", listing.content.decode().split("<tbody>")[1], re.S)
    assert "0:03" in row.group() and "Benjamin Curwen" in row.group()
    page = change.content.decode()
    readonly = re.findall(r'<div class="readonly">(.*?)</div>', page)
    marks = reverse("admin:articles_narration_marks", args=[narration.pk])
    assert readonly == [
        "0:03",
        "audio/mpeg",
        "12.2\xa0KB",
        f'0 of 0 pairs marked. <a href="{marks}">Mark where each pair starts</a>',
    ]


def test_the_add_page_asks_only_for_what_a_person_knows(editor_client):
    page = editor_client.get(reverse(ADD_URL)).content.decode()

    assert 'name="audio"' in page
    assert 'accept=".mp3,.m4a,.ogg' in page
    assert 'name="duration_seconds"' not in page
    assert 'name="mime_type"' not in page


def test_a_reporter_may_not_upload_narrations(client, user_in):
    client.force_login(user_in("Reporter"))

    assert client.get(reverse(ADD_URL)).status_code == 403
    response = upload(client, ArticleFactory(), "tone.mp3", audio_bytes("tone-3s.mp3"))
    assert response.status_code == 403
    assert not Narration.objects.exists()


def test_the_voice_uploads_a_narration(client, user_in, curwen):
    client.force_login(user_in("Voice"))

    assert client.get(reverse(ADD_URL)).status_code == 200
    response = upload(
        client, ArticleFactory(), "tone.m4a", audio_bytes("tone-4s.m4a"), voice=curwen
    )
    assert response.status_code == 302
    assert Narration.objects.get().duration_seconds == 4


# The article page


@pytest.fixture
def story():
    article = ArticleFactory(published=True)
    BlockFactory(article=article, position=1)
    return article


def page(client, url):
    return client.get(url).content.decode()


def narration_html(html):
    """Return the narration section of a page."""
    start = html.find('<section class="narrations"')
    return html[start : html.index("</section>", start) + len("</section>")]


def test_the_article_page_offers_the_narration_with_labelled_controls(
    client, story, curwen
):
    narration = narrate(story, voice=curwen)

    html = page(client, f"/en/articles/{story.slug}/")
    player = narration_html(html)

    assert '<audio class="player__audio" controls preload="metadata">' in player
    assert f'<source src="{narration.audio.url}" type="audio/mpeg">' in player
    assert "autoplay" not in html
    for label in (
        'aria-label="Play the narration"',
        'data-label-pause="Pause the narration"',
        'aria-label="Back 15 seconds"',
        'aria-label="Forward 15 seconds"',
        'aria-label="Position in the narration"',
        "<span>Speed</span>",
    ):
        assert label in player
    assert 'src="/static/js/player.js" defer></script>' in html


def test_the_player_needs_no_inline_script_style_or_handler(client, story, curwen):
    narrate(story, voice=curwen)

    player = narration_html(page(client, f"/en/articles/{story.slug}/"))

    assert "<script" not in player
    assert "style=" not in player
    assert not re.search(r"\son[a-z]+=", player)


def test_the_voice_is_credited_next_to_the_player_in_each_language(
    client, story, curwen
):
    narrate(story, voice=curwen)

    english = narration_html(page(client, f"/en/articles/{story.slug}/"))
    chinese = narration_html(page(client, f"/zh-hans/articles/{story.slug}/"))
    dual = narration_html(page(client, f"/zh-hans/articles/{story.slug}/dual/"))

    # `lang` only where the text's language is not the page's.
    role = '<span class="role">{}</span>'
    name = '<a href="{}"{}>Benjamin Curwen</a>'
    # The desk's bar is seen, not read out (as a stray ideograph in English).
    bar = '<span aria-hidden="true">丨</span>'
    assert (
        role.format("Voice") + bar + name.format(f"/en/staff/{curwen.slug}/", "")
        in english
    )
    assert (
        role.format("配音")
        + bar
        + name.format(f"/zh-hans/staff/{curwen.slug}/", ' lang="en"')
        in chinese
    )
    # Both languages' names of the role, the page's first, as names are.
    both = '<span class="role" lang="en">Voice <span lang="zh-Hans">配音</span></span>'
    assert both + bar in dual


def test_the_page_says_which_language_is_read_and_where_the_transcript_is(
    client, story
):
    narrate(story, language="en")

    english = narration_html(page(client, f"/en/articles/{story.slug}/"))
    dual = narration_html(page(client, f"/en/articles/{story.slug}/dual/"))
    chinese_page = narration_html(page(client, f"/zh-hans/articles/{story.slug}/"))

    assert "Read aloud in English." in english
    assert "It follows the text below, which is its transcript." in english
    assert "It follows the paired text below, which is its transcript." in dual
    # The Chinese page does not carry the English text the narration reads.
    assert f'href="/zh-hans/articles/{story.slug}/dual/"' in chinese_page


def test_an_article_without_narration_has_no_player(client, story):
    html = client.get(f"/en/articles/{story.slug}/").content.decode()

    assert "<audio" not in html
    assert "player.js" not in html
    assert 'class="narrations"' not in html


def test_long_narrations_show_hours_in_the_admin():
    assert format_duration(3725) == "1:02:05"
    assert format_duration(59) == "0:59"
