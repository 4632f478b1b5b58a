"""Coverage: every session serves someone; every persona and job is served and measured."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from playbook.index import Index
from playbook.lint.registry import Family, Issue, issue
from playbook.models.playbook import Playbook

rule = Family("coverage")


@rule("session-personas", about="every session serves a persona")
def sessions_serve_personas(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Sessions mapped to no persona."""
    for sessions in playbook.sessions.values():
        for session in sessions:
            if not session.personas.primary and not session.personas.secondary:
                yield issue(
                    playbook,
                    ("session", session.id),
                    ("personas",),
                    f"the session “{session.title}” serves no persona",
                    "map it to the personas it is for, or drop it from the agenda",
                )


@rule("session-clusters", about="every session serves a JTBD cluster")
def sessions_serve_clusters(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Sessions tied to no job."""
    for sessions in playbook.sessions.values():
        for session in sessions:
            if not session.clusters:
                yield issue(
                    playbook,
                    ("session", session.id),
                    ("clusters",),
                    f"the session “{session.title}” serves no JTBD cluster",
                    "tie every agenda item to at least one job, or remove it",
                )


@rule("persona-sessions", about="every persona is served by a session", checklist="actionable")
def personas_are_served(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Personas no session serves."""
    for persona_id in playbook.personas:
        if not index.services(persona_id):
            yield issue(
                playbook,
                ("persona", persona_id),
                (),
                f"no session serves {playbook.personas[persona_id].name}",
                "map sessions to this persona, or reconsider targeting it",
            )


@rule("cluster-sessions", about="every JTBD cluster is served by a session")
def clusters_are_served(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Jobs no session serves."""
    for position, cluster_id in enumerate(playbook.clusters):
        if not index.sessions_for_cluster(cluster_id):
            yield Issue(
                cluster_id,
                playbook.source("clusters").problem(
                    ("clusters", position), f"no session serves the cluster `{cluster_id}`"
                ),
                "put a session on the agenda for this job",
            )


@rule(
    "persona-snippets", about="every persona has snippets on its channels", checklist="actionable"
)
def snippets_on_channels(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Channels a persona is reached by that carry no snippet for it."""
    for persona_id, persona in playbook.personas.items():
        covered = {snippet.channel for snippet in index.snippets(persona_id)}
        seen: set[str] = set()
        for position, tactic in enumerate(persona.channels):
            if tactic.channel in covered or tactic.channel in seen:
                continue
            seen.add(tactic.channel)
            channel = playbook.channels[tactic.channel].name
            file = f"messaging/{persona_id}.yml"
            if index.snippets(persona_id):
                hint = (
                    f"add a snippet with `channel: {tactic.channel}` to `{file}` in the data "
                    "folder (copy one of its snippets and change the copy)"
                )
            else:
                hint = (
                    f"create `{file}` in the data folder: copy another persona's messaging "
                    f"file, keep the snippets for {channel}, and set `persona: {persona_id}` "
                    'in each (CONTRIBUTING.md, "Add snippets")'
                )
            yield issue(
                playbook,
                ("persona", persona_id),
                ("channels", position, "channel"),
                f"{persona.name} is reached by {channel}, but has no snippet for it",
                hint,
            )


@rule(
    "persona-kpis",
    about="every persona has a KPI target per funnel stage",
    checklist="actionable",
)
def kpi_targets(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Funnel stages without a target for a persona a program serves."""
    for program_id, kpis in playbook.kpis.items():
        for persona_id in index.program_personas(program_id):
            targeted = {t.stage.id for t in index.targets(program_id, persona_id) if t.target}
            missing = [stage.name for stage in kpis.stages if stage.id not in targeted]
            if missing:
                yield Issue(
                    persona_id,
                    playbook.source("kpis", program_id).problem(
                        ("kpis",),
                        f"{playbook.personas[persona_id].name} has no KPI target at "
                        f"{playbook.programs[program_id].name} for: " + ", ".join(missing),
                    ),
                    "give each funnel stage a target for this persona (`target` or `by_persona`)",
                )


@rule("success-metric-target", about="every success metric has a target", checklist="actionable")
def success_metric_targets(playbook: Playbook, index: Index, today: dt.date) -> Iterator[Issue]:
    """Success metrics without a target."""
    for persona_id, persona in playbook.personas.items():
        for position, metric in enumerate(persona.success_metrics):
            if metric.target is None:
                yield issue(
                    playbook,
                    ("persona", persona_id),
                    ("success_metrics", position),
                    f"the success metric “{metric.metric}” has no target",
                    'add `target:`, e.g. "75%"',
                )
