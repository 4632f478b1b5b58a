"""When each data file last changed, from git history: one `git log` for the whole data folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from playbook.git import GitError, git, toplevel


def last_changed(data_dir: Path) -> dict[Path, dt.date]:
    """The date of the last commit that touched each file under `data_dir`.

    Empty when git or the repository is not available (a tarball, a copy): pages then simply
    show no date.
    """
    data_dir = data_dir.resolve()
    try:
        top = toplevel(data_dir)
        relative = data_dir.relative_to(top).as_posix() or "."
        log = git(["log", "--format=%x00%cs", "--name-only", "--", relative], top).decode()
    except (*GitError, ValueError):
        return {}
    dates: dict[Path, dt.date] = {}
    current: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("\0"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault(top / line, current)  # git log lists the newest commit first
    return dates


def changed_on(source: Path, dates: dict[Path, dt.date]) -> dt.date | None:
    """When `source` (a file, or a folder of files) last changed, if git knows."""
    source = source.resolve()
    if source in dates:
        return dates[source]
    inside = [date for path, date in dates.items() if path.is_relative_to(source)]
    return max(inside) if inside else None
