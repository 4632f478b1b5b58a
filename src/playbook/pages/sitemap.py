"""The site map as data: which pages the playbook makes, each with its template and context.

Each page's path comes from `playbook.pages.urls`; the navigation (`playbook.pages.nav`) lists a
fixed set of them, and long lists come in parts (`playbook.pages.parts`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playbook.dates import phase_span, standing, week_start
from playbook.health import Health
from playbook.index import Index
from playbook.iteration import PersonaChanges, persona_changes
from playbook.models.playbook import Playbook
from playbook.pages import urls
from playbook.pages.downloads import Downloads, downloads
from playbook.pages.parts import Places, locate
from playbook.pages.schedule import persona_agenda, program_agenda

NAV_PERSONAS = 8
"""How many personas the navigation lists (primary ones first); the personas page lists all."""
UNTAGGED = ("tags",)
"""Pages whose tag chips would only repeat their headings and badges (the tags page lists them)."""
WIDE = ("toc",)
"""Pages whose tables need the width: no table of contents on the right."""
WIDE_UNTAGGED = ("toc", "tags")
"""Wide pages whose tag chips would only repeat their headings (the tags page still lists them)."""


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
    hide: tuple[str, ...] = ()
    """What of Material's page furniture it leaves out: `toc` where its tables need the width,
    `tags` where the tag chips would only repeat its headings."""
    search_boost: float | None = None
    """How much search weighs the page against others (none: 1); see `SearchBoost`."""


class SearchBoost:
    """What search weighs a kind of page by, against 1 for any other page.

    The pages about one persona all carry its name in their titles, so a search for the name
    ranked them by how often the rest of the page repeats it: its agenda, messaging and letter
    pages came before its one-pager. The one-pager, and a program's overview, are where a name
    should lead; the pages that repeat what other pages say (a persona's agenda and letter, the
    health report) give way. A persona's messaging page keeps the common weight: it is where a
    search for a snippet's words must lead.
    """

    DESTINATION = 2.0
    """A persona's one-pager, a program's overview."""
    SUPPORTING = 0.5
    """A persona's agenda and letter pages, the health report."""


@dataclass(frozen=True)
class Section:
    """A group of pages in the navigation."""

    title: str
    pages: list[Page] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)


def site_sections(
    playbook: Playbook,
    index: Index,
    today: dt.date,
    report: Health,
    places: Places | None = None,
    files: Downloads | None = None,
    changes: Mapping[str, PersonaChanges] | None = None,
) -> list[Section]:
    """Every generated page, grouped as the navigation shows them; `files` are the downloads
    the pages link to (made from the playbook if not given); `changes`, what changed in each
    persona since its last program ended (worked out without git history if not given)."""
    files = files or downloads(playbook, index, today)
    places = places or locate(playbook, index)
    if changes is None:
        changes = persona_changes(playbook, index, today, history=False)
    build = _Builder(playbook, index, today, places, files, changes)
    health_page = build.page(
        urls.health(),
        "Playbook health",
        "health.md.jinja",
        health=report,
        source=playbook.data_dir / "personas",
        search_boost=SearchBoost.SUPPORTING,
    )
    clusters = build.page(
        urls.clusters(),
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
    """Makes pages that share the playbook, its index, the build date and the places of parts."""

    playbook: Playbook
    index: Index
    today: dt.date
    places: Places
    downloads: Downloads
    changes: Mapping[str, PersonaChanges]

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
        hide: tuple[str, ...] = (),
        search_boost: float | None = None,
        **context: Any,
    ) -> Page:
        common = {
            "playbook": self.playbook,
            "index": self.index,
            "today": self.today,
            "places": self.places,
            "downloads": self.downloads,
        }
        full = {**common, **context, "page_path": path, "title": title}
        return Page(
            path,
            title,
            template,
            full,
            source,
            tuple(tags or ()),
            in_nav,
            nav_title,
            hide,
            search_boost,
        )


