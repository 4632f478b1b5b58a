"""A program (one event cycle) lives in `data/programs/<program-id>/`.

- `program.yml`: the event, its objectives and assumptions, tracks, audiences, offers, reporting.
- `timeline.yml`: phases and milestones, in weeks relative to the event.
- `kpis.yml`: funnel stages and KPI targets per persona.
- `sessions/*.yml`: the agenda, each file a list of sessions (the example keeps one per track).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from playbook.models.common import (
    ClockTime,
    Date,
    Id,
    Line,
    Model,
    Percent,
    Target,
    Text,
    TimeZone,
    Url,
    Week,
)
from playbook.models.results import Measure, ResultsSettings

EventFormat = Literal["hybrid", "in-person", "virtual"]
SessionFormat = Literal[
    "keynote",
    "session",
    "panel",
    "lab",
    "workshop",
    "bootcamp",
    "clinic",
    "office-hours",
    "exam",
    "roundtable",
    "briefing",
    "theater",
    "meetings",
    "expo",
    "dinner",
    "reception",
]


class Event(Model):
    """When and where the event happens. Its start date is T, the day every week counts from."""

    name: Line = Field(description="The event's public name.")
    start_date: Date = Field(description="First day (YYYY-MM-DD). Week 0 starts here.")
    end_date: Date = Field(description="Last day (YYYY-MM-DD).")
    time_zone: TimeZone = Field(description="IANA time zone of the venue, e.g. America/Chicago.")
    format: EventFormat = Field(description="hybrid, in-person or virtual.")
    venue: Line | None = Field(None, description="Where it takes place.")
    city: Line | None = None
    virtual_platform: Line | None = Field(None, description="Where the virtual audience joins.")
    expected_attendance: int | None = Field(
        None, gt=0, description="Expected attendees, all formats."
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> Event:
        if self.end_date < self.start_date:
            raise PydanticCustomError(
                "date_order",
                "end_date {end} is before start_date {start}",
                {"end": self.end_date.isoformat(), "start": self.start_date.isoformat()},
            )
        return self

    @property
    def days(self) -> int:
        """How many days the event lasts."""
        return (self.end_date - self.start_date).days + 1


class Track(Model):
    """A track of the agenda."""

    id: Id
    name: Line
    description: Line | None = None


class Audience(Model):
    """What the program offers one persona: the persona-to-program mapping."""

    persona: Id = Field(description="A persona id.")
    focus: list[Line] = Field(description="The program elements aimed at this persona.")
    registration_target: int | None = Field(None, gt=0, description="Registrations we aim for.")


class Offer(Model):
    """An offer or incentive."""

    id: Id
    name: Line
    description: Line
    personas: list[Id] = Field(
        default_factory=list, description="Who it targets; empty means everyone."
    )
    deadline_week: Week | None = Field(None, description="Week it closes, e.g. -8 for T-8 weeks.")
    discount_percent: Percent | None = None
    min_group_size: int | None = Field(None, ge=2, description="Smallest group it applies to.")
    condition: Line | None = Field(None, description="What must hold to get it.")


class Dependency(Model):
    """Something the program needs from outside the team."""

    area: Line = Field(description='E.g. "Data access", "Budget", "Legal/Privacy".')
    needs: list[Line]


class Reporting(Model):
    """A reporting rhythm: what is reported, how often, during which weeks."""

    cadence: Literal["daily", "weekly", "monthly"]
    label: Line = Field(description='When it runs, in words, e.g. "Event week".')
    from_week: Week
    to_week: Week
    metrics: list[Line]
    owner: Id | None = Field(None, description="The role that reports (an id in roles.yml).")


AgendaFormat = Literal["frab-json", "frab-xml", "sessionize", "pretalx-widget"]


class SessionizeCategories(Model):
    """Which Sessionize categories hold the track and the format (their titles differ per event)."""

    track: Line | None = Field(None, description='The category holding the track, e.g. "Track".')
    format: Line | None = Field(
        None, description='The category holding the format, e.g. "Session format".'
    )


class AgendaSource(Model):
    """Where the agenda comes from, for `playbook import` and the import workflow."""

    url: Url | None = Field(
        None, description="The platform's schedule export (https), which the workflow imports."
    )
    format: AgendaFormat | None = Field(
        None, description="frab-json, frab-xml or sessionize; found from the content if left out."
    )
    sessionize: SessionizeCategories = Field(
        SessionizeCategories(), description="For Sessionize: the categories to read."
    )
    tracks: dict[Line, Id] = Field(
        default_factory=dict,
        description="The platform's track names mapped to this program's track ids, where they "
        "differ.",
    )
    formats: dict[Line, SessionFormat] = Field(
        default_factory=dict,
        description="The platform's session types mapped to the playbook's formats.",
    )
    file: Id = Field(
        "imported", description="The sessions file (without .yml) that new sessions go to."
    )


class Program(Model):
    """A program: one event cycle. Its id is the name of its folder."""

    id: SkipJsonSchema[str] = Field("", exclude=True, description="Set from the folder name.")
    name: Line
    summary: Text
    event: Event
    objectives: list[Line] = Field(description="Business objectives of the event.")
    assumptions: list[Line] = Field(
        default_factory=list, description="What the plan takes for granted."
    )
    tracks: list[Track]
    audiences: list[Audience] = Field(
        default_factory=list, description="The persona-to-program mapping."
    )
    offers: list[Offer] = Field(default_factory=list)
    reporting: list[Reporting] = Field(default_factory=list, description="The reporting cadence.")
    dependencies: list[Dependency] = Field(default_factory=list)
    agenda: AgendaSource | None = Field(
        None, description="The event platform the agenda is imported from (`playbook import`)."
    )
    results: ResultsSettings | None = Field(
        None,
        description="How its results are read and judged: currency, registration pace, and the "
        "exports `playbook results import` reads.",
    )


class Phase(Model):
    """A phase of the timeline, from start_week to end_week (inclusive)."""

    id: Id
    name: Line
    start_week: Week
    end_week: Week
    owner: Id = Field(description="The role that leads this phase (an id in roles.yml).")
    contributors: list[Id] = Field(default_factory=list, description="Roles that contribute.")
    activities: list[Line] = Field(default_factory=list)
    deliverables: list[Line] = Field(default_factory=list)


class Milestone(Model):
    """A point in the timeline that something must be done by."""

    id: Id
    name: Line
    week: Week
    owner: Id = Field(description="The role that delivers it (an id in roles.yml).")
    deliverables: list[Line] = Field(default_factory=list)


class Timeline(Model):
    """Phases and milestones, in weeks relative to the event (T-12 is -12)."""

    phases: list[Phase]
    milestones: list[Milestone] = Field(default_factory=list)


class FunnelStage(Model):
    """A stage of the funnel that KPIs are grouped by."""

    id: Id
    name: Line
    description: Line | None = None


class Kpi(Model):
    """A KPI with its target, for all personas or per persona."""

    stage: Id = Field(description="The funnel stage (an id under `stages`).")
    metric: Line
    target: Target | None = Field(None, description="The target for every persona it applies to.")
    personas: list[Id] = Field(
        default_factory=list, description="Who it applies to; empty means everyone."
    )
    by_persona: dict[Id, Target] = Field(
        default_factory=dict, description="Targets for particular personas, overriding `target`."
    )
    note: Line | None = None
    measure: Measure | None = Field(
        None,
        description="What in the program's results measures it, so the results page can set "
        "the result against the target: registrations, attendance-rate, sessions-per-attendee, "
        "meetings, meetings-per-attendee, opportunities, acceleration-rate, pipeline, "
        "adoption-rate, lab-utilization, csat, nps or recommend-rate.",
    )


class Kpis(Model):
    """Funnel stages and KPI targets by persona."""

    stages: list[FunnelStage]
    kpis: list[Kpi]


class Speaker(Model):
    """A speaker."""

    name: Line
    title: Line | None = None
    company: Line | None = None


class SessionSource(Model):
    """The event platform a session was imported from, and its key there."""

    platform: AgendaFormat = Field(description="The export it came from.")
    key: Line = Field(
        description="Its key on the platform (pretalx code, frab guid or id, Sessionize id)."
    )


class SessionPersonas(Model):
    """The personas a session serves."""

    primary: list[Id] = Field(
        default_factory=list, description="Personas the session is built for."
    )
    secondary: list[Id] = Field(default_factory=list, description="Personas it also serves.")


class Session(Model):
    """A session, lab, clinic or other agenda item, with a call to action per persona."""

    id: Id
    formerly: list[Id] = Field(
        default_factory=list,
        description="The ids this session had before it was renamed: links to them still land "
        "here.",
    )
    title: Line
    track: Id = Field(description="The track (an id in the program's `tracks`).")
    format: SessionFormat
    level: Literal[100, 200, 300, 400] | None = Field(None, description="Technical depth.")
    abstract: Text | None = None
    personas: SessionPersonas = SessionPersonas()
    angles: dict[Id, Line] = Field(
        default_factory=dict,
        description='What each persona gets from it, e.g. exec: "risk framing".',
    )
    clusters: list[Id] = Field(default_factory=list, description="JTBD clusters it serves.")
    proof: list[Line] = Field(default_factory=list, description="Proof shown in the session.")
    cta: dict[Id, Line] = Field(
        default_factory=dict, description="The call to action for each persona it serves."
    )
    day: int | None = Field(None, ge=1, description="Day of the event, 1 for the first.")
    start: ClockTime | None = Field(None, description='Start time, quoted: "09:30".')
    date: Date | None = Field(
        None,
        description="Its calendar date, where it differs from its day's (a talk after midnight "
        "that the platform lists under the day before).",
    )
    duration: int | None = Field(
        None, gt=0, le=10080, description="Length in minutes (a week at most)."
    )
    room: Line | None = None
    streamed: bool = Field(False, description="Whether the virtual audience can watch it.")
    capacity: int | None = Field(None, gt=0, description="Seats.")
    speakers: list[Speaker] = Field(default_factory=list)
    url: Url | None = Field(None, description="Its page on the event platform.")
    source: SessionSource | None = Field(
        None,
        description="Where it was imported from: re-imports match it by this key, never by title.",
    )
    cancelled: bool = Field(
        False,
        description="true when it has disappeared from the event platform; remove it once "
        "nobody links to it.",
    )


class SessionFile(Model):
    """A file of sessions."""

    sessions: list[Session]
