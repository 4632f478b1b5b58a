"""Where each kind of data lives in the data directory, and which model reads it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from playbook.models.common import Model
from playbook.models.message_tests import MessageTests
from playbook.models.messaging import SnippetFile
from playbook.models.org import Channels, Clusters, Icp, Roles, Settings, Tagging, Templates
from playbook.models.persona import Persona
from playbook.models.program import Kpis, Program, SessionFile, Timeline
from playbook.models.results import Satisfaction, SessionFills, Snapshots

YAML_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Kind:
    """A kind of data file."""

    name: str
    model: type[Model]
    pattern: str
    """Where files of this kind live, relative to the data directory, for messages."""
    holds: str
    """What the files hold, for messages."""
    required: bool = False

    @property
    def schema_file(self) -> str:
        """The JSON Schema's file name in `schemas/`."""
        return f"{self.name}.schema.json"


SETTINGS = Kind(
    "settings", Settings, "playbook.yml", "the playbook's title and organisation", required=True
)
CHANNELS = Kind("channels", Channels, "channels.yml", "the channels snippets run on", required=True)
ROLES = Kind("roles", Roles, "roles.yml", "the roles and the RACI matrix", required=True)
TAGGING = Kind("tagging", Tagging, "tagging.yml", "the CRM tagging schema", required=True)
CLUSTERS = Kind("clusters", Clusters, "clusters.yml", "the JTBD clusters", required=True)
ICP = Kind("icp", Icp, "icp.yml", "the ideal customer profile")
TEMPLATES = Kind("templates", Templates, "templates.yml", "the templates")
PERSONA = Kind("persona", Persona, "personas/<persona-id>.yml", "a persona one-pager")
SNIPPETS = Kind(
    "snippets", SnippetFile, "messaging/<persona-id>.yml", "one persona's messaging snippets"
)
PROGRAM = Kind("program", Program, "programs/<program-id>/program.yml", "a program's event")
TIMELINE = Kind("timeline", Timeline, "programs/<program-id>/timeline.yml", "a program's timeline")
KPIS = Kind("kpis", Kpis, "programs/<program-id>/kpis.yml", "a program's KPI targets")
SESSIONS = Kind("sessions", SessionFile, "programs/<program-id>/sessions/<name>.yml", "sessions")
MESSAGE_TESTS = Kind(
    "message-tests",
    MessageTests,
    "programs/<program-id>/results/message-tests.yml",
    "a program's A/B message test results",
)
WEEKLY_RESULTS = Kind(
    "weekly-results",
    Snapshots,
    "programs/<program-id>/results/weekly.yml",
    "a program's results week by week (T-12 to T+4)",
)
EVENT_DAY_RESULTS = Kind(
    "event-day-results",
    Snapshots,
    "programs/<program-id>/results/event-days.yml",
    "a program's results day by day in the event week",
)
MONTHLY_RESULTS = Kind(
    "monthly-results",
    Snapshots,
    "programs/<program-id>/results/monthly.yml",
    "a program's results month by month for 90 days after the event",
)
SESSION_FILLS = Kind(
    "session-fills",
    SessionFills,
    "programs/<program-id>/results/session-fills.yml",
    "how full each of a program's sessions was",
)
SATISFACTION = Kind(
    "satisfaction",
    Satisfaction,
    "programs/<program-id>/results/satisfaction.yml",
    "a program's satisfaction surveys per persona",
)

RESULTS_FILES: dict[str, Kind] = {
    "weekly.yml": WEEKLY_RESULTS,
    "event-days.yml": EVENT_DAY_RESULTS,
    "monthly.yml": MONTHLY_RESULTS,
    "session-fills.yml": SESSION_FILLS,
    "satisfaction.yml": SATISFACTION,
}
"""The files of a program's `results/` folder, by name: one row per kind of results. Discovery,
reading and the JSON Schemas follow this table; a new kind of results is a new row (and a
`Kind` above, and its checks)."""

KINDS: tuple[Kind, ...] = (
    SETTINGS,
    CHANNELS,
    ROLES,
    TAGGING,
    CLUSTERS,
    ICP,
    TEMPLATES,
    PERSONA,
    SNIPPETS,
    PROGRAM,
    TIMELINE,
    KPIS,
    SESSIONS,
    MESSAGE_TESTS,
    *RESULTS_FILES.values(),
)
RESULTS_KINDS = frozenset(RESULTS_FILES.values())
ORGANISATION_FILES = {kind.pattern: kind for kind in KINDS if "/" not in kind.pattern}
PROGRAM_FILES = {"program.yml": PROGRAM, "timeline.yml": TIMELINE, "kpis.yml": KPIS}


def kind_of(relative: PurePosixPath) -> Kind | None:
    """The kind of the data file at `relative` (a path inside the data directory), if any."""
    parts = relative.with_suffix(".yml").parts
    if len(parts) == 1:
        return ORGANISATION_FILES.get(parts[0])
    if len(parts) == 2 and parts[0] == "personas":
        return PERSONA
    if len(parts) == 2 and parts[0] == "messaging":
        return SNIPPETS
    if len(parts) == 3 and parts[0] == "programs":
        return PROGRAM_FILES.get(parts[2])
    if len(parts) == 4 and parts[0] == "programs" and parts[2] == "sessions":
        return SESSIONS
    if parts[0] == "programs" and parts[2:] == ("results", "message-tests.yml"):
        return MESSAGE_TESTS
    if len(parts) == 4 and parts[0] == "programs" and parts[2] == "results":
        return RESULTS_FILES.get(parts[3])
    return None


def expected_places() -> list[str]:
    """Every place a data file may live, for messages about files in the wrong place."""
    return [kind.pattern for kind in KINDS]
