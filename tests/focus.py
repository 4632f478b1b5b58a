"""Which personas and programs the content checks visit one by one.

Some content checks look at every persona or program in turn: print each one-pager, search for
each persona. On a playbook of a few years that is minutes of browser time for a pull request
that rewords one pain point. So a run that is told what the change is (PLAYBOOK_CHANGED_SINCE,
a git revision: the pull request's base) visits the personas and programs the change touched;
when it touched none (a channel renamed, a role added), the first persona or the featured
program stands for them, so that each kind of page is still seen. Without it, every persona and
program is visited: a local run, the run after every merge, and a change to anything but data/.

Such a change also leaves the tool's own tests out (tests/conftest.py): they run on fixtures of
their own, so no change to data/ alone can change their outcome.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from playbook.git import GitError, git, toplevel
from playbook.models.playbook import Playbook

CHANGED_SINCE = "PLAYBOOK_CHANGED_SINCE"


@dataclass(frozen=True)
class Focus:
    """The personas and programs to visit, in the playbook's order."""

    personas: tuple[str, ...]
    programs: tuple[str, ...]

    @property
    def persona(self) -> str:
        """The persona whose pages stand for every persona's: a changed one if any."""
        return self.personas[0]

    @property
    def program(self) -> str | None:
        """The program whose pages stand for every program's: a changed one if any."""
        return self.programs[0] if self.programs else None


def everything(playbook: Playbook) -> Focus:
    return Focus(tuple(playbook.personas), tuple(playbook.programs))


def touched_by(playbook: Playbook, changed: set[Path]) -> Focus:
    """The personas and programs written in the `changed` files (resolved paths), changed ones
    first; then the first persona and the featured program, if not among them."""
    snippet_persona = {snippet.id: snippet.persona for snippet in playbook.snippets}
    session_program = {
        session.id: program_id
        for program_id, sessions in playbook.sessions.items()
        for session in sessions
    }
    personas: set[str] = set()
    programs: set[str] = set()
    for key, source in playbook.sources.items():
        if source.path.resolve() not in changed:
            continue
        kind, name = key[0], key[-1] if len(key) > 1 else None
        if kind == "persona" and name is not None:
            personas.add(name)
        elif kind == "snippet" and name in snippet_persona:
            personas.add(snippet_persona[name])
        elif kind == "session" and name in session_program:
            programs.add(session_program[name])
        elif len(key) > 1 and key[1] in playbook.programs:
            programs.add(key[1])  # the program itself, its results, sessions, timeline, KPIs
    first = next(iter(playbook.personas))
    featured = playbook.featured_program
    return Focus(
        tuple(p for p in playbook.personas if p in personas or (p == first and not personas)),
        tuple(p for p in playbook.programs if p in programs or (p == featured and not programs)),
    )


@dataclass(frozen=True)
class Change:
    """What a run is told it checks: the files that differ from a git revision."""

    revision: str
    files: frozenset[Path]
    """Resolved paths, committed or not."""
    data_only: bool
    """Whether every one of them lies in data/: then no tool test's outcome can change."""


def change(data: Path) -> Change | None:
    """The change since PLAYBOOK_CHANGED_SINCE, if set."""
    revision = os.environ.get(CHANGED_SINCE)
    if not revision:
        return None
    try:
        root = toplevel(data)
        listed = git(["diff", "--name-only", revision], root).decode().splitlines()
    except GitError as error:
        raise RuntimeError(f"{CHANGED_SINCE}={revision}: git cannot compare with it") from error
    files = frozenset((root / name).resolve() for name in listed if name)
    inside = data.resolve()
    return Change(revision, files, all(path.is_relative_to(inside) for path in files))


def focus(playbook: Playbook, since: Change | None) -> Focus:
    """What the content checks visit: what a change confined to data/ touched; everything for
    any other change (a template's may alter every page), or when no change is named."""
    if since is None or not since.data_only:
        return everything(playbook)
    return touched_by(playbook, set(since.files))
