"""The site map as data: every generated page, its template and context, and the navigation.

MkDocs renders the navigation into every page, so it holds a fixed set of entries: each
section's index, the primary personas and the featured program. Every other persona and
program, the per-persona messaging pages and the letters are linked from their section's
index page, and sessions and snippets are anchors on their pages. However large the playbook
grows, no page lists every other page.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playbook.dates import phase_span, standing, week_start
from playbook.health import Health
from playbook.index import Index
from playbook.models.playbook import Playbook


@dataclass(frozen=True)
class Page:
    """A generated page."""

    path: str
    """Where it lives in the site's docs, e.g. `personas/exec.md`."""
    title: str
    template: str
    context: Mapping[str, Any]
    source: Path | None = None
    """The data file people edit to change it."""
    tags: tuple[str, ...] = ()
    in_nav: bool = True
    nav_title: str | None = None
    """Its shorter title in the navigation, where the section already says the rest."""


@dataclass(frozen=True)
class Section:
    """A group of pages in the navigation."""

    title: str
    pages: list[Page] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)


def persona_path(persona: str) -> str:
    return f"personas/{persona}.md"


def programs_path() -> str:
    return "programs/index.md"


def program_path(program: str, page: str = "index") -> str:
    return f"programs/{program}/{page}.md"


def messaging_path(persona: str) -> str:
    return f"messaging/{persona}.md"


def letter_path(persona: str) -> str:
    return f"reference/letters/{persona}.md"


def site_sections(
    playbook: Playbook, index: Index, today: dt.date, report: Health
) -> list[Section]:
    """Every generated page, grouped as the navigation shows them."""
    build = _Builder(playbook, index, today)
    health_page = build.page(
        "health.md",
        "Playbook health",
        "health.md.jinja",
        health=report,
        source=playbook.data_dir / "personas",
    )
    clusters = build.page(
        "jtbd/index.md",
        "JTBD clusters",
        "clusters.md.jinja",
        source=playbook.source("clusters").path,
    )
    return [
        _personas(build),
        Section("JTBD clusters", [clusters]),
        _programs(build),
        _messaging(build),
        _reference(build),
        Section("Health", [health_page]),
    ]


@dataclass(frozen=True)
class _Builder:
    playbook: Playbook
    index: Index
    today: dt.date

    def page(
        self,
        path: str,
        title: str,
        template: str,
        *,
        source: Path | None = None,
        tags: list[str] | None = None,
        in_nav: bool = True,
        nav_title: str | None = None,
        **context: Any,
    ) -> Page:
        common = {"playbook": self.playbook, "index": self.index, "today": self.today}
        full = {**common, **context, "page_path": path, "title": title}
        return Page(path, title, template, full, source, tuple(tags or ()), in_nav, nav_title)


def _personas(build: _Builder) -> Section:
    playbook = build.playbook
    pages = [
        build.page(
            "personas/index.md",
            "Personas",
            "personas.md.jinja",
            source=playbook.data_dir / "personas",
        )
    ]
    for persona_id, persona in playbook.personas.items():
        pages.append(
            build.page(
                persona_path(persona_id),
                persona.name,
                "persona.md.jinja",
                persona=persona,
                source=playbook.source("persona", persona_id).path,
                tags=["Persona: " + persona.short_name],
                in_nav=persona.priority == "primary",
            )
        )
    return Section("Personas", pages)


def _programs(build: _Builder) -> Section:
    playbook = build.playbook
    featured = playbook.featured_program
    index = build.page(
        programs_path(), "Programs", "programs.md.jinja", source=playbook.data_dir / "programs"
    )
    programs = {pid: _program(build, pid, in_nav=pid == featured) for pid in playbook.programs}
    listed = [programs.pop(featured)] if featured in programs else []
    others = [page for section in programs.values() for page in section.pages]
    return Section("Programs", [index, *others], listed)


