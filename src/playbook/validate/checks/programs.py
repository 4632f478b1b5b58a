"""A program's own files: its event plan (program.yml), timeline and KPI targets.

Its sessions are checked in `sessions.py`.
"""

from __future__ import annotations

from playbook.document import Document
from playbook.models.program import Kpis, Program, Timeline
from playbook.problems import FieldPath, one_of
from playbook.validate import refs
from playbook.validate.context import Context, Seen


def check_event_plans(context: Context) -> None:
    """Each program's tracks, offers and audiences are unique and name known personas; its
    reports have known owners and weeks in order."""
    for loaded in context.programs.values():
        _check_event_plan(context, loaded.document, loaded.model)


def check_timelines(context: Context) -> None:
    """Each timeline's ids are unique, its owners known, its phases and milestones in order."""
    for loaded in context.timelines.values():
        _check_timeline(context, loaded.document, loaded.model)


def check_kpis(context: Context) -> None:
    """Each KPI names a stage of its file and known personas, with targets only for those."""
    for loaded in context.kpis.values():
        _check_kpis(context, loaded.document, loaded.model)


def _check_event_plan(context: Context, document: Document, program: Program) -> None:
    context.unique(document, program.tracks, ("tracks",), "track id")
    context.unique(document, program.offers, ("offers",), "offer id")
    context.unique(document, program.audiences, ("audiences",), "persona", attribute="persona")
    for index, audience in enumerate(program.audiences):
        context.ref(refs.PERSONA, document, ("audiences", index, "persona"), audience.persona)
    for index, offer in enumerate(program.offers):
        for position, persona in enumerate(offer.personas):
            context.ref(refs.PERSONA, document, ("offers", index, "personas", position), persona)
    if program.agenda is not None:
        tracks = {track.id for track in program.tracks}
        for name, track in program.agenda.tracks.items():
            context.ref_in(tracks, refs.TRACK, document, ("agenda", "tracks", name), track)
    for index, report in enumerate(program.reporting):
        path: FieldPath = ("reporting", index)
        if report.owner is not None:
            context.ref(refs.ROLE, document, (*path, "owner"), report.owner)
        _weeks_in_order(
            context, document, path, report.from_week, report.to_week, "from_week", "to_week"
        )


def _check_timeline(context: Context, document: Document, timeline: Timeline) -> None:
    seen: Seen = {}
    context.unique(document, timeline.phases, ("phases",), "timeline id", seen)
    context.unique(document, timeline.milestones, ("milestones",), "timeline id", seen)
    for index, phase in enumerate(timeline.phases):
        path: FieldPath = ("phases", index)
        _weeks_in_order(
            context, document, path, phase.start_week, phase.end_week, "start_week", "end_week"
        )
        context.ref(refs.ROLE, document, (*path, "owner"), phase.owner)
        for position, role in enumerate(phase.contributors):
            context.ref(refs.ROLE, document, (*path, "contributors", position), role)
        if index and phase.start_week < timeline.phases[index - 1].start_week:
            context.report(
                document,
                (*path, "start_week"),
                f"phases are listed in time order, but this one starts ({phase.start_week:+d}) "
                f"before the one above it ({timeline.phases[index - 1].start_week:+d}); "
                "move it up",
            )
    for index, milestone in enumerate(timeline.milestones):
        path = ("milestones", index)
        context.ref(refs.ROLE, document, (*path, "owner"), milestone.owner)
        if index and milestone.week < timeline.milestones[index - 1].week:
            context.report(
                document,
                (*path, "week"),
                f"milestones are listed in time order, but this one ({milestone.week:+d}) "
                f"comes before the one above it ({timeline.milestones[index - 1].week:+d}); "
                "move it up",
            )


def _check_kpis(context: Context, document: Document, kpis: Kpis) -> None:
    context.unique(document, kpis.stages, ("stages",), "funnel stage id")
    stages = {stage.id for stage in kpis.stages}
    for index, kpi in enumerate(kpis.kpis):
        path: FieldPath = ("kpis", index)
        context.ref_in(stages, refs.FUNNEL_STAGE, document, (*path, "stage"), kpi.stage)
        for position, persona in enumerate(kpi.personas):
            context.ref(refs.PERSONA, document, (*path, "personas", position), persona)
        for persona in kpi.by_persona:
            here = (*path, "by_persona", persona)
            context.ref(refs.PERSONA, document, here, persona)
            applies = {context.canonical(one) for one in kpi.personas}
            known = context.canonical(persona) in context.persona_ids
            if applies and known and context.canonical(persona) not in applies:
                context.report(
                    document,
                    here,
                    f"this KPI applies only to {one_of(kpi.personas)}, so it has no "
                    f"target for `{persona}`; add `{persona}` to `personas` "
                    "or remove this line",
                )


def _weeks_in_order(
    context: Context,
    document: Document,
    path: FieldPath,
    start: int,
    end: int,
    first: str,
    last: str,
) -> None:
    """Report `last` (at `path`) if its week `end` comes before `first`'s week `start`."""
    if end < start:
        context.report(
            document,
            (*path, last),
            f"{last} ({end:+d}) is before {first} ({start:+d}); the weeks run forwards",
        )
