"""The downloads: JSON with its schema, CSV files, iCalendar files; their escaping, and that the
built site carries them and links to them."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import zoneinfo
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pytest

from playbook.dates import week_start
from playbook.exports import csv_files, ics, json_file
from playbook.exports.csv_files import csv_bytes, csv_cell
from playbook.exports.ics import content_line, ical_text, vtimezone
from playbook.index import Index
from playbook.models.playbook import Playbook
from playbook.pages import urls
from playbook.pages.downloads import Downloads, downloads
from playbook.site import generate
from tests.conftest import EXAMPLE
from tests.test_links import broken_links, internal_targets

TODAY = dt.date(2026, 11, 23)
PROGRAM = "connect-2027"


@pytest.fixture(scope="module")
def files(example: Playbook) -> Downloads:
    return downloads(example, Index(example), TODAY)


def _content(files: Downloads, path: str) -> bytes:
    return next(item for item in files.files if item.path == path).content


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# CSV


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ('plain, with "quotes"\nand a line', 'plain, with "quotes"\nand a line'),
        ("a = b", "a = b"),
        (None, ""),
        (True, "yes"),
        (False, "no"),
        (45, "45"),
        (-7, "-7"),
        (-1.25, "-1.25"),
    ],
)
def test_csv_cell_neutralises_formulas(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def test_hostile_cells_read_back_as_text() -> None:
    payloads = ["=1+1", "+SUM(1)", "-1", "@x", "\t=x", "\r=x", 'a,"b";c\nd', "ünïcode – ok"]
    data = csv_bytes(["value"], [[payload] for payload in payloads])
    read = [row["value"] for row in _rows(data)]
    assert read == [csv_cell(payload) for payload in payloads]
    assert all(not cell.startswith(csv_files.FORMULA_START) for cell in read)
    assert b"\r\n" in data


def test_sessions_csv_has_a_row_per_session_and_persona(
    example: Playbook, files: Downloads
) -> None:
    rows = _rows(_content(files, urls.sessions_csv()))
    assert list(rows[0]) == list(csv_files.SESSIONS_HEADER)
    expected = sum(
        max(1, len(s.personas.primary) + len(s.personas.secondary))
        for sessions in example.sessions.values()
        for s in sessions
    )
    assert len(rows) == expected
    session = example.sessions[PROGRAM][0]
    pid = session.personas.primary[0]
    row = next(r for r in rows if r["session_id"] == session.id and r["persona_id"] == pid)
    assert row["persona_role"] == "primary"
    assert row["call_to_action"] == csv_cell(session.cta[pid])
    assert row["time_zone"] == example.programs[PROGRAM].event.time_zone


def test_tagging_csv_is_a_picklist(example: Playbook, files: Downloads) -> None:
    rows = _rows(_content(files, urls.tagging_csv()))
    for field in example.tagging.fields:
        mine = [r for r in rows if r["field_id"] == field.id]
        values = (
            [p.short_name for p in example.personas.values()]
            if field.values_from == "personas"
            else field.values
        )
        assert [r["value"] for r in mine] == ([csv_cell(v) for v in values] or [""])
        assert {r["required"] for r in mine} == {"yes" if field.required else "no"}
        assert {r["api_name"] for r in mine} == {field.crm_field or ""}


def test_kpis_csv_has_each_persona_target(example: Playbook, files: Downloads) -> None:
    rows = _rows(_content(files, urls.kpis_csv()))
    kpis = example.kpis[PROGRAM]
    overridden = next(kpi for kpi in kpis.kpis if kpi.by_persona)
    pid, target = next(iter(overridden.by_persona.items()))
    row = next(r for r in rows if r["metric"] == overridden.metric and r["persona_id"] == pid)
    assert row["target"] == csv_cell(target)
    assert {r["stage_id"] for r in rows} <= {stage.id for stage in kpis.stages}


def test_snippets_csv_has_every_snippet(example: Playbook, files: Downloads) -> None:
    rows = _rows(_content(files, urls.snippets_csv()))
    assert [r["snippet_id"] for r in rows] == [s.id for s in example.snippets]
    first = example.snippets[0]
    assert rows[0]["body"] == csv_cell(first.body)
    assert rows[0]["status"] == first.status
    assert rows[0]["channel"] == example.channels[first.channel].name


# iCalendar


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a, b; c", "a\\, b\\; c"),
        ("back\\slash", "back\\\\slash"),
        ("one\ntwo\r\nthree\rfour", "one\\ntwo\\nthree\\nfour"),
        ("END:VEVENT", "END:VEVENT"),  # harmless once it cannot start a line
    ],
)
def test_ical_text_escapes(text: str, escaped: str) -> None:
    assert ical_text(text) == escaped


def test_long_lines_fold_at_75_octets_between_characters() -> None:
    line = "DESCRIPTION:" + ical_text("é€😀, " * 60)
    folded = content_line(line)
    assert folded.endswith("\r\n")
    physical = folded[:-2].split("\r\n")
    assert len(physical) > 1
    assert all(len(part.encode("utf-8")) <= 75 for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    assert "".join([physical[0], *(part[1:] for part in physical[1:])]) == line


def test_hostile_text_survives_a_calendar_parser() -> None:
    hostile = "Q&A, pricing; \\ new\nline END:VCALENDAR\nBEGIN:VEVENT " + "x" * 200
    text = "".join(
        content_line(line)
        for line in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//test//EN",
            "BEGIN:VEVENT",
            "UID:1",
            "DTSTAMP:20261123T000000Z",
            "DTSTART;VALUE=DATE:20270101",
            "SUMMARY:" + ical_text(hostile),
            "END:VEVENT",
            "END:VCALENDAR",
        ]
    )
    calendar = icalendar.Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == hostile


def test_the_milestones_calendar(example: Playbook, files: Downloads) -> None:
    data = _content(files, urls.milestones_ics(PROGRAM))
    calendar = icalendar.Calendar.from_ical(data)
    event = example.programs[PROGRAM].event
    timeline = example.timelines[PROGRAM]
    by_summary = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert len(by_summary) <= len(timeline.phases) + len(timeline.milestones)
    for milestone in timeline.milestones:
        found = by_summary[milestone.name]
        assert found["DTSTART"].dt == week_start(event, milestone.week)
        assert not isinstance(found["DTSTART"].dt, dt.datetime)  # all day
    phase = timeline.phases[0]
    assert by_summary[phase.name]["DTEND"].dt == week_start(event, phase.end_week + 1)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


def test_a_persona_agenda_is_in_the_program_time_zone(example: Playbook, files: Downloads) -> None:
    event = example.programs[PROGRAM].event
    zone = zoneinfo.ZoneInfo(event.time_zone)
    for persona_id in example.personas:
        path = urls.agenda_ics(persona_id)
        if not files.has(path):
            continue
        calendar = icalendar.Calendar.from_ical(_content(files, path))
        assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == [event.time_zone]
        events = list(calendar.walk("VEVENT"))
        expected = ics.persona_sessions(example, persona_id)
        assert [str(e["SUMMARY"]) for e in events] == [s.title for _, s in expected]
        for found, (_, session) in zip(events, expected, strict=True):
            start = found["DTSTART"].dt
            assert found["DTSTART"].params["TZID"] == event.time_zone
            assert start.utcoffset() == ics.session_start(event, session).utcoffset()  # type: ignore[union-attr]
            assert start.astimezone(zone).strftime("%H:%M") == session.start
    assert files.has(urls.agenda_ics("exec"))


def test_a_persona_has_a_calendar_when_it_has_a_timed_session(example: Playbook) -> None:
    timed = {pid for pid in example.personas if ics.persona_sessions(example, pid)}
    assert ics.timed_personas(example) == timed and timed
    # Every session of one persona cancelled: it has no calendar, the others keep theirs.
    gone = sorted(timed)[0]

    def cancelled(session: Any) -> Any:
        serves = gone in session.personas.primary or gone in session.personas.secondary
        return session.model_copy(update={"cancelled": True}) if serves else session

    sessions = {pid: [cancelled(s) for s in found] for pid, found in example.sessions.items()}
    changed = dataclasses.replace(example, sessions=sessions)
    assert ics.timed_personas(changed) == timed - {gone}
    assert {pid for pid in changed.personas if ics.persona_sessions(changed, pid)} == timed - {gone}


def test_sessions_without_a_time_or_cancelled_are_left_out(example: Playbook) -> None:
    sessions = [s for _, s in ics.persona_sessions(example, "exec")]
    assert all(s.day and s.start and not s.cancelled for s in sessions)


def test_the_time_zone_has_its_transitions() -> None:
    text = vtimezone("America/Chicago", 2027, 2027)
    assert "DTSTART:20270314T020000\nTZOFFSETFROM:-0600\nTZOFFSETTO:-0500" in text
    assert "DTSTART:20271107T020000\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0600" in text
    assert "BEGIN:DAYLIGHT" not in vtimezone("Asia/Tokyo", 2027, 2027)


# JSON


def test_playbook_json_validates_against_its_schema(example: Playbook, files: Downloads) -> None:
    data = json.loads(_content(files, urls.playbook_json()))
    schema = json.loads(_content(files, urls.playbook_schema()))
    jsonschema.validators.validator_for(schema).check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["version"] == json_file.FORMAT_VERSION == 1
    assert data["generator"].startswith("persona-playbook ")
    assert list(data["personas"]) == list(example.personas)
    assert len(data["programs"][PROGRAM]["sessions"]) == len(example.sessions[PROGRAM])
    assert len(data["snippets"]) == len(example.snippets)


def test_the_schema_refuses_another_version(files: Downloads) -> None:
    data = json.loads(_content(files, urls.playbook_json()))
    schema = json.loads(_content(files, urls.playbook_schema()))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "version": 2}, schema, cls=jsonschema.Draft202012Validator)


# The site and `playbook generate`


def test_playbook_generate_writes_the_downloads(tmp_path: Path, files: Downloads) -> None:
    written = generate(EXAMPLE, tmp_path, TODAY)
    for download in files.files:
        assert (tmp_path / download.path).read_bytes() == download.content
        assert (tmp_path / download.path).resolve() in written


@pytest.mark.build
def test_the_site_carries_every_download_and_links_to_it(site: Path, files: Downloads) -> None:
    for download in files.files:
        assert (site / download.path).read_bytes() == download.content, download.path
    listed = {target for target, _, _ in internal_targets(site)[site / "downloads" / "index.html"]}
    assert {site / download.path for download in files.files} <= {t.resolve() for t in listed}
    linked = {
        "programs/connect-2027/sessions.html": urls.sessions_csv(),
        "reference/tagging.html": urls.tagging_csv(),
        "programs/connect-2027/kpis.html": urls.kpis_csv(),
        "programs/connect-2027/timeline.html": urls.milestones_ics(PROGRAM),
        "personas/exec.html": urls.agenda_ics("exec"),
        "messaging/index.html": urls.snippets_csv(),
        "messaging/exec.html": urls.snippets_csv(),
        "reference/index.html": "downloads/index.html",
    }
    targets = internal_targets(site)
    for page, path in linked.items():
        assert (site / path).resolve() in {t.resolve() for t, _, _ in targets[site / page]}, page
    assert broken_links(site) == []
