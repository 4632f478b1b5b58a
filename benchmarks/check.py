"""The pull-request check on a content change, timed step by step (`run.py benchmark --check`).

In a copy of the project whose data is a benchmark playbook, committed on `main` and built once
(what `actions/cache` restores: the conversions the last check kept), a pull request rewords one
persona's pain point, and the check runs what `.github/workflows/check.yml` runs on it: validate
(with the base, as annotations), lint, diff, the strict build of the preview, and the tests as
the check runs them: told the change (PLAYBOOK_CHANGED_SINCE) and given the preview
(PLAYBOOK_SITE), a change to data/ alone runs the content checks (the browser journeys and
tests/test_content.py) on the personas and programs it touched (tests/focus.py), and leaves the
tool's own tests out: they run on fixtures of their own, whatever data/ holds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
COPIED = (
    "mkdocs.yml",
    "pyproject.toml",
    "run.py",
    "docs",
    "hooks",
    "macros",
    "schemas",
    "tests",
    "benchmarks",
    "engines",
)
"""What the check reads besides data/ (the tests import run.py, benchmarks and engines); the code
is the installed package's."""


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start


def _journeys(project: Path, env: dict[str, str], report: Path) -> tuple[float, str]:
    """Seconds the content journeys take, and pytest's last line (what passed and failed): on a
    synthetic playbook some content checks may not hold (README, "Performance"). Pytest's
    report is written to `report`."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfE"]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    report.write_text(result.stdout + result.stderr, encoding="utf-8")
    lines = [line.strip("= ") for line in result.stdout.splitlines() if line.strip()]
    return seconds, lines[-1] if lines else f"pytest exited with {result.returncode}"


def _git(project: Path, *args: str) -> None:
    command = ["git", "-c", "user.name=Benchmark", "-c", "user.email=benchmark@example.com"]
    subprocess.run([*command, *args], cwd=project, check=True, capture_output=True)


def _project(data: Path, work: Path) -> Path:
    """The project with `data` as its data/, committed on main."""
    project = work / "project"
    shutil.rmtree(work, ignore_errors=True)
    project.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, project / name, ignore=shutil.ignore_patterns("node_modules", "__pycache__")
            )
        else:
            shutil.copy(source, project / name)
    axe = ROOT / "tests" / "browser" / "node_modules"
    if axe.is_dir():
        (project / "tests" / "browser" / "node_modules").symlink_to(axe)
    shutil.copytree(data, project / "data")
    (project / ".gitignore").write_text(
        ".cache/\nsite/\n__pycache__/\ntest-artifacts/\n", encoding="utf-8"
    )
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "The playbook")
    return project


def pr_check(
    data: Path, work: Path, edit: Callable[[Path], None], report: Path
) -> dict[str, float | str]:
    """Seconds each step of the check takes on a pull request that applies `edit` (a function
    of the data folder) to `data`, and their sum; the journeys' report goes to `report`."""
    project = _project(data, work)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PLAYBOOK_DATA", "PLAYBOOK_CACHE", "PLAYBOOK_OFFLINE")
    }
    env |= {
        "PLAYBOOK_TODAY": "2026-11-23",
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "GITHUB_STEP_SUMMARY": str(work / "summary.md"),
    }
    build = [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", "site"]
    offline = {**env, "PLAYBOOK_OFFLINE": "true"}
    _run(build, project, offline)  # the check of the last change on main, which kept its pages
    _git(project, "checkout", "-q", "-b", "change")
    edit(project / "data")
    _git(project, "commit", "-q", "-am", "Reword a pain point")
    playbook = str(BIN / "playbook")
    steps = {
        "check_validate_s": (
            [playbook, "validate", "data", "--format", "github", "--base", "main"],
            env,
        ),
        "check_lint_s": ([playbook, "lint", "--format", "github"], env),
        "check_diff_s": ([playbook, "diff", "main"], env),
        "check_build_s": (build, offline),
    }
    times: dict[str, float | str] = {
        column: round(_run(command, project, step_env), 2)
        for column, (command, step_env) in steps.items()
    }
    required = {
        **env,
        "PLAYBOOK_BROWSER_TESTS": "required",
        "PLAYBOOK_SITE": "site",
        "PLAYBOOK_CHANGED_SINCE": "main",
    }
    seconds, outcome = _journeys(project, required, report)
    times["check_journeys_s"] = round(seconds, 2)
    times["check_journeys"] = outcome
    times["check_s"] = round(sum(v for v in times.values() if isinstance(v, float)), 2)
    return times
