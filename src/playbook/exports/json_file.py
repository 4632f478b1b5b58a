"""The whole playbook as one JSON file, with its JSON Schema, both from one pydantic model.

`version` is the file format's: it changes, to 2, only when a reader of version 1 would misread
the file (a field renamed, removed or given another meaning); new fields keep it. `generator`
names the tool release that wrote it. Ids that are file and folder names in the data (personas,
programs) are the keys of their objects here.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from playbook.models.message_tests import MessageTests
from playbook.models.messaging import Snippet
from playbook.models.org import Channel, Cluster, Icp, RaciRow, Role, Settings, Tagging, Templates
from playbook.models.persona import Persona
from playbook.models.playbook import Playbook
from playbook.models.program import Kpis, Program, Session, Timeline
from playbook.models.results import SessionFill, Snapshot, Survey

FORMAT_VERSION = 1
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class _Export(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ResultsExport(_Export):
    """A program's results: dated snapshots of totals per persona, session fills, surveys."""

    weekly: list[Snapshot]
    event_days: list[Snapshot]
    monthly: list[Snapshot]
    session_fills: list[SessionFill]
    surveys: list[Survey]


class ProgramExport(_Export):
    """A program with its timeline, KPIs, sessions and results."""

    program: Program
    timeline: Timeline | None = None
    kpis: Kpis | None = None
    sessions: list[Session]
    message_tests: MessageTests | None = Field(
        None, description="Its A/B message tests' counts per variant, if it has them."
    )
    results: ResultsExport | None = None


class PlaybookExport(_Export):
    """The persona playbook, validated, as `playbook.json` holds it."""

    version: Literal[1] = Field(description="The file format's version.")
    generator: str = Field(description='The tool that wrote it, e.g. "persona-playbook 0.1.0".')
    settings: Settings
    personas: dict[str, Persona] = Field(description="Personas by id.")
    clusters: list[Cluster]
    channels: list[Channel]
    roles: list[Role]
    raci: list[RaciRow]
    tagging: Tagging
    icp: Icp | None = None
    templates: Templates | None = None
    programs: dict[str, ProgramExport] = Field(description="Programs by id.")
    snippets: list[Snippet]


def export(playbook: Playbook, version: str) -> PlaybookExport:
    """The playbook as the export model; `version` is the tool's."""
    return PlaybookExport(
        version=FORMAT_VERSION,
        generator=f"persona-playbook {version}",
        settings=playbook.settings,
        personas=dict(playbook.personas),
        clusters=list(playbook.clusters.values()),
        channels=list(playbook.channels.values()),
        roles=list(playbook.roles.values()),
        raci=list(playbook.raci),
        tagging=playbook.tagging,
        icp=playbook.icp,
        templates=playbook.templates,
        programs={
            pid: ProgramExport(
                program=program,
                timeline=playbook.timelines.get(pid),
                kpis=playbook.kpis.get(pid),
                sessions=list(playbook.sessions.get(pid, ())),
                message_tests=playbook.message_tests.get(pid),
                results=_results(playbook, pid),
            )
            for pid, program in playbook.programs.items()
        },
        snippets=list(playbook.snippets),
    )


def _results(playbook: Playbook, program_id: str) -> ResultsExport | None:
    results = playbook.results.get(program_id)
    if results is None:
        return None
    return ResultsExport(
        weekly=list(results.weekly),
        event_days=list(results.event_days),
        monthly=list(results.monthly),
        session_fills=list(results.session_fills),
        surveys=list(results.surveys),
    )


def playbook_json(playbook: Playbook, version: str) -> bytes:
    """`playbook.json`: UTF-8, two-space indents, keys in the models' order."""
    data = export(playbook, version).model_dump(mode="json")
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def playbook_schema(schema_url: str | None = None) -> bytes:
    """`playbook.schema.json`, the JSON Schema `playbook.json` validates against."""
    schema = PlaybookExport.model_json_schema(mode="serialization")
    schema = {"$schema": SCHEMA_DIALECT, **({"$id": schema_url} if schema_url else {}), **schema}
    return (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
