"""Persona iteration: what changed in each persona since the last program for it ended.

The reference playbook asks to update the personas after every event cycle. A persona's file
history in git says whether that happened: its version as of the day the program ended (the
last commit on or before that day) is compared field by field with the persona now, in the
words of `playbook.changes`. Without git (a downloaded copy) or without history that reaches
back to that day (a shallow clone), nothing can be told, and the page says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from markupsafe import Markup
from pydantic import ValidationError

from playbook.changes import Style, describe
from playbook.git import GitError, git, toplevel
from playbook.index import Index
from playbook.load import read_bytes
from playbook.models.persona import Persona
from playbook.models.playbook import Playbook
from playbook.render import escape

PAGE = Style(escape, lambda words: f"<del>{words}</del>", lambda words: f"<ins>{words}</ins>")
"""Changes written for a page: values escaped as every page's, words marked in HTML."""
SHOWN = 12
"""The most changes a page lists; the rest are counted."""

State = Literal["none-ended", "unknown", "new", "unchanged", "changed", "unreadable"]


@dataclass(frozen=True)
class Ended:
    """The last program for a persona that has ended."""

    program: str
    """Its id."""
    name: str
    date: dt.date
    """Its last day."""


@dataclass(frozen=True)
class PersonaChanges:
    """What changed in one persona since the last program for it ended."""

    state: State
    """`none-ended`: no program for it has ended; `unknown`: no history to tell; `new`: its
    file was written since; `unchanged`; `changed`; `unreadable`: its old version no longer
    reads as a persona."""
    ended: Ended | None = None
    since: dt.date | None = None
    """The day of the version compared with (its last commit on or before the end)."""
    changes: tuple[Markup, ...] = ()
    """The first SHOWN changes, in words."""
    more: int = 0
    """How many changes are not listed."""


def last_ended(playbook: Playbook, index: Index, persona_id: str, today: dt.date) -> Ended | None:
    """The program for `persona_id` that ended last before `today`, if any has."""
    ended = [
        Ended(pid, program.name, program.event.end_date)
        for pid in index.programs_for(persona_id)
        if (program := playbook.programs[pid]).event.end_date < today
    ]
    return max(ended, key=lambda e: (e.date, e.program), default=None)


def persona_changes(
    playbook: Playbook, index: Index, today: dt.date, *, history: bool = True
) -> dict[str, PersonaChanges]:
    """Each persona's changes since its last program ended; with `history` False, or outside a
    git repository, `unknown` wherever a program has ended."""
    ended = {pid: last_ended(playbook, index, pid, today) for pid in playbook.personas}
    if not any(ended.values()):
        return {pid: PersonaChanges("none-ended") for pid in playbook.personas}
    files = _Files.of(playbook.data_dir / "personas") if history else None
    names = {pid: persona.name for pid, persona in playbook.personas.items()}
    return {
        pid: _changes(persona, ended[pid], files, playbook.data_dir, names)
        for pid, persona in playbook.personas.items()
    }


def _changes(
    persona: Persona,
    ended: Ended | None,
    files: _Files | None,
    data_dir: Path,
    names: Mapping[str, str],
) -> PersonaChanges:
    if ended is None:
        return PersonaChanges("none-ended")
    if files is None:
        return PersonaChanges("unknown", ended)
    paths = [data_dir / "personas" / f"{pid}.yml" for pid in (persona.id, *persona.formerly)]
    version = files.version_at(paths, ended.date)
    if version is None:
        return PersonaChanges("unknown" if files.shallow else "new", ended)
    commit, path, day = version
    old = _persona_at(files, commit, path, persona.id)
    if old is None:
        return PersonaChanges("unreadable", ended, day)
    described = [Markup(line) for line in describe(old, persona, names, PAGE)]
    if not described:
        return PersonaChanges("unchanged", ended, day)
    return PersonaChanges(
        "changed", ended, day, tuple(described[:SHOWN]), max(0, len(described) - SHOWN)
    )


def _persona_at(files: _Files, commit: str, path: Path, persona_id: str) -> Persona | None:
    """The persona as its file was at `commit`; None when it no longer reads as one."""
    raw = files.content(commit, path)
    if raw is None:
        return None
    document, _ = read_bytes(path, raw)
    if document is None or not isinstance(document.data, dict):
        return None
    try:
        return Persona.model_validate({**document.data, "id": persona_id})
    except ValidationError:
        return None


@dataclass(frozen=True)
class _Files:
    """The git history of the files in one folder: every commit that touched each."""

    top: Path
    commits: Mapping[Path, list[tuple[str, dt.date]]]
    """Each file's commits, newest first, with their dates."""
    shallow: bool
    """Whether the clone's history is cut off (it may not reach back far enough)."""

    @classmethod
    def of(cls, folder: Path) -> _Files | None:
        """The history of the files in `folder`, or None without git or a repository."""
        try:
            top = toplevel(folder)
            relative = folder.resolve().relative_to(top).as_posix() or "."
            log = git(["log", "--format=%x00%H %cs", "--name-only", "--", relative], top)
            shallow = git(["rev-parse", "--is-shallow-repository"], top).strip() == b"true"
        except (*GitError, ValueError):
            return None
        commits: dict[Path, list[tuple[str, dt.date]]] = {}
        current: tuple[str, dt.date] | None = None
        for line in log.decode().splitlines():
            if line.startswith("\0"):
                sha, day = line[1:].split(" ")
                current = (sha, dt.date.fromisoformat(day))
            elif line and current is not None:
                commits.setdefault(top / line, []).append(current)
        return cls(top, commits, shallow)

    def version_at(self, paths: list[Path], day: dt.date) -> tuple[str, Path, dt.date] | None:
        """The last commit on or before `day` that touched one of `paths` (a file and the names
        it had before): the commit, the path it had then, and the commit's day."""
        found = [
            (when, sha, path)
            for path in paths
            for sha, when in self.commits.get(path.resolve(), [])
            if when <= day
        ]
        if not found:
            return None
        when, sha, path = max(found, key=lambda version: version[0])
        return sha, path, when

    def content(self, commit: str, path: Path) -> bytes | None:
        """The file at `path` as of `commit`; None if it was not there (deleted in it)."""
        relative = path.resolve().relative_to(self.top).as_posix()
        try:
            return git(["show", f"{commit}:{relative}"], self.top)
        except GitError:
            return None
