"""A persona: one file `data/personas/<id>.yml`, following the persona one-pager template."""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import Field, field_validator
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from playbook.models.common import Date, GithubHandle, Id, Line, Model, Target, Text

Priority = Literal["primary", "secondary"]
Cadence = Literal["monthly", "quarterly", "semiannual", "annual"]

CADENCE_DAYS: dict[str, int] = {"monthly": 31, "quarterly": 92, "semiannual": 183, "annual": 366}
"""How many days a review stays current, per cadence."""


def _reject_lead_in(value: str, lead_ins: tuple[str, ...], page_adds: str) -> str:
    lowered = value.lower()
    for lead_in in lead_ins:
        if lowered == lead_in or lowered.startswith(lead_in + " "):
            raise PydanticCustomError(
                "jtbd_lead_in",
                'starts with "{lead_in}"; write only what follows it, '
                'the page adds "{page_adds}" itself',
                {"lead_in": value[: len(lead_in)], "page_adds": page_adds},
            )
    return value


class JobStatement(Model):
    """A job to be done: "When <when>, I want to <want>, so I can <so_that>."."""

    when: Line = Field(
        description='The situation or trigger, as it completes "When …". '
        'Example: "evaluating strategic platforms".'
    )
    want: Line = Field(
        description='The motivation, as it completes "I want to …"; start with a verb. '
        'Example: "see credible peer proof and ROI benchmarks".'
    )
    so_that: Line = Field(
        description='The expected outcome, as it completes "so I can …". '
        'Example: "justify the investment to the board".'
    )

    @field_validator("when")
    @classmethod
    def _when(cls, value: str) -> str:
        return _reject_lead_in(value, ("when",), "When")

    @field_validator("want")
    @classmethod
    def _want(cls, value: str) -> str:
        return _reject_lead_in(value, ("i want to", "i want", "to"), "I want to")

    @field_validator("so_that")
    @classmethod
    def _so_that(cls, value: str) -> str:
        return _reject_lead_in(value, ("so i can", "so that", "so"), "so I can")


class Evidence(Model):
    """Research behind a job: a real quote and where it came from."""

    quote: Text = Field(description="What the person said, word for word.")
    source: Line = Field(
        description="Who said it and how it was collected, e.g. "
        '"CIO, insurance, 4,000 employees; attendee interview".'
    )
    date: Date | None = Field(None, description="When it was said or collected (YYYY-MM-DD).")


class PersonaJob(JobStatement):
    """One of the persona's jobs to be done, with the cluster it belongs to and its evidence."""

    cluster: Id = Field(description="The JTBD cluster this job belongs to (an id in clusters.yml).")
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="Interview quotes or data that back this job; aim for at least three.",
    )


class Snapshot(Model):
    """Who this persona is, at a glance."""

    role: Line = Field(description="What they own and do.")
    company_size: Line | None = Field(
        None, description='Typical company size, e.g. "500–5,000 employees".'
    )
    company_type: Line | None = Field(
        None, description='Kind of company, where size says less, e.g. "Global SIs, ISVs, MSPs".'
    )
    influence: Line | None = Field(None, description="Their say in the buying decision.")
    industries: list[Line] = Field(default_factory=list, description="Typical industries.")


class Tactic(Model):
    """A way we reach this persona."""

    tactic: Line = Field(description='What we do, e.g. "Exec invite from our CPO/CTO".')
    channel: Id = Field(
        description="The channel it runs on (an id in channels.yml), so snippets can be matched."
    )


class SuccessMetric(Model):
    """How we know the program worked for this persona."""

    metric: Line = Field(
        description='What is measured, e.g. "Attendance rate of registered execs".'
    )
    target: Target | None = Field(None, description='The target, e.g. "75%", "8+", "4.5/5".')


Check = Literal[
    "based-on-data",
    "validated-with-sales",
    "validated-with-cs",
    "sized",
    "differentiated",
    "actionable",
    "prioritized",
    "reviewed-with-product",
]
CHECKLIST: dict[Check, str] = {
    "based-on-data": "Based on real data, not assumptions",
    "validated-with-sales": "Validated with the sales team",
    "validated-with-cs": "Validated with customer success",
    "sized": "Quantitatively sized",
    "differentiated": "Differentiated from the other personas",
    "actionable": "Actionable: marketing can write copy for it",
    "prioritized": "Prioritized",
    "reviewed-with-product": "Reviewed with product",
}
"""The persona validation checklist, in order: each step's id and its name on the health page.

The one list of the steps. `Check` spells the ids out for the model and the JSON Schema, as a type
must; the typing holds every key here to one of them, and the check below holds them in step.
A lint rule names the step its findings bear on: `@rule(..., checklist="based-on-data")`."""
CHECKS: tuple[Check, ...] = tuple(CHECKLIST)
"""The steps' ids, in order."""
if get_args(Check) != CHECKS:  # pragma: no cover - caught by any import of the models
    raise RuntimeError("`Check` and `CHECKLIST` must list the same steps in the same order")


class ChecklistEntry(Model):
    """One step of the persona validation checklist, done."""

    check: Check = Field(description="Which step was done.")
    date: Date = Field(description="When (YYYY-MM-DD).")
    by: Line | None = Field(None, description='With whom, e.g. "Sales: 4 AEs, EMEA and NA".')
    notes: Line | None = None


