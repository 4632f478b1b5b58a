"""The site's downloads as data: which files the playbook makes beside its pages, where (from
`playbook.pages.urls`), what each is for, and how to make it (`playbook.exports`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

from playbook.exports import csv_files, ics, json_file
from playbook.index import Index
from playbook.models.playbook import Playbook
from playbook.pages import urls


def tool_version() -> str:
    """This tool's release, as installed."""
    try:
        return package_version("persona-playbook")
    except PackageNotFoundError:  # run from a source tree without installing
        return "0+unknown"


@dataclass(frozen=True)
class Download:
    """A file of the site that is not a page."""

    path: str
    """Where it lives beside the pages, from `playbook.pages.urls`."""
    title: str
    what: str
    """What it holds and whom it is for, in a sentence."""
    make: Callable[[], bytes] = field(repr=False, compare=False)
    """Its content, made when asked for."""

    @property
    def content(self) -> bytes:
        return self.make()


@dataclass(frozen=True)
class Downloads:
    """Every download of a playbook, in the order the Downloads page lists them."""

    files: tuple[Download, ...]
    paths: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "paths", frozenset(item.path for item in self.files))

    def has(self, path: str) -> bool:
        """Whether the site carries a download at `path` (templates link only to those)."""
        return path in self.paths


def downloads(playbook: Playbook, index: Index, today: dt.date) -> Downloads:
    """The playbook's downloads. A calendar with no event (a persona no timed session serves, a
    program without a timeline) is left out: RFC 5545 wants at least one."""
    version = tool_version()
    files = [
        Download(
            urls.playbook_json(),
            "The whole playbook (JSON)",
            "Every persona, program, session, snippet, KPI and the tagging schema in one file, "
            "for analytics and engineering (format version 1).",
            functools.partial(json_file.playbook_json, playbook, version),
        ),
        Download(
            urls.playbook_schema(),
            "Its JSON Schema",
            "What each field of the JSON file holds, to validate it or generate code from it.",
            functools.partial(json_file.playbook_schema),
        ),
        Download(
            urls.sessions_csv(),
            "Sessions by persona (CSV)",
            "Every session with each persona it serves and that persona's call to action, one "
            "row per session and persona: for event teams and sales.",
            functools.partial(csv_files.sessions_csv, playbook),
        ),
        Download(
            urls.tagging_csv(),
            "Tagging schema as CRM picklists (CSV)",
            "Each field's API name, whether it is required and its allowed values, one row per "
            "value: for marketing operations setting up the CRM.",
            functools.partial(csv_files.tagging_csv, playbook),
        ),
        Download(
            urls.kpis_csv(),
            "KPI targets (CSV)",
            "Each KPI's target per program, funnel stage and persona: for analytics dashboards.",
            functools.partial(csv_files.kpis_csv, playbook, index),
        ),
        Download(
            urls.snippets_csv(),
            "Messaging snippets (CSV)",
            "Each snippet's persona, channel, subject, body, call to action and status: for "
            "import into marketing automation.",
            functools.partial(csv_files.snippets_csv, playbook),
        ),
    ]
    if index.results.programs:
        files.append(
            Download(
                urls.results_csv(),
                "Results against targets (CSV)",
                "Each program's latest results per persona and measure, with the target, the "
                "variance and the mark: for analytics dashboards and the post-event review.",
                functools.partial(csv_files.results_csv, playbook, index),
            )
        )
    for program_id, program in playbook.programs.items():
        if not ics.has_milestones(playbook, program_id):
            continue
        files.append(
            Download(
                urls.milestones_ics(program_id),
                f"{program.name}: phases and milestones (iCalendar)",
                "All-day events to subscribe to in a calendar app: for the event team and "
                "everyone with a deliverable.",
                functools.partial(ics.milestones_ics, playbook, program_id, today, version),
            )
        )
    timed = ics.timed_personas(playbook)
    for persona_id, persona in playbook.personas.items():
        if persona_id not in timed:
            continue
        files.append(
            Download(
                urls.agenda_ics(persona_id),
                f"{persona.name}: sessions (iCalendar)",
                "The sessions that serve this persona, in the event's time zone, with the call "
                "to action: for the account teams inviting them.",
                functools.partial(ics.agenda_ics, playbook, persona_id, today, version),
            )
        )
    return Downloads(tuple(files))
