"""Which of two clashing files to blame: the one the change added or edited.

When two persona files claim the same short name or rank, the problem belongs on the file a
pull request added or changed, not on the live persona it was copied from. Newest first:
- a file changed since the base revision (`--base`, in CI the pull request's target branch);
- a file git does not know yet (just added);
- the file whose last commit is later;
- the file modified later on disk.
Git is asked only when there is a clash, once per run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from playbook.git import GitError, git, toplevel
from playbook.history import last_changed


@dataclass(frozen=True)
class Ages:
    """How new each data file is."""

    changed: frozenset[Path]
    """Added or changed since the base, or not yet known to git."""
    committed: Mapping[Path, dt.date]
    """The date of each file's last commit."""

    def newness(self, path: Path) -> tuple[bool, bool, dt.date, int]:
        """A key that sorts older files first."""
        resolved = path.resolve()
        try:
            modified = path.stat().st_mtime_ns
        except OSError:
            modified = 0
        return (
            resolved in self.changed,
            resolved not in self.committed,
            self.committed.get(resolved, dt.date.max),
            modified,
        )


def ages(data_dir: Path, base: str | None) -> Ages:
    """How new the files under `data_dir` are; with `base`, what changed since that revision."""
    committed = last_changed(data_dir)
    changed: set[Path] = set()
    try:
        top = toplevel(data_dir)
        folder = data_dir.resolve().relative_to(top).as_posix() or "."
        asks = [["ls-files", "--others", "--exclude-standard", "--", folder]]
        if base:
            asks.append(["diff", "--name-only", base, "--", folder])
        for ask in asks:
            changed |= {top / name for name in git(ask, top).decode().splitlines() if name}
    except (*GitError, ValueError):
        pass
    return Ages(frozenset(changed), committed)
