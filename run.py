#!/usr/bin/env python3
"""Set up and run Persona Playbook with nothing but Python 3.11+ and pip.

    python3 run.py build      build the example playbook's site into site/
    python3 run.py serve      preview the site at http://127.0.0.1:8000, rebuilt as you edit
    python3 run.py preview    the same, faster: rebuilds only the pages your edit changes
    python3 run.py test       run the tests (`-m browser`: only the browser journeys)
    python3 run.py check      lint and type-check the code (ruff, mypy)
    python3 run.py benchmark  time validation and builds at three sizes (see README)
    python3 run.py snapshot D build the example and size M into D, to diff two commits' sites
    python3 run.py playbook … any `playbook` command, e.g. `playbook validate data`
    python3 run.py lock       regenerate requirements/lock.txt (`--upgrade`: newest versions)

The first run creates `.venv/` beside this file and installs exactly the versions in
requirements/lock.txt, each checked against its hash, then the project itself; when the lock
or pyproject.toml changes, the next run makes `.venv/` anew from the lock. `test` also installs
axe-core for the browser journeys with npm, when npm is there, and again only when
tests/browser/package-lock.json changes.

PLAYBOOK_DEPENDENCIES=newest installs instead the newest versions that pyproject.toml's ranges
allow (the scheduled "newest" workflow does, to see a breaking release before it is locked).
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
REQUIREMENTS = ROOT / "requirements"
LOCK = REQUIREMENTS / "lock.txt"
NEWEST = os.environ.get("PLAYBOOK_DEPENDENCIES") == "newest"
BROWSER_TESTS = ROOT / "tests" / "browser"

COMMANDS: dict[str, list[list[str]]] = {
    "serve": [["mkdocs", "serve", "--livereload"]],
    # `mkdocs serve --livereload --dirty`, noticing a save sooner (src/playbook_mkdocs/serve.py).
    "preview": [["python", "-m", "playbook_mkdocs.serve"]],
    "test": [["python", "-m", "pytest"]],
    "check": [["ruff", "check", "."], ["mypy"]],
    "benchmark": [["python", "-m", "benchmarks.benchmark"]],
    "snapshot": [["python", "-m", "benchmarks.snapshot"]],
    "playbook": [["playbook"]],
}


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py runs on any Python
        print("Persona Playbook needs Python 3.11 or newer.", file=sys.stderr)
        return 2
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("build", "lock")):
        print(__doc__)
        return 2
    command, extra = argv[0], argv[1:]
    ensure_environment()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # a dependency's banner, not ours
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    if command == "build":
        return build(extra)
    if command == "lock":
        return lock(extra)
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
    """Build the site into a fresh folder; replace the site folder only when the build succeeds.

    The site folder is site/, or the one named with `-d`/`--site-dir`.
    """
    try:
        site, extra = _site_dir(extra)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    fresh, old = site.with_name(f".{site.name}-new"), site.with_name(f".{site.name}-old")
    shutil.rmtree(fresh, ignore_errors=True)
    status = subprocess.call(
        [str(_bin("mkdocs")), "build", "--strict", "--site-dir", str(fresh), *extra], cwd=ROOT
    )
    if status != 0 or not fresh.is_dir():
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"The build failed; {_shown(site)}/ is unchanged.", file=sys.stderr)
        return status or 1
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Built the site into {_shown(site)}/ (preview it with `python3 run.py serve`).")
    return 0


def _site_dir(args: list[str]) -> tuple[Path, list[str]]:
    """The site folder named in `args` (`-d DIR`, `--site-dir DIR`, `--site-dir=DIR`), or site/,
    and the other arguments."""
    site, rest = ROOT / "site", []
    words = iter(args)
    for word in words:
        if word in ("-d", "--site-dir"):
            value = next(words, None)
            if value is None:
                raise ValueError(f"{word} needs a folder: python3 run.py build {word} FOLDER")
            site = Path(value)
        elif word.startswith("--site-dir="):
            site = Path(word.removeprefix("--site-dir="))
        else:
            rest.append(word)
    site = site if site.is_absolute() else ROOT / site
    if site.resolve() in (ROOT.resolve(), *ROOT.resolve().parents):
        raise ValueError(f"{site} holds the project itself; build into a folder of its own")
    return site, rest


def _shown(path: Path) -> str:
    """`path` relative to this folder where it lies inside (as the lock's header and messages
    show it), else in full."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def ensure_environment() -> None:
    """Make .venv from the lock (or the newest versions), unless it is already made as wanted."""
    mode = b"newest" if NEWEST else LOCK.read_bytes()
    wanted = hashlib.sha256(
        mode + (ROOT / "pyproject.toml").read_bytes() + sys.version.encode()
    ).hexdigest()
    python = _bin("python")
    if python.exists() and STAMP.is_file() and STAMP.read_text() == wanted:
        return
    # Anew each time, so a package the lock no longer names does not linger.
    print("Creating .venv and installing Persona Playbook into it…", flush=True)
    venv.create(VENV, with_pip=True, clear=VENV.exists())
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if NEWEST:
        subprocess.check_call([*pip, "--upgrade", "--editable", ".[test]"], cwd=ROOT)
    else:
        subprocess.check_call([*pip, "--require-hashes", "--requirement", str(LOCK)], cwd=ROOT)
        # The project itself, built with the locked hatchling: nothing more is fetched.
        subprocess.check_call(
            [*pip, "--no-deps", "--no-build-isolation", "--no-index", "--editable", "."],
            cwd=ROOT,
        )
    STAMP.write_text(wanted)


def lock(extra: list[str]) -> int:
    """Regenerate the lock from pyproject.toml's ranges with uv (`--upgrade`: newest versions)."""
    compile_lock = [str(_bin("uv")), "pip", "compile", "--quiet", "--universal"]
    compile_lock += ["--python-version", "3.11", "--generate-hashes"]
    locks = [
        (LOCK, ["pyproject.toml", "--extra", "test", _shown(REQUIREMENTS / "tools.in")]),
        *[(source.with_suffix(".txt"), [_shown(source)]) for source in _pinned_extras()],
    ]
    for output, inputs in locks:
        # Paths relative to ROOT: the lock's header repeats the command, for Dependabot to rerun.
        command = [*compile_lock, *inputs, *extra, "--output-file", _shown(output)]
        status = subprocess.call(command, cwd=ROOT)
        if status != 0:
            return status
        print(f"Wrote {_shown(output)}.")
    return 0


def _pinned_extras() -> list[Path]:
    """Other locks CI installs beside .venv (e.g. an older PyYAML for the loader's tests)."""
    return sorted(path for path in REQUIREMENTS.glob("*.in") if path.name != "tools.in")


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
