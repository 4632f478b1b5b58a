#!/usr/bin/env python3
"""Set up and run Persona Playbook with nothing but Python 3.11+ and pip.

    python3 run.py build      build the example playbook's site into site/
    python3 run.py serve      preview the site at http://127.0.0.1:8000, rebuilt as you edit
    python3 run.py preview    the same, faster: rebuilds only the pages your edit changes
    python3 run.py test       run the tests (`-m browser`: only the browser journeys)
    python3 run.py check      lint and type-check the code (ruff, mypy)
    python3 run.py benchmark  time validation and builds at three sizes (see README)
    python3 run.py playbook … any `playbook` command, e.g. `playbook validate data`

The first run creates `.venv/` beside this file and installs the project into it; later runs
reinstall only when pyproject.toml changes. `test` also installs axe-core for the browser
journeys with npm, when npm is there, and again only when tests/browser/package-lock.json changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".persona-playbook-install"
BROWSER_TESTS = ROOT / "tests" / "browser"

COMMANDS: dict[str, list[list[str]]] = {
    "serve": [["mkdocs", "serve", "--livereload"]],
    "preview": [["mkdocs", "serve", "--livereload", "--dirty"]],
    "test": [["python", "-m", "pytest"]],
    "check": [["ruff", "check", "."], ["mypy"]],
    "benchmark": [["python", "-m", "benchmarks.benchmark"]],
    "playbook": [["playbook"]],
}


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py runs on any Python
        print("Persona Playbook needs Python 3.11 or newer.", file=sys.stderr)
        return 2
    if not argv or (argv[0] not in COMMANDS and argv[0] != "build"):
        print(__doc__)
        return 2
    command, extra = argv[0], argv[1:]
    ensure_environment()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # a dependency's banner, not ours
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    if command == "build":
        return build(extra)
    if command == "test":
        ensure_axe_core()
    steps = COMMANDS[command]
    for index, step in enumerate(steps):
        args = step + extra if index == len(steps) - 1 else step
        status = subprocess.call([str(_bin(args[0])), *args[1:]], cwd=ROOT)
        if status != 0:
            return status
    return 0


def build(extra: list[str]) -> int:
    """Build the site into a fresh folder; replace site/ only when the build succeeds."""
    fresh = ROOT / ".site-new"
    shutil.rmtree(fresh, ignore_errors=True)
    status = subprocess.call(
        [str(_bin("mkdocs")), "build", "--strict", "--site-dir", str(fresh), *extra], cwd=ROOT
    )
    if status != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print("The build failed; site/ is unchanged.", file=sys.stderr)
        return status
    site, old = ROOT / "site", ROOT / ".site-old"
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    print(
        f"Built the site into {site.relative_to(ROOT)}/ (preview it with `python3 run.py serve`)."
    )
    return 0


def ensure_environment() -> None:
    """Create .venv and install the project, unless it is already installed as it is now."""
    wanted = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + sys.version.encode()
    ).hexdigest()
    python = _bin("python")
    if python.exists() and STAMP.is_file() and STAMP.read_text() == wanted:
        return
    if not python.exists():
        print("Creating .venv (first run only)…", flush=True)
        venv.create(VENV, with_pip=True, clear=VENV.exists())
    print("Installing Persona Playbook and its dependencies into .venv…", flush=True)
    subprocess.check_call(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--editable",
            ".[test]",
        ],
        cwd=ROOT,
    )
    STAMP.write_text(wanted)


def ensure_axe_core() -> None:
    """Install axe-core for the browser tests with `npm ci`, unless installed from this lock."""
    lock = BROWSER_TESTS / "package-lock.json"
    stamp = BROWSER_TESTS / "node_modules" / ".persona-playbook-install"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.is_file() and stamp.read_text() == wanted:
        return
    npm = shutil.which("npm")
    if npm is None:
        print(
            "npm is not installed, so neither is axe-core: the browser tests' accessibility "
            "check will be skipped.",
            file=sys.stderr,
        )
        return
    print("Installing axe-core for the browser tests (npm ci)…", flush=True)
    command = [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"]
    if subprocess.call(command, cwd=BROWSER_TESTS) == 0:
        stamp.write_text(wanted)
    else:
        print("npm ci failed: the browser tests' accessibility check needs it.", file=sys.stderr)


def _bin(name: str) -> Path:
    folder = VENV / ("Scripts" if os.name == "nt" else "bin")
    return folder / (f"{name}.exe" if os.name == "nt" else name)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
