"""The OpenAPI description is valid and the API's real answers match it."""

from urllib.parse import parse_qs, urlsplit

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from articles import services
from partners.models import ApiToken
from tests.factories import ArticleFactory

from .conftest import SITE, make_story

pytestmark = pytest.mark.django_db

DOCUMENT = "/api/v1/openapi.json"
# Where the document is registered, so its `#/components/…` references resolve.
BASE = "urn:newsroom:openapi"


@pytest.fixture
def document(client):
    response = client.get(DOCUMENT)
    assert response.status_code == 200
    return response.json()


def validator(document: dict, ref: str) -> Draft202012Validator:
    """Return a validator for the document's schema at `ref` (`#/components/…`)."""
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    return Draft202012Validator(
        {"$ref": BASE + ref},
        registry=Registry().with_resource(BASE, resource),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def check(document: dict, response, path: str, status: int) -> None:
    """Validate a response body against the document's schema for it."""
    operation = document["paths"][path]["get"]
    content = operation["responses"][str(status)]["content"]["application/json"]
    assert response.status_code == status
    errors = [
        f"{list(error.absolute_path)}: {error.message}"
        for error in validator(document, content["schema"]["$ref"]).iter_errors(
            response.json()
        )
    ]
    assert errors == []


def test_the_document_is_valid_openapi_3_1(document):
    validate(document)
    assert document["openapi"].startswith("3.1")
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_a_full_article_matches_the_document(api, document):
    story = make_story(slug="bridge-opens")
    check(document, api(f"/api/v1/articles/{story.pk}/"), "/articles/{id}/", 200)


def test_a_page_with_a_withdrawal_matches_the_document(api, document, editor):
    since = "2000-01-01T00:00:00Z"
    make_story(slug="kept")
    withdrawn = make_story(slug="withdrawn")
    services.article_unpublish(article=withdrawn, user=editor, comment="Legal check")
    ArticleFactory(published=True)

    response = api("/api/v1/articles/", updated_since=since, limit=2)
    check(document, response, "/articles/", 200)
    assert response.json()["next"]
    page = api(response.json()["next"].removeprefix(SITE))
    check(document, page, "/articles/", 200)
    statuses = {i["pubstatus"] for i in response.json()["items"] + page.json()["items"]}
    assert statuses == {"usable", "canceled"}


def test_a_photo_and_a_narration_match_the_document(api, document):
    story = make_story(slug="bridge-opens")
    photo = f"/api/v1/photos/{story.hero_photo_id}"
    narration = f"/api/v1/narrations/{story.narrations.get().pk}"
    check(document, api(photo), "/photos/{id}", 200)
    check(document, api(narration), "/narrations/{id}", 200)


def error_answers(client, token) -> dict[str, object]:
    """Return a way to make each error the document lists, by status."""
    slow = ApiToken(name="Small partner", rate_limit_per_minute=1)
    raw = slow.set_new_token()
    slow.save()

    def get(path, raw_token=token, **params):
        """GET the document's `path`; the errors come before any look-up."""
        headers = {"Authorization": f"Bearer {raw_token}"} if raw_token else {}
        return client.get(
            f"/api/v1{path.replace('{id}', '1')}", params, headers=headers
        )

    def too_many(path, **params):
        get(path, raw, **params)
        return get(path, raw, **params)

    return {
        "400": lambda path: get(path, limit="0", updated_since=""),
        "401": lambda path: get(path, raw_token=""),
        "404": lambda path: get(path.replace("{id}", "999")),
        "429": lambda path: too_many(path),
    }


def test_every_error_the_document_lists_is_what_the_api_returns(
    client, token, document
):
    answers = error_answers(client, token)
    listed = 0
    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        for status, response in responses.items():
            if status.startswith("2"):
                continue
            answer = answers[status](path)
            check(document, answer, path, int(status))
            for header in response.get("headers", {}):
                assert answer[header], (path, status, header)
            listed += 1
    assert listed == 12


def test_the_cursor_is_described_as_what_it_is(api, document):
    ArticleFactory.create_batch(2, published=True)
    (cursor,) = [
        p
        for p in document["paths"]["/articles/"]["get"]["parameters"]
        if p["name"] == "cursor"
    ]
    assert "opaque" in cursor["description"].lower()
    assert "`next`" in cursor["description"]

    given = parse_qs(urlsplit(api("/api/v1/articles/", limit=1).json()["next"]).query)
    (value,) = given["cursor"]
    assert Draft202012Validator(cursor["schema"]).is_valid(value)
    assert not Draft202012Validator(cursor["schema"]).is_valid("")
    assert api("/api/v1/articles/", cursor="").status_code == 400


def test_the_schema_refuses_what_ninjs_2_1_does_not_allow(api, document):
    """The check above would catch a stray property: ninjs 2.1 has no `language`
    on a headline, so neither does the document."""
    story = make_story(slug="bridge-opens")
    item = api(f"/api/v1/articles/{story.pk}/").json()
    article = validator(document, "#/components/schemas/Article")
    assert article.is_valid(item)
    item["associations"][0]["headlines"][0]["language"] = "en"
    assert not article.is_valid(item)
