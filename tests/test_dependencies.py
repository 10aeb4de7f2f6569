"""Dependencies past their known advisories, checked without the network.

CI also runs pip-audit and npm audit (.ci/run), which need an advisory service; these
tests hold the floors that the advisories of issue 18 set, so a downgrade or a stale
editor build fails here even where no advisory service can be reached.
"""

import json
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from tests.factories import ArticleFactory, BlockFactory

# GHSA-rh54-vffm-5fvp (CKEditor 5) is fixed in 48.5.1; Pillow's 2026 advisories
# against 12.0.0–12.2.0 are fixed in 12.3.0.
CKEDITOR_FIXED = (48, 5, 1)
PILLOW_FIXED = (12, 3, 0)

EDITOR_BUILD = "ckeditor5/editor.js"


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def served_editor_version() -> str:
    """The CKEditor release inside the editor build, from its first line."""
    path = finders.find(EDITOR_BUILD)
    assert path, f"{EDITOR_BUILD} is not among the static files"
    with open(path, encoding="utf-8") as bundle:
        banner = bundle.readline()
    found = re.match(r"/\*! CKEditor 5 v(\d+\.\d+\.\d+) ", banner)
    assert found, (
        f"{EDITOR_BUILD} does not start with its version banner: {banner[:80]}"
    )
    return found.group(1)


def test_the_editor_build_is_a_ckeditor_release_past_its_advisory():
    version = served_editor_version()

    assert version_tuple(version) >= CKEDITOR_FIXED
    # The committed build is the one the lock file pins: bumping the lock without
    # rebuilding (editor/README.md) would serve the old release.
    lock = json.loads((settings.BASE_DIR / "editor" / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/ckeditor5"]["version"] == version


def test_the_change_page_loads_the_projects_editor_build_only(editor_client):
    article = ArticleFactory()
    BlockFactory(article=article, text_en="<p>Left</p>", text_zh_hans="<p>右</p>")

    html = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()

    assert f'src="{static(EDITOR_BUILD)}"' in html
    assert f'href="{static("ckeditor5/editor.css")}"' in html
    # Two CKEditor builds on one page refuse to start; the package's must not load.
    assert "django_ckeditor_5/dist/" not in html


def test_pillow_is_pinned_past_its_security_releases():
    requirements = (settings.BASE_DIR / "requirements.txt").read_text()
    pin = re.search(r"^Pillow==([\d.]+)$", requirements, re.MULTILINE)

    assert pin, "requirements.txt pins no Pillow"
    assert version_tuple(pin.group(1)) >= PILLOW_FIXED
