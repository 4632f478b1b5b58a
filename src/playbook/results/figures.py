"""The numbers the results pages show, worked out once per build from a valid playbook.

For each program with results: each persona's latest numbers against its KPI targets, stage by
stage; registrations week by week against the pace the targets imply; the persona mix against
the targets' mix; session fills; spend and CAC per channel; tag coverage. For each persona: the
same rows, program after program. Pages print these; they compute nothing themselves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from playbook.dates import week_label, week_start
from playbook.index import Index
from playbook.models.playbook import Playbook, ProgramResults
from playbook.models.program import Program, Session
from playbook.models.results import Counts, PacePoint, Rating, Snapshot
from playbook.results.measures import MEASURES, MeasureSpec, Numbers, number_text
from playbook.results.measures import variance_text as _variance_text
from playbook.results.targets import Goal, Mark, goal, mark_text
from playbook.results.windows import FIRST_WEEK, event_week_number

DEFAULT_PACE = (PacePoint(week=FIRST_WEEK, percent=0), PacePoint(week=0, percent=100))
"""Without a pace in program.yml: none at T-12, then evenly up to the full target at T."""


@dataclass(frozen=True)
class Row:
    """One measure of one persona at one program, against its target."""

    spec: MeasureSpec
    value: float
    target: str | None
    """The target as written (`> 4.3/5`), if any."""
    goal: Goal | None
    currency: str
    mark: Mark | None = None
    variance: float | None = None
    metric: str | None = None
    """The KPI's own name, where a KPI sets the target."""
    expected: float | None = None
    """For registrations before the event: what the pace expects by the snapshot's date."""
    expected_by: dt.date | None = None

    @property
    def label(self) -> str:
        return self.metric or self.spec.label

    @property
    def value_text(self) -> str:
        return number_text(self.value, self.spec.unit, self.currency)

    @property
    def target_text(self) -> str:
        if self.expected is not None and self.expected_by is not None:
            due = f"{self.expected:,.0f} expected by {self.expected_by.day} {self.expected_by:%b}"
            return f"{due} (pace to {self.target})" if self.target else due
        return self.target or "No target set"

    @property
    def variance_text(self) -> str:
        if self.variance is None:
            return ""
        return _variance_text(self.variance, self.spec.unit, self.currency)

    @property
    def mark_text(self) -> str:
        return mark_text(self.mark)


@dataclass(frozen=True)
class WeekPoint:
    """Registrations to a weekly snapshot's date, and what the pace expects by then."""

    date: dt.date
    week: int
    registered: float | None
    expected: float | None

    @property
    def label(self) -> str:
        return week_label(self.week)

    @property
    def mark(self) -> Mark | None:
        if self.registered is None or not self.expected:
            return None
        return Goal(self.expected, None).mark(self.registered)


@dataclass(frozen=True)
class Mix:
    """A persona's share of registrations against its share of the registration targets."""

    persona: str
    registered: float
    share: float
    target_share: float | None

    @property
    def difference(self) -> float | None:
        return None if self.target_share is None else self.share - self.target_share


@dataclass(frozen=True)
class Fill:
    """How full a session was."""

    session: Session
    attended: int
    booked: int | None

    @property
    def percent(self) -> float | None:
        if not self.session.capacity:
            return None
        return 100 * self.attended / self.session.capacity

    @property
    def mark(self) -> Mark | None:
        percent = self.percent
        if percent is None:
            return None
        return "ahead" if percent > 100 else "on" if percent >= 80 else "behind"


@dataclass(frozen=True)
class ChannelLine:
    """What a source channel brought in, at what cost."""

    channel: str
    registrations: float | None
    spend: float | None

    @property
    def cac(self) -> float | None:
        if self.spend is None or not self.registrations:
            return None
        return self.spend / self.registrations


@dataclass(frozen=True)
class Coverage:
    """How many of a snapshot's rows carried a persona tag."""

    date: dt.date
    stage: str
    tagged: float
    untagged: float

    @property
    def percent(self) -> float:
        total = self.tagged + self.untagged
        return 100 * self.tagged / total if total else 100.0