def _program(build: _Builder, program_id: str, *, in_nav: bool) -> Section:
    playbook = build.playbook
    program = playbook.programs[program_id]
    event = program.event
    timeline = playbook.timelines.get(program_id)
    kpis = playbook.kpis.get(program_id)
    context: dict[str, Any] = {
        "program_id": program_id,
        "program": program,
        "event": event,
        "timeline": timeline,
        "kpis": kpis,
        "standing": standing(event, timeline, build.today),
        "phase_span": lambda phase: phase_span(event, phase),
        "week_start": lambda week: week_start(event, week),
    }
    name = program.name
    pages = [
        build.page(
            program_path(program_id),
            name,
            "program.md.jinja",
            source=playbook.source("program", program_id).path,
            in_nav=in_nav,
            **context,
        ),
        build.page(
            program_path(program_id, "sessions"),
            f"{name}: sessions by persona",
            "sessions.md.jinja",
            nav_title="Sessions by persona",
            source=playbook.data_dir / "programs" / program_id / "sessions",
            tags=[f"Track: {track.name}" for track in program.tracks],
            in_nav=in_nav,
            **context,
        ),
    ]
    if timeline is not None:
        pages.append(
            build.page(
                program_path(program_id, "timeline"),
                f"{name}: timeline",
                "timeline.md.jinja",
                nav_title="Timeline",
                source=playbook.source("timeline", program_id).path,
                in_nav=in_nav,
                **context,
            )
        )
    if kpis is not None:
        pages.append(
            build.page(
                program_path(program_id, "kpis"),
                f"{name}: KPIs",
                "kpis.md.jinja",
                nav_title="KPIs",
                source=playbook.source("kpis", program_id).path,
                in_nav=in_nav,
                **context,
            )
        )
    return Section(name, pages)


def _messaging(build: _Builder) -> Section:
    playbook, index = build.playbook, build.index
    pages = [
        build.page(
            "messaging/index.md",
            "Messaging snippets",
            "messaging.md.jinja",
            source=playbook.data_dir / "messaging",
        )
    ]
    for persona_id, persona in playbook.personas.items():
        by_channel = index.snippets_by_channel(persona_id)
        if not by_channel:
            continue
        snippets = index.snippets(persona_id)
        tags = (
            ["Persona: " + persona.short_name]
            + [f"Channel: {channel.name}" for channel, _ in by_channel]
            + [f"Stage: {stage}" for stage in dict.fromkeys(s.stage for s in snippets if s.stage)]
        )
        pages.append(
            build.page(
                messaging_path(persona_id),
                f"Messaging for {persona.name}",
                "snippets.md.jinja",
                persona=persona,
                by_channel=by_channel,
                in_nav=False,
                tags=tags,
                source=playbook.source("snippet", snippets[0].id).path,
            )
        )
    return Section("Messaging", pages)


def _reference(build: _Builder) -> Section:
    playbook = build.playbook
    pages = [
        build.page("reference/index.md", "Reference", "reference.md.jinja"),
        build.page(
            "reference/raci.md",
            "Roles and RACI",
            "raci.md.jinja",
            source=playbook.source("roles").path,
        ),
        build.page(
            "reference/tagging.md",
            "Tagging schema",
            "tagging.md.jinja",
            source=playbook.source("tagging").path,
        ),
        build.page(
            "reference/offers.md",
            "Offers and incentives",
            "offers.md.jinja",
            source=playbook.data_dir / "programs",
        ),
    ]
    if playbook.icp is not None:
        pages.append(
            build.page(
                "reference/icp.md",
                "Ideal customer profile",
                "icp.md.jinja",
                source=playbook.source("icp").path,
            )
        )
    if playbook.templates is not None:
        templates_file = playbook.source("templates").path
        pages.append(
            build.page(
                "reference/templates.md", "Templates", "templates.md.jinja", source=templates_file
            )
        )
        for persona_id in playbook.templates.convince_your_manager.applies_to:
            persona = playbook.personas[persona_id]
            pages.append(
                build.page(
                    letter_path(persona_id),
                    f"Convince your manager: {persona.name}",
                    "letter.md.jinja",
                    persona=persona,
                    source=templates_file,
                    in_nav=False,
                    tags=["Persona: " + persona.short_name],
                )
            )
    return Section("Reference", pages)


def site_pages(sections: list[Section]) -> list[Page]:
    """All pages of `sections` and their subsections, in navigation order."""
    return [
        page for section in sections for page in [*section.pages, *site_pages(section.subsections)]
    ]


def navigation(sections: list[Section], before: list[Any], after: list[Any]) -> list[Any]:
    """The MkDocs `nav`: hand-written entries `before` and `after` the generated sections.

    Titles are HTML-escaped: MkDocs themes print navigation titles as they are.
    """
    return list(before) + [_nav_entry(section) for section in sections] + list(after)


def _nav_entry(section: Section) -> dict[str, Any]:
    title = html.escape(section.title, quote=False)
    listed = [page for page in section.pages if page.in_nav]
    if len(listed) == 1 and not section.subsections:
        return {title: listed[0].path}
    entries: list[Any] = []
    for page in listed:
        if page.path.endswith("index.md") and not entries:
            entries.append(page.path)  # the section's own page (navigation.indexes)
        else:
            entries.append({html.escape(page.nav_title or page.title, quote=False): page.path})
    return {title: entries + [_nav_entry(subsection) for subsection in section.subsections]}
