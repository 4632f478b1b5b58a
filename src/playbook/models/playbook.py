"""The whole playbook, as validation assembles it from the data files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from playbook.document import Document
from playbook.models.message_tests import MessageTests
from playbook.models.messaging import Snippet
from playbook.models.org import (
    Channel,
    Cluster,
    Icp,
    RaciRow,
    Role,
    Settings,
    Tagging,
    Templates,
)
from playbook.models.persona import Persona
from playbook.models.program import Kpis, Program, Session, Timeline
from playbook.models.results import SessionFill, Snapshot, Survey
from playbook.problems import FieldPath, Problem


@dataclass(frozen=True)
class Source:
    """Where something was written: its data file, and its place in that file."""

    document: Document
    field: FieldPath = ()
    """Where it starts in the document, e.g. `("sessions", 3)`."""

    @property
    def path(self) -> Path:
        """The data file."""
        return self.document.path

    @property
    def line(self) -> int:
        """The line it starts on."""
        return self.document.mark(self.field).line

    def problem(self, field: FieldPath, message: str) -> Problem:
        """A problem at `field` (relative to where this thing starts)."""
        return self.document.problem((*self.field, *field), message)


@dataclass(frozen=True)
class FormerReference:
    """A reference by a persona's former id (its `formerly:`), resolved to its id now."""

    source: Source
    """Where the former id is written."""
    old: str
    new: str


@dataclass(frozen=True)
class ProgramResults:
    """A program's results, from the files in its `results/` folder (each may be missing)."""

    weekly: tuple[Snapshot, ...] = ()
    event_days: tuple[Snapshot, ...] = ()
    monthly: tuple[Snapshot, ...] = ()
    session_fills: tuple[SessionFill, ...] = ()
    surveys: tuple[Survey, ...] = ()

    @property
    def snapshots(self) -> tuple[Snapshot, ...]:
        """Every snapshot, weekly, daily and monthly, oldest first."""
        return tuple(sorted((*self.weekly, *self.event_days, *self.monthly), key=_date_of))

    @property
    def empty(self) -> bool:
        """Whether there is nothing to show yet."""
        return not (self.snapshots or self.session_fills or self.surveys)


def _date_of(snapshot: Snapshot) -> dt.date:
    return snapshot.date


@dataclass(frozen=True)
class Playbook:
    """A valid playbook. Every reference in it resolves; every id is unique."""

    data_dir: Path
    settings: Settings
    personas: dict[str, Persona]
    """By id, primary personas first, then by rank and name."""
    programs: dict[str, Program]
    timelines: dict[str, Timeline]
    """By program id; a program may have none."""
    kpis: dict[str, Kpis]
    """By program id; a program may have none."""
    sessions: dict[str, tuple[Session, ...]]
    """By program id, in file order."""
    snippets: tuple[Snippet, ...]
    channels: dict[str, Channel]
    roles: dict[str, Role]
    raci: tuple[RaciRow, ...]
    tagging: Tagging
    clusters: dict[str, Cluster]
    icp: Icp | None
    templates: Templates | None
    sources: dict[tuple[str, ...], Source]
    """Where things were written, e.g. `("persona", "exec")` or `("session", "keynote")`."""
    former_references: tuple[FormerReference, ...] = ()
    """References by a persona's former id, resolved: each is a place to update."""
    message_tests: dict[str, MessageTests] = field(default_factory=dict)
    """By program id: the results of its A/B message tests, where it has them."""
    results: dict[str, ProgramResults] = field(default_factory=dict)
    """By program id, for the programs with a `results/` folder."""

    def source(self, *key: str) -> Source:
        """Where the thing named by `key` was written."""
        return self.sources[key]

    @property
    def featured_program(self) -> str | None:
        """The program the home page and the navigation show: the setting, else the first."""
        return self.settings.featured_program or next(iter(self.programs), None)
