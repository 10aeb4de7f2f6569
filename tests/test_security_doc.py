"""SECURITY.md names the test that proves each defence: every one it names exists."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# `articles/test_sanitize.py::test_x`, then `::test_y` for more of the same file.
NAMED = re.compile(r"`(?P<path>[\w/]+\.py)?::(?P<test>test_\w+)`")


def named_tests() -> list[tuple[str, str]]:
    found, path = [], None
    for match in NAMED.finditer((ROOT / "SECURITY.md").read_text()):
        path = match["path"] or path
        found.append((path, match["test"]))
    return found


def functions_in(path: str) -> set[str]:
    tree = ast.parse((ROOT / "tests" / path).read_text())
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def test_every_test_security_md_names_exists():
    named = named_tests()

    missing = [
        f"{path}::{test}"
        for path, test in named
        if not (ROOT / "tests" / path).exists() or test not in functions_in(path)
    ]
    assert len(named) > 50
    assert missing == []


def test_every_item_of_both_hardening_passes_is_answered():
    text = (ROOT / "SECURITY.md").read_text()
    first, second = text.split("### Second pass")

    assert [int(n) for n in re.findall(r"^(\d+)\. \*\*", first, re.M)] == list(
        range(1, 10)
    )
    assert [int(n) for n in re.findall(r"^(\d+)\. \*\*", second, re.M)] == list(
        range(1, 17)
    )
