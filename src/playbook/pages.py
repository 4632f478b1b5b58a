"""The site map as data: every generated page, its template and context, and the navigation.

MkDocs renders the navigation into every page, so it holds a fixed set of entries: each
section's index, the primary personas and the featured program. Every other persona and
program, the per-persona messaging pages and the letters are linked from their section's
index page, and sessions and snippets are anchors on their pages. However large the playbook
grows, no page lists every other page.

Long lists come in parts: a program's session details and a persona's snippets are split into
pages of at most `PART_SIZE`, so a page weighs the same however much a program or a persona
holds. `Places` says which page shows each session and snippet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from playbook.dates import phase_span, standing, week_start
from playbook.health import Health
from playbook.index import Index
from playbook.models.messaging import Snippet
from playbook.models.org import Channel
from playbook.models.playbook import Playbook
from playbook.models.program import Session, Track
from playbook.render import theme_text

PART_SIZE = 50
"""The most sessions or snippets one page shows; longer lists are split into parts."""

Group = TypeVar("Group")
Item = TypeVar("Item")


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


@dataclass(frozen=True)
class Part(Generic[Group, Item]):
    """One page's share of a long list: consecutive items, still grouped as in the list."""

    number: int
    """1 for the first part."""
    path: str
    groups: list[tuple[Group, list[Item]]]
    first: int
    """The list position of its first item, counting from 1."""
    last: int
    continued: bool
    """Whether its first group began in the part before."""


def split(
    groups: list[tuple[Group, list[Item]]], size: int = PART_SIZE
) -> list[list[tuple[Group, list[Item]]]]:
    """`groups` of items cut into parts of at most `size` items; a group may straddle two."""
    parts: list[list[tuple[Group, list[Item]]]] = [[]]
    room = size
    for group, items in groups:
        start = 0
        while start < len(items):
            if room == 0:
                parts.append([])
                room = size
            taken = items[start : start + room]
            parts[-1].append((group, taken))
            start += len(taken)
            room -= len(taken)
    return parts if parts[0] else []


def _parts(
    groups: list[tuple[Group, list[Item]]], path_of: Callable[[int], str]
) -> list[Part[Group, Item]]:
    parts: list[Part[Group, Item]] = []
    first = 1
    for number, part in enumerate(split(groups), start=1):
        count = sum(len(items) for _, items in part)
        continued = bool(parts) and parts[-1].groups[-1][0] is part[0][0]
        parts.append(Part(number, path_of(number), part, first, first + count - 1, continued))
        first += count
    return parts


def _session_parts(index: Index, program: str) -> list[Part[Track, Session]]:
    groups = [(group.track, list(group.sessions)) for group in index.tracks(program)]
    whole = sum(len(sessions) for _, sessions in groups) <= PART_SIZE
    return _parts(
        groups,
        lambda n: (
            program_path(program, "sessions") if whole else f"programs/{program}/sessions/{n}.md"
        ),
    )


def _snippet_parts(index: Index, persona: str) -> list[Part[Channel, Snippet]]:
    return _parts(
        index.snippets_by_channel(persona),
        lambda n: messaging_path(persona) if n == 1 else f"messaging/{persona}/{n}.md",
    )


@dataclass(frozen=True)
class Places:
    """The parts of each long list, which page shows each session and snippet, and where a
    track or a channel starts."""

    agendas: dict[str, list[Part[Track, Session]]]
    """Each program's sessions, track by track, in parts; one part shows on the map itself."""
    libraries: dict[str, list[Part[Channel, Snippet]]]
    """Each persona's snippets, channel by channel, in parts; the first is its messaging page."""
    sessions: dict[tuple[str, str], str]
    tracks: dict[tuple[str, str], str]
    snippets: dict[str, str]
    channels: dict[tuple[str, str], str]

    def session(self, program: str, session: str) -> str:
        """The page showing `session` of `program`."""
        return self.sessions[program, session]

    def track(self, program: str, track: str) -> str:
        """The page where the matrix of the program's `track` starts."""
        return self.tracks[program, track]

    def snippet(self, snippet: str) -> str:
        """The page showing `snippet`."""
        return self.snippets[snippet]

    def channel(self, persona: str, channel: str) -> str:
        """The page where the persona's snippets on `channel` start."""
        return self.channels[persona, channel]


def locate(playbook: Playbook, index: Index) -> Places:
    """Each long list cut into parts, and where each session and snippet shows."""
    agendas = {program: _session_parts(index, program) for program in playbook.programs}
    libraries = {persona: _snippet_parts(index, persona) for persona in playbook.personas}
    sessions: dict[tuple[str, str], str] = {}
    tracks: dict[tuple[str, str], str] = {}
    snippets: dict[str, str] = {}
    channels: dict[tuple[str, str], str] = {}
    for program, agenda in agendas.items():
        for part in agenda:
            for track, items in part.groups:
                tracks.setdefault((program, track.id), part.path)
                sessions.update(((program, session.id), part.path) for session in items)
    for persona, library in libraries.items():
        for shelf in library:
            for channel, snippets_here in shelf.groups:
                channels.setdefault((persona, channel.id), shelf.path)
                snippets.update((snippet.id, shelf.path) for snippet in snippets_here)
    return Places(agendas, libraries, sessions, tracks, snippets, channels)


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
    playbook: Playbook, index: Index, today: dt.date, report: Health, places: Places | None = None
) -> list[Section]:
    """Every generated page, grouped as the navigation shows them."""
    build = _Builder(playbook, index, today, places or locate(playbook, index))
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
    places: Places

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
        common = {
            "playbook": self.playbook,
            "index": self.index,
            "today": self.today,
            "places": self.places,
        }
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
    parts = build.places.agendas[program_id]
    sessions_source = playbook.data_dir / "programs" / program_id / "sessions"
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
            source=sessions_source,
            tags=[f"Track: {track.name}" for track in program.tracks],
            in_nav=in_nav,
            parts=parts,
            **context,
        ),
    ]
    if len(parts) > 1:
        pages += [
            build.page(
                part.path,
                f"{name}: sessions {part.first} to {part.last} of {parts[-1].last}",
                "session_part.md.jinja",
                source=sessions_source,
                tags=[f"Track: {track.name}" for track, _ in part.groups],
                in_nav=False,
                parts=parts,
                part=part,
                **context,
            )
            for part in parts
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
    playbook = build.playbook
    pages = [
        build.page(
            "messaging/index.md",
            "Messaging snippets",
            "messaging.md.jinja",
            source=playbook.data_dir / "messaging",
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
                    f"Stage: {stage}"
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
    title = theme_text(section.title)
    listed = [page for page in section.pages if page.in_nav]
    if len(listed) == 1 and not section.subsections:
        return {title: listed[0].path}
    entries: list[Any] = []
    for page in listed:
        if page.path.endswith("index.md") and not entries:
            entries.append(page.path)  # the section's own page (navigation.indexes)
        else:
            entries.append({theme_text(page.nav_title or page.title): page.path})
    return {title: entries + [_nav_entry(subsection) for subsection in section.subsections]}
