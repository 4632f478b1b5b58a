"""`playbook new`: start a persona, a session or a snippet from a template that already validates.

The templates in `scaffolds/` fill every reference with an id that exists in this playbook and
explain each field in a comment. After writing, the playbook is validated again; if the new
file or entry has a problem, the change is undone and the problem reported.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import TypeAdapter, ValidationError

from playbook.layout import PERSONA, SESSIONS, SNIPPETS, Kind
from playbook.models.common import Id
from playbook.models.playbook import Playbook
from playbook.problems import Problem, display_path
from playbook.validate import validate

_ID = TypeAdapter(Id)
_ENV = Environment(
    loader=PackageLoader("playbook", "scaffolds"),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENV.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)


class ScaffoldError(Exception):
    """The scaffold cannot be written; the message says why and what to do."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def new_persona(data_dir: Path, persona_id: str, today: dt.date) -> Path:
    """Write `personas/<persona_id>.yml`."""
    playbook = _valid_playbook(data_dir)
    _check_new_id(persona_id, playbook.personas, "persona")
    target = data_dir / "personas" / f"{persona_id}.yml"
    text = _ENV.get_template("persona.yml.jinja").render(
        schema=_schema_path(data_dir, target, PERSONA),
        short_name=persona_id.replace("-", " ").title(),
        cluster=_first(playbook.clusters, "JTBD cluster"),
        clusters=", ".join(playbook.clusters),
        channel=_first(playbook.channels, "channel"),
        channels=", ".join(playbook.channels),
        role=_first(playbook.roles, "role"),
        roles=", ".join(playbook.roles),
        today=today.isoformat(),
    )
    return _write(data_dir, target, text, new_file=True)


def new_session(data_dir: Path, program_id: str, session_id: str, track: str | None) -> Path:
    """Add a session to `programs/<program_id>/sessions/<track>.yml` (created if missing)."""
    playbook = _valid_playbook(data_dir)
    if program_id not in playbook.programs:
        raise ScaffoldError(
            f"there is no program `{program_id}`; programs: {', '.join(playbook.programs)}"
        )
    existing = {s.id for sessions in playbook.sessions.values() for s in sessions}
    _check_new_id(session_id, existing, "session")
    tracks = [t.id for t in playbook.programs[program_id].tracks]
    track = track or _first(tracks, "track")
    if track not in tracks:
        raise ScaffoldError(
            f"there is no track `{track}` in `{program_id}`; tracks: {', '.join(tracks)}"
        )
    entry = _ENV.get_template("session.yml.jinja").render(
        id=session_id,
        track=track,
        tracks=", ".join(tracks),
        persona=_first(playbook.personas, "persona"),
        personas=", ".join(playbook.personas),
        cluster=_first(playbook.clusters, "JTBD cluster"),
        clusters=", ".join(playbook.clusters),
    )
    target = data_dir / "programs" / program_id / "sessions" / f"{track}.yml"
    return _add_entry(data_dir, target, "sessions", entry, SESSIONS)


def new_snippet(data_dir: Path, persona_id: str, channel_id: str) -> Path:
    """Add a draft snippet to `messaging/<persona_id>.yml` (created if missing)."""
    playbook = _valid_playbook(data_dir)
    if persona_id not in playbook.personas:
        raise ScaffoldError(
            f"there is no persona `{persona_id}`; personas: {', '.join(playbook.personas)}"
        )
    channel = playbook.channels.get(channel_id)
    if channel is None:
        raise ScaffoldError(
            f"there is no channel `{channel_id}`; channels: {', '.join(playbook.channels)}"
        )
    taken = {snippet.id for snippet in playbook.snippets}
    number = 1
    while f"{persona_id}-{channel_id}-{number}" in taken:
        number += 1
    entry = _ENV.get_template("snippet.yml.jinja").render(
        id=f"{persona_id}-{channel_id}-{number}",
        persona=persona_id,
        channel=channel_id,
        subject=channel.subject.label if channel.subject else None,
        body_limit=channel.body_limit,
        program=playbook.settings.featured_program,
        role=_first(playbook.roles, "role"),
        roles=", ".join(playbook.roles),
    )
    target = data_dir / "messaging" / f"{persona_id}.yml"
    return _add_entry(data_dir, target, "snippets", entry, SNIPPETS)


def _valid_playbook(data_dir: Path) -> Playbook:
    playbook, problems = validate(data_dir)
    if playbook is None:
        raise ScaffoldError("the playbook has problems; fix them first", problems)
    return playbook


def _check_new_id(value: str, taken: object, what: str) -> None:
    try:
        _ID.validate_python(value)
    except ValidationError as error:
        raise ScaffoldError(f"{error.errors()[0]['msg']}") from None
    if value in taken:  # type: ignore[operator]
        raise ScaffoldError(f"there is already a {what} `{value}`; choose another id")


def _first(ids: object, what: str) -> str:
    for value in ids:  # type: ignore[attr-defined]
        return str(value)
    raise ScaffoldError(f"the playbook has no {what} yet; add one first")


def _schema_path(data_dir: Path, target: Path, kind: Kind) -> str:
    depth = len(target.relative_to(data_dir).parts)
    return "../" * depth + "schemas/" + kind.schema_file


def _add_entry(data_dir: Path, target: Path, key: str, entry: str, kind: Kind) -> Path:
    if not target.exists():
        header = f"# yaml-language-server: $schema={_schema_path(data_dir, target, kind)}\n{key}:\n"
        return _write(data_dir, target, header + entry, new_file=True)
    text = target.read_text(encoding="utf-8")
    if not re.search(rf"(?m)^{key}:[ \t]*$", text):
        raise ScaffoldError(
            f"{display_path(target)} does not start its list with a `{key}:` line of its own; "
            "add the entry by hand"
        )
    return _write(data_dir, target, text.rstrip("\n") + "\n" + entry, new_file=False)


def _write(data_dir: Path, target: Path, text: str, *, new_file: bool) -> Path:
    if new_file and target.exists():
        raise ScaffoldError(f"{display_path(target)} already exists")
    before = None if new_file else target.read_text(encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    _, problems = validate(data_dir)
    mine = [problem for problem in problems if problem.file.resolve() == target.resolve()]
    if mine:
        if before is None:
            target.unlink()
        else:
            target.write_text(before, encoding="utf-8")
        raise ScaffoldError(
            f"the new entry did not validate, so {display_path(target)} is unchanged", mine
        )
    return target