def _personas(build: _Builder) -> Section:
    playbook = build.playbook
    by_priority = sorted(
        playbook.personas, key=lambda pid: playbook.personas[pid].priority != "primary"
    )
    listed = set(by_priority[:NAV_PERSONAS])
    pages = [
        build.page(
            urls.personas(),
            "Personas",
            "personas.md.jinja",
            source=playbook.data_dir / "personas",
            hide=WIDE,
        )
    ]
    for persona_id, persona in playbook.personas.items():
        pages.append(
            build.page(
                urls.persona(persona_id),
                persona.name,
                "persona.md.jinja",
                persona=persona,
                since_last_event=build.changes[persona_id],
                source=playbook.source("persona", persona_id).path,
                tags=["Persona: " + persona.short_name],
                in_nav=persona_id in listed,
                search_boost=SearchBoost.DESTINATION,
            )
        )
        pages.append(
            build.page(
                urls.persona_agenda(persona_id),
                f"{persona.name}: my agenda",
                "persona_agenda.md.jinja",
                persona=persona,
                agendas=persona_agenda(playbook, build.index, persona_id, build.today),
                source=playbook.data_dir / "programs",
                in_nav=False,
                search_boost=SearchBoost.SUPPORTING,
            )
        )
        if build.index.results.persona(persona_id):
            pages.append(
                build.page(
                    urls.persona_results(persona_id),
                    f"{persona.name}: results, cycle after cycle",
                    "persona_results.md.jinja",
                    persona=persona,
                    history=build.index.results.persona(persona_id),
                    source=playbook.data_dir / "programs",
                    tags=["Persona: " + persona.short_name],
                    in_nav=False,
                    hide=WIDE,
                )
            )
        for old in persona.formerly:  # its page before the rename leads here
            pages.append(
                build.page(
                    urls.persona(old),
                    persona.name,
                    "moved.md.jinja",
                    persona=persona,
                    target=urls.persona(persona_id),
                    source=playbook.source("persona", persona_id).path,
                    in_nav=False,
                )
            )
    return Section("Personas", pages)


