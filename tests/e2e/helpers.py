"""What several browser tests do: sign in, wait, serve audio as a media server would."""

import time

from tests.factories import AUDIO

NARRATION = "tone-30s.mp3"


def sign_in(page, live_server, django_user_model, next_url="/admin/"):
    """Sign in to the admin as a new superuser and land on `next_url`."""
    django_user_model.objects.create_superuser("chief", "c@example.com", "pw-chief-1")
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "pw-chief-1")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_url}")
    return page


def serve_audio(route):
    """Answer like a media server: byte ranges, which the browser needs to seek.

    The live server serves static files only; uploads come from a file server.
    """
    content = (AUDIO / NARRATION).read_bytes()
    start, end = 0, len(content) - 1
    asked = route.request.headers.get("range", "")
    if asked.startswith("bytes="):
        first, _, last = asked[len("bytes=") :].partition("-")
        start, end = int(first or 0), int(last or end)
    route.fulfill(
        status=206 if asked else 200,
        body=content[start : end + 1],
        headers={
            "Content-Type": "audio/mpeg",
            "Accept-Ranges": "bytes",
            "Content-Range": f"bytes {start}-{end}/{len(content)}",
        },
    )


def wait_until(page, expression: str, seconds: float = 10) -> None:
    """Wait until the JavaScript `expression` is true on the page.

    Polled from here: Playwright's wait_for_function compiles its predicate with
    `new Function` once the first check fails, which the site's policy refuses.
    """
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, (
            f"still false after {seconds} s: {expression}"
        )
        page.wait_for_timeout(50)


# Collects each `securitypolicyviolation` event, installed before any page script.
_LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const { violatedDirective, blockedURI, sourceFile, lineNumber } = event;
  const where = `${sourceFile}:${lineNumber}`;
  window.__violations.push(`${violatedDirective} ${blockedURI} ${where}`);
});
"""


def watch_csp(page):
    """Collect every CSP violation on `page`: from the event, and from the console,
    where Chromium writes "Refused to …" for each blocked load or inline script."""
    page.refused = []
    page.on(
        "console",
        lambda message: (
            page.refused.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.add_init_script(_LISTEN)
    return page


def violations(page) -> list[str]:
    """Return the CSP violations `watch_csp` has seen on `page`."""
    return page.evaluate("window.__violations") + page.refused


def watch_errors(page):
    """Collect CSP violations (`watch_csp`), console errors and uncaught exceptions
    on `page`; `violations(page)` and `page.errors` say what was seen.

    The admin's pages name no icon, so Chromium's own request for /favicon.ico
    gets a 404: that one is the browser's, not a page's.
    """
    watch_csp(page)
    page.errors = []
    page.on(
        "console",
        lambda message: (
            page.errors.append(message.text)
            if message.type == "error"
            and not message.location.get("url", "").endswith("/favicon.ico")
            else None
        ),
    )
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page
