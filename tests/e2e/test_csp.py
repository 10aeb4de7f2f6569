"""The Content-Security-Policy in real Chromium: pages work under it, injections do not.

Every violation the browser reports is collected twice: by a `securitypolicyviolation`
listener installed before any page script runs, and from the console, where Chromium
writes "Refused to …" for each blocked load or inline script.
"""

import pytest
from playwright.sync_api import Error

from articles.models import Block
from tests.articles.test_sanitize import BODY_EN, BODY_ZH
from tests.e2e.helpers import NARRATION, serve_audio, sign_in, violations, watch_csp
from tests.factories import ArticleFactory, BlockFactory, StaffMemberFactory, narrate

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def watched(live_server, page):
    """The page, collecting each CSP violation and each request to another host."""
    watch_csp(page)
    page.elsewhere = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((live_server.url, "data:"))
            else page.elsewhere.append(request.url)
        ),
    )
    return page


@pytest.fixture
def story():
    article = ArticleFactory(
        published=True, summary_en="A summary.", summary_zh_hans="摘要。"
    )
    BlockFactory(article=article, position=1)
    BlockFactory(
        article=article,
        position=2,
        text_en='<p>A <a href="https://example.com/">link</a> out.</p>',
    )
    narrate(
        article,
        fixture=NARRATION,
        voice=StaffMemberFactory(name_en="Benjamin Curwen"),
        duration_seconds=30,
    )
    return article


def test_public_pages_run_under_the_policy_with_no_violation(
    live_server, watched, story
):
    watched.route(f"{live_server.url}/media/**", serve_audio)
    watched.goto(f"{live_server.url}/en/articles/{story.slug}/")

    # The page's own scripts ran: the player replaced the native controls.
    watched.get_by_role("group", name="Narration player").wait_for()
    # JSON-LD is a script element, but data: the policy need not and does not allow it.
    assert watched.locator("script[type='application/ld+json']").count() == 1
    assert violations(watched) == []
    for path in (
        "/en/",
        f"/zh-hans/articles/{story.slug}/dual/",
        "/en/search/?q=paragraph",
        "/en/no-such-page/",
    ):
        watched.goto(f"{live_server.url}{path}")

        assert violations(watched) == [], path
    assert watched.elsewhere == []


@pytest.mark.urls("tests.test_security_headers")
def test_the_server_error_page_keeps_its_style_under_the_policy(live_server, watched):
    response = watched.goto(f"{live_server.url}/broken/")

    assert response.status == 500
    width = watched.evaluate("getComputedStyle(document.body).maxWidth")
    assert width == "640px"
    assert violations(watched) == []


def test_an_injected_inline_script_is_blocked_on_a_public_page(
    live_server, watched, story
):
    watched.goto(f"{live_server.url}/en/articles/{story.slug}/")

    with pytest.raises(Error, match="Content Security Policy"):
        watched.add_script_tag(content="window.__injected = true;")
    watched.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true;";
          document.body.append(script);
          document.body.insertAdjacentHTML(
            "beforeend", '<img src="/x.png" onerror="window.__injected = true">'
          );
        }"""
    )
    watched.wait_for_timeout(300)

    assert watched.evaluate("window.__injected === undefined")
    assert any("script-src" in violation for violation in violations(watched))


def test_the_article_editor_runs_under_the_policy_with_no_violation(
    live_server, watched, story, django_user_model
):
    change = f"/admin/articles/article/{story.pk}/change/"
    sign_in(watched, live_server, django_user_model, change)

    editors = watched.locator(".ck-editor__editable")
    editors.first.wait_for()
    assert editors.count() >= 4
    editors.first.click()
    watched.keyboard.type(" Typed.")
    assert "Typed." in editors.first.inner_text()
    assert violations(watched) == []
    assert watched.elsewhere == []


def test_every_kind_of_admin_page_runs_under_the_policy_with_no_violation(
    live_server, watched, story, django_user_model
):
    sign_in(watched, live_server, django_user_model, "/admin/")
    article = f"/admin/articles/article/{story.pk}"
    for path in (
        "/admin/",
        "/admin/articles/article/?status__exact=published",
        "/admin/articles/article/add/",
        f"{article}/revisions/",
        f"{article}/history/",
        f"{article}/preview/",
        f"{article}/share-preview/",
        f"{article}/wechat/",
        "/admin/articles/photo/add/",
        "/admin/articles/narration/add/",
        "/admin/staffcredits/staffmember/",
        "/admin/auth/user/add/",
        "/admin/password_change/",
    ):
        response = watched.goto(f"{live_server.url}{path}")

        assert response.status == 200, path
        assert violations(watched) == [], path
    # Every asset of the admin is shipped with it: nothing from a CDN.
    assert watched.elsewhere == []


def test_the_import_page_runs_under_the_policy_with_no_violation(
    live_server, watched, django_user_model
):
    sign_in(watched, live_server, django_user_model, "/admin/articles/article/import/")
    watched.fill("#id_text", "A title 一个标题\n\nA line.\n一行。\n")
    watched.click("input[name=preview]")

    watched.locator("#id_pair-0-en").wait_for()
    assert violations(watched) == []


# Every payload of the corpus calls xss(); this counts the calls.
COUNT_RUNS = "window.xss = () => { window.__ran = (window.__ran || 0) + 1; };"


def test_the_sanitiser_alone_stops_stored_payloads_in_a_browser(live_server, browser):
    """With the policy switched off, the page still runs none of the corpus."""
    article = ArticleFactory(published=True)
    block = BlockFactory(article=article)
    Block.objects.filter(pk=block.pk).update(text_en=BODY_EN, text_zh_hans=BODY_ZH)
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.add_init_script(COUNT_RUNS)
    # The corpus is live: served raw, it runs in this browser.
    page.route(
        "http://payloads.test/",
        lambda route: route.fulfill(
            body=f"<body>{BODY_EN}{BODY_ZH}</body>", content_type="text/html"
        ),
    )
    page.goto("http://payloads.test/")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__ran") > 0

    page.goto(f"{live_server.url}/en/articles/{article.slug}/dual/")
    page.evaluate(
        """document.querySelectorAll(".pair > [lang], .pair > [lang] *")
        .forEach((element) => {
          for (const type of ["mouseover", "pointerover", "pointerenter", "focus"]) {
            element.dispatchEvent(new Event(type, { bubbles: true }));
          }
        })"""
    )
    page.wait_for_timeout(500)

    assert page.evaluate("window.__ran") is None
    protocols = page.evaluate(
        "[...document.querySelectorAll('main a[href]')].map((a) => a.protocol)"
    )
    assert set(protocols) <= {"http:", "https:", "mailto:"}
    context.close()
