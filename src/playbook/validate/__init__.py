"""Validate a data directory into a `Playbook`.

Every file is read and checked against its model, then every reference between files is
checked. All problems are collected; none stops the run, so one run reports everything. A
reference to something whose own file is broken is not reported again: the broken file is.

The stages, one module each:
- `discover`: which data files exist, which kind each is, which persona or program it is;
- `one_file`: one file against its model (`check_file`);
- `context`: every file read, and what the checks share (`Context`: lookups and reporting);
- `refs`: every kind of cross reference, and the one way they are resolved;
- `checks/`: the checks across files, one function per concern, run in the order of `CHECKS`;
- `assemble`: the `Playbook` from valid files.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections.abc import Iterator
from pathlib import Path

from playbook.models.playbook import Playbook
from playbook.problems import Problem
from playbook.validate.assemble import assemble
from playbook.validate.checks import CHECKS
from playbook.validate.context import read_all
from playbook.validate.discover import RESERVED_IDS, discover
from playbook.validate.former_ids import resolve_former_ids
from playbook.validate.one_file import CheckedFiles, CheckFile, check_file
from playbook.validate.refs import BUYING_STAGE_FIELD

__all__ = [
    "BUYING_STAGE_FIELD",
    "RESERVED_IDS",
    "CheckedFiles",
    "check_file",
    "collector_paused",
    "validate",
]


def validate(
    data_dir: Path, base: str | None = None, check: CheckFile = check_file
) -> tuple[Playbook | None, list[Problem]]:
    """Read and check every file under `data_dir`: the playbook, or every problem found.

    With `base` (a git revision), a clash between two files is reported on the one changed
    since then (`playbook.blame`). `check` checks each file (a `CheckedFiles` remembers the
    files that have not changed since it last checked them)."""
    with collector_paused():
        playbook, problems = _run(data_dir, base, check)
    return playbook, sorted(set(problems))


def _run(
    data_dir: Path, base: str | None, check: CheckFile
) -> tuple[Playbook | None, list[Problem]]:
    if not data_dir.is_dir():
        return None, [
            Problem.whole_file(
                data_dir,
                "is not a folder; give the folder that holds playbook.yml, personas/ and "
                "programs/ (usually `data`)",
            )
        ]
    context = read_all(data_dir, discover(data_dir), base, check)
    for across in CHECKS:
        across(context)
    if context.problems:
        return None, context.problems
    former = resolve_former_ids(context)
    return dataclasses.replace(assemble(context), former_references=former), []


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a playbook is read and indexed.

    Reading makes millions of small objects and no reference cycles, which the collector would
    otherwise walk over and over: a third of the time at scale.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
