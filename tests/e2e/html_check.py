"""The W3C HTML checker over every public page the browser tests render.

The `page` fixture hands each HTML document the browser receives from the live
server (the admin left out) to `RenderedPages`; the last browser test,
tests/e2e/test_html_validity.py, renders the pages every reader sees and checks
all that was collected in one run of vnu.jar (one JVM start), then checks that no
Chinese text in them inherits another language. The checker comes pinned from
the npm registry: `npm ci` in tests/vnu/ (.ci/run does it).
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error

VNU_JAR = (
    Path(__file__).resolve().parents[1]
    / "vnu"
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)
LIVE_SERVER_HOSTS = {"localhost", "127.0.0.1"}
# Pages for the desk, not for readers: checked by Django's admin, not by us.
PRIVATE_PREFIXES = ("/admin/",)
# vnu's guess at a page's language reads only the text that inherits <html lang>,
# which on our pages is the chrome and the tests' made-up words ("Story number
# 1363"); on those it draws samples at random and once called an English page
# Afrikaans. Which language each text is in is checked exactly instead, below.
NO_GUESSING = "--no-langdetect"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()
)


def vnu_command() -> list[str]:
    """Return the command that runs the checker, or skip as the browser tests do."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        reason = (
            f"the HTML check needs java and {VNU_JAR} "
            "(apt-get install default-jre-headless; npm ci in tests/vnu/)"
        )
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    return [java, "-jar", str(VNU_JAR)]


@dataclass
class RenderedPages:
    """The distinct public HTML documents the browser received, with an address."""

    documents: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def add(self, url: str, body: bytes) -> None:
        self.documents.setdefault(hashlib.sha256(body).hexdigest(), (url, body))

    def watch(self, page) -> None:
        """Collect each public HTML document `page` receives from the live server."""

        def received(response):
            address = urlsplit(response.url)
            if (
                response.request.resource_type != "document"
                or address.hostname not in LIVE_SERVER_HOSTS
                or address.path.startswith(PRIVATE_PREFIXES)
                or not response.headers.get("content-type", "").startswith("text/html")
            ):
                return
            try:
                body = response.body()
            except Error:
                return  # a redirect, or a load the test itself cut short
            self.add(response.url, body)

        page.on("response", received)

    def check(self, command: list[str]) -> list[str]:
        """Run the checker once over every page; return its errors and warnings.

        A warning ("Section lacks heading") is a defect too: what it points at
        is how assistive technology finds its way around the page."""
        names = {}  # file name -> the page's address
        with tempfile.TemporaryDirectory(prefix="newsroom-vnu-") as folder:
            for number, (url, body) in enumerate(self.documents.values()):
                name = f"{number:04d}.html"
                (Path(folder) / name).write_bytes(body)
                names[name] = url
            result = subprocess.run(
                [*command, NO_GUESSING, "--format", "json", "--stdout", *names],
                capture_output=True,
                check=False,
                cwd=folder,
                timeout=300,
            )
        if result.returncode not in (0, 1):  # 1: errors were found
            raise RuntimeError(result.stderr.decode() or result.stdout.decode())
        return [
            describe(message, names)
            for message in json.loads(result.stdout)["messages"]
            if message["type"] != "info" or message.get("subType") == "warning"
        ]

    def chinese_out_of_place(self) -> list[str]:
        """Return each text with Chinese characters whose language is not Chinese.

        A screen reader speaks a text in the language it inherits from the
        nearest `lang`: Chinese under "en" is spelled out character by character, or not
        at all. English words under "zh-Hans" (a name, "AI") are how Chinese is
        written and are left alone, as is what a screen reader does not read:
        `aria-hidden` and the head (the bilingual error page's <title> has two
        languages and no element to mark them with)."""
        found = []
        for url, body in self.documents.values():
            reader = LanguageOfText()
            reader.feed(body.decode())
            reader.close()
            found += [
                f"{url}: {text!r} in lang={lang!r}" for lang, text in reader.misplaced
            ]
        return found


class LanguageOfText(HTMLParser):
    """Follow the `lang` each text inherits; keep the Chinese read as another."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        # (element, its language, hidden from screen readers), the document first.
        self.open = [("", "", True)]
        self.misplaced: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            return
        _, lang, hidden = self.open[-1]
        attrs = dict(attrs)
        self.open.append(
            (
                tag,
                attrs.get("lang", lang),
                tag in ("script", "style", "template")
                or attrs.get("aria-hidden") == "true"
                or (hidden and tag != "body"),
            )
        )

    def handle_endtag(self, tag):
        names = [name for name, _, _ in self.open]
        if tag in names[1:]:
            del self.open[len(names) - 1 - names[::-1].index(tag) :]

    def handle_data(self, data):
        _, lang, hidden = self.open[-1]
        if not hidden and HAN.search(data) and not lang.lower().startswith("zh"):
            self.misplaced.append((lang, data.strip()))


def describe(message: dict, names: dict[str, str]) -> str:
    """Return one of vnu's messages as a line naming the page's address."""
    source = message.get("url", "")
    url = names.get(Path(urlsplit(source).path).name, source)
    extract = message.get("extract", "").strip()
    kind = message.get("subType", message["type"])
    line = message.get("lastLine", "?")
    return f"{url} line {line}: {kind}: {message['message']} [{extract}]"
