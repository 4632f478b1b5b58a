"""The agenda pages: a program's sessions by day and time slot, with filters, and each persona's
"my agenda" (`playbook.pages.schedule`, agenda.md.jinja, persona_agenda.md.jinja)."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from playbook.index import Index
from playbook.models.playbook import Playbook
from playbook.models.program import Event, Session, Track
from playbook.pages import urls
from playbook.pages.schedule import by_day, persona_agenda, program_agenda
from playbook.site import generate
from tests.conftest import ROOT, TODAY, Edit, valid_playbook
from tests.test_links import broken_links, internal_targets
from tests.test_results_pages import with_results

EVENT = Event(
    name="Event",
    start_date=dt.date(2027, 2, 9),
    end_date=dt.date(2027, 2, 10),
    time_zone="Europe/Berlin",
    format="in-person",
)
TRACKS = [Track(id="main", name="Main"), Track(id="labs", name="Labs")]


def _session(sid: str, day: int | None, start: str | None, track: str = "main") -> Session:
    return Session(id=sid, title=sid.title(), track=track, format="session", day=day, start=start)


def test_sessions_are_grouped_by_day_then_slot_with_parallel_sessions_together() -> None:
    sessions = [
        _session("late", 2, "14:00"),
        _session("unplanned", None, None),
        _session("b-lab", 1, "10:00", "labs"),
        _session("no-time", 1, None),
        _session("a-talk", 1, "10:00", "labs"),
        _session("main-talk", 1, "10:00"),
        _session("opening", 1, "09:00"),
    ]
    days = by_day(sessions, lambda s: s, EVENT, TRACKS)
    assert [(day.number, day.date) for day in days] == [
        (1, dt.date(2027, 2, 9)),
        (2, dt.date(2027, 2, 10)),
        (None, None),
    ]
    shape = [[(slot.start, [s.id for s in slot.items]) for slot in day.slots] for day in days]
    assert shape == [
        [
            ("09:00", ["opening"]),
            # parallel: in the program's track order, then by title
            ("10:00", ["main-talk", "a-talk", "b-lab"]),
            (None, ["no-time"]),
        ],
        [("14:00", ["late"])],
        [(None, ["unplanned"])],
    ]
    assert [day.count for day in days] == [5, 1, 1]


def test_the_program_agenda_holds_every_session_once_days_in_order(example: Playbook) -> None:
    index = Index(example)
    for program_id, sessions in example.sessions.items():
        agenda = program_agenda(example, index, program_id)
        shown = [s.id for day in agenda.days for slot in day.slots for s in slot.items]
        assert sorted(shown) == sorted(s.id for s in sessions)
        assert agenda.count == len(sessions)
        numbers = [day.number for day in agenda.days]
        assert numbers == sorted(numbers) == [1, 2]
        for day in agenda.days:
            starts = [slot.start for slot in day.slots]
            assert starts == sorted(starts)
            for slot in day.slots:
                assert {(s.day, s.start) for s in slot.items} == {(day.number, slot.start)}
        assert agenda.formats == sorted({s.format for s in sessions})
        assert agenda.personas == index.program_personas(program_id)
    # the example's busiest slot: eight sessions in parallel at Day 2 10:00
    day_2 = program_agenda(example, index, "connect-2027").days[1]
    assert [len(s.items) for s in day_2.slots if s.start == "10:00"] == [8]


TODAY_DATE = dt.date.fromisoformat(TODAY)


def test_a_one_pager_and_a_personas_agenda_are_about_the_programs_still_to_come(
    tmp_path: Path,
) -> None:
    playbook = valid_playbook(with_results(tmp_path / "data"))  # with last year's program
    index = Index(playbook)
    featured = playbook.featured_program
    past = next(pid for pid in playbook.programs if pid != featured)
    persona_id = next(p for p in playbook.personas if past in index.programs_for(p))
    assert index.programs_for(persona_id) == [featured, past]  # the featured one first
    ended = playbook.programs[past].event.end_date
    assert index.current_programs_for(persona_id, ended + dt.timedelta(days=1)) == [featured]
    assert index.current_programs_for(persona_id, ended) == [featured, past]
    later = ended + dt.timedelta(days=1)
    assert [pid for pid, _ in persona_agenda(playbook, index, persona_id, later)] == [featured]


def test_a_personas_agenda_holds_exactly_the_sessions_that_serve_it(example: Playbook) -> None:
    index = Index(example)
    for persona_id in example.personas:
        for program_id, days in persona_agenda(example, index, persona_id, TODAY_DATE):
            services = [s for day in days for slot in day.slots for s in slot.items]
            assert sorted(s.session.id for s in services) == sorted(
                s.session.id for s in index.services(persona_id, program_id)
            )
            assert all(s.persona == persona_id for s in services)


class _Sessions(HTMLParser):
    """Each agenda session's data attributes, and its title link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sessions: list[dict[str, str]] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "article" and "pb-agenda-session" in found.get("class", ""):
            self.sessions.append(found)
        elif tag == "h4" and self.sessions:
            self._in_title = True
        elif tag == "a" and self._in_title:
            self.sessions[-1]["href"] = found.get("href", "")
            self._in_title = False


