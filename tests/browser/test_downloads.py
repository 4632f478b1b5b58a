"""Taking things away: a marketing-ops analyst downloads the sessions CSV from the session map
and an event lead the milestones calendar from the timeline, and both open in their tools.

Content checks: they read the playbook in data/, whatever it holds.
"""

from __future__ import annotations

import csv
import io
import re

import icalendar
import pytest
from playwright.sync_api import Page

from playbook.dates import week_start
from playbook.models.playbook import Playbook
from playbook.pages import urls
from playbook.render import built_url

pytestmark = pytest.mark.browser


def download(page: Page, link_name: re.Pattern[str]) -> tuple[str, bytes]:
    """Click the link named `link_name` in the page's content; the file's name and bytes."""
    with page.expect_download() as started:
        page.locator(".md-content").get_by_role("link", name=link_name).click()
    file = started.value
    path = file.path()
    return file.suggested_filename, path.read_bytes()


def test_an_analyst_downloads_the_sessions_csv_and_finds_every_call_to_action(
    page: Page, example: Playbook
) -> None:
    for program_id, sessions in example.sessions.items():
        page.goto(str(built_url(urls.sessions(program_id))))
        name, data = download(page, re.compile("Download every session"))
        assert name.endswith(".csv"), name
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert rows, "the CSV has no rows"
        ours = [row for row in rows if row["program_id"] == program_id]
        wanted = {
            (session.id, persona_id, session.cta[persona_id])
            for session in sessions
            for persona_id in session.cta
        }
        got = {(row["session_id"], row["persona_id"], row["call_to_action"]) for row in ours}
        assert wanted <= got, sorted(wanted - got)[:3]
        break  # one program's map links the file of every program


def test_an_event_lead_subscribes_to_the_milestones_and_gets_them_on_their_dates(
    page: Page, example: Playbook
) -> None:
    program_id = next(pid for pid in example.programs if pid in example.timelines)
    event = example.programs[program_id].event
    timeline = example.timelines[program_id]
    page.goto(str(built_url(urls.timeline(program_id))))
    name, data = download(page, re.compile("Subscribe to the phases and milestones"))
    assert name.endswith(".ics"), name
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    summaries = {str(item["SUMMARY"]): item for item in events}
    for milestone in timeline.milestones:
        found = next((s for s in summaries if milestone.name in s), None)
        assert found, f"{milestone.name} is not in the calendar"
        assert summaries[found].decoded("DTSTART") == week_start(event, milestone.week)
    for phase in timeline.phases:
        assert any(phase.name in s for s in summaries), f"{phase.name} is not in the calendar"
