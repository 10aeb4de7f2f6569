"""The partner content API: tokens, ninjs, incremental sync, limits."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles import services
from articles.models import Article, Block
from partners.models import ApiToken, token_digest
from tests.factories import ArticleFactory, BlockFactory

from .conftest import SITE, make_story

pytestmark = pytest.mark.django_db

LIST = "/api/v1/articles/"


def detail(article) -> str:
    return f"/api/v1/articles/{article.pk}/"


def association(item, name):
    return next(a for a in item["associations"] if a["name"] == name)


def ids(items) -> list[int]:
    return [int(item["altids"][0]["value"]) for item in items]


def sync(api, **params) -> list[dict]:
    """Follow `next` to the end, as a partner's sync job does."""
    items, page = [], api(LIST, **params).json()
    items += page["items"]
    while page["next"]:
        assert page["next"].startswith(f"{SITE}/api/v1/articles/?")
        page = api(page["next"].removeprefix(SITE)).json()
        items += page["items"]
    return items


# Tokens


def test_no_token_no_content(client, story):
    for headers in ({}, {"Authorization": "Bearer nrt_wrong"}, {"Authorization": "x"}):
        response = client.get(LIST, headers=headers)
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert response.json()["error"]["code"] == "unauthorized"
        assert "items" not in response.json()


def test_a_revoked_token_stops_working(api, token):
    assert api(LIST).status_code == 200
    ApiToken.objects.update(is_active=False)
    assert api(LIST).status_code == 401


