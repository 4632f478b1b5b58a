"""Dates, the index and the site map, on the example playbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from benchmarks.synthetic import Size, synthesize

from playbook.dates import phase_span, standing, week_label, week_start, zone_label
from playbook.health import health
from playbook.index import Index
from playbook.models.playbook import Playbook
from playbook.pages import navigation, site_pages, site_sections, stand_in, urls
from playbook.pages.sitemap import NAV_PERSONAS
from playbook.site import InvalidPlaybook, build_site, generate
from playbook.validate import validate
from tests.conftest import EXAMPLE

PROGRAM = "connect-2027"
TODAY = dt.date(2026, 11, 23)


def test_week_dates_count_from_the_event(example: Playbook) -> None:
    event = example.programs[PROGRAM].event
    assert event.start_date == dt.date(2027, 2, 9)
    assert week_start(event, -12) == event.start_date - dt.timedelta(days=84)
    assert week_start(event, -12) == dt.date(2026, 11, 17)
    phase = example.timelines[PROGRAM].phases[0]
    assert (phase.start_week, phase.end_week) == (-12, -10)
    assert phase_span(event, phase) == (dt.date(2026, 11, 17), dt.date(2026, 12, 7))
    assert [week_label(w) for w in (-12, 0, 4)] == ["T−12", "T", "T+4"]


def test_standing_on_a_given_day(example: Playbook) -> None:
    event = example.programs[PROGRAM].event
    now = standing(event, example.timelines[PROGRAM], TODAY)
    assert (now.week, now.days_to_event) == (-12, 78)
    assert [phase.id for phase in now.current_phases] == ["define-segments", "collect-inputs"]
    assert now.next_milestone is not None and now.next_milestone.week == -8


def test_the_index_answers_which_sessions_serve_a_persona(example: Playbook) -> None:
    index = Index(example)
    services = {s.session.id: s for s in index.services("exec", PROGRAM)}
    pilot = services["pilot-to-production"]
    assert (pilot.role, pilot.cta, pilot.angle) == (
        "secondary",
        "Join the Executive Roadmap briefing",
        "risk framing",
    )
    roles = [s.role for s in index.services("exec")]
    assert roles == sorted(roles, key=lambda role: role != "primary")
    assert index.unserved_personas(PROGRAM) == []
    assert index.sessions_serving_nobody(PROGRAM) == []


def test_the_index_gives_kpi_targets_per_persona(example: Playbook) -> None:
    targets = Index(example).targets(PROGRAM, "exec")
    attendance = next(t for t in targets if t.stage.id == "mid")
    assert attendance.target == "70%"
    assert not any(t.kpi.metric.startswith("Lab utilization") for t in targets)


def _nav_and_paths(playbook: Playbook) -> tuple[str, list[str]]:
    sections = site_sections(playbook, Index(playbook), TODAY, health(playbook, []))
    nav = navigation(sections, before=[], after=[])
    return str(nav), [page.path for page in site_pages(sections)]


def test_the_nav_lists_every_persona_of_a_small_playbook_and_the_featured_program(
    example: Playbook,
) -> None:
    nav, paths = _nav_and_paths(example)
    assert len(example.personas) <= NAV_PERSONAS
    for persona_id in example.personas:
        assert f"personas/{persona_id}.md" in paths
        assert f"personas/{persona_id}.md" in nav  # secondary ones too
    assert "programs/index.md" in nav and "programs/connect-2027/sessions.md" in nav
    assert "messaging/exec.md" not in nav  # per-persona snippet pages are linked, not listed
    assert "session-" not in nav and "snippet-" not in nav


def test_the_nav_stays_the_same_size_however_large_the_playbook(
    example: Playbook, tmp_path: Path
) -> None:
    bigger = Size("bigger", personas=15, programs=3, sessions=60, snippets=60)
    playbook, problems = validate(synthesize(EXAMPLE, tmp_path / "data", bigger))
    assert playbook is not None, problems
    nav, paths = _nav_and_paths(playbook)
    example_nav, example_paths = _nav_and_paths(example)
    assert len(paths) > 2 * len(example_paths)
    # The navigation grows only until it lists NAV_PERSONAS personas, primary ones first.
    listed = [pid for pid in playbook.personas if f"personas/{pid}.md" in nav]
    assert len(listed) == NAV_PERSONAS
    primary = [pid for pid, p in playbook.personas.items() if p.priority == "primary"]
    assert set(primary[:NAV_PERSONAS]) <= set(listed)
    more = NAV_PERSONAS - len(example.personas)
    assert nav.count(".md") == example_nav.count(".md") + more


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("personas/procurement.md", "personas/index.md"),
        ("personas/exec/agenda.md", "personas/exec.md"),
        ("personas/gone/agenda.md", "personas/index.md"),
        ("messaging/exec.md", "messaging/index.md"),
        ("messaging/exec/2.md", "messaging/index.md"),
        ("programs/old-2025/sessions.md", "programs/index.md"),
        ("reference/letters/exec.md", "reference/index.md"),
        ("glossary.md", None),
    ],
)
def test_a_page_outside_the_nav_stands_under_the_nearest_listed_page(
    path: str, expected: str | None
) -> None:
    listed = ["index.md", "personas/index.md", "personas/exec.md", "messaging/index.md"]
    listed += ["programs/index.md", "reference/index.md", "reference/raci.md"]
    assert stand_in(path, listed) == expected


def test_every_generated_page_names_its_data_source(example: Playbook) -> None:
    pages = site_pages(site_sections(example, Index(example), TODAY, health(example, [])))
    for page in pages:
        if page.path not in ("reference/index.md",):
            assert page.source is not None and page.source.exists(), page.path


def test_every_page_has_a_path_of_its_own(example: Playbook) -> None:
    _, paths = _nav_and_paths(example)
    assert len(paths) == len(set(paths))


def test_every_persona_and_program_has_its_pages(example: Playbook) -> None:
    _, listed = _nav_and_paths(example)
    paths = set(listed)
    for persona_id in example.personas:
        assert {urls.persona(persona_id), urls.messaging(persona_id)} <= paths
    assert example.templates is not None
    for persona_id in example.templates.convince_your_manager.applies_to:
        assert urls.letter(persona_id) in paths
    for program_id in example.programs:
        assert {urls.program(program_id), urls.sessions(program_id)} <= paths
        assert (urls.timeline(program_id) in paths) == (program_id in example.timelines)
        assert (urls.kpis(program_id) in paths) == (program_id in example.kpis)
    sections = {urls.personas(), urls.clusters(), urls.programs(), urls.messaging_index()}
    assert sections | {urls.reference(), urls.health()} <= paths


def test_generate_writes_every_page_of_the_site_map(tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = generate(EXAMPLE, out, TODAY)
    site = build_site(EXAMPLE, TODAY, history=False)
    assert sorted(path.relative_to(out.resolve()).as_posix() for path in written) == sorted(
        [page.path for page in site.pages] + [file.path for file in site.downloads.files]
    )
    text = (out / urls.persona("exec")).read_text()
    assert text.startswith('---\ntitle: "Executive Decision-Maker"\nrender_macros: false\n')


def test_generate_refuses_an_invalid_playbook(data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "personas" / "exec.yml").write_text("name: [\n")
    with pytest.raises(InvalidPlaybook) as caught:
        generate(data_copy, tmp_path / "out", TODAY)
    assert caught.value.problems
    assert not (tmp_path / "out").exists()


def test_a_one_pager_names_three_snippets_a_channel_and_links_the_rest(tmp_path: Path) -> None:
    data = synthesize(
        EXAMPLE, tmp_path / "data", Size("x", personas=5, programs=1, sessions=10, snippets=100)
    )
    site = build_site(data, TODAY, history=False)
    page = site.page_by_path["personas/persona-001.md"]
    text = site.render(page)
    by_channel = site.index.snippets_by_channel("persona-001")
    assert any(len(snippets) > 3 for _, snippets in by_channel)
    for channel, snippets in by_channel:
        for snippet in snippets[:3]:
            assert f"#snippet-{snippet.id})" in text
        for snippet in snippets[3:]:
            assert f"#snippet-{snippet.id})" not in text
        if len(snippets) > 3:
            assert (
                f"and [{len(snippets) - 3} more](../messaging/persona-001.md#channel-{channel.id})"
                in text
            )


@pytest.mark.parametrize(
    ("zone", "day", "label"),
    [
        ("America/Chicago", dt.date(2027, 2, 9), "Chicago time (CST, UTC−6)"),
        ("America/Chicago", dt.date(2027, 7, 9), "Chicago time (CDT, UTC−5)"),
        ("Asia/Kolkata", dt.date(2027, 2, 9), "Kolkata time (IST, UTC+5:30)"),
        ("America/Sao_Paulo", dt.date(2027, 2, 9), "Sao Paulo time (UTC−3)"),
        ("UTC", dt.date(2027, 2, 9), "UTC"),
    ],
)
def test_a_time_zone_reads_as_people_say_it_on_the_event_day(
    example: Playbook, zone: str, day: dt.date, label: str
) -> None:
    event = next(iter(example.programs.values())).event
    assert zone_label(event.model_copy(update={"time_zone": zone, "start_date": day})) == label
