"""Under /api/v1/ every error is JSON in the documented shape; the site keeps HTML."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.test import Client

from partners import api as partner_api

from .conftest import make_story

pytestmark = pytest.mark.django_db

ROUTES = [
    "/api/v1/articles/",
    "/api/v1/articles/{article}/",
    "/api/v1/photos/{photo}",
    "/api/v1/narrations/{narration}",
    "/api/v1/openapi.json",
]


def assert_api_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/",
        "/api/v1",
        "/api/v1/nothing-here",
        "/api/v1/articles/abc/",
        "/api/v1/articles/-3/",
        "/api/v1/articles/1/extra/",
        "/api/v1/photos/",
        "/api/v1/narrations/x",
        "/api/v1/openapi.yaml",
    ],
)
def test_an_unknown_api_address_is_a_json_404(api, path):
    error = assert_api_error(api(path), 404, "not_found")
    assert "/api/v1/openapi.json" in error["message"]


def test_an_unknown_api_address_is_a_json_404_without_a_token_too(client):
    assert_api_error(client.post("/api/v1/articles/1/extra/"), 404, "not_found")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_route_refuses_writes_with_a_json_405(token, method):
    story = make_story(slug="bridge-opens")
    narration = story.narrations.get()
    client = Client(enforce_csrf_checks=True)
    for route in ROUTES:
        path = route.format(
            article=story.pk, photo=story.hero_photo_id, narration=narration.pk
        )
        response = getattr(client, method)(
            path, headers={"Authorization": f"Bearer {token}"}
        )
        assert_api_error(response, 405, "method_not_allowed")
        assert response["Allow"] == "GET, HEAD", path


@pytest.mark.parametrize(
    ("raised", "status", "code"),
    [
        (RuntimeError("the database went away"), 500, "server_error"),
        (PermissionDenied("the database went away"), 403, "forbidden"),
        (SuspiciousOperation("the database went away"), 400, "bad_request"),
        (Http404("the database went away"), 404, "not_found"),
    ],
)
def test_whatever_an_api_view_raises_answers_json(
    api, monkeypatch, client, raised, status, code
):
    def broken(params):
        raise raised

    monkeypatch.setattr(partner_api, "article_page", broken)
    client.raise_request_exception = False

    error = assert_api_error(api("/api/v1/articles/"), status, code)
    assert "database" not in error["message"]  # nothing of the inside leaks


def test_a_refused_host_is_a_json_400_under_the_api(client, token):
    response = client.get(
        "/api/v1/articles/",
        headers={"Authorization": f"Bearer {token}", "Host": "evil.example"},
    )
    assert_api_error(response, 400, "bad_request")


def test_the_site_keeps_its_html_error_pages(client):
    for path in ("/en/no-such-page/", "/api/v2/articles/", "/api/v1x/"):
        response = client.get(path, follow=True)
        assert response.status_code == 404, path
        assert response["Content-Type"].startswith("text/html"), path
        assert b"<html" in response.content
    refused = client.get("/en/", headers={"Host": "evil.example"})
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith("text/html")
