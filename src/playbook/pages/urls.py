"""Where every page of the site lives, and the anchors links point at: the one place to change.

Paths are relative to the docs folder, with the `.md` of the page's source (the site engine
turns them into its own URLs); templates link to them with `link_to(url.persona(pid))`, the
site map places its pages at them. Ids are validated before they get here, so a path or an
anchor made from one needs no escaping.

Anchors are the ids of headings (and a few rows) that links from other pages point at; a
template gives the heading the same id it links to, from the same function.
"""

from __future__ import annotations

# Hand-written pages (docs/).


def home() -> str:
    """The home page."""
    return "index.md"


def guide(name: str) -> str:
    """A guide, e.g. `guide("writing-jtbd")`."""
    return f"guides/{name}.md"


# Generated pages, section by section.


def personas() -> str:
    """The personas side by side."""
    return "personas/index.md"


def persona(persona_id: str) -> str:
    """A persona's one-pager."""
    return f"personas/{persona_id}.md"


def persona_agenda(persona_id: str) -> str:
    """A persona's own agenda: its sessions day by day with their calls to action, to print."""
    return f"personas/{persona_id}/agenda.md"


def clusters() -> str:
    """The JTBD clusters."""
    return "jtbd/index.md"


def programs() -> str:
    """Every program."""
    return "programs/index.md"


def program(program_id: str) -> str:
    """A program's overview."""
    return f"programs/{program_id}/index.md"


def sessions(program_id: str, part: int | None = None) -> str:
    """A program's session map; with `part`, the n-th part of its sessions (counting from 1),
    for a program with more sessions than one page shows."""
    if part is None:
        return f"programs/{program_id}/sessions.md"
    return f"programs/{program_id}/sessions/{part}.md"


def agenda(program_id: str) -> str:
    """A program's agenda by day and time, with its filters."""
    return f"programs/{program_id}/agenda.md"


def timeline(program_id: str) -> str:
    """A program's timeline."""
    return f"programs/{program_id}/timeline.md"


def kpis(program_id: str) -> str:
    """A program's KPI targets."""
    return f"programs/{program_id}/kpis.md"


def results(program_id: str) -> str:
    """A program's results against its targets, persona by persona."""
    return f"programs/{program_id}/results.md"


def persona_results(persona_id: str) -> str:
    """A persona's results at every program, cycle after cycle."""
    return f"personas/{persona_id}/results.md"


def messaging_index() -> str:
    """The messaging section's front page: snippets by persona and channel."""
    return "messaging/index.md"


def messaging(persona_id: str, part: int = 1) -> str:
    """A persona's snippets; the first part of a long library is the persona's messaging page."""
    if part == 1:
        return f"messaging/{persona_id}.md"
    return f"messaging/{persona_id}/{part}.md"


def reference() -> str:
    """The reference section's front page."""
    return "reference/index.md"


def raci() -> str:
    """Roles and the RACI matrix."""
    return "reference/raci.md"


def tagging() -> str:
    """The tagging schema."""
    return "reference/tagging.md"


def offers() -> str:
    """Every program's offers and incentives."""
    return "reference/offers.md"


def icp() -> str:
    """The ideal customer profile."""
    return "reference/icp.md"


def templates() -> str:
    """The templates."""
    return "reference/templates.md"


def letter(persona_id: str) -> str:
    """A persona's "convince your manager" letter."""
    return f"reference/letters/{persona_id}.md"


def health() -> str:
    """The playbook's health."""
    return "health.md"


# Downloads: files generated beside the pages (playbook.exports), linked like pages.


def downloads() -> str:
    """The page listing every download."""
    return "downloads/index.md"


def playbook_json() -> str:
    """The whole playbook as JSON."""
    return "downloads/playbook.json"


def playbook_schema() -> str:
    """The JSON Schema of `playbook_json()`."""
    return "downloads/playbook.schema.json"


def sessions_csv() -> str:
    """Every program's sessions, one row per session and persona."""
    return "downloads/sessions.csv"


def tagging_csv() -> str:
    """The tagging schema as CRM picklists."""
    return "downloads/tagging.csv"


def kpis_csv() -> str:
    """KPI targets per program, persona and stage."""
    return "downloads/kpis.csv"


def snippets_csv() -> str:
    """The messaging snippets, for marketing-automation import."""
    return "downloads/snippets.csv"


def results_csv() -> str:
    """Every program's results against their targets, per persona and measure."""
    return "downloads/results.csv"


def milestones_ics(program_id: str) -> str:
    """A program's phases and milestones as a calendar."""
    return f"programs/{program_id}/milestones.ics"


def agenda_ics(persona_id: str) -> str:
    """A persona's sessions, in every program, as a calendar."""
    return f"personas/{persona_id}/agenda.ics"


# Anchors.


def cluster_anchor(cluster_id: str) -> str:
    """A cluster on the clusters page."""
    return f"cluster-{cluster_id}"


def session_anchor(session_id: str) -> str:
    """A session's details, on the session map or the part that shows it."""
    return f"session-{session_id}"


def track_anchor(track_id: str) -> str:
    """Where a track's matrix starts, on the session map or a part."""
    return f"track-{track_id}"


def persona_anchor(persona_id: str) -> str:
    """A persona's sessions and calls to action on a program's session map."""
    return f"persona-{persona_id}"


def sessions_anchor(program_id: str) -> str:
    """A program's sessions for the persona, on a one-pager and on the persona's agenda."""
    return f"sessions-{program_id}"


def channel_anchor(channel_id: str) -> str:
    """Where a persona's snippets on a channel start."""
    return f"channel-{channel_id}"


def snippet_anchor(snippet_id: str) -> str:
    """A snippet, on the part of its persona's library that shows it."""
    return f"snippet-{snippet_id}"


def kpi_anchor(stage_id: str, number: int) -> str:
    """The `number`th KPI (from 1) of a funnel stage, on a program's KPI page."""
    return f"kpi-{stage_id}-{number}"


def day_anchor(day: int | None) -> str:
    """A day of a program's agenda; `None` for its unscheduled sessions."""
    return "unscheduled" if day is None else f"day-{day}"


def results_anchor(persona_id: str) -> str:
    """A persona's results on a program's results page."""
    return f"results-{persona_id}"


def measure_anchor(measure_id: str) -> str:
    """A measure's table on a persona's results page."""
    return f"measure-{measure_id}"


def phase_anchor(phase_id: str) -> str:
    """A phase on a program's timeline."""
    return f"phase-{phase_id}"
