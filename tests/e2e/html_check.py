"""The W3C HTML checker over every public page the browser tests render.

The `page` fixture hands each HTML document the browser receives from the live
server (the admin left out) to `RenderedPages`; the last browser test,
tests/e2e/test_html_validity.py, renders the pages every reader sees and checks
all that was collected in one run of vnu.jar (one JVM start). The checker comes
pinned from the npm registry: `npm ci` in tests/vnu/ (.ci/run does it).
"""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
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
                [*command, "--format", "json", "--stdout", *names],
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


def describe(message: dict, names: dict[str, str]) -> str:
    """Return one of vnu's messages as a line naming the page's address."""
    source = message.get("url", "")
    url = names.get(Path(urlsplit(source).path).name, source)
    extract = message.get("extract", "").strip()
    kind = message.get("subType", message["type"])
    line = message.get("lastLine", "?")
    return f"{url} line {line}: {kind}: {message['message']} [{extract}]"
