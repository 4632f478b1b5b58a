"""Organisation-wide data, one file each in `data/`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from playbook.models.common import GithubHandle, Id, Line, Model, Percent, Text
from playbook.models.persona import JobStatement


class Waiver(Model):
    """A lint finding accepted on purpose, with the reason written down."""

    rule: Id = Field(description="The rule, e.g. `jtbd-evidence`.")
    subject: Line = Field(
        description="What the finding is about, as `playbook lint` names it: a persona, session, "
        "snippet or cluster id."
    )
    reason: Text = Field(description="Why this is acceptable, for the next reader.")


class LintSettings(Model):
    """Thresholds of `playbook lint`, and the findings waived."""

    max_primary_personas: int = Field(5, ge=1, description="Most primary personas.")
    min_jobs: int = Field(2, ge=1, description="Fewest jobs to be done per persona.")
    max_jobs: int = Field(3, ge=1, description="Most jobs to be done per persona.")
    quotes_per_job: int = Field(3, ge=0, description="Quotes with sources each job needs.")
    overlap_percent: Percent = Field(
        50,
        description="Goals and pain points shared by two personas, in percent of their "
        "words, above which they are candidates to merge.",
    )
    persona_update_weeks: int = Field(
        4,
        ge=1,
        description="Weeks after a program ends by which its personas are updated with what "
        "it taught.",
    )
    workshop_minutes: tuple[int, int] = Field(
        (60, 90), description="Shortest and longest workshop agenda, in minutes."
    )
    waivers: list[Waiver] = Field(default_factory=list)


class Owners(Model):
    """Who is asked to review changes (`.github/CODEOWNERS` is made from this and the personas)."""

    playbook: GithubHandle = Field(
        description="Reviews every change no one else owns: the playbook's settings, the "
        "organisation files, programs, and personas without an owner of their own."
    )
    engineering: GithubHandle = Field(
        description="Reviews the code, the site's configuration, the workflows and CODEOWNERS."
    )


class Settings(Model):
    """The playbook as a whole (`playbook.yml`)."""

    title: Line = Field(description="The site's title.")
    organisation: Line
    description: Text | None = None
    featured_program: Id | None = Field(
        None,
        description="The program the home page and the site's navigation show; without it, the "
        "first program. Every program is listed on the Programs page.",
    )
    lint: LintSettings = Field(LintSettings(), description="How strict `playbook lint` is.")
    owners: Owners | None = Field(
        None, description="Who reviews changes no persona owner reviews (CODEOWNERS)."
    )


class SubjectRule(Model):
    """The subject line or headline a channel carries."""

    label: Line = Field(description='What it is called on this channel, e.g. "Subject line".')
    limit: int | None = Field(None, gt=0, description="Maximum characters.")
    hard: bool = Field(
        False,
        description="true when the platform rejects a longer one: validation then refuses it. "
        "Otherwise the limit is a recommendation, which lint checks.",
    )


class Channel(Model):
    """A channel snippets run on."""

    id: Id
    name: Line
    description: Line | None = None
    subject: SubjectRule | None = Field(
        None, description="Set when the channel carries a subject or headline."
    )
    body_limit: int | None = Field(None, gt=0, description="Maximum characters of the body.")
    body_limit_hard: bool = Field(
        False,
        description="true when the platform rejects a longer body: validation then refuses it. "
        "Otherwise the limit is a recommendation, which lint checks.",
    )


class Channels(Model):
    """The channels (`channels.yml`)."""

    channels: list[Channel]


class Role(Model):
    """A role in the persona program."""

    id: Id
    name: Line
    responsibilities: Text


class RaciRow(Model):
    """Who is responsible, accountable, consulted and informed for one activity."""

    activity: Line
    responsible: list[Id] = Field(min_length=1)
    accountable: Id
    consulted: list[Id] = Field(default_factory=list)
    informed: list[Id] = Field(default_factory=list)


class Roles(Model):
    """Roles and the RACI matrix (`roles.yml`)."""

    roles: list[Role]
    raci: list[RaciRow]


class TagField(Model):
    """A field of the CRM and registration tagging schema."""

    id: Id
    name: Line
    description: Line | None = None
    required: bool = False
    crm_field: Line | None = Field(None, description="The field's API name in the CRM.")
    values: list[Line] = Field(default_factory=list, description="The allowed values.")
    values_from: Literal["personas"] | None = Field(
        None, description="Take the allowed values from the personas' short names instead."
    )

    @model_validator(mode="after")
    def _one_source_of_values(self) -> TagField:
        if bool(self.values) == bool(self.values_from):
            raise PydanticCustomError(
                "tag_values", "give either `values` or `values_from: personas`, not both or neither"
            )
        return self


class Tagging(Model):
    """The tagging schema (`tagging.yml`)."""

    fields: list[TagField]


class Cluster(Model):
    """A cross-persona JTBD cluster."""

    id: Id
    name: Line
    job: JobStatement
    description: Line | None = None


class Clusters(Model):
    """JTBD clusters (`clusters.yml`)."""

    clusters: list[Cluster]


class Firmographics(Model):
    """Company-level facts."""

    industries: list[Line] = Field(default_factory=list)
    company_size: Line | None = None
    annual_revenue: Line | None = None
    geography: list[Line] = Field(default_factory=list)
    growth_stage: Line | None = None


class Technographics(Model):
    """Technology facts."""

    current_stack: list[Line] = Field(default_factory=list)
    infrastructure: Line | None = None
    maturity: Line | None = None


class BusinessCharacteristics(Model):
    """How they buy, as a company."""

    pain_intensity: Line | None = None
    budget_authority: Line | None = None
    buying_process: Line | None = None
    contract_value: Line | None = None


class Signals(Model):
    """Signals that an account fits, or does not."""

    positive: list[Line] = Field(default_factory=list)
    negative: list[Line] = Field(default_factory=list)


class ScoringAttribute(Model):
    """A row of the ICP scoring matrix: what scores 5, 3 and 1."""

    id: Id
    name: Line
    weight: Percent = Field(description="Weight in percent; all weights add up to 100.")
    ideal: Line = Field(description="What scores 5.")
    good: Line = Field(description="What scores 3.")
    poor: Line = Field(description="What scores 1.")


class Tier(Model):
    """A tier of accounts by weighted score."""

    name: Line
    min_score: float = Field(ge=0, le=5, description="Lowest weighted score in this tier.")
    action: Line


class Icp(Model):
    """The ideal customer profile and its scoring matrix (`icp.yml`)."""

    summary: Text
    firmographics: Firmographics
    technographics: Technographics
    business: BusinessCharacteristics
    signals: Signals
    disqualifiers: list[Line] = Field(default_factory=list)
    attributes: list[ScoringAttribute]
    tiers: list[Tier]


class OnePagerSection(Model):
    """A section of the persona one-pager template."""

    field: Line = Field(description="The persona field it is written in, e.g. `pain_points`.")
    label: Line
    min: int | None = Field(None, ge=0, description="Fewest entries.")
    max: int | None = Field(None, ge=1, description="Most entries.")
    guidance: Line | None = None


class LetterSection(Model):
    """A section of a letter template."""

    heading: Line
    guidance: Text


class LetterTemplate(Model):
    """The "convince your manager" letter."""

    applies_to: list[Id] = Field(description="Personas it is written for.")
    sections: list[LetterSection]


class AgendaItem(Model):
    """An item of the workshop agenda."""

    minutes: int = Field(gt=0)
    topic: Line


class Templates(Model):
    """Templates (`templates.yml`)."""

    one_pager: list[OnePagerSection]
    jtbd_tips: list[Line]
    convince_your_manager: LetterTemplate
    outreach_kit: list[Line] = Field(
        description="The sales/CS outreach kit checklist, per persona."
    )
    workshop_agenda: list[AgendaItem] = Field(description="The stakeholder alignment workshop.")
