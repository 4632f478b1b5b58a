"""`playbook import`: read the export, plan the changes, check the result, then write it."""

from __future__ import annotations

import tempfile
import urllib.request
from pathlib import Path

from playbook.agenda.plan import Plan, plan
from playbook.agenda.sources import AgendaError, SessionizeMapping, read_agenda
from playbook.models.playbook import Playbook
from playbook.problems import did_you_mean
from playbook.rehearse import problems_after


class ImportRefused(Exception):
    """The import cannot go ahead; the message says why and what to do."""


def run_import(
    playbook: Playbook, program_id: str, source: str | None, *, format: str | None, dry_run: bool
) -> Plan:
    """Import `source` (default: the program's `agenda: url`) into the program's session files
    (unless `dry_run`); the plan carried out."""
    program = playbook.programs.get(program_id)
    if program is None:
        guess = did_you_mean(program_id, playbook.programs)
        hint = f"; did you mean `{guess}`?" if guess else ""
        raise ImportRefused(f"there is no program `{program_id}`{hint}")
    settings = program.agenda
    source = source or (settings.url if settings else None)
    if source is None:
        raise ImportRefused(
            f"name the export to import, or set its address in programs/{program_id}/"
            "program.yml under `agenda: url:`"
        )
    sessionize = SessionizeMapping(
        track=settings.sessionize.track if settings else None,
        format=settings.sessionize.format if settings else None,
    )
    with tempfile.TemporaryDirectory() as scratch:
        path = _fetched(source, Path(scratch))
        try:
            agenda = read_agenda(
                path,
                format=format or (settings.format if settings else None),
                time_zone=program.event.time_zone,
                sessionize=sessionize,
            )
        except AgendaError as error:
            raise ImportRefused(str(error).replace(str(path), source, 1)) from None
    sessions_dir = playbook.data_dir / "programs" / program_id / "sessions"
    result = plan(agenda, program, sessions_dir)
    if result.problems:
        return result
    texts = result.files.texts() if result.files else {}
    changed = {
        path: text
        for path, text in texts.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    }
    problems = problems_after(playbook.data_dir, changed)
    if problems:
        result.problems = [f"the import would leave the playbook invalid: {p}" for p in problems]
        return result
    if not dry_run:
        for path, text in changed.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return result


def _fetched(source: str, folder: Path) -> Path:
    """`source` as a local file: a path as it is, an https:// address downloaded."""
    if source.startswith("https://"):
        target = folder / "export"
        try:
            with urllib.request.urlopen(source, timeout=60) as response:
                target.write_bytes(response.read(50_000_000))
        except OSError as error:
            raise ImportRefused(f"{source}: could not be downloaded ({error})") from None
        return target
    if "://" in source:
        raise ImportRefused(f"{source}: only https:// addresses or files can be imported")
    path = Path(source)
    if not path.is_file():
        raise ImportRefused(f"{source}: no such file")
    return path
