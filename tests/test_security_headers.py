"""HTTP hardening as deployed: production headers, cookies and error pages.

The production settings module cannot be switched to inside one test process, so
its values are read from a child process started with it (as a server would be)
and applied here with override_settings; `check --deploy` runs there for real.
"""

import base64
import hashlib
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from csp.decorators import csp_exempt, csp_update
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns
from tests.factories import ArticleFactory, BlockFactory

ROOT = Path(__file__).resolve().parent.parent

# What the security settings of production are named like; all of them are applied.
SECURITY_SETTINGS = re.compile(
    r"^(SECURE_|SESSION_COOKIE_|CSRF_COOKIE_|X_FRAME_OPTIONS$|CONTENT_SECURITY_POLICY"
    r"|DEBUG$)"
)
READ_SETTINGS = """
import json, re, sys
import django
from django.conf import settings
django.setup()
wanted = re.compile(sys.argv[1])
print(json.dumps({
    name: getattr(settings, name) for name in dir(settings) if wanted.match(name)
}))
"""


def production_environment(**changes) -> dict[str, str]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "NEWSROOM_SITE_URL": "https://news.example.com",
        "DJANGO_ALLOWED_HOSTS": "news.example.com",
        # Set for the browser tests of this run, and refused by the deploy check.
        "DJANGO_ALLOW_ASYNC_UNSAFE": None,
        **changes,
    }
    return {name: value for name, value in environment.items() if value is not None}


