"""Which data files exist, which kind each is, and which persona or program each belongs to.

A persona's id is its file name and a program's id is its folder name, so names are checked
here: a file whose name is no valid id, a reserved name or a repeat is reported and not read.
Files outside the places `playbook.layout` names are reported with a guess at the right place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import TypeAdapter, ValidationError

from playbook.layout import (
    KINDS,
    KPIS,
    MESSAGE_TESTS,
    ORGANISATION_FILES,
    PERSONA,
    PROGRAM,
    PROGRAM_FILES,
    RESULTS_FILES,
    RESULTS_KINDS,
    SESSIONS,
    SNIPPETS,
    TIMELINE,
    YAML_SUFFIXES,
    Kind,
    kind_of,
)
from playbook.models.common import Id
from playbook.problems import Problem, did_you_mean, display_path

RESERVED_IDS = frozenset({"index", "tags", "search", "assets", "health"})
"""Ids a persona or program cannot take. `index` would land on a section's own page; the
others are names the site uses at its root, kept free so pages can move without a clash."""

_ID = TypeAdapter(Id)
_FOLDERS = ("personas", "messaging", "programs")


@dataclass(frozen=True)
class DataFile:
    """A data file in its place."""

    path: Path
    kind: Kind
    owner: str | None = None
    """The persona (for a persona file) or program (for a program's files) it belongs to."""


@dataclass
class Discovery:
    """Every data file to read, and what their names and places say."""

    files: list[DataFile] = field(default_factory=list)
    """In path order."""
    kinds_seen: set[Kind] = field(default_factory=set)
    persona_ids: dict[str, Path] = field(default_factory=dict)
    """Each persona's file, whether or not the file itself is valid."""
    program_ids: dict[str, Path] = field(default_factory=dict)
    """Each program's folder, whether or not its files are valid."""
    problems: list[Problem] = field(default_factory=list)


def discover(data_dir: Path) -> Discovery:
    """Find every data file under `data_dir` (a folder) and tell its kind and owner."""
    found = Discovery()
    for path in _data_files(data_dir, found.problems):
        relative = PurePosixPath(path.relative_to(data_dir).as_posix())
        kind = kind_of(relative)
        if kind is None:
            found.problems.append(_misplaced(path, relative))
            continue
        if path.suffix != ".yml":
            found.problems.append(
                Problem.whole_file(
                    path,
                    f"playbook files end in `.yml`: rename `{path.name}` to `{path.stem}.yml`",
                )
            )
            continue
        found.kinds_seen.add(kind)
        owner: str | None = None
        if kind in (SNIPPETS, SESSIONS) and not _is_file_id(path, found.problems):
            continue
        if kind is PERSONA:
            owner = _id_from_name(
                path, relative.stem, "file", "persona", found.persona_ids, found.problems
            )
            if owner is None:
                continue
        elif kind in (PROGRAM, TIMELINE, KPIS, SESSIONS, MESSAGE_TESTS) or kind in RESULTS_KINDS:
            owner = relative.parts[1]
            if owner not in found.program_ids:
                nested = kind in (SESSIONS, MESSAGE_TESTS) or kind in RESULTS_KINDS
                folder = path.parent.parent if nested else path.parent
                if _id_from_name(folder, owner, "folder", "program", {}, found.problems) is None:
                    continue
                found.program_ids[owner] = folder
        found.files.append(DataFile(path, kind, owner))
    return found


def _is_file_id(path: Path, problems: list[Problem]) -> bool:
    """Whether the file's name (without `.yml`) is an id; the problem saying how to rename it."""
    try:
        _ID.validate_python(path.stem)
    except ValidationError as error:
        reason = error.errors()[0]["msg"]
        problems.append(
            Problem.whole_file(path, f"file names are ids, and {reason}: rename the file")
        )
        return False
    return True


def _data_files(data_dir: Path, problems: list[Problem]) -> list[Path]:
    """Every YAML file under `data_dir`, hidden ones left out; symbolic links are reported."""
    files = []
    for root, folders, names in os.walk(data_dir):  # linked folders are not entered
        folders[:] = sorted(folder for folder in folders if not folder.startswith("."))
        entries = [Path(root, folder) for folder in folders] + [
            Path(root, name)
            for name in sorted(names)
            if not name.startswith(".") and Path(name).suffix.lower() in YAML_SUFFIXES
        ]
        for path in entries:
            if path.is_symlink():
                problems.append(
                    Problem.whole_file(
                        path,
                        "is a symbolic link; data must be real files inside the data "
                        "folder: replace the link with the file itself",
                    )
                )
            elif path.is_file():
                files.append(path)
    return sorted(files)


def _id_from_name(
    path: Path,
    name: str,
    what: str,
    kind: str,
    seen: dict[str, Path],
    problems: list[Problem],
) -> str | None:
    """`name` as the id of a `kind` (a persona or program), if it can be one; records it in
    `seen`. `what` is where the name comes from: the file or the folder at `path`."""
    try:
        _ID.validate_python(name)
    except ValidationError as error:
        reason = error.errors()[0]["msg"]
        problems.append(
            Problem.whole_file(
                path, f"the {what} name is the {kind}'s id, and {reason}: rename the {what}"
            )
        )
        return None
    if name in RESERVED_IDS:
        problems.append(
            Problem.whole_file(
                path,
                f"`{name}` is a name the site uses for its own pages; rename the {what} "
                f"(e.g. `{name}-{kind}`)",
            )
        )
        return None
    if name in seen:
        problems.append(
            Problem.whole_file(
                path,
                f"`{display_path(seen[name])}` already defines the {kind} `{name}`; "
                "keep one of the two files",
            )
        )
        return None
    seen[name] = path
    return name


def _misplaced(path: Path, relative: PurePosixPath) -> Problem:
    """The problem for a file where the playbook reads no data, with a guess where it belongs."""
    parts = relative.parts
    guess: str | None = None
    if len(parts) == 1:
        guess = did_you_mean(f"{relative.stem}.yml", ORGANISATION_FILES)
        guess = guess or did_you_mean(relative.stem, _FOLDERS)
        if guess in _FOLDERS:
            guess = f"{guess}/…"
    elif parts[0] not in _FOLDERS:
        folder = did_you_mean(parts[0], _FOLDERS)
        guess = f"{folder}/{'/'.join(parts[1:])}" if folder else None
    elif parts[0] == "programs" and len(parts) == 3:
        name = did_you_mean(parts[2], list(PROGRAM_FILES))
        guess = f"programs/{parts[1]}/{name}" if name else None
    elif parts[0] == "programs" and len(parts) == 4 and parts[2] == "results":
        name = did_you_mean(parts[3], list(RESULTS_FILES))
        guess = f"programs/{parts[1]}/results/{name}" if name else None
    elif parts[0] == "programs" and len(parts) == 4:
        guess = f"programs/{parts[1]}/sessions/{parts[3]}"
    hint = f"; did you mean `{guess}`?" if guess else ""
    places = ", ".join(f"`{kind.pattern}`" for kind in KINDS)
    return Problem.whole_file(
        path, f"is not a place the playbook reads data from{hint} Data files live at: {places}"
    )