def test_create_api_token_prints_a_token_that_only_exists_hashed(client, capsys):
    call_command("create_api_token", "Zhengzhou Evening")
    raw = capsys.readouterr().out.strip()

    stored = ApiToken.objects.get()
    assert stored.name == "Zhengzhou Evening"
    assert stored.token_hash == token_digest(raw) != raw
    assert raw.startswith(stored.prefix) and len(stored.prefix) < len(raw) // 2
    response = client.get(LIST, headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_the_admin_shows_a_new_token_once(editor_client, client):
    response = editor_client.post(
        "/admin/partners/apitoken/add/",
        {"name": "Henan Radio app", "rate_limit_per_minute": 60, "is_active": "on"},
        follow=True,
    )
    message = next(str(m) for m in response.context["messages"])
    raw = next(word for word in message.split() if word.startswith("nrt_"))
    stored = ApiToken.objects.get()
    assert stored.created_by.username == "managing"
    assert raw not in stored.token_hash
    assert client.get(LIST, headers={"Authorization": f"Bearer {raw}"}).status_code == (
        200
    )
    page = editor_client.get(f"/admin/partners/apitoken/{stored.pk}/change/")
    assert raw not in page.content.decode()


# What a partner gets


def test_an_article_is_a_ninjs_package_of_both_languages(api, story):
    item = api(detail(story)).json()

    assert item["uri"] == f"{SITE}/api/v1/articles/{story.pk}/"
    assert item["standard"]["version"] == "2.1"
    assert item["pubstatus"] == "usable"
    assert item["version"] == str(story.version)
    english, chinese = association(item, "en"), association(item, "zh-Hans")
    assert english["language"] == "en" and chinese["language"] == "zh-Hans"
    assert english["headlines"][0]["value"] == "A bridge opens"
    assert chinese["headlines"][0]["value"] == "新桥通车"
    assert "<strong>opened</strong>" in english["bodies"][0]["value"]
    assert "大桥今天<strong>通车</strong>。" in chinese["bodies"][0]["value"]
    assert "通车" not in english["bodies"][0]["value"]
    assert chinese["descriptions"][0] == {
        "role": "summary",
        "contenttype": "text/plain",
        "value": "河上有了新的通道。",
    }
    assert english["renditions"][0]["href"] == f"{SITE}/en/articles/bridge-opens/"


def test_credits_are_people_with_roles_in_each_language(api, story):
    item = api(detail(story)).json()
    english, chinese = association(item, "en"), association(item, "zh-Hans")

    assert [(p["name"], p["rel"]) for p in english["people"]] == [
        ("Li Hua", "reporter"),
        ("Ma Jian", "photographer"),
        ("Benjamin Curwen", "voice"),
    ]
    # A name with no Chinese form keeps its pinyin, as on the page.
    assert [p["name"] for p in chinese["people"]] == ["李华", "马健", "Benjamin Curwen"]
    assert english["by"] == "Li Hua" and chinese["by"] == "李华"
    assert english["people"][0]["uri"] == f"{SITE}/en/staff/li-hua/"


def test_the_feature_picture_has_renditions_captions_and_credit(api, story):
    item = api(detail(story)).json()
    english = association(association(item, "en"), "featureimage")
    chinese = association(association(item, "zh-Hans"), "featureimage")

    assert english["type"] == "picture" and english["uri"] == chinese["uri"]
    assert english["descriptions"][0]["value"] == "The new bridge at dusk."
    assert chinese["descriptions"][0]["value"] == "黄昏时的新桥。"
    assert chinese["people"] == [
        {
            "name": "马健",
            "rel": "photographer",
            "uri": f"{SITE}/zh-hans/staff/ma-jian/",
            "literal": "ma-jian",
        }
    ]
    sizes = {r["name"]: (r["contenttype"], r["width"]) for r in english["renditions"]}
    assert sizes == {
        "original": ("image/jpeg", 1600),
        "jpeg-960": ("image/jpeg", 960),
        "webp-960": ("image/webp", 960),
    }
    assert english["renditions"][2]["href"] == f"{SITE}/media/r/b-960.webp"


def test_the_narration_is_an_associated_audio_item(api, story):
    audio = association(association(api(detail(story)).json(), "en"), "audio")

    assert audio["type"] == "audio"
    assert "language" not in audio  # read in both languages
    assert audio["by"] == "Benjamin Curwen"
    assert audio["people"][0]["rel"] == "voice"
    (rendition,) = audio["renditions"]
    assert rendition["contenttype"] == "audio/mpeg"
    assert rendition["duration"] == 185 and rendition["sizeinbytes"] == 48_000
    assert rendition["href"].startswith(f"{SITE}/media/narration/")


def test_pairs_come_as_structured_components(api, story):
    pairs = association(api(detail(story)).json(), "pairs")["associations"]

    assert [(p["name"], p["profile"]) for p in pairs] == [
        ("pair-1", "paragraph"),
        ("pair-2", "heading"),
        ("pair-3", "photo"),
    ]
    first = {side["name"]: side for side in pairs[0]["associations"]}
    assert first["en"]["bodies"][0]["value"] == (
        "<p>The bridge <strong>opened</strong> today.</p>"
    )
    assert first["zh-Hans"]["language"] == "zh-Hans"
    assert (
        first["zh-Hans"]["bodies"][0]["value"]
        == "<p>大桥今天<strong>通车</strong>。</p>"
    )
    heading = {side["name"]: side for side in pairs[1]["associations"]}
    assert heading["zh-Hans"]["bodies"][0] == {
        "role": "heading",
        "contenttype": "text/html",
        "value": "<h2>交通</h2>",
    }
    photo = {side["name"]: side for side in pairs[2]["associations"]}
    assert photo["zh-Hans"]["type"] == "picture"
    assert photo["zh-Hans"]["descriptions"][0]["value"] == "黄昏时的新桥。"


def test_the_chinese_photo_credit_is_written_the_chinese_way(api, story):
    body = association(api(detail(story)).json(), "zh-Hans")["bodies"][0]["value"]
    assert '<p class="credit">摄影：马健</p>' in body


def test_only_published_articles_are_served(api, story):
    draft = ArticleFactory(status=Article.Status.APPROVED)
    scheduled = ArticleFactory(
        published=True, publish_at=timezone.now() + timedelta(hours=2)
    )
    unpublished = ArticleFactory(
        status=Article.Status.UNPUBLISHED, first_published_at=timezone.now()
    )

    assert ids(sync(api)) == [story.pk]
    for hidden in (draft, scheduled, unpublished):
        response = api(detail(hidden))
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


# Incremental sync


def test_paging_through_misses_nothing_and_repeats_nothing(api):
    articles = [ArticleFactory(published=True) for _ in range(7)]

    first = api(LIST, limit=3).json()
    assert len(first["items"]) == 3 and first["next"]
    # The desk publishes while the partner is paging.
    articles.append(ArticleFactory(published=True))
    seen = sync(api, limit=3)

    assert sorted(ids(seen)) == sorted(a.pk for a in articles)
    assert len(ids(seen)) == len(set(ids(seen)))


def test_updated_since_returns_only_what_changed(api):
    with time_machine.travel(datetime(2025, 3, 1, 8, tzinfo=UTC)):
        old = ArticleFactory(published=True)
    with time_machine.travel(datetime(2025, 3, 2, 8, tzinfo=UTC)):
        new = ArticleFactory(published=True)

    assert ids(sync(api, updated_since="2025-03-02T00:00:00Z")) == [new.pk]
    assert ids(sync(api, updated_since="2025-03-02T08:00:00+08:00")) == [new.pk]
    assert ids(sync(api)) == [old.pk, new.pk]


def test_an_old_draft_published_later_reaches_an_incremental_sync(api, editor):
    """Publishing does not save the row; the sync must still see it."""
    with time_machine.travel(datetime(2025, 3, 1, 8, tzinfo=UTC)):
        article = ArticleFactory(status=Article.Status.APPROVED)
        BlockFactory(article=article)
    last_sync = "2025-03-02T00:00:00Z"
    with time_machine.travel(datetime(2025, 3, 3, 8, tzinfo=UTC)):
        services.article_publish(article=article, user=editor)

    (item,) = sync(api, updated_since=last_sync)
    assert item["uri"].endswith(f"/{article.pk}/")
    assert item["versioncreated"].startswith("2025-03-03T08:00")


def test_a_scheduled_article_reaches_a_sync_once_it_goes_live(api, editor):
    article = ArticleFactory(status=Article.Status.APPROVED)
    BlockFactory(article=article)
    at = timezone.now() + timedelta(hours=3)
    services.article_publish(article=article, user=editor, publish_at=at)
    before = (timezone.now() + timedelta(hours=1)).isoformat()
    assert sync(api, updated_since=before) == []

    with time_machine.travel(at + timedelta(minutes=1)):
        (item,) = sync(api, updated_since=before)
    assert datetime.fromisoformat(item["versioncreated"]) == at


def test_a_withdrawn_article_comes_as_canceled_to_an_incremental_sync(api, editor):
    story = make_story(slug="to-withdraw")
    since = timezone.now().isoformat()
    services.article_unpublish(article=story, user=editor, comment="Legal check")

    (item,) = sync(api, updated_since=since)
    assert item["pubstatus"] == "canceled"
    assert item["uri"] == f"{SITE}/api/v1/articles/{story.pk}/"
    assert "associations" not in item and "headlines" not in str(item)
    assert sync(api) == []
    assert api(detail(story)).status_code == 404


def cursor_of(*values) -> str:
    """Return a cursor holding `values`, made the way the API makes its own."""
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode()


@pytest.mark.parametrize(
    "params",
    [
        {"updated_since": ""},
        {"updated_since": "yesterday"},
        {"updated_since": "2025-03-01T08:00:00"},  # which time zone?
        {"updated_since": "2025-02-30T08:00:00Z"},  # no such day
        {"updated_since": "0001-01-01T00:00:00+08:00"},  # before year 1 in UTC
        {"updated_since": "9999-12-31T23:59:59-08:00"},  # after year 9999 in UTC
        {"cursor": ""},
        {"cursor": "not-a-cursor"},
        {"cursor": "游标"},
        {"cursor": cursor_of("2025-03-01T08:00:00+00:00")},
        {"cursor": cursor_of("2025-03-01T08:00:00", 5)},  # no time zone
        {"cursor": cursor_of("2025-03-01T08:00:00+00:00", True)},
        {"cursor": cursor_of("2025-03-01T08:00:00+00:00", "5")},
        {"cursor": cursor_of("0001-01-01T00:00:00+08:00", 5)},
        {"cursor": base64.urlsafe_b64encode(b"[" * 100_000).decode()},
        {"limit": ""},
        {"limit": "0"},
        {"limit": "101"},
        {"limit": "٣"},  # a digit, but not one of 0-9
    ],
)
def test_bad_parameters_are_refused_clearly(api, story, params):
    (name,) = params
    response = api(LIST, **params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bad_request"
    assert error["message"].startswith(name)


def test_a_cursor_past_every_id_is_an_empty_last_page(api, story):
    (item,) = api(LIST).json()["items"]
    cursor = cursor_of(item["versioncreated"], 2**70)  # past what a database holds
    assert api(LIST, cursor=cursor).json() == {"items": [], "next": None}


def test_updated_since_may_be_written_in_lower_case_as_rfc_3339_allows(api):
    with time_machine.travel(datetime(2025, 3, 2, 8, tzinfo=UTC)):
        new = ArticleFactory(published=True)
    assert ids(sync(api, updated_since="2025-03-02t00:00:00z")) == [new.pk]


def test_the_list_costs_the_same_queries_for_one_article_or_many(
    api, django_assert_max_num_queries
):
    make_story(slug="first")
    with django_assert_max_num_queries(10) as one:
        api(LIST)
    for number in range(6):
        make_story(slug=f"more-{number}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        items = api(LIST).json()["items"]
    assert len(items) == 7


# Limits and headers


def test_each_token_has_its_own_rate_limit(client, api, token):
    slow = ApiToken(name="Small partner", rate_limit_per_minute=2)
    raw = slow.set_new_token()
    slow.save()
    headers = {"Authorization": f"Bearer {raw}"}

    with time_machine.travel(datetime(2025, 3, 1, 8, 0, 10, tzinfo=UTC)):
        assert [client.get(LIST, headers=headers).status_code for _ in range(2)] == [
            200,
            200,
        ]
        refused = client.get(LIST, headers=headers)
        assert api(LIST).status_code == 200  # another token is not held back
    assert refused.status_code == 429
    assert refused["Retry-After"] == "50"
    assert refused.json()["error"]["code"] == "rate_limited"

    with time_machine.travel(datetime(2025, 3, 1, 8, 1, 1, tzinfo=UTC)):
        assert client.get(LIST, headers=headers).status_code == 200


def test_answers_are_never_cached_publicly(api, story):
    response = api(detail(story))
    assert response["Cache-Control"] == "private, no-store"
    assert "Authorization" in response["Vary"]


def test_no_browser_origin_may_read_the_api_unless_allowed(
    client, token, settings, story
):
    headers = {
        "Authorization": f"Bearer {token}",
        "Origin": "https://partner.example.com",
    }
    assert "Access-Control-Allow-Origin" not in client.get(LIST, headers=headers)

    settings.NEWSROOM_API_CORS_ORIGINS = ["https://partner.example.com"]
    response = client.get(LIST, headers=headers)
    assert response["Access-Control-Allow-Origin"] == "https://partner.example.com"
    other = client.get(LIST, headers={**headers, "Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other


def test_the_api_is_read_only(token, story):
    client = Client(enforce_csrf_checks=True)
    response = client.post(detail(story), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 405
    assert Article.objects.get(pk=story.pk).status == Article.Status.PUBLISHED


def test_text_written_past_the_orm_reaches_partners_cleaned(api):
    story = make_story(slug="bridge-opens")
    hostile = '<p onclick="steal()">Open at dawn<script>steal()</script></p><img src=x>'
    Block.objects.filter(article=story).update(text_en=hostile, text_zh_hans=hostile)

    body = api(f"/api/v1/articles/{story.pk}/").content.decode()

    assert "Open at dawn" in body  # the text is there…
    for dangerous in ("<script", "onclick", "steal()", "<img src=x"):
        assert dangerous not in body  # …without what would run or load
