"""Schemathesis holds the API to its OpenAPI document: in-process, repeatably."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from articles.models import Article

from .conftest import make_story

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(db):
    """The served document, its operations called on the WSGI app, no server.

    The test's database connection (and its transaction) stays open between
    requests, as Django's own test client keeps it.
    """
    make_story(slug="bridge-opens")
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


# The same examples on every run: the suite's `repeatable` Hypothesis profile
# (tests/conftest.py) derandomizes; 30 per operation keep it to seconds.
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_to_the_document(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


def test_the_story_itself_keeps_to_the_document(api_schema, token):
    """Generated ids rarely name the story: its own addresses, checked the same way."""
    story = Article.objects.get()
    addresses = {
        "/articles/{id}/": story.pk,
        "/photos/{id}": story.hero_photo_id,
        "/narrations/{id}": story.narrations.get().pk,
    }
    for path, pk in addresses.items():
        case = api_schema[path]["GET"].Case(path_parameters={"id": pk})
        response = case.call_and_validate(
            headers={"Authorization": f"Bearer {token}"}, checks=CHECKS
        )
        assert response.status_code == 200, path
