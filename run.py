#!/usr/bin/env python3
"""Set up and run Persona Playbook with nothing but Python 3.11+ and pip.

    python3 run.py build      build the example playbook's site (validates the data first)
    python3 run.py test       run the tests
    python3 run.py check      lint and type-check the code (ruff, mypy)
    python3 run.py playbook … any `playbook` command, e.g. `playbook validate data`

The first run creates `.venv/` beside this file and installs the project into it; later runs
reinstall only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".persona-playbook-install"

COMMANDS: dict[str, list[list[str]]] = {
    "build": [["playbook", "validate", "data"]],
    "test": [["python", "-m", "pytest"]],
    "check": [["ruff", "check", "."], ["mypy"]],
    "playbook": [["playbook"]],
}


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py runs on any Python
        print("Persona Playbook needs Python 3.11 or newer.", file=sys.stderr)
        return 2
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    command, extra = argv[0], argv[1:]
    ensure_environment()
    steps = COMMANDS[command]
    for index, step in enumerate(steps):
        args = step + extra if index == len(steps) - 1 else step
        status = subprocess.call([str(_bin(args[0])), *args[1:]], cwd=ROOT)
        if status != 0:
            return status
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


def _bin(name: str) -> Path:
    folder = VENV / ("Scripts" if os.name == "nt" else "bin")
    return folder / (f"{name}.exe" if os.name == "nt" else name)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