@dataclass(frozen=True)
class PersonaResults:
    """One persona's results at one program."""

    program_id: str
    program: Program
    persona: str
    as_of: dt.date
    rows: tuple[Row, ...]
    weeks: tuple[WeekPoint, ...]
    counts: dict[str, float]
    registration_target: float | None
    responses: int | None = None
    """How many of this persona answered the latest survey."""

    def row(self, measure: str) -> Row | None:
        return next((row for row in self.rows if row.spec.id == measure), None)


@dataclass
class ProgramFigures:
    """A program's results, as its results page shows them."""

    program_id: str
    program: Program
    as_of: dt.date
    """The latest date of its results (the event's last day, for session fills alone)."""
    currency: str
    personas: dict[str, PersonaResults] = field(default_factory=dict)
    weeks: tuple[dt.date, ...] = ()
    """The dates of the weekly snapshots, in order."""
    mix: tuple[Mix, ...] = ()
    fills: tuple[Fill, ...] = ()
    channels: tuple[ChannelLine, ...] = ()
    coverage: tuple[Coverage, ...] = ()
    survey: dt.date | None = None
    """When the latest survey closed."""

    def week_of(self, day: dt.date) -> str:
        return week_label(event_week_number(self.program.event, day))

    def point(self, persona: str, day: dt.date) -> WeekPoint | None:
        """The persona's registrations on the weekly snapshot of `day`."""
        results = self.personas.get(persona)
        if results is None:
            return None
        return next((point for point in results.weeks if point.date == day), None)

    def total(self, day: dt.date) -> WeekPoint:
        """Every persona's registrations added up, on the weekly snapshot of `day`."""
        points = [p for p in (self.point(pid, day) for pid in self.personas) if p is not None]
        registered = [p.registered for p in points if p.registered is not None]
        expected = [p.expected for p in points if p.expected is not None]
        return WeekPoint(
            day,
            event_week_number(self.program.event, day),
            sum(registered) if registered else None,
            sum(expected) if expected else None,
        )

    @property
    def before_event(self) -> bool:
        return self.as_of < self.program.event.start_date


class ResultFigures:
    """Every program's figures and every persona's history, worked out on first use."""

    def __init__(self, playbook: Playbook, index: Index) -> None:
        self.playbook = playbook
        self.index = index

    @cached_property
    def programs(self) -> dict[str, ProgramFigures]:
        """Each program with results, by id, oldest event first."""
        ordered = sorted(
            self.playbook.results.items(),
            key=lambda item: self.playbook.programs[item[0]].event.start_date,
        )
        return {
            pid: _program_figures(self.playbook, self.index, pid, results)
            for pid, results in ordered
            if not results.empty
        }

    def program(self, program_id: str) -> ProgramFigures | None:
        """The program's figures, if it has results."""
        return self.programs.get(program_id)

    def persona(self, persona_id: str) -> list[PersonaResults]:
        """The persona's results at each program that has some, oldest event first."""
        return [
            figures.personas[persona_id]
            for figures in self.programs.values()
            if persona_id in figures.personas
        ]

    def measures(
        self, persona_id: str, history: Sequence[PersonaResults] | None = None
    ) -> list[MeasureSpec]:
        """The measures the persona has a result for at any program (of `history`, if given),
        in funnel order."""
        history = self.persona(persona_id) if history is None else history
        return [
            spec
            for spec in MEASURES
            if any(results.row(spec.id) is not None for results in history)
        ]