@pytest.mark.build
def test_the_built_site_has_an_agenda_for_every_program_and_persona(
    site: Path, example: Playbook
) -> None:
    for program_id, sessions in example.sessions.items():
        page = site / urls.agenda(program_id).replace(".md", ".html")
        parser = _Sessions()
        parser.feed(page.read_text(encoding="utf-8"))
        by_href = {s["href"].rpartition("#session-")[2]: s for s in parser.sessions}
        assert sorted(by_href) == sorted(s.id for s in sessions)
        for session in sessions:
            attributes = by_href[session.id]
            assert attributes["data-track"] == session.track
            assert attributes["data-format"] == session.format
            assert attributes["data-day"] == str(session.day)
            assert attributes["data-primary"].split() == session.personas.primary
            assert attributes["data-secondary"].split() == session.personas.secondary
        # linked from the program's overview and its sessions page, not in the navigation
        for linking in (urls.program(program_id), urls.sessions(program_id)):
            hrefs = [href for _, _, href in internal_targets(site)[site / _html(linking)]]
            assert "agenda.html" in hrefs, linking
        assert "agenda.html" not in _nav(site / "index.html")
    for persona_id, persona in example.personas.items():
        page = site / _html(urls.persona_agenda(persona_id))
        text = page.read_text(encoding="utf-8")
        for service in Index(example).services(persona_id):
            assert f"#session-{service.session.id}" in text
        one_pager = internal_targets(site)[site / _html(urls.persona(persona_id))]
        assert f"{persona_id}/agenda.html" in [href for _, _, href in one_pager]
        assert persona.name in text
    assert broken_links(site) == []


def _html(path: str) -> str:
    return path.removesuffix(".md") + ".html"


def _nav(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return "".join(re.findall(r'<nav class="md-nav md-nav--primary".*?</nav>', text, re.S))


def test_cancelled_and_unscheduled_sessions_are_marked(
    data_copy: Path, edit: Edit, tmp_path: Path
) -> None:
    sessions = "programs/connect-2027/sessions/main-stage.yml"
    edit(sessions, 'title: "Opening Keynote', 'cancelled: true\n    title: "Opening Keynote')
    edit(sessions, '    day: 1\n    start: "09:00"\n', "")
    out = tmp_path / "pages"
    generate(data_copy, out, dt.date(2027, 1, 1))
    agenda = (out / urls.agenda("connect-2027")).read_text(encoding="utf-8")
    unscheduled = agenda.index("## Unscheduled { #unscheduled }")
    section = '<section class="pb-agenda-day" aria-labelledby="unscheduled">'
    assert agenda.index(section) > unscheduled
    keynote = agenda.index("#session-opening-keynote")
    assert unscheduled < keynote
    card = agenda[agenda.rindex("<article", 0, keynote) : keynote]
    assert "pb-is-cancelled" in card and 'data-day=""' in card
    assert "Cancelled</span>" in card
    exec_agenda = (out / urls.persona_agenda("exec")).read_text(encoding="utf-8")
    assert re.search(r"Cancelled</span> \[Opening Keynote", exec_agenda)
    assert "### Unscheduled" in exec_agenda


def test_names_in_the_agenda_are_escaped_and_attributes_hold_ids_alone(
    data_copy: Path, edit: Edit, tmp_path: Path
) -> None:
    edit(
        "programs/connect-2027/sessions/main-stage.yml",
        'title: "Opening Keynote: Data You Can Stake the Business On"',
        'title: \'" onmouseover="alert(1)" <script>x</script> {{ 7*7 }}\'',
    )
    out = tmp_path / "pages"
    generate(data_copy, out, dt.date(2027, 1, 1))
    agenda = (out / urls.agenda("connect-2027")).read_text(encoding="utf-8")
    assert "<script>" not in agenda and "{{" not in agenda and '" onmouseover' not in agenda
    assert "&#60;script&#62;" in agenda


def test_the_filter_script_ships_with_the_site_and_runs_only_on_the_agenda() -> None:
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- javascripts/agenda.js" in mkdocs
    script = (ROOT / "docs" / "javascripts" / "agenda.js").read_text(encoding="utf-8")
    assert 'getElementById("pb-agenda-filters")' in script
    assert "innerHTML" not in script and "http" not in script