def run(*arguments, **environment) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=production_environment(**environment),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def production_security():
    """The security settings exactly as newsroom.settings.production makes them."""
    done = run("-c", READ_SETTINGS, SECURITY_SETTINGS.pattern)
    assert done.returncode == 0, done.stderr
    values = json.loads(done.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(production_security):
    with override_settings(**production_security):
        yield


# A request as it reaches the app behind the TLS-terminating proxy.
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


def test_the_deploy_check_passes_with_the_production_settings():
    done = run("manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_refuses_to_start_without_a_secret_from_the_environment():
    done = run("manage.py", "check", DJANGO_SECRET_KEY=None)

    assert done.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in done.stderr


def policy(response) -> dict[str, set[str]]:
    """Return the Content-Security-Policy header as {directive: sources}."""
    directives = (
        part.split() for part in response["Content-Security-Policy"].split(";")
    )
    return {name: set(sources) for name, *sources in directives}


@pytest.fixture
def story():
    article = ArticleFactory(published=True)
    BlockFactory(article=article)
    return article


@pytest.mark.django_db
def test_a_public_page_carries_every_security_header(client, production, story):
    response = client.get(f"/en/articles/{story.slug}/", **HTTPS)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = policy(response)
    assert csp["script-src"] == {"'self'"}
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["object-src"] == csp["base-uri"] == csp["frame-ancestors"] == {"'none'"}
    assert csp["default-src"] == csp["form-action"] == {"'self'"}


@pytest.mark.django_db
def test_plain_http_is_sent_to_https(client, production, story):
    response = client.get(f"/en/articles/{story.slug}/", HTTP_X_FORWARDED_PROTO="http")

    assert response.status_code == 301
    assert response["Location"] == f"https://testserver/en/articles/{story.slug}/"


@pytest.mark.django_db
def test_sign_in_cookies_are_secure_and_kept_from_scripts(
    client, production, django_user_model
):
    django_user_model.objects.create_superuser("chief", "c@example.com", "pw-chief-1")
    page = client.get("/admin/login/", **HTTPS)

    response = client.post(
        "/admin/login/",
        {"username": "chief", "password": "pw-chief-1", "next": "/admin/"},
        **HTTPS,
    )

    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert (session["secure"], session["httponly"], session["samesite"]) == (
        True,
        True,
        "Lax",
    )
    csrf = page.cookies["csrftoken"]
    assert (csrf["secure"], csrf["samesite"]) == (True, "Lax")
    # The admin is under the same policy as the public site.
    admin = client.get("/admin/", **HTTPS)
    assert admin.status_code == 200
    assert policy(admin)["script-src"] == {"'self'"}
    assert admin["X-Frame-Options"] == "DENY"


# --- Generic error pages ----------------------------------------------------------


def forbidden(request):
    raise PermissionDenied("staff only: missing articles.publish_article")


def suspicious(request):
    raise SuspiciousOperation("tampered signature in field preview_key")


def broken(request):
    raise RuntimeError("database password is hunter2")


@csp_update({"img-src": ["https://maps.example.test"]})
def with_a_map(request):
    return HttpResponse("map")


@csp_exempt()
def exempt(request):
    return HttpResponse("no policy")


urlpatterns = [
    path("map/", with_a_map),
    path("exempt/", exempt),
    path("forbidden/", forbidden),
    path("suspicious/", suspicious),
    path("broken/", broken),
    *site_urlpatterns,
]


def assert_plain_and_bilingual(response, status, *english_and_chinese):
    """The page says what happened in both languages, and nothing technical."""
    html = response.content.decode()
    assert response.status_code == status
    assert 'lang="en"' in html and 'lang="zh-Hans"' in html
    for text in english_and_chinese:
        assert text in html
    for detail in ("publish_article", "preview_key", "hunter2", "CSRF", "Traceback"):
        assert detail not in html
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
@pytest.mark.urls("tests.test_security_headers")
def test_a_view_can_still_widen_or_drop_the_site_policy(client):
    site = policy(client.get("/forbidden/"))

    widened = policy(client.get("/map/"))

    assert widened["img-src"] == site["img-src"] | {"https://maps.example.test"}
    assert widened["script-src"] == site["script-src"] == {"'self'"}
    assert "Content-Security-Policy" not in client.get("/exempt/")
    assert policy(client.get("/forbidden/")) == site


@pytest.mark.django_db
@pytest.mark.urls("tests.test_security_headers")
def test_a_refusal_shows_a_plain_page(client):
    assert_plain_and_bilingual(
        client.get("/forbidden/"), 403, "You may not open this page."
    )


@pytest.mark.django_db
@pytest.mark.urls("tests.test_security_headers")
def test_a_bad_request_shows_a_plain_page(client):
    assert_plain_and_bilingual(
        client.get("/suspicious/"),
        400,
        "The site could not understand this request.",
    )


@pytest.mark.django_db
def test_an_unknown_host_name_gets_the_plain_bad_request_page(client):
    response = client.get("/en/", HTTP_HOST="evil.example")

    assert_plain_and_bilingual(response, 400, "Check the address and try again.")


@pytest.mark.django_db
def test_a_form_refused_by_the_csrf_check_shows_a_plain_page(django_user_model):
    django_user_model.objects.create_superuser("chief", "c@example.com", "pw-chief-1")
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/admin/login/", {"username": "chief", "password": "pw-chief-1"}
    )

    assert_plain_and_bilingual(
        response, 403, "The form was not sent", "reload the page"
    )


@pytest.mark.django_db
@pytest.mark.urls("tests.test_security_headers")
def test_a_server_error_page_is_plain_and_its_style_is_allowed(client):
    client.raise_request_exception = False

    response = client.get("/broken/")

    assert_plain_and_bilingual(response, 500, "Something went wrong on our side.")
    style = re.search(r"<style>(.*?)</style>", response.content.decode(), re.S)
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest())
    assert f"'sha256-{digest.decode()}'" in policy(response)["style-src"]


@pytest.mark.parametrize(
    ("redis_url", "cached"), [(None, False), ("redis://127.0.0.1:6379/0", True)]
)
def test_production_stores_pages_only_in_a_cache_every_worker_shares(redis_url, cached):
    """A page cache in each worker's memory would go stale when another one saves."""
    done = run("-c", READ_SETTINGS, "^NEWSROOM_PAGE_CACHE$", REDIS_URL=redis_url)

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"NEWSROOM_PAGE_CACHE": cached}
