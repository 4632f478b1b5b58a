"""The `Playbook` from a context whose files are all valid and whose references all resolve."""

from __future__ import annotations

from typing import Any

from playbook.layout import (
    CHANNELS,
    CLUSTERS,
    EVENT_DAY_RESULTS,
    ICP,
    MONTHLY_RESULTS,
    ROLES,
    SATISFACTION,
    SESSION_FILLS,
    SETTINGS,
    TAGGING,
    TEMPLATES,
    WEEKLY_RESULTS,
    Kind,
)
from playbook.models.messaging import Snippet
from playbook.models.org import Channels, Clusters, Roles, Settings, Tagging
from playbook.models.playbook import Playbook, ProgramResults, Source
from playbook.models.program import Session
from playbook.validate.context import Context

Sources = dict[tuple[str, ...], Source]


def assemble(context: Context) -> Playbook:
    """The playbook, with where each thing in it was written."""
    sources: Sources = {}

    def organisation(kind: Kind) -> Any:
        loaded = context.organisation.get(kind)
        if loaded is None:
            return None
        sources[(kind.name,)] = Source(loaded.document)
        return loaded.model

    settings: Settings = organisation(SETTINGS)
    channels: Channels = organisation(CHANNELS)
    roles: Roles = organisation(ROLES)
    tagging: Tagging = organisation(TAGGING)
    clusters: Clusters = organisation(CLUSTERS)

    personas = sorted(
        context.personas.values(),
        key=lambda loaded: (
            loaded.model.priority != "primary",
            loaded.model.rank or 10_000,
            loaded.model.name.lower(),
        ),
    )
    for persona in personas:
        sources[("persona", persona.model.id)] = Source(persona.document)
    for program_id, program in context.programs.items():
        sources[("program", program_id)] = Source(program.document)
    for kind, loaded_by_program in (
        ("timeline", context.timelines),
        ("kpis", context.kpis),
        ("message-tests", context.message_tests),
    ):
        for program_id, loaded in loaded_by_program.items():
            sources[(kind, program_id)] = Source(loaded.document)

    return Playbook(
        data_dir=context.data_dir,
        settings=settings,
        personas={loaded.model.id: loaded.model for loaded in personas},
        programs={program_id: loaded.model for program_id, loaded in context.programs.items()},
        timelines={key: loaded.model for key, loaded in context.timelines.items()},
        kpis={key: loaded.model for key, loaded in context.kpis.items()},
        sessions=_sessions(context, sources),
        snippets=_snippets(context, sources),
        channels={channel.id: channel for channel in channels.channels},
        roles={role.id: role for role in roles.roles},
        raci=tuple(roles.raci),
        tagging=tagging,
        clusters={cluster.id: cluster for cluster in clusters.clusters},
        icp=organisation(ICP),
        templates=organisation(TEMPLATES),
        sources=sources,
        message_tests={key: loaded.model for key, loaded in context.message_tests.items()},
        results=_results(context, sources),
    )


RESULTS_FIELDS: dict[Kind, tuple[str, str]] = {
    WEEKLY_RESULTS: ("weekly", "snapshots"),
    EVENT_DAY_RESULTS: ("event_days", "snapshots"),
    MONTHLY_RESULTS: ("monthly", "snapshots"),
    SESSION_FILLS: ("session_fills", "sessions"),
    SATISFACTION: ("surveys", "surveys"),
}
"""Each kind of results file: the `ProgramResults` field it fills, and the list it takes."""


def _results(context: Context, sources: Sources) -> dict[str, ProgramResults]:
    """Each program's results, each file's source recorded as `("results", program, kind)`."""
    results = {}
    for program_id, files in context.results.items():
        if program_id not in context.programs:
            continue
        values = {}
        for kind, loaded in files.items():
            sources[("results", program_id, kind.name)] = Source(loaded.document)
            if kind in RESULTS_FIELDS:
                name, attribute = RESULTS_FIELDS[kind]
                values[name] = tuple(getattr(loaded.model, attribute))
        results[program_id] = ProgramResults(**values)
    return results


def _sessions(context: Context, sources: Sources) -> dict[str, tuple[Session, ...]]:
    """Each program's sessions in file order, each source recorded in `sources`."""
    sessions: dict[str, tuple[Session, ...]] = {}
    for program_id in context.programs:
        program_sessions: list[Session] = []
        for session_file in context.session_files.get(program_id, []):
            for index, session in enumerate(session_file.model.sessions):
                sources[("session", session.id)] = Source(
                    session_file.document, ("sessions", index)
                )
                program_sessions.append(session)
        sessions[program_id] = tuple(program_sessions)
    return sessions


def _snippets(context: Context, sources: Sources) -> tuple[Snippet, ...]:
    """Every snippet in file order, each source recorded in `sources`."""
    snippets: list[Snippet] = []
    for snippet_file in context.snippet_files:
        for index, snippet in enumerate(snippet_file.model.snippets):
            sources[("snippet", snippet.id)] = Source(snippet_file.document, ("snippets", index))
            snippets.append(snippet)
    return tuple(snippets)
