"""Every admin page each newsroom role reaches works under the CSP, with no error.

Signed in as each role, the browser starts at the admin index (the dashboard and
the app list) and opens every admin page linked from it, then from each list its
add form, its other tools (the import page) and the change form of its first row,
and from each change form its tools (preview, revisions, history).
Every Content-Security-Policy violation (tests/e2e/helpers.py's `watch_csp`), every
console error and every uncaught exception fails the test, naming the page.
"""

import mimetypes
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import models

from articles.models import Block, GlossaryTerm
from partners.models import ApiToken, Webhook, WebhookDelivery
from tests.articles.test_photos import make_photo
from tests.e2e.helpers import NARRATION, violations, watch_errors
from tests.factories import (
    ArticleCreditFactory,
    ArticleFactory,
    BlockFactory,
    SectionFactory,
    StaffMemberFactory,
    narrate,
)
from tests.test_admin_in_chinese import LATIN_IN_CHINESE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROLES = [
    "Reporter",
    "Text Editor",
    "Proofreader",
    "Art Editor",
    "Voice",
    "Managing Editor",
]
PASSWORD = "pass-word-123"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


def serve_media(page, live_server, root: Path) -> None:
    """Answer /media/ from the media folder, as the site's file server would."""

    def answer(route):
        path = root / urlsplit(route.request.url).path.removeprefix("/media/")
        if not path.is_file():
            route.fulfill(status=404)
            return
        route.fulfill(
            body=path.read_bytes(),
            content_type=mimetypes.guess_type(path.name)[0] or "",
        )

    page.route(f"{live_server.url}/media/**", answer)


def sign_in_as(page, live_server, django_user_model, role: str, next_url="/admin/"):
    """Make a staff user holding `role` and sign them in through the login page."""
    username = role.lower().replace(" ", "")
    user = django_user_model.objects.create_user(
        username, f"{username}@example.com", PASSWORD, is_staff=True
    )
    user.groups.set([Group.objects.get(name=role)])
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_url}")
    return user


@pytest.fixture
def newsroom(media_root, django_user_model):
    """One of everything the admin lists, photos with their renditions on disk."""
    author = django_user_model.objects.create_user("author", "a@example.com", "x")
    photo = make_photo(1200, 800)
    photo.photographers.set([StaffMemberFactory(name_en="Ma Jian")])
    article = ArticleFactory(
        created_by=author, hero_photo=photo, section=SectionFactory()
    )
    BlockFactory(article=article, position=1)
    BlockFactory(
        article=article, position=2, kind=Block.Kind.PHOTO, photo=photo, text_en=""
    )
    ArticleCreditFactory(article=article)
    narrate(article, fixture=NARRATION, voice=StaffMemberFactory(name_en="Curwen"))
    GlossaryTerm.objects.create(en="Yutong", zh_hans="宇通")
    ApiToken(name="Partner").set_new_token()
    webhook = Webhook.objects.create(
        partner="Partner",
        url="https://partner.example/hook",
        events=["article.published"],
    )
    WebhookDelivery.objects.create(
        webhook=webhook, event="article.published", article=article, payload={}
    )
    return article


def visit(page, live_server, path: str) -> list[str]:
    """Open `path`; return what went wrong there (violations, errors, status)."""
    page.errors.clear()
    page.refused.clear()
    response = page.goto(f"{live_server.url}{path}", wait_until="networkidle")
    problems = [*violations(page), *page.errors]
    if response.status != 200:
        problems.append(f"HTTP {response.status}")
    return problems


def hrefs(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(
        selector, "links => links.map((link) => link.getAttribute('href'))"
    )


# What is followed: the index's dashboard and app list, a list's tools (add, import)
# and its first row, a change form's tools (preview, revisions, history).
FOLLOWED = (
    ".dashboard #content-main a[href], .object-tools a[href], "
    "#result_list tbody tr:first-child a[href]"
)


def is_admin_page(path: str) -> bool:
    # /admin/r/ is "View on site": a redirect to the public page, not the admin's.
    return path.startswith("/admin/") and not path.startswith(
        ("/admin/logout/", "/admin/r/")
    )


def crawl(page, live_server, look) -> dict:
    """Open every admin page reachable from the index; return what `look` saw."""
    found = {}
    queue = ["/admin/"]
    while queue:
        path = queue.pop(0)
        if path in found:
            continue
        found[path] = look(page, live_server, path)
        links = (urlsplit(urljoin(path, href)) for href in hrefs(page, FOLLOWED))
        queue += [
            link.path
            for link in links
            if not link.netloc and is_admin_page(link.path) and not link.query
        ]
    return found


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_a_role_reaches_has_no_violation_and_no_error(
    live_server, page, django_user_model, newsroom, media_root, role
):
    watch_errors(page)
    serve_media(page, live_server, media_root)
    sign_in_as(page, live_server, django_user_model, role)

    found = crawl(page, live_server, visit)

    article_change = f"/admin/articles/article/{newsroom.pk}/change/"
    assert article_change in found
    assert "/admin/articles/photo/" in found
    if role in ("Reporter", "Text Editor", "Managing Editor"):
        assert "/admin/articles/article/import/" in found
    if role in ("Art Editor", "Managing Editor"):
        assert "/admin/articles/photo/add/" in found
    assert {path: problems for path, problems in found.items() if problems} == {}


# The interface's text a reader sees (or hears), without what people wrote in form
# fields, values shown read-only, or text marked as English.
SHOWN_TEXT = """
() => {
  const skip = '[lang="en"], textarea, input, select, script, style, [hidden], ' +
    'template, .readonly';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent.closest(skip) || !parent.checkVisibility()) continue;
    parts.push(node.data);
  }
  return parts.join(" ");
}
"""


# Technical names (a MIME type, an image format, HTTP, the Standard Webhooks spec and
# its header), and the desk's name in a help text's example.
TECHNICAL = {"MIME", "WEBP", "POST", "Standard", "Webhooks", "signature"}
TECHNICAL |= {"Where", "Zhengzhou"}


def written_words() -> set[str]:
    """Every Latin word of what people wrote in the database: names, titles, notes."""
    words = set()
    for model in apps.get_models():
        text_fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField, models.FileField))
        ]
        for values in model.objects.values_list(*text_fields):
            for value in values:
                words |= set(re.findall(r"[A-Za-z]{3,}", str(value or "")))
    return words


def test_the_chinese_admin_a_browser_reaches_has_no_english(
    live_server, browser, django_user_model, newsroom, media_root
):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = watch_errors(context.new_page())
    serve_media(page, live_server, media_root)
    sign_in_as(page, live_server, django_user_model, "Managing Editor")

    def english(page, live_server, path):
        page.goto(f"{live_server.url}{path}", wait_until="networkidle")
        return set(re.findall(r"[A-Za-z]{3,}", page.evaluate(SHOWN_TEXT)))

    found = crawl(page, live_server, english)
    context.close()

    allowed = LATIN_IN_CHINESE | TECHNICAL | written_words()
    assert len(found) > 10
    left = {path: words - allowed for path, words in found.items()}
    assert {path: words for path, words in left.items() if words} == {}
