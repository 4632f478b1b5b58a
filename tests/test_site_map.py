"""Dates, the index and the site map, on the example playbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from playbook.dates import phase_span, standing, week_label, week_start
from playbook.health import health
from playbook.index import Index
from playbook.models.playbook import Playbook
from playbook.pages import navigation, site_pages, site_sections
from playbook.site import InvalidPlaybook, generate

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


def test_every_persona_gets_a_one_pager_and_the_nav_lists_sections_not_snippets(
    example: Playbook,
) -> None:
    sections = site_sections(example, Index(example), TODAY, health(example, []))
    paths = [page.path for page in site_pages(sections)]
    for persona in example.personas:
        assert f"personas/{persona}.md" in paths
    nav = navigation(sections, before=[], after=[])
    flat = str(nav)
    assert "messaging/exec.md" not in flat  # per-persona snippet pages are linked, not listed
    assert "sessions.md" in flat and "session-" not in flat
    # The navigation grows with personas and programs, never with sessions or snippets.
    personas, jtbd, program, messaging, reference, health_page = (
        len(example.personas) + 1,
        1,
        4,
        1,
        6,
        1,
    )
    assert flat.count(".md") == personas + jtbd + program + messaging + reference + health_page


def test_every_generated_page_names_its_data_source(example: Playbook) -> None:
    pages = site_pages(site_sections(example, Index(example), TODAY, health(example, [])))
    for page in pages:
        if page.path not in ("reference/index.md",):
            assert page.source is not None and page.source.exists(), page.path


def test_generate_writes_every_page(tmp_path: Path) -> None:
    written = generate(Path("data"), tmp_path / "out", TODAY)
    assert len(written) == 26
    text = (tmp_path / "out/personas/exec.md").read_text()
    assert text.startswith('---\ntitle: "Executive Decision-Maker"\nrender_macros: false\n')


def test_generate_refuses_an_invalid_playbook(data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "personas" / "exec.yml").write_text("name: [\n")
    with pytest.raises(InvalidPlaybook) as caught:
        generate(data_copy, tmp_path / "out", TODAY)
    assert caught.value.problems
    assert not (tmp_path / "out").exists()
