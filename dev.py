#!/usr/bin/env python3
"""Newcomer entry point: create .venv, install the pinned requirements, then run.

    python3 dev.py demo    # the demo site with the seed article, on 127.0.0.1:8000
    python3 dev.py test    # the test suite (SQLite; DATABASE_URL=postgres://… for PG)
    python3 dev.py lint    # ruff, migrations check, deprecation-free system check

Needs only Python 3.11+. Extra arguments go to the command (`dev.py test -k parser`,
`dev.py demo --port 8001`).
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
REQUIREMENTS = ROOT / "requirements-dev.txt"
STAMP = VENV / ".requirements.sha256"


def _requirements_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("requirements*.txt")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_venv() -> None:
    """Create the virtualenv and install requirements unless they are up to date."""
    if sys.version_info < (3, 11):  # noqa: UP036 - say so plainly on an old Python
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    digest = _requirements_digest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == digest:
        return
    has_pip = PYTHON.exists() and run(PYTHON, "-m", "pip", "--version", quiet=True) == 0
    if not has_pip:
        # A half-made .venv (say, python3-venv missing) is rebuilt, not reused.
        print(f"Creating {VENV.relative_to(ROOT)} …", flush=True)
        try:
            venv.create(VENV, with_pip=True, clear=True)
        except subprocess.CalledProcessError:
            sys.exit(
                "Could not create a virtualenv with pip. On Debian or Ubuntu, "
                "install it first: sudo apt-get install python3-venv"
            )
    print("Installing pinned requirements (first run only) …", flush=True)
    subprocess.run(
        [
            PYTHON,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            REQUIREMENTS,
        ],
        check=True,
    )
    STAMP.write_text(digest)


def run(*command, quiet: bool = False) -> int:
    output = subprocess.DEVNULL if quiet else None
    return subprocess.run(
        [str(part) for part in command], cwd=ROOT, stdout=output, stderr=output
    ).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "lint"}:
        print(__doc__)
        return 2
    ensure_venv()
    task, extra = argv[0], argv[1:]
    if task == "demo":
        return run(PYTHON, "manage.py", "demo", *extra)
    if task == "test":
        return run(PYTHON, "-m", "pytest", *extra)
    checks = [
        [BIN / "ruff", "check", "."],
        [BIN / "ruff", "format", "--check", "."],
        [PYTHON, "-W", "error::DeprecationWarning", "manage.py", "check"],
        [PYTHON, "manage.py", "makemigrations", "--check", "--dry-run"],
    ]
    return max(run(*check) for check in checks)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