def _programs(build: _Builder) -> Section:
    playbook = build.playbook
    featured = playbook.featured_program
    index = build.page(
        urls.programs(), "Programs", "programs.md.jinja", source=playbook.data_dir / "programs"
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
    parts = build.places.agendas[program_id]
    sessions_source = playbook.data_dir / "programs" / program_id / "sessions"
    pages = [
        build.page(
            urls.program(program_id),
            name,
            "program.md.jinja",
            source=playbook.source("program", program_id).path,
            in_nav=in_nav,
            search_boost=SearchBoost.DESTINATION,
            **context,
        ),
        build.page(
            urls.sessions(program_id),
            f"{name}: sessions by persona",
            "sessions.md.jinja",
            nav_title="Sessions by persona",
            source=sessions_source,
            tags=[f"Track: {track.name}" for track in program.tracks],
            in_nav=in_nav,
            hide=WIDE_UNTAGGED,
            parts=parts,
            **context,
        ),
    ]
    pages.append(
        build.page(
            urls.agenda(program_id),
            f"{name}: agenda",
            "agenda.md.jinja",
            nav_title="Agenda",
            source=sessions_source,
            in_nav=in_nav,
            hide=WIDE,
            agenda=program_agenda(playbook, build.index, program_id),
            **context,
        )
    )
    figures = build.index.results.program(program_id)
    if figures is not None:
        pages.append(
            build.page(
                urls.results(program_id),
                f"{name}: results",
                "results.md.jinja",
                nav_title="Results",
                source=playbook.data_dir / "programs" / program_id / "results",
                in_nav=in_nav,
                hide=WIDE,
                figures=figures,
                **context,
            )
        )
    if len(parts) > 1:
        pages += [
            build.page(
                part.path,
                f"{name}: sessions {part.first} to {part.last} of {parts[-1].last}",
                "session_part.md.jinja",
                source=sessions_source,
                tags=[f"Track: {track.name}" for track, _ in part.groups],
                in_nav=False,
                hide=WIDE_UNTAGGED,
                parts=parts,
                part=part,
                **context,
            )
            for part in parts
        ]
    if timeline is not None:
        pages.append(
            build.page(
                urls.timeline(program_id),
                f"{name}: timeline",
                "timeline.md.jinja",
                nav_title="Timeline",
                source=playbook.source("timeline", program_id).path,
                in_nav=in_nav,
                hide=WIDE,  # the chart needs the width: T-12 to T+4 at 1366 px
                **context,
            )
        )
    if kpis is not None:
        pages.append(
            build.page(
                urls.kpis(program_id),
                f"{name}: KPIs",
                "kpis.md.jinja",
                nav_title="KPIs",
                source=playbook.source("kpis", program_id).path,
                in_nav=in_nav,
                hide=WIDE,
                **context,
            )
        )
    return Section(name, pages)


def _messaging(build: _Builder) -> Section:
    playbook = build.playbook
    pages = [
        build.page(
            urls.messaging_index(),
            "Messaging snippets",
            "messaging.md.jinja",
            source=playbook.data_dir / "messaging",
            hide=WIDE,
        )
    ]
    for persona_id, persona in playbook.personas.items():
        parts = build.places.libraries[persona_id]
        for part in parts:
            title = f"Messaging for {persona.name}"
            if len(parts) > 1:
                title += f", snippets {part.first} to {part.last} of {parts[-1].last}"
            snippets = [snippet for _, items in part.groups for snippet in items]
            tags = (
                ["Persona: " + persona.short_name]
                + [f"Channel: {channel.name}" for channel, _ in part.groups]
                + [
                    f"Buying stage: {stage}"
                    for stage in dict.fromkeys(s.stage for s in snippets if s.stage)
                ]
            )
            pages.append(
                build.page(
                    part.path,
                    title,
                    "snippets.md.jinja",
                    persona=persona,
                    parts=parts,
                    part=part,
                    in_nav=False,
                    tags=tags,
                    hide=UNTAGGED,
                    source=playbook.source("snippet", snippets[0].id).path,
                )
            )
    return Section("Messaging", pages)


def _reference(build: _Builder) -> Section:
    playbook = build.playbook
    source = playbook.source
    pages = [
        build.page(urls.reference(), "Reference", "reference.md.jinja"),
        build.page(
            urls.raci(), "Roles and RACI", "raci.md.jinja", source=source("roles").path, hide=WIDE
        ),
        build.page(
            urls.tagging(), "Tagging schema", "tagging.md.jinja", source=source("tagging").path
        ),
        build.page(
            urls.offers(),
            "Offers and incentives",
            "offers.md.jinja",
            source=playbook.data_dir / "programs",
        ),
        build.page(urls.downloads(), "Downloads", "downloads.md.jinja", source=playbook.data_dir),
    ]
    if playbook.icp is not None:
        pages.append(
            build.page(
                urls.icp(), "Ideal customer profile", "icp.md.jinja", source=source("icp").path
            )
        )
    if playbook.templates is not None:
        templates_file = source("templates").path
        pages.append(
            build.page(urls.templates(), "Templates", "templates.md.jinja", source=templates_file)
        )
        for persona_id in playbook.templates.convince_your_manager.applies_to:
            persona = playbook.personas[persona_id]
            pages.append(
                build.page(
                    urls.letter(persona_id),
                    f"Convince your manager: {persona.name}",
                    "letter.md.jinja",
                    persona=persona,
                    source=templates_file,
                    in_nav=False,
                    tags=["Persona: " + persona.short_name],
                    search_boost=SearchBoost.SUPPORTING,
                )
            )
    return Section("Reference", pages)


def site_pages(sections: list[Section]) -> list[Page]:
    """All pages of `sections` and their subsections, in navigation order."""
    return [
        page for section in sections for page in [*section.pages, *site_pages(section.subsections)]
    ]