def _program_figures(
    playbook: Playbook, index: Index, program_id: str, results: ProgramResults
) -> ProgramFigures:
    program = playbook.programs[program_id]
    settings = program.results
    currency = settings.currency if settings else "USD"
    pace = tuple(settings.pace) if settings and settings.pace else DEFAULT_PACE
    snapshots = _in_order(results)
    rating, survey = _latest_ratings(results)
    targets = {a.persona: a.registration_target for a in program.audiences}
    figures = ProgramFigures(
        program_id,
        program,
        # Session fills alone carry no date: they are counted in the event week.
        max(
            [s.date for s in snapshots] + ([survey] if survey else []),
            default=program.event.end_date,
        ),
        currency,
        weeks=tuple(s.date for s in results.weekly),
        survey=survey,
    )
    fills = _fills(playbook, program_id, results)
    named = {pid for s in snapshots for pid in s.personas} | set(rating)
    wanted = set(index.program_personas(program_id)) | named
    for persona in (pid for pid in playbook.personas if pid in wanted):
        latest = _latest(snapshots, persona)
        if not latest and persona not in rating:
            continue
        numbers = Numbers(latest, rating.get(persona), _labs(index, program_id, persona, fills))
        target = targets.get(persona)
        weeks = tuple(
            WeekPoint(
                s.date,
                event_week_number(program.event, s.date),
                _given(s.personas.get(persona), "registered"),
                _expected(program, pace, target, s.date),
            )
            for s in results.weekly
        )
        as_of = max([s.date for s in snapshots if persona in s.personas], default=survey)
        assert as_of is not None
        rows = _rows(index, program, program_id, persona, numbers, currency, target, pace, as_of)
        answers = rating.get(persona)
        figures.personas[persona] = PersonaResults(
            program_id,
            program,
            persona,
            as_of,
            rows,
            weeks,
            dict(latest),
            target,
            answers.responses if answers else None,
        )
    figures.mix = _mix(figures, targets)
    figures.fills = fills
    figures.channels = _channels(snapshots)
    figures.coverage = _coverage(snapshots)
    return figures


def _in_order(results: ProgramResults) -> list[Snapshot]:
    """Every snapshot, oldest first; on one date, weekly before daily before monthly."""
    tagged = [
        (snapshot.date, rank, position, snapshot)
        for rank, group in enumerate((results.weekly, results.event_days, results.monthly))
        for position, snapshot in enumerate(group)
    ]
    return [item[3] for item in sorted(tagged, key=lambda item: item[:3])]


def _given(counts: Counts | None, stage: str) -> float | None:
    if counts is None:
        return None
    value = getattr(counts, stage)
    return float(value) if value is not None else None


def _latest(snapshots: Sequence[Snapshot], persona: str) -> dict[str, float]:
    """Each stage's value in the latest snapshot that gives it."""
    latest: dict[str, float] = {}
    for snapshot in snapshots:
        counts = snapshot.personas.get(persona)
        if counts is None:
            continue
        for stage, value in counts:
            if value is not None:
                latest[stage] = float(value)
    return latest


def _latest_ratings(results: ProgramResults) -> tuple[dict[str, Rating], dt.date | None]:
    ratings: dict[str, Rating] = {}
    latest: dt.date | None = None
    for survey in sorted(results.surveys, key=lambda survey: survey.date):
        ratings.update(survey.personas)
        latest = survey.date
    return ratings, latest


def pace_percent(program: Program, pace: Sequence[PacePoint], day: dt.date) -> float:
    """The share of a registration target the pace expects by `day`, in percent."""
    points = [(week_start(program.event, p.week), p.percent) for p in pace]
    if day <= points[0][0]:
        return points[0][1]
    for (start, low), (end, high) in itertools.pairwise(points):
        if day <= end:
            return low + (high - low) * (day - start).days / (end - start).days
    return points[-1][1]


def _expected(
    program: Program, pace: Sequence[PacePoint], target: int | None, day: dt.date
) -> float | None:
    if target is None:
        return None
    return target * pace_percent(program, pace, day) / 100


def _rows(
    index: Index,
    program: Program,
    program_id: str,
    persona: str,
    numbers: Numbers,
    currency: str,
    registration_target: int | None,
    pace: Sequence[PacePoint],
    as_of: dt.date,
) -> tuple[Row, ...]:
    kpis = {
        target.kpi.measure: target
        for target in index.targets(program_id, persona)
        if target.kpi.measure is not None
    }
    rows = []
    for spec in MEASURES:
        value = spec.value(numbers)
        kpi = kpis.get(spec.id)
        if value is None or (kpi is None and not spec.shown):
            continue
        text = kpi.target if kpi else None
        if spec.id == "registrations" and text is None and registration_target:
            text = f"{registration_target:,}"
        row = Row(spec, value, text, goal(text), currency, metric=kpi.kpi.metric if kpi else None)
        if spec.id == "registrations" and as_of < program.event.start_date:
            row = _against_pace(row, program, pace, as_of)
        elif row.goal is not None:
            row = _against(row, row.goal)
        rows.append(row)
    return tuple(rows)


