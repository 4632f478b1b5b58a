"""The results pages' charts, from the figures: templates call these with what they print.

Each chart draws the numbers of the table the template puts beside it, so the two always agree.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

from playbook.models.persona import Persona
from playbook.results.charts import Bar, Column, bar_chart, pace_chart
from playbook.results.figures import PersonaResults, ProgramFigures
from playbook.results.targets import Goal

FUNNEL = (("invited", "Invited"), ("registered", "Registered"), ("attended", "Attended"))


def funnel(results: PersonaResults, name: str) -> Markup:
    """The persona's funnel, stage by stage, with the target of each stage as a tick."""
    registrations = results.row("registrations")
    attendance = results.row("attendance-rate")
    bars = []
    for stage, label in FUNNEL:
        value = results.counts.get(stage)
        if value is None:
            continue
        target, mark = None, None
        if stage == "registered" and registrations is not None:
            target = registrations.expected
            if target is None and registrations.goal is not None:
                target = registrations.goal.low
            mark = registrations.mark
        if stage == "attended" and attendance is not None and attendance.goal is not None:
            rate = attendance.goal.low if attendance.goal.low is not None else None
            registered = results.counts.get("registered")
            if rate is not None and registered:
                target = registered * rate / 100
            mark = attendance.mark
        bars.append(Bar(label, value, f"{value:,.0f}", target, mark))
    chart_id = f"funnel-{results.program_id}-{results.persona}"
    return bar_chart(chart_id, f"{name} at {results.program.name}: funnel against targets", bars)


def persona_weeks(results: PersonaResults, name: str) -> Markup:
    """The persona's registrations week by week, with the pace line."""
    columns = [Column(p.label, p.registered, p.expected, p.mark) for p in results.weeks]
    chart_id = f"weeks-{results.program_id}-{results.persona}"
    return pace_chart(chart_id, f"{name}: registrations week by week against the pace", columns)


def total_weeks(figures: ProgramFigures) -> Markup:
    """All personas' registrations week by week, with the pace line."""
    points = [figures.total(day) for day in figures.weeks]
    columns = [Column(p.label, p.registered, p.expected, p.mark) for p in points]
    title = f"{figures.program.name}: registrations week by week against the pace"
    return pace_chart(f"weeks-{figures.program_id}", title, columns)


def mix(figures: ProgramFigures, personas: Mapping[str, Persona]) -> Markup:
    """Each persona's share of registrations, with its share of the targets as a tick."""
    bars = [
        Bar(
            personas[line.persona].short_name,
            line.share,
            f"{line.share:.1f}%",
            line.target_share,
            Goal(line.target_share, None).mark(line.share) if line.target_share else None,
        )
        for line in figures.mix
    ]
    return bar_chart(f"mix-{figures.program_id}", "Persona mix against the targets' mix", bars)


def fills(figures: ProgramFigures) -> Markup:
    """How full each session was, in percent of its seats, with 100% as a tick."""
    bars = [
        Bar(
            fill.session.title,
            fill.percent if fill.percent is not None else None,
            f"{fill.percent:.0f}%" if fill.percent is not None else f"{fill.attended:,}",
            100 if fill.percent is not None else None,
            fill.mark,
        )
        for fill in figures.fills
    ]
    return bar_chart(f"fills-{figures.program_id}", "Session fills against capacity", bars)


def measure_bars(
    figures: ProgramFigures, measure: str, personas: Mapping[str, Persona], title: str
) -> Markup:
    """One measure for every persona that has it, each with its target as a tick."""
    bars = []
    for pid, results in figures.personas.items():
        row = results.row(measure)
        if row is None:
            continue
        target = row.goal.reference if row.goal is not None else None
        bars.append(Bar(personas[pid].short_name, row.value, row.value_text, target, row.mark))
    return bar_chart(f"{measure}-{figures.program_id}", title, bars)


def has(figures: ProgramFigures, measure: str) -> bool:
    """Whether any persona has a result for `measure`."""
    return any(results.row(measure) for results in figures.personas.values())


def meetings(figures: ProgramFigures, personas: Mapping[str, Persona]) -> Markup:
    """Meetings held per persona; the target tick is the count its KPI asks for (a count, or
    meetings per attendee times its attendees)."""
    bars = []
    for pid, results in figures.personas.items():
        row = results.row("meetings")
        if row is None:
            continue
        target, mark = (row.goal.reference, row.mark) if row.goal is not None else (None, None)
        per_attendee = results.row("meetings-per-attendee")
        attended = results.counts.get("attended")
        if target is None and per_attendee is not None and per_attendee.goal and attended:
            target, mark = per_attendee.goal.reference * attended, per_attendee.mark
        bars.append(Bar(personas[pid].short_name, row.value, row.value_text, target, mark))
    return bar_chart(f"meetings-{figures.program_id}", "Meetings held against targets", bars)
