"""The page cache and accounts know no other part of the project.

Articles may use them; they import no project package, so either can be reused
or changed without reading the rest.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

INDEPENDENT = ["pagecache", "accounts"]


def imported(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


@pytest.mark.parametrize("app", INDEPENDENT)
def test_an_independent_app_imports_no_project_package(app):
    base = Path(settings.BASE_DIR)
    project = {init.parent.name for init in base.glob("*/__init__.py")} - {app}

    found = [
        f"{path.relative_to(base)}: {name}"
        for path in sorted((base / app).rglob("*.py"))
        for name in imported(path)
        if name.partition(".")[0] in project
    ]

    assert found == []
