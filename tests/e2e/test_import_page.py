"""The import page in a real browser: fix the pairing, keep typed edits, create.

With JavaScript each fix is made in the page; without it each fix is a round
trip. Both must leave the same form behind, which is what the server's own
edits (articles/importing/proposal.py) make.
"""

import pytest
from django.utils.html import strip_tags

from articles.importing import proposal
from articles.models import Article
from bilingual.parser import parse_text
from tests.e2e.helpers import violations, watch_csp

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

URL = "/admin/articles/article/import/"
TEXT = (
    "Why Zhengzhou keeps surprising visitors 郑州为何总让人惊喜?\n"
    "\n"
    "Factories opened across the region.\n"
    "全区新开了许多工厂。\n"
    "这座城市去年发展很快。\n"
    "The city grew fast last year.\n"
)
# Pairs any reading of it agrees on (one with a half-width comma to warn about),
# and a last paragraph with no translation.
STORY = (
    "Why Zhengzhou keeps surprising visitors 郑州为何总让人惊喜?\n"
    "\n"
    "Factories opened across the region.\n"
    "全区新开了许多工厂。\n"
    "\n"
    "The city grew fast last year.\n"
    "这座城市去年发展很快。\n"
    "\n"
    "A CITY OF GARDENS\n"
    "花园之城\n"
    "\n"
    "Parks line the river. Many are new.\n"
    "河边都是公园,很多是新建的。\n"
    "\n"
    "The mayor did not say when the last park opens.\n"
)
PARKS = ("Parks line the river.\nMany are new.", "河边都是公园。\n很多是新建的。")
# Every fix, each as a button would name it, and text typed into a pair.
FIXES = [
    ("split", 1),  # parts the English from the Chinese
    ("split", 1),  # nothing to split: one side is empty, no line break typed
    ("move-en", 1),
    ("move-zh", 1),
    ("merge", 1),  # back together
    ("swap", 0),
    ("swap", 0),
    ("junk", 4),  # the last pair
    ("junk", 2),  # the heading; its finding goes to the general list
    ("type", 2, *PARKS),
    ("split", 2),  # at the typed line breaks
]
FIXED = [
    ("Factories opened across the region.", "全区新开了许多工厂。"),
    ("The city grew fast last year.", "这座城市去年发展很快。"),
    ("Parks line the river.", "河边都是公园。"),
    ("Many are new.", "很多是新建的。"),
]
# What an editor sees of the form, and everything it sends.
SNAPSHOT = """() => {
  const form = document.querySelector(".import-form");
  const shown = (element) => element.getClientRects().length > 0;
  const text = (element) => element.textContent.trim();
  const findings = (element) =>
    Array.from(element.querySelectorAll(".finding")).filter(shown).map(text);
  return {
    heading: text(form.querySelector(".import-count")),
    sent: Array.from(form.querySelectorAll("[name^=pair-]")).map(
      (field) => [field.name, field.id, field.value]
    ),
    general: findings(form.querySelector("#import-general-findings") || form),
    rows: Array.from(form.querySelectorAll(".import-pair")).map((row) => ({
      id: row.id,
      number: text(row.querySelector("th")),
      confidence: text(row.querySelector(".confidence")),
      findings: findings(row),
      warning: row.classList.contains("import-pair--warning"),
      buttons: Array.from(row.querySelectorAll("button")).filter(shown).map(
        (button) => [button.value, button.getAttribute("formaction"), text(button)]
      ),
    })),
  };
}"""


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser(
        "chief", "c@example.com", "pw-chief-1"
    )


def open_import_page(page, live_server):
    """Sign in as the chief editor and open the import page."""
    page.goto(f"{live_server.url}/admin/login/?next={URL}")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "pw-chief-1")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{URL}")
    return page


@pytest.fixture
def import_page(live_server, page, chief):
    """The import page with its script, collecting each CSP violation."""
    return open_import_page(watch_csp(page), live_server)


@pytest.fixture
def static_import_page(live_server, browser, chief):
    """The import page in a browser with JavaScript switched off."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    yield open_import_page(context.new_page(), live_server)
    context.close()


def preview(page, text):
    page.fill("#id_text", text)
    page.click("input[name=preview]")
    page.locator("#id_pair-0-en").wait_for()


def make(page, fixes, *, round_trips):
    """Make each fix as an editor would, by typing or with its button."""
    for action, index, *typed in fixes:
        if action == "type":
            english, chinese = typed
            page.fill(f"#id_pair-{index}-en", english)
            page.fill(f"#id_pair-{index}-zh_hans", chinese)
        elif round_trips:
            with page.expect_navigation():
                page.click(f".import-pair button[value='{action}:{index}']")
        else:
            page.click(f".import-pair button[value='{action}:{index}']")


def served(fixes):
    """Return the pairs the server's own edits make of STORY with `fixes`."""
    parsed = parse_text(STORY)
    rows = proposal.rows_of(parsed)
    for action, index, *typed in fixes:
        if action == "type":
            english, chinese = typed
            rows[index] |= {"en": english, "zh_hans": chinese}
        else:
            rows = proposal.edit(rows, action, index)
    return [(pair.en, pair.zh_hans) for pair in proposal.with_rows(parsed, rows).pairs]


