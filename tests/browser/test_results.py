"""Results as people read them: an event lead follows a program's overview to its results and
reads each persona's registrations; a sales rep opens a one-pager's "How this persona did" and
follows it to the program's results. Content checks: the numbers are worked out here from the
snapshots in data/, whatever playbook is there; nothing names the example's programs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from playbook.models.playbook import Playbook
from tests.browser.conftest import axe_violations
from tests.browser.test_journeys import screenshot

pytestmark = pytest.mark.browser


def latest_registered(playbook: Playbook, program_id: str, persona_id: str) -> int | None:
    """The persona's registrations in the latest snapshot that counts them (weekly, daily and
    monthly snapshots together, by date; on one date, weekly before daily before monthly)."""
    results = playbook.results[program_id]
    ordered = sorted(
        (
            (snapshot.date, rank, snapshot)
            for rank, group in enumerate((results.weekly, results.event_days, results.monthly))
            for snapshot in group
        ),
        key=lambda item: (item[0], item[1]),
    )
    value = None
    for _, _, snapshot in ordered:
        counts = snapshot.personas.get(persona_id)
        if counts is not None and counts.registered is not None:
            value = counts.registered
    return value


def registered_programs(playbook: Playbook) -> list[str]:
    """The programs whose results count registrations, latest event last."""
    found = [
        pid
        for pid in playbook.results
        if any(
            latest_registered(playbook, pid, persona) is not None for persona in playbook.personas
        )
    ]
    return sorted(found, key=lambda pid: playbook.programs[pid].event.start_date)


def registrations_label(playbook: Playbook, program_id: str, persona_id: str) -> str:
    """What the results page calls the registrations row: the KPI's own name, if one measures
    them for this persona, else "Registered"."""
    kpis = playbook.kpis.get(program_id)
    for kpi in kpis.kpis if kpis else []:
        if kpi.measure == "registrations" and (not kpi.personas or persona_id in kpi.personas):
            return kpi.metric
    return "Registered"


def test_an_event_lead_reads_each_personas_registrations_on_the_programs_results(
    page: Page, example: Playbook, artifacts: Path, axe_script: Path
) -> None:
    programs = registered_programs(example)
    if not programs:
        pytest.skip("no program in data/ has registrations in its results yet")
    featured = example.featured_program
    program_id = featured if featured in programs else programs[-1]

    page.goto(f"programs/{program_id}/index.html")
    page.get_by_role("link", name="results against them").click()
    expect(page).to_have_url(
        f"{page.url.split('/programs/')[0]}/programs/{program_id}/results.html"
    )
    screenshot(page, artifacts, "results")

    checked = 0
    for persona_id in example.personas:
        value = latest_registered(example, program_id, persona_id)
        if value is None:
            continue
        label = registrations_label(example, program_id, persona_id)
        row = page.locator(
            f"xpath=//h3[@id='results-{persona_id}']/following::table[1]"
            f"//tr[td[1][normalize-space()='{label}']]"
        )
        expect(row.locator("td").nth(1)).to_have_text(f"{value:,}")
        checked += 1
    assert checked

    # Every chart is a picture with a title, next to the table of its numbers.
    charts = page.locator(".pb-chart")
    assert charts.count() >= checked
    for position in range(charts.count()):
        block = charts.nth(position)
        expect(block.locator("svg[role=img] > title")).to_have_count(1)
        expect(block.locator("table")).to_have_count(1)
        expect(block.locator("svg[role=img]")).to_be_visible()

    violations = axe_violations(page, axe_script)
    assert not violations, "\n".join(violations)


def test_a_sales_rep_sees_how_a_persona_did_and_follows_it_to_the_programs_results(
    page: Page, example: Playbook, artifacts: Path
) -> None:
    programs = registered_programs(example)
    shown = [
        (persona_id, [pid for pid in programs if latest_registered(example, pid, persona_id)])
        for persona_id in example.personas
    ]
    shown = [(persona_id, pids) for persona_id, pids in shown if pids]
    if not shown:
        pytest.skip("no persona in data/ has registrations in any program's results yet")
    persona_id, persona_programs = shown[0]
    latest = persona_programs[-1]  # the one-pager shows the latest program first
    value = latest_registered(example, latest, persona_id)

    page.goto(f"personas/{persona_id}.html")
    section = page.locator("#how-this-persona-did")
    expect(section).to_be_visible()
    table = page.locator("xpath=//h2[@id='how-this-persona-did']/following::table[1]")
    expect(table.locator("th").nth(1)).to_contain_text(example.programs[latest].name)
    first = table.locator("xpath=.//tr[td[1][normalize-space()='Registered']]/td[2]")
    expect(first.locator("strong")).to_have_text(f"{value:,}")
    section.scroll_into_view_if_needed()
    screenshot(page, artifacts, "how-this-persona-did")

    page.get_by_role("link", name=f"{example.programs[latest].name}: all results").click()
    expect(page).to_have_url(
        f"{page.url.split('/programs/')[0]}/programs/{latest}/results.html#results-{persona_id}"
    )
    expect(page.locator(f"#results-{persona_id}")).to_be_in_viewport()
