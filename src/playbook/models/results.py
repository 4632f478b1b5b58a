"""Results: what a program achieved, per persona and funnel stage, in `programs/<id>/results/`.

Each file is one part of the reporting cadence (see `playbook.layout.RESULTS_FILES`):

- `weekly.yml`: a snapshot a week before and after the event: registrations, spend per channel;
- `event-days.yml`: a snapshot a day in the event week: attendance, sessions, meetings;
- `monthly.yml`: a snapshot a month for 90 days after: pipeline, acceleration, adoption;
- `session-fills.yml`: how full each session was, against its `capacity`;
- `satisfaction.yml`: survey results per persona (CSAT, NPS, intent to recommend).

A snapshot's counts are totals to its date, never the week's increase, so the latest snapshot
holding a count is the count now. Only aggregates live here: never a person, a row or an email.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from playbook.models.common import Date, Id, Line, Model, Percent

Amount = Annotated[float, Field(allow_inf_nan=False)]
"""Money in the program's currency (`results: currency:` in program.yml)."""
Score = Annotated[float, Field(allow_inf_nan=False)]
"""A survey score: finite."""

FUNNEL: tuple[tuple[str, str], ...] = (
    ("registered", "invited"),
    ("attended", "registered"),
    ("adopted", "attended"),
    ("accelerated", "opportunities"),
)
"""Each count that cannot exceed another one, and that one: nobody attends without registering."""


class Counts(Model):
    """One persona's results to a snapshot's date: a total per funnel stage, all optional."""

    invited: int | None = Field(None, ge=0, description="People invited personally, to date.")
    registered: int | None = Field(None, ge=0, description="Registrations to date.")
    attended: int | None = Field(
        None, ge=0, description="Registrants who attended, in person or online."
    )
    sessions_attended: int | None = Field(
        None, ge=0, description="Sessions attended, added up over this persona's attendees."
    )
    meetings: int | None = Field(
        None,
        ge=0,
        description="Meetings held: VIP and partner 1:1s, consults and clinics taken up.",
    )
    opportunities: int | None = Field(
        None,
        ge=0,
        description="Opportunities the event created or influenced (joint ones, for partners).",
    )
    accelerated: int | None = Field(
        None, ge=0, description="Of those opportunities, the ones that moved faster than usual."
    )
    pipeline: Amount | None = Field(
        None, ge=0, description="Pipeline influenced, in the program's currency."
    )
    adopted: int | None = Field(
        None,
        ge=0,
        description="Attendees whose teams took up what the event showed (a feature, a "
        "certification).",
    )
    renewals: int | None = Field(
        None, ge=0, description="Renewals closed with attendees' accounts."
    )


class ChannelCounts(Model):
    """What one source channel brought in, to a snapshot's date, and what it cost."""

    registrations: int | None = Field(None, ge=0, description="Registrations it brought in.")
    spend: Amount | None = Field(
        None,
        ge=0,
        description="Spent on it, in the program's currency: CAC is spend over registrations.",
    )


class Snapshot(Model):
    """Results to one date: counts per persona, per channel, and rows without a persona tag."""

    date: Date = Field(
        description="The day the counts were taken (YYYY-MM-DD); each is the total to that day."
    )
    source: Line | None = Field(
        None,
        description='What the counts come from, e.g. "registration platform export"; '
        "`playbook results import` writes it.",
    )
    personas: dict[Id, Counts] = Field(
        default_factory=dict, description="Counts per persona, by persona id."
    )
    channels: dict[Line, ChannelCounts] = Field(
        default_factory=dict,
        description="Registrations and spend per source channel: the values of the tagging "
        "schema's `source-channel` field, e.g. Email.",
    )
    untagged: Counts | None = Field(
        None,
        description="Rows of the export with no persona tag, counted by stage: they make the "
        "tag coverage.",
    )
    note: Line | None = Field(None, description="Anything a reader of the numbers should know.")


class Snapshots(Model):
    """Dated snapshots of a program's results: `weekly.yml`, `event-days.yml` or `monthly.yml`."""

    snapshots: list[Snapshot] = Field(description="The snapshots, oldest first.")


class SessionFill(Model):
    """How full one session was."""

    session: Id = Field(description="The session's id (in this program's sessions/).")
    attended: int = Field(
        ge=0, description="People in the room (or watching, if streamed) at its busiest."
    )
    booked: int | None = Field(
        None, ge=0, description="Seats booked ahead, for a session that takes bookings."
    )
    note: Line | None = None


class SessionFills(Model):
    """How full each session was, against its `capacity` (`session-fills.yml`)."""

    sessions: list[SessionFill]