def test_each_fix_is_made_in_the_page_as_the_server_makes_it(
    import_page, static_import_page
):
    page = import_page
    preview(page, STORY)
    preview(static_import_page, STORY)
    page.evaluate("window.__same_page = true")
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    make(page, FIXES, round_trips=False)
    make(static_import_page, FIXES, round_trips=True)

    assert requests == []
    assert page.evaluate("window.__same_page")
    in_page = page.evaluate(SNAPSHOT)
    assert in_page == static_import_page.evaluate(SNAPSHOT)
    assert in_page["heading"] == "4 pairs found"
    # Line 9 was marked as junk: what the parser said about it goes with it.
    assert not [text for text in in_page["general"] if text.startswith("Line 9:")]
    # The comma's warning stays with the Chinese line it is about.
    assert [row["warning"] for row in in_page["rows"]] == [False, False, True, False]
    assert [row["confidence"] for row in in_page["rows"]] == [
        "Edited by you",
        "Edited by you",
        "Edited by you",
        "Edited by you",
    ]
    assert violations(page) == []


def test_a_draft_created_after_fixes_in_the_page_holds_the_fixed_pairs(
    import_page,
):
    page = import_page
    preview(page, STORY)
    make(page, FIXES, round_trips=False)

    page.locator(".submit-row input[name=create]").last.click()
    page.wait_for_url("**/article/*/change/")

    blocks = Article.objects.get().blocks.order_by("position")
    stored = [(strip_tags(b.text_en), strip_tags(b.text_zh_hans)) for b in blocks]
    assert stored == FIXED
    assert stored == served(FIXES)
    assert violations(page) == []


def test_a_keyboard_user_hears_each_fix_and_keeps_their_place(import_page):
    page = import_page
    preview(page, STORY)
    status = page.get_by_role("status")

    page.focus("button[value='junk:4']")
    page.keyboard.press("Enter")

    assert status.inner_text() == "Pair 5 marked as junk and removed."
    assert page.evaluate("document.activeElement.value") == "junk:3"
    page.keyboard.press("Enter")

    assert status.inner_text() == "Pair 4 marked as junk and removed."
    assert page.evaluate("document.activeElement.value") == "junk:2"
    page.focus("button[value='merge:1']")
    page.keyboard.press("Enter")

    assert status.inner_text() == "Pair 2 merged with the next one."
    # The merged pair is the last: nothing follows to merge, so its text has focus.
    assert page.evaluate("document.activeElement.id") == "id_pair-1-en"
    assert page.locator("button[value='merge:1']").is_hidden()
    page.focus("button[value='split:1']")
    page.keyboard.press("Space")

    assert status.inner_text() == "Pair 2 split."
    assert page.evaluate("document.activeElement.value") == "split:1"
    page.keyboard.press("Enter")

    unsplit = "Pair 2 was not split: type a line break where it should be split."
    assert status.inner_text() == unsplit
    said = status.text_content()
    page.keyboard.press("Enter")

    # The same message again is a change a screen reader reads out again.
    assert status.text_content() != said
    assert status.inner_text().strip() == unsplit
    assert page.locator(".import-pair").count() == 3
    assert page.locator(".import-count").inner_text() == "3 pairs found"


def test_without_javascript_each_fix_is_a_round_trip(static_import_page):
    page = static_import_page
    page.fill("#id_text", TEXT)
    page.click("input[name=preview]")

    english = page.locator("#id_pair-0-en").bounding_box()
    chinese = page.locator("#id_pair-0-zh_hans").bounding_box()
    assert chinese["x"] > english["x"] + english["width"] - 1
    assert page.locator("#pair-1.import-pair--warning").count() == 1

    page.fill("#id_pair-0-en", "Factories opened all over the region.")
    page.locator("#pair-1 button[value='merge:1']").click()
    page.wait_for_url("**#pair-1")

    assert page.input_value("#id_pair-0-en") == "Factories opened all over the region."
    assert page.input_value("#id_pair-1-en") == "The city grew fast last year."
    assert page.input_value("#id_pair-1-zh_hans") == "这座城市去年发展很快。"

    page.locator(".submit-row input[name=create]").last.click()
    page.wait_for_url("**/article/*/change/")

    article = Article.objects.get()
    assert [b.text_zh_hans for b in article.blocks.order_by("position")] == [
        "<p>全区新开了许多工厂。</p>",
        "<p>这座城市去年发展很快。</p>",
    ]
    assert article.blocks.get(position=1).text_en == (
        "<p>Factories opened all over the region.</p>"
    )
