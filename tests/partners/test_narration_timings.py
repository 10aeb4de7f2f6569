"""The narration's pair timings in the partner API: valid ninjs 2.1, as documented."""

import pytest

from articles.models import Narration

from .conftest import SITE, make_story
from .test_openapi import check, document  # noqa: F401 - `document` is a fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    """The partners' story with its first two pairs marked in its 185 s reading."""
    article = make_story(slug="bridge-opens")
    first, heading = article.blocks.order_by("position")[:2]
    narration = Narration.objects.get(article=article)
    narration.pair_marks = {str(first.pk): 0.0, str(heading.pk): 12.5}
    narration.save()
    return article


def audio_of(item: dict, language: str) -> dict:
    (language_item,) = (a for a in item["associations"] if a["name"] == language)
    (audio,) = (a for a in language_item["associations"] if a["type"] == "audio")
    return audio


def test_each_marked_pair_says_where_the_narration_reads_it(api, story):
    item = api(f"/api/v1/articles/{story.pk}/").json()
    audio = audio_of(item, "en")
    href = audio["renditions"][0]["href"]
    uri = f"{SITE}/api/v1/articles/{story.pk}/"

    assert audio["associations"] == [
        {
            "name": "pair-1",
            "uri": f"{uri}#pair-1",
            "type": "component",
            "renditions": [
                {
                    "name": "narration",
                    "href": f"{href}#t=0,12.5",
                    "duration": 12.5,
                    "contenttype": "audio/mpeg",
                }
            ],
        },
        {
            "name": "pair-2",
            "uri": f"{uri}#pair-2",
            "type": "component",
            "renditions": [
                {
                    "name": "narration",
                    "href": f"{href}#t=12.5,185",
                    "duration": 172.5,
                    "contenttype": "audio/mpeg",
                }
            ],
        },
    ]
    assert audio_of(item, "zh-Hans")["associations"] == audio["associations"]
    # The names and addresses are those of the pairs in `pairs`.
    pairs = next(a for a in item["associations"] if a["name"] == "pairs")
    named = {pair["name"]: pair["uri"] for pair in pairs["associations"]}
    assert all(named[start["name"]] == start["uri"] for start in audio["associations"])


def test_a_recording_of_unknown_length_gives_the_last_start_alone(api, story):
    Narration.objects.filter(article=story).update(duration_seconds=None)

    audio = audio_of(api(f"/api/v1/articles/{story.pk}/").json(), "en")

    last = audio["associations"][-1]["renditions"][0]
    assert last["href"].endswith("#t=12.5")
    assert "duration" not in last


def test_a_narration_without_marks_has_no_timings(api, story):
    Narration.objects.filter(article=story).update(pair_marks={})

    audio = audio_of(api(f"/api/v1/articles/{story.pk}/").json(), "en")

    assert "associations" not in audio


def test_timings_match_the_openapi_document(api, story, document):  # noqa: F811
    check(document, api(f"/api/v1/articles/{story.pk}/"), "/articles/{id}/", 200)
    schema = document["components"]["schemas"]
    assert "W3C Media Fragment" in schema["PairStart"]["description"]
    assert schema["Audio"]["properties"]["associations"]["items"] == {
        "$ref": "#/components/schemas/PairStart"
    }


def test_the_narration_on_its_own_carries_its_timings(api, story, document):  # noqa: F811
    narration = story.narrations.get()
    response = api(f"/api/v1/narrations/{narration.pk}")

    check(document, response, "/narrations/{id}", 200)
    starts = response.json()["associations"]
    assert [start["name"] for start in starts] == ["pair-1", "pair-2"]
    assert starts[1]["renditions"][0]["href"].endswith("#t=12.5,185")
