"""The OpenAPI description is valid and the API's real answers match it."""

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from articles import services
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


def test_errors_match_the_document(client, api, document):
    check(document, client.get("/api/v1/articles/"), "/articles/", 401)
    check(document, api("/api/v1/articles/", limit="0"), "/articles/", 400)
    check(document, api("/api/v1/articles/999/"), "/articles/{id}/", 404)


def test_the_schema_refuses_what_ninjs_2_1_does_not_allow(api, document):
    """The check above would catch a stray property: ninjs 2.1 has no `language`
    on a headline, so neither does the document."""
    story = make_story(slug="bridge-opens")
    item = api(f"/api/v1/articles/{story.pk}/").json()
    article = validator(document, "#/components/schemas/Article")
    assert article.is_valid(item)
    item["associations"][0]["headlines"][0]["language"] = "en"
    assert not article.is_valid(item)