def _against(row: Row, target: Goal) -> Row:
    return dataclasses.replace(
        row, mark=target.mark(row.value, row.spec.tolerance), variance=target.variance(row.value)
    )


def _against_pace(row: Row, program: Program, pace: Sequence[PacePoint], as_of: dt.date) -> Row:
    """Registrations before the event: against what the pace expects by then."""
    if row.goal is None or row.goal.low is None:
        return row
    expected = row.goal.low * pace_percent(program, pace, as_of) / 100
    paced = _against(row, Goal(expected, None))
    return dataclasses.replace(paced, expected=expected, expected_by=as_of)


def _mix(figures: ProgramFigures, targets: dict[str, int | None]) -> tuple[Mix, ...]:
    registered = {
        pid: results.counts["registered"]
        for pid, results in figures.personas.items()
        if "registered" in results.counts
    }
    total = sum(registered.values())
    planned = {pid: targets[pid] or 0 for pid in registered if targets.get(pid)}
    planned_total = sum(planned.values())
    if not total:
        return ()
    return tuple(
        Mix(
            pid,
            count,
            100 * count / total,
            100 * planned[pid] / planned_total if pid in planned and planned_total else None,
        )
        for pid, count in registered.items()
    )


def _fills(playbook: Playbook, program_id: str, results: ProgramResults) -> tuple[Fill, ...]:
    sessions = {}
    for session in playbook.sessions.get(program_id, ()):
        sessions[session.id] = session
        for old in session.formerly:
            sessions.setdefault(old, session)
    fills = [Fill(sessions[f.session], f.attended, f.booked) for f in results.session_fills]
    return tuple(sorted(fills, key=lambda fill: _agenda_order(fill.session)))


def _agenda_order(session: Session) -> tuple[int, str, str]:
    return (session.day or 99, session.start or "99:99", session.title.lower())


def _labs(
    index: Index, program_id: str, persona: str, fills: Iterable[Fill]
) -> tuple[int, int] | None:
    """People in the labs that serve the persona, and those labs' seats."""
    served = {service.session.id for service in index.services(persona, program_id)}
    labs = [
        fill
        for fill in fills
        if fill.session.format == "lab" and fill.session.id in served and fill.session.capacity
    ]
    if not labs:
        return None
    return sum(fill.attended for fill in labs), sum(fill.session.capacity or 0 for fill in labs)


def _channels(snapshots: Sequence[Snapshot]) -> tuple[ChannelLine, ...]:
    """Each channel's latest registrations and spend."""
    latest: dict[str, dict[str, float]] = {}
    for snapshot in snapshots:
        for channel, counts in snapshot.channels.items():
            known = latest.setdefault(channel, {})
            for name, value in counts:
                if value is not None:
                    known[name] = float(value)
    return tuple(
        ChannelLine(channel, values.get("registrations"), values.get("spend"))
        for channel, values in latest.items()
    )


def _coverage(snapshots: Sequence[Snapshot]) -> tuple[Coverage, ...]:
    """For each snapshot counting untagged rows: how many carried a persona tag."""
    lines = []
    for snapshot in snapshots:
        if snapshot.untagged is None:
            continue
        given = [stage for stage, value in snapshot.untagged if value is not None]
        stage = next((s for s in ("registered", "attended", "invited") if s in given), None)
        if stage is None:
            continue
        tagged = sum(_given(counts, stage) or 0 for counts in snapshot.personas.values())
        lines.append(Coverage(snapshot.date, stage, tagged, _given(snapshot.untagged, stage) or 0))
    return tuple(lines)
