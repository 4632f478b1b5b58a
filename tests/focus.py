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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from playbook.git import GitError, git, toplevel
from playbook.models.playbook import Playbook
from playbook.pages import urls
from playbook.pages.sitemap import Page
from playbook.site import build_date, build_site

CHANGED_SINCE = "PLAYBOOK_CHANGED_SINCE"


@dataclass(frozen=True)
class Focus:
    """The personas and programs to visit, in the playbook's order."""

    personas: tuple[str, ...]
    programs: tuple[str, ...]
    pages: frozenset[str] | None = None
    """The pages (site-map paths) drawn from the changed files; None: every page."""

    @property
    def persona(self) -> str:
        """The persona whose pages stand for every persona's: a changed one if any."""
        return self.personas[0]

    @property
    def program(self) -> str | None:
        """The program whose pages stand for every program's: a changed one if any."""
        return self.programs[0] if self.programs else None

    def visits(self, path: str) -> bool:
        """Whether a journey about the page at `path` (site-map path) runs: if the page is drawn
        from a changed file, or if no page is but those every change moves (the change is to a
        file pages only quote, say `channels.yml`: then every journey runs)."""
        if self.pages is None or path in self.pages:
            return True
        return not (self.pages - EVERY_CHANGE)

    def pages_of(self, candidates: list[str]) -> list[str]:
        """Those of `candidates` (site-map paths) the focus visits, with the pages every change
        moves."""
        return [path for path in candidates if path in EVERY_CHANGE or self.visits(path)]


EVERY_CHANGE = frozenset({urls.home(), urls.health(), urls.downloads()})
"""Pages whose figures any change to the data moves: counts, findings, every download."""


def everything(playbook: Playbook) -> Focus:
    return Focus(tuple(playbook.personas), tuple(playbook.programs))


def touched_by(
    playbook: Playbook, changed: set[Path], pages: Iterable[Page] | None = None
) -> Focus:
    """The personas and programs written in the `changed` files (resolved paths); the first
    persona (the featured program) if the change touched none; and which of the site's `pages`
    are drawn from a changed file, or from a folder that holds one."""
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
        None if pages is None else frozenset(_drawn_from(pages, changed)),
    )


def _drawn_from(pages: Iterable[Page], changed: set[Path]) -> Iterator[str]:
    for page in pages:
        if page.source is None:
            continue
        source = page.source.resolve()
        if source in changed or any(path.is_relative_to(source) for path in changed):
            yield page.path


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
    site = build_site(playbook.data_dir, build_date(), history=False)
    return touched_by(playbook, set(since.files), site.pages)
