"""Shared fixtures: the tool's own playbook, copies of it to break, and its built site; and the
content in data/, for the checks any valid playbook must pass.

Two playbooks, on purpose. The tool's tests run on EXAMPLE, a frozen copy of the example under
tests/fixtures/, so they may name its personas and count its sessions; content leads change
data/ every day, and no tool test notices. The content checks (tests/test_content.py and the
browser journeys) run on DATA and hold for any valid playbook: they name nothing in it.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from playbook.models.playbook import Playbook
from playbook.problems import Problem
from playbook.validate import validate
from tests.focus import Change, Focus, change
from tests.focus import focus as focus_of

if TYPE_CHECKING:
    from tests.hostile import HostileSite

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "fixtures" / "playbook"
"""The tool's own playbook: a frozen copy of the example, for tests that may name what is in it."""
DATA = ROOT / "data"
"""The playbook content leads edit: only content checks read it."""
KEPT = ROOT / ".cache" / "playbook"
"""Where `mkdocs build` keeps the conversions of the project's pages (playbook_mkdocs.cache)."""
PREBUILT = "PLAYBOOK_SITE"
"""A site the run already built from data/ (the check's build step): the content checks test it
instead of building their own."""
CONTENT_FIXTURES = {"content", "content_site", "focus"}
"""What content checks read data/ through."""
TODAY = "2026-11-23"
"""The day the test builds take as today, so that countdowns and "where we stand" are stable."""
SITE_TODAY = (
    os.environ.get("PLAYBOOK_TODAY") or dt.date.today().isoformat()
    if os.environ.get(PREBUILT)
    else TODAY
)
"""The day the content checks' site is as of: TODAY for the site they build; for PLAYBOOK_SITE,
the PLAYBOOK_TODAY it was built with (the workflows set one for the whole job), else today."""


def pytest_configure(config: pytest.Config) -> None:
    # Whatever reads "the data folder" without being told which (mkdocs.yml's hook, `playbook`
    # commands run here) reads the tool's own playbook; content checks name DATA.
    os.environ["PLAYBOOK_DATA"] = str(EXAMPLE)
    # The tool's builds keep their conversions in a folder of the run's, not in .cache/.
    if "PLAYBOOK_CACHE" not in os.environ:
        conversions = tempfile.mkdtemp(prefix="playbook-cache-")
        os.environ["PLAYBOOK_CACHE"] = conversions
        config.add_cleanup(lambda: shutil.rmtree(conversions, ignore_errors=True))


@functools.cache
def data_change() -> Change | None:
    """The change to data/ this run is told of (PLAYBOOK_CHANGED_SINCE), asked of git once."""
    return change(DATA)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test that reads data/ is a content check (`-m content`). The others test the tool on
    fixtures of their own, and their outcome cannot change with data/: a run told of a change
    confined to data/ (PLAYBOOK_CHANGED_SINCE, tests/focus.py) leaves them out."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if isinstance(item, pytest.Function) and hasattr(item, "callspec"):
            fixtures -= set(item.callspec.params)  # a parameter may share a fixture's name
        if CONTENT_FIXTURES & fixtures or item.get_closest_marker("content"):
            item.add_marker(pytest.mark.content)
    since = data_change()
    if since is not None and since.data_only:
        tool = [item for item in items if not item.get_closest_marker("content")]
        items[:] = [item for item in items if item.get_closest_marker("content")]
        config.hook.pytest_deselected(items=tool)


def pytest_report_header() -> list[str]:
    libyaml = "not used"
    if yaml.__with_libyaml__:
        from yaml import _yaml  # type: ignore[attr-defined]

        libyaml = _yaml.get_version_string()
    lines = [f"PyYAML {yaml.__version__}, libyaml {libyaml}"]
    since = data_change()
    if since is not None:
        scope = (
            "only data/: the content checks, on the personas and programs it touched"
            if since.data_only
            else "more than data/: every test, on every persona and program"
        )
        lines.append(f"The change since {since.revision} touches {scope}")
    return lines


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the expected output of golden-file tests from what the code produces now",
    )


