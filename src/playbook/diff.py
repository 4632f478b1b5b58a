"""What a change does to the playbook, in words: for pull-request reviewers and job summaries."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import multiprocessing
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from playbook.changes import describe
from playbook.git import GitError, git, toplevel
from playbook.models.playbook import Playbook
from playbook.problems import markdown_text
from playbook.site import InvalidPlaybook, Site, build_site


class DiffError(Exception):
    """The base version cannot be read (not a git repository, unknown revision)."""


@dataclass
class Changes:
    """Added, removed and changed things of one kind, by key."""

    title: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)
    renamed: dict[str, list[str]] = field(default_factory=dict)
    """`old` to `new` (its name), with what else changed."""

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.renamed)


@dataclass
class Diff:
    """Everything a change does to the playbook."""

    groups: list[Changes]
    pages_added: list[str]
    pages_removed: list[str]
    pages_changed: list[str]

    def __bool__(self) -> bool:
        return any(self.groups) or bool(
            self.pages_added or self.pages_removed or self.pages_changed
        )


def data_at(revision: str, data_dir: Path, target: Path) -> Path:
    """Extract `data_dir` as it was at git `revision` into `target`; the extracted folder."""
    data_dir = data_dir.resolve()
    try:
        root = toplevel(data_dir)
        git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], data_dir)
    except GitError as error:
        raise DiffError(
            f"cannot read `{revision}`: is it a branch or commit of this repository?"
        ) from error
    relative = data_dir.relative_to(root).as_posix()
    folder = target / relative
    folder.mkdir(parents=True, exist_ok=True)
    # git reads paths relative to where it runs: run it at the repository's root.
    listed = git(["ls-tree", "-r", "--name-only", revision, "--", relative], root)
    if listed.strip():
        archive = git(["archive", "--format=tar", revision, "--", relative], root)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            _extract(tar, target)
    return folder


def _extract(tar: tarfile.TarFile, target: Path) -> None:
    """Extract regular files and folders only, never outside `target`."""
    if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
        tar.extractall(target, filter="data")
        return
    root = target.resolve()
    members = [
        member
        for member in tar.getmembers()
        if (member.isfile() or member.isdir())
        and (root / member.name).resolve().is_relative_to(root)
    ]
    tar.extractall(target, members=members)  # members checked above


@dataclass(frozen=True)
class Version:
    """What comparing needs of one version of the playbook."""

    things: dict[str, dict[str, BaseModel]]
    """Each kind of thing by key (`_things`)."""
    names: dict[str, str]
    """The personas' names by id."""
    pages: dict[str, bytes]
    """A digest of each page's Markdown, by path."""


def version(site: Site) -> Version:
    playbook = site.playbook
    return Version(
        _things(playbook),
        {pid: persona.name for pid, persona in playbook.personas.items()},
        {page.path: hashlib.sha256(site.render(page).encode()).digest() for page in site.pages},
    )


def diff_against(revision: str, data_dir: Path, today: dt.date) -> Diff:
    """What the data in `data_dir` changes compared with the same folder at `revision`.

    Raises InvalidPlaybook if the current data has problems, DiffError if `revision` can't be read.
    The version at `revision` is read and rendered in a second process while this one does the
    current data, where the system can fork one.
    """
    with _beside(_version_at, revision, data_dir, today) as old:
        # Without git dates: the base is extracted outside the repository and has none.
        new = version(build_site(data_dir, today, history=False))
        return compare(old(), new)


def _version_at(revision: str, data_dir: Path, today: dt.date) -> Version | None:
    """The playbook in `data_dir` as it was at `revision`; None if it was not valid then (e.g. a
    first commit of the data: everything counts as added)."""
    with tempfile.TemporaryDirectory() as temp:
        old_dir = data_at(revision, data_dir, Path(temp))
        try:
            return version(build_site(old_dir, today, history=False))
        except InvalidPlaybook:
            return None


