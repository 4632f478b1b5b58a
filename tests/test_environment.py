"""The set-up: `.venv` holds exactly what requirements/lock.txt names, and CI tests that."""

from __future__ import annotations

import os
import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

LOCK = ROOT / "requirements" / "lock.txt"
# pip and setuptools come with every virtual environment; pip freeze leaves them out too.
NOT_LOCKED = {"pip", "setuptools", "persona-playbook"}


def locked(lock: str) -> dict[str, str]:
    """Package name → version for each requirement of a pip lock that applies to this Python."""
    versions = {}
    for line in lock.splitlines():
        if not re.match(r"[A-Za-z0-9]", line):
            continue  # comments, hashes and `# via` lines
        requirement = Requirement(line.removesuffix("\\").strip())
        if requirement.marker is None or requirement.marker.evaluate():
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", f"not pinned exactly: {line}"
            versions[canonicalize_name(requirement.name)] = specifier.version
    return versions


def installed() -> dict[str, str]:
    return {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if canonicalize_name(dist.metadata["Name"]) not in NOT_LOCKED
    }


def test_the_lock_is_read_as_pip_reads_it() -> None:
    lock = (
        "# header\n"
        "jinja2==3.1.6 \\\n    --hash=sha256:aa\n    # via mkdocs\n"
        "colorama==0.4.6 ; sys_platform == 'win32' \\\n    --hash=sha256:bb\n"
        "Typing_Extensions==4.16.0 ; python_full_version >= '3.11' \\\n    --hash=sha256:cc\n"
    )
    assert locked(lock) == {"jinja2": "3.1.6", "typing-extensions": "4.16.0"} | (
        {"colorama": "0.4.6"} if os.name == "nt" else {}
    )


@pytest.mark.skipif(
    os.environ.get("PLAYBOOK_DEPENDENCIES") == "newest",
    reason="PLAYBOOK_DEPENDENCIES=newest installs the newest versions, not the lock's",
)
def test_the_environment_is_exactly_the_lock() -> None:
    """What `python3 run.py` installed is what CI tested: nothing more, nothing less."""
    wanted, have = locked(LOCK.read_text()), installed()
    assert {name: have.get(name) for name in wanted} == wanted, "installed ≠ locked"
    assert set(have) - set(wanted) == set(), "installed but not in the lock"


def test_every_locked_package_carries_a_hash() -> None:
    blocks = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text().split("\n", 2)[2])
    assert blocks and all("--hash=sha256:" in block for block in blocks)


def test_the_lock_satisfies_every_range_in_pyproject() -> None:
    # A range edited without `python3 run.py lock` leaves the lock stale: say so here, plainly.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    ranges = [*project["build-system"]["requires"], *project["project"]["dependencies"]]
    ranges += project["project"]["optional-dependencies"]["test"]
    versions = locked(LOCK.read_text())
    for line in ranges:
        requirement = Requirement(line)
        version = versions.get(canonicalize_name(requirement.name))
        assert version is not None, f"{requirement.name} is not locked: run `python3 run.py lock`"
        assert requirement.specifier.contains(version, prereleases=True), (
            f"the lock has {requirement.name} {version}, outside {line!r}: "
            "run `python3 run.py lock`"
        )


def test_the_project_is_installed_from_this_checkout() -> None:
    import playbook

    assert Path(playbook.__file__).resolve().is_relative_to(ROOT / "src")