class Rating(Model):
    """One persona's answers to a survey."""

    responses: int = Field(gt=0, description="How many of this persona answered.")
    csat: Score | None = Field(
        None, ge=1, le=5, description="Average satisfaction, on a scale of 1 to 5."
    )
    nps: Score | None = Field(
        None, ge=-100, le=100, description="Net promoter score, from -100 to 100."
    )
    recommend_percent: Percent | None = Field(
        None, description="Who would recommend the event, in percent of responses."
    )

    @model_validator(mode="after")
    def _says_something(self) -> Rating:
        if self.csat is None and self.nps is None and self.recommend_percent is None:
            raise PydanticCustomError(
                "empty_rating", "give at least one of `csat`, `nps` or `recommend_percent`"
            )
        return self


class Survey(Model):
    """A satisfaction survey's results, per persona."""

    date: Date = Field(description="The day the survey closed (YYYY-MM-DD).")
    name: Line | None = Field(None, description='E.g. "Post-event survey".')
    personas: dict[Id, Rating] = Field(description="Results per persona, by persona id.")


class Satisfaction(Model):
    """Satisfaction surveys (`satisfaction.yml`)."""

    surveys: list[Survey] = Field(description="The surveys, oldest first.")


Measure = Literal[
    "registrations",
    "attendance-rate",
    "sessions-per-attendee",
    "meetings",
    "meetings-per-attendee",
    "opportunities",
    "acceleration-rate",
    "pipeline",
    "adoption-rate",
    "lab-utilization",
    "csat",
    "nps",
    "recommend-rate",
]
"""What in the results a KPI is measured by (`measure:` in kpis.yml); see `playbook.results`."""

CountedStage = Literal[
    "invited", "registered", "attended", "meetings", "opportunities", "accelerated", "adopted"
]
"""What a row of an export can count as: one of these, for its persona."""
StatusStage = Literal[
    "invited",
    "registered",
    "attended",
    "meetings",
    "opportunities",
    "accelerated",
    "adopted",
    "ignore",
]
"""What a status of an export counts as; `ignore` leaves its rows out."""
SummedStage = Literal["sessions_attended", "meetings", "opportunities", "pipeline", "renewals"]
"""What a numeric column of an export can be added up into."""


class PacePoint(Model):
    """How much of each persona's registration target should be in by the start of a week."""

    week: int = Field(ge=-52, le=0, description="The week, e.g. -8 for T-8; 0 is the event week.")
    percent: Percent = Field(description="The share of the registration target, in percent.")


class ExportStatus(Model):
    """A column saying how far each row got (a CRM campaign member's status)."""

    column: Line = Field(description="The column's header, e.g. `Status`.")
    values: dict[Line, StatusStage] = Field(
        description="Each value of the column, and the stage it counts at (a row counts at "
        "every funnel stage before it too: an attendee was invited and registered); `ignore` "
        "leaves such rows out."
    )


class ExportMapping(Model):
    """How to read one kind of export (registrations, attendance, CRM) into results."""

    id: Id = Field(description='What `--export` calls it, e.g. "registrations".')
    name: Line | None = Field(None, description='E.g. "Registration platform export".')
    columns: dict[Id, Line] = Field(
        description="Each tagging field (its id in tagging.yml) and the export's column header "
        "holding it, e.g. `persona: Persona Tag`. The persona field is required."
    )
    stage: CountedStage | None = Field(
        None, description="What every row counts as, e.g. `registered` for a registration export."
    )
    status: ExportStatus | None = Field(
        None, description="Or a column that says what each row counts as."
    )
    sums: dict[SummedStage, Line] = Field(
        default_factory=dict,
        description="Numeric columns added up per persona, e.g. `pipeline: Amount`.",
    )

    @model_validator(mode="after")
    def _counts_something(self) -> ExportMapping:
        if self.stage is not None and self.status is not None:
            raise PydanticCustomError(
                "stage_and_status", "give `stage` or `status`, not both: a row counts once"
            )
        if self.stage is None and self.status is None and not self.sums:
            raise PydanticCustomError(
                "counts_nothing",
                "say what the export counts: `stage` (what each row is), `status` (a column "
                "saying it) or `sums` (columns to add up)",
            )
        return self


class ResultsSettings(Model):
    """How a program's results are read and judged (`results:` in program.yml)."""

    currency: Line = Field("USD", description="The currency of spend and pipeline, e.g. USD.")
    pace: list[PacePoint] = Field(
        default_factory=list,
        description="The registration pace: the share of each persona's registration target "
        "expected by the start of each week, in order. Without it, registrations are expected "
        "evenly from T-12 to the event.",
    )
    exports: list[ExportMapping] = Field(
        default_factory=list,
        description="The exports `playbook results import` reads, with their columns.",
    )
