"""Server errors leave a trace: JSON lines on stderr with the request id, mail, audit.

The logging configuration is the one in newsroom/settings/base.py, as deployed.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import path, reverse

from articles import services
from articles.models import Article
from newsroom.observability import admins_from
from newsroom.urls import urlpatterns as site_urlpatterns
from tests.factories import ArticleFactory, BlockFactory

ROOT = Path(__file__).resolve().parent.parent


def broken(request):
    raise RuntimeError("the printer is on fire")


urlpatterns = [path("broken/", broken), *site_urlpatterns]


def json_lines(text: str) -> list[dict]:
    """Every line written to stderr, each of which must be one JSON object."""
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.django_db
@pytest.mark.urls("tests.test_logging")
def test_a_server_error_is_logged_as_one_json_line_and_mailed_to_the_admins(
    client, settings, capsys, mailoutbox
):
    settings.ADMINS = [("Night desk", "night@example.com")]
    client.raise_request_exception = False

    response = client.get("/broken/", HTTP_X_REQUEST_ID="edge-7f3a")

    assert response.status_code == 500
    assert response["X-Request-ID"] == "edge-7f3a"
    errors = [
        line for line in json_lines(capsys.readouterr().err) if line["level"] == "ERROR"
    ]
    assert len(errors) == 1
    assert errors[0]["request_id"] == "edge-7f3a"
    assert errors[0]["status_code"] == 500
    assert "RuntimeError: the printer is on fire" in errors[0]["traceback"]
    assert [mail.to for mail in mailoutbox] == [["night@example.com"]]
    assert "the printer is on fire" in mailoutbox[0].body


@pytest.mark.django_db
def test_each_request_gets_an_id_of_its_own_unless_a_sane_one_comes_in(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    odd = client.get("/healthz", HTTP_X_REQUEST_ID='"}, {"level": "forged')

    assert len(first) == 32 and first != second
    assert len(odd["X-Request-ID"]) == 32


def test_admins_are_read_from_one_variable():
    assert admins_from("Night Desk <night@example.com>, tech@example.com") == [
        ("Night Desk", "night@example.com"),
        ("", "tech@example.com"),
    ]
    assert admins_from("") == []


def audit_lines(capsys) -> list[dict]:
    lines = json_lines(capsys.readouterr().err)
    return [line for line in lines if line["logger"] == "audit"]


@pytest.mark.django_db
def test_a_refused_workflow_move_leaves_an_audit_record(user_in, capsys):
    editor = user_in("Managing Editor")
    article = ArticleFactory(status=Article.Status.DRAFT)
    BlockFactory(article=article)

    with pytest.raises(services.TransitionRefused):
        services.article_transition(article=article, user=editor, name="publish")

    [line] = audit_lines(capsys)
    assert (line["user"], line["action"], line["article_id"]) == (
        editor.username,
        "publish",
        article.pk,
    )
    assert "not possible while the article is Draft" in line["reason"]


@pytest.mark.django_db
def test_a_forbidden_move_is_audited_as_refused_and_denied(client, user_in, capsys):
    reporter = user_in("Reporter")
    article = ArticleFactory(status=Article.Status.IN_REVIEW)
    BlockFactory(article=article)
    client.force_login(reporter)
    url = reverse("admin:articles_article_transition", args=[article.pk, "approve"])

    response = client.post(url, {"version": article.version})

    assert response.status_code == 403
    refused, denied = audit_lines(capsys)
    assert (refused["event"], refused["action"], refused["article_id"]) == (
        "workflow_refused",
        "approve",
        article.pk,
    )
    assert (denied["event"], denied["user"], denied["path"]) == (
        "permission_denied",
        reporter.username,
        url,
    )
    # Both lines of the one refusal carry its request's id.
    assert refused["request_id"] == denied["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
def test_an_admin_page_refused_to_a_reporter_is_audited(client, user_in, capsys):
    reporter = user_in("Reporter")
    client.force_login(reporter)

    response = client.get("/admin/auth/user/")

    assert response.status_code == 403
    [line] = audit_lines(capsys)
    assert (line["event"], line["user"], line["path"]) == (
        "permission_denied",
        reporter.username,
        "/admin/auth/user/",
    )


SENTRY_STATE = """
import sys
import django
django.setup()
if "sentry_sdk" not in sys.modules:
    print("off")
else:
    import sentry_sdk
    client = sentry_sdk.get_client()
    state = "on" if client.is_active() else "inactive"
    print(state, client.options["send_default_pii"])
"""


@pytest.mark.parametrize(
    ("dsn", "state"),
    [(None, "off"), ("https://key@sentry.example.invalid/42", "on False")],
)
def test_sentry_is_started_only_when_a_dsn_is_given(dsn, state):
    environment = {
        name: value for name, value in os.environ.items() if name != "SENTRY_DSN"
    }
    if dsn:
        environment["SENTRY_DSN"] = dsn
    done = subprocess.run(
        [sys.executable, "-c", SENTRY_STATE],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "newsroom.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == state