def valid_playbook(data: Path) -> Playbook:
    """The playbook in `data`, which must have no problem."""
    playbook, problems = validate(data)
    assert not problems, "\n".join(problem.format(ROOT) for problem in problems)
    assert playbook is not None
    return playbook


def strict_build(out: Path, data: Path, **environment: str) -> Path:
    """The repository's site built strictly from `data` into `out`, with no warning."""
    result = mkdocs_build(ROOT, out, data, **environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    return out


@pytest.fixture(scope="session")
def example() -> Playbook:
    """The example playbook, validated once per test run."""
    return valid_playbook(EXAMPLE)


def child_processes() -> set[int]:
    """The ids of this process's children, running or not yet collected (from Linux's /proc)."""
    tasks = Path(f"/proc/{os.getpid()}/task")
    if not tasks.is_dir():
        pytest.skip("needs Linux's /proc to see this process's children")
    found = set()
    for task in tasks.iterdir():
        try:
            found |= {int(pid) for pid in (task / "children").read_text().split()}
        except FileNotFoundError:
            continue  # a thread that ended while we looked
    return found


def mkdocs_build(
    project: Path, site: Path, data: Path, **environment: str
) -> subprocess.CompletedProcess[str]:
    """A strict `mkdocs build` of `project` with `data` into `site`, as of TODAY; `environment`
    adds variables (e.g. PLAYBOOK_OFFLINE="true")."""
    env = {
        **os.environ,
        "PLAYBOOK_DATA": str(data),
        "PLAYBOOK_TODAY": TODAY,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        **environment,
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example playbook, built once per test run from the repository root."""
    return strict_build(tmp_path_factory.mktemp("site"), EXAMPLE)


@pytest.fixture(scope="session")
def content() -> Playbook:
    """The playbook in data/, validated once per test run."""
    return valid_playbook(DATA)


@pytest.fixture(scope="session")
def focus(content: Playbook) -> Focus:
    """The personas and programs content checks visit one by one (tests/focus.py)."""
    return focus_of(content, data_change())


@pytest.fixture(scope="session")
def content_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The playbook in data/, built once per test run, strictly; or the site PLAYBOOK_SITE
    names, built from data/ by the run before the tests (the pull-request check's preview)."""
    prebuilt = os.environ.get(PREBUILT)
    if prebuilt:
        assert (Path(prebuilt) / "index.html").is_file(), f"{PREBUILT}={prebuilt}: no site there"
        return Path(prebuilt).resolve()
    # With the conversions `run.py build` keeps for data/ (the check builds it just before).
    return strict_build(tmp_path_factory.mktemp("content-site"), DATA, PLAYBOOK_CACHE=str(KEPT))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the example data to change; validate it with `problems_in`."""
    target = tmp_path / "data"
    shutil.copytree(EXAMPLE, target)
    return target


Edit = Callable[[str, str, str], None]


@pytest.fixture
def edit(data_copy: Path) -> Edit:
    """Replace the first `old` with `new` in a file of the data copy (so line numbers stay put)."""

    def replace(relative: str, old: str, new: str) -> None:
        path = data_copy / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return replace


def problems_in(data_dir: Path) -> list[str]:
    """The problems `validate` reports for `data_dir`, formatted with paths relative to it."""
    playbook, problems = validate(data_dir)
    assert (playbook is None) == bool(problems)
    return [problem.format(data_dir) for problem in problems]


def formatted(problems: list[Problem], base: Path) -> list[str]:
    return [problem.format(base) for problem in problems]


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    """The example with hostile text in every context validation lets it reach (tests/hostile.py),
    built once per test run."""
    from tests.hostile import build_hostile_site

    return build_hostile_site(tmp_path_factory.mktemp("hostile"))