@contextmanager
def _beside(
    work: Callable[[str, Path, dt.date], Version | None], *args: Any
) -> Iterator[Callable[[], Version | None]]:
    """`work(*args)` in a forked process while the block runs; the block calls what it yields
    for the result (exceptions included). Without fork, the work is done when asked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        yield lambda: work(*args)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(work, *args)
        try:
            yield future.result
        finally:
            future.cancel()


def compare(old: Version | None, new: Version) -> Diff:
    """The differences between two versions of a playbook and of its pages."""
    before = old.things if old else {}
    after = new.things
    names = (old.names if old else {}) | new.names
    groups = []
    for title in after | before:
        changes = Changes(title)
        old_items, new_items = before.get(title, {}), after.get(title, {})
        renamed_from = {}
        for key, item in new_items.items():
            for old_key in getattr(item, "formerly", []):
                if old_key in old_items and old_key not in new_items and key not in old_items:
                    renamed_from[key] = old_key
        for key, item in new_items.items():
            if key in renamed_from:
                old_key = renamed_from[key]
                label = f"`{old_key}` to {_label(key, item)}"
                changes.renamed[label] = describe(old_items[old_key], item, names)
            elif key not in old_items:
                changes.added.append(_label(key, item))
            elif item != old_items[key]:
                changes.changed[_label(key, item)] = describe(old_items[key], item, names)
        gone = set(renamed_from.values())
        changes.removed = [
            _label(key, item)
            for key, item in old_items.items()
            if key not in new_items and key not in gone
        ]
        groups.append(changes)
    old_pages = old.pages if old else {}
    new_pages = new.pages
    return Diff(
        groups,
        pages_added=sorted(set(new_pages) - set(old_pages)),
        pages_removed=sorted(set(old_pages) - set(new_pages)),
        pages_changed=sorted(
            p for p in new_pages if p in old_pages and new_pages[p] != old_pages[p]
        ),
    )


def _things(playbook: Playbook) -> dict[str, dict[str, BaseModel]]:
    sessions = {s.id: s for program in playbook.sessions.values() for s in program}
    phases: dict[str, BaseModel] = {}
    milestones: dict[str, BaseModel] = {}
    for program_id, timeline in playbook.timelines.items():
        phases |= {f"{program_id}/{phase.id}": phase for phase in timeline.phases}
        milestones |= {f"{program_id}/{m.id}": m for m in timeline.milestones}
    return {
        "Personas": dict(playbook.personas),
        "Programs": dict(playbook.programs),
        "Sessions": dict(sessions),
        "Snippets": {snippet.id: snippet for snippet in playbook.snippets},
        "Timeline phases": phases,
        "Milestones": milestones,
        "JTBD clusters": dict(playbook.clusters),
        "A/B test results": {
            test.test: test for tests in playbook.message_tests.values() for test in tests.tests
        },
    }


def _label(key: str, item: BaseModel) -> str:
    name = getattr(item, "name", None) or getattr(item, "title", None)
    return f"`{key}` ({_text(name)})" if name else f"`{key}`"


def _text(value: object, limit: int = 100) -> str:
    text = " ".join(str(value).split())
    return markdown_text(text if len(text) <= limit else text[: limit - 1] + "…")


def report(diff: Diff, base: str) -> str:
    """The diff as Markdown, for a terminal or a pull request's job summary."""
    lines = [f"## What this change does to the playbook (compared with {_text(base)})", ""]
    if not diff:
        return "\n".join([*lines, "No change to the playbook's data or pages.", ""])
    for changes in diff.groups:
        if not changes:
            continue
        lines.append(f"**{changes.title}**")
        lines += [f"- Added {label}" for label in changes.added]
        lines += [f"- Removed {label}" for label in changes.removed]
        for label, fields in changes.renamed.items():
            lines.append(f"- Renamed {label}" + (":" if fields else ""))
            lines += [f"    - {line}" for line in fields]
        for label, fields in changes.changed.items():
            lines.append(f"- Changed {label}:")
            lines += [f"    - {line}" for line in fields]
        lines.append("")
    lines.append("**Pages**")
    lines += _pages("Added", diff.pages_added)
    lines += _pages("Removed", diff.pages_removed)
    lines += _pages("Changed", diff.pages_changed)
    if not (diff.pages_added or diff.pages_removed or diff.pages_changed):
        lines.append("- No page changes.")
    return "\n".join(lines) + "\n"


def _pages(verb: str, paths: Iterable[str]) -> list[str]:
    paths = list(paths)
    return [f"- {verb}: " + ", ".join(f"`{path}`" for path in paths)] if paths else []