class Sizing(Model):
    """How many of this persona there are."""

    contacts: int | None = Field(None, ge=0, description="Contacts in the CRM that match it.")
    accounts: int | None = Field(None, ge=0, description="Accounts that have one.")
    source: Line = Field(description="Where the numbers come from.")


class Review(Model):
    """Who keeps this persona current, and when it was last checked."""

    owner: Id = Field(description="The role that owns this persona (an id in roles.yml).")
    contact: Line | None = Field(None, description="The person in that role who maintains it.")
    github: GithubHandle | None = Field(
        None, description="Their GitHub handle, used to ask them to review changes to this file."
    )
    last_reviewed: Date = Field(description="When it was last reviewed (YYYY-MM-DD).")
    cadence: Cadence = Field("quarterly", description="How often it must be reviewed.")
    checklist: list[ChecklistEntry] = Field(
        default_factory=list,
        description="The steps of the persona validation checklist done so far.",
    )
    size: Sizing | None = Field(None, description="How many contacts or accounts it covers.")


class Demographics(Model):
    """Optional demographics; useful only beside goals and pain points."""

    age_range: Line | None = None
    education: Line | None = None
    career_stage: Line | None = Field(None, description="IC, manager, director, VP or C-level.")
    income_range: Line | None = None


class ProfessionalContext(Model):
    """Their working world."""

    team_size: Line | None = Field(None, description="Who they manage.")
    budget_authority: Line | None = Field(
        None, description="Whether they hold budget, and how much."
    )
    kpis: list[Line] = Field(default_factory=list, description="What they are measured on.")
    tools: list[Line] = Field(default_factory=list, description="Tools they use today.")
    information_sources: list[Line] = Field(
        default_factory=list, description="What they read and whom they trust."
    )


class BuyingBehaviour(Model):
    """How they buy."""

    trigger: Line | None = Field(None, description="The event that starts their search.")
    research_process: Line | None = Field(None, description="Where they look for solutions.")
    decision_criteria: list[Line] = Field(
        default_factory=list, description="Their criteria, most important first."
    )
    timeline: Line | None = Field(None, description="Their typical buying cycle.")
    influencers: list[Line] = Field(default_factory=list, description="Who else is involved.")


class Objection(Model):
    """Something they say that stops a deal, and what lies under it."""

    objection: Line = Field(description="The objection, as they would say it.")
    root_cause: Line = Field(description="The concern underneath it.")
    response: Text | None = Field(None, description="How we answer it.")


class Quote(Model):
    """A representative statement of their point of view."""

    text: Text = Field(description="The quote.")
    source: Line | None = Field(None, description="Interview or research it is drawn from.")


class Persona(Model):
    """A persona one-pager. The file name is the persona's id, e.g. `exec.yml` is `exec`."""

    id: SkipJsonSchema[str] = Field("", exclude=True, description="Set from the file name.")
    name: Line = Field(description='The persona\'s name, e.g. "Executive Decision-Maker".')
    formerly: list[Id] = Field(
        default_factory=list,
        description="The ids this persona had before its file was renamed: references to them "
        "still work (lint lists where to update them) and their old pages lead here.",
    )
    short_name: Line = Field(
        description='Its value in the tagging schema\'s persona field, e.g. "Exec".'
    )
    priority: Priority = Field(
        description="primary: programming and budget priority; secondary: targeted comms only."
    )
    rank: int | None = Field(
        None, ge=1, description="Rank among all personas by revenue potential; 1 is highest."
    )
    titles: list[Line] = Field(
        default_factory=list, description='Typical job titles, e.g. "CTO", "CIO".'
    )
    snapshot: Snapshot = Field(description="Who they are: role, company size, influence.")
    goals: list[Line] = Field(description="What they are trying to achieve (3–5).")
    pain_points: list[Line] = Field(description="What frustrates them (3–5).")
    jtbd: list[PersonaJob] = Field(description="Their jobs to be done (2–3).")
    barriers: list[Line] = Field(description="What keeps them from attending (2–4).")
    motivations: list[Line] = Field(description="What makes them attend (2–4).")
    value_proposition: Text = Field(description="Our message to them: 1–2 benefit-led sentences.")
    proof: list[Line] = Field(description="Proof and content they need to believe it (3–5).")
    channels: list[Tactic] = Field(description="Channels and tactics that reach them (3–5).")
    offers: list[Line] = Field(description="Offers and calls to action for them (1–2).")
    onsite: list[Line] = Field(description="Their onsite experience (3–5 elements).")
    success_metrics: list[SuccessMetric] = Field(description="How we measure success (3–5).")
    review: Review = Field(description="Owner and last review date.")

    reports_to: Line | None = Field(None, description="Their manager's role.")
    demographics: Demographics | None = None
    professional_context: ProfessionalContext | None = None
    buying_behaviour: BuyingBehaviour | None = None
    objections: list[Objection] = Field(default_factory=list, description="Common objections.")
    quote: Quote | None = None

    @property
    def review_due(self) -> dt.date:
        """The date by which the next review is due."""
        return self.review.last_reviewed + dt.timedelta(days=CADENCE_DAYS[self.review.cadence])
