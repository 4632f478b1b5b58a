"""The whole playbook, as validation assembles it from the data files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class Source:
    """Where something was written: its data file and line."""

    path: Path
    line: int


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

    def source(self, *key: str) -> Source:
        """Where the thing named by `key` was written."""
        return self.sources[key]
