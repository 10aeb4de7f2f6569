"""Dependencies point one way (docs/architecture.md); a wrong-way import fails here.

(search, wechat, partners) -> articles -> (staffcredits, bilingual, pagecache);
backups -> pagecache; pagecache, accounts and bilingual import no project package.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
# What each app may import of the project, besides itself.
ALLOWED = {
    "bilingual": set(),
    "pagecache": set(),
    "accounts": set(),
    "staffcredits": set(),
    "articles": {"staffcredits", "bilingual", "pagecache"},
    "search": {"articles"},
    "wechat": {"articles", "staffcredits"},
    "partners": {"articles"},
    "backups": {"pagecache"},
}


def imported(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def project_packages() -> set[str]:
    return {init.parent.name for init in BASE.glob("*/__init__.py")}


def test_every_app_has_a_rule():
    assert project_packages() - {"newsroom", "tests", "bench"} == set(ALLOWED)


@pytest.mark.parametrize("app", ALLOWED)
def test_an_app_imports_only_what_it_may(app):
    forbidden = project_packages() - ALLOWED[app] - {app}
    found = [
        f"{path.relative_to(BASE)}: {name}"
        for path in sorted((BASE / app).rglob("*.py"))
        for name in imported(path)
        if name.partition(".")[0] in forbidden
    ]

    assert found == []
