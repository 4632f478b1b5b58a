"""Reading an event platform's agenda: frab/pretalx schedule JSON and XML, Sessionize's All Data
and pretalx's widget data, into sessions with their keys, days, real starts and durations; and
every malformed source refused with its file, line and field, never a traceback."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from playbook.agenda.sources import (
    Agenda,
    AgendaError,
    ImportedSession,
    SessionizeMapping,
    parse_duration,
    read_agenda,
)

FIXTURES = Path(__file__).parent / "fixtures" / "agenda"
CHICAGO = ZoneInfo("America/Chicago")
MAPPING = SessionizeMapping(track="Track", format="Session format")

# key, day, local start (month-day hour:minute), minutes, room
FRAB_TIMES = [
    "K7PLQX d1 02-09 09:00 45m Grand Ballroom",
    "HACK24 d1 02-09 09:00 1560m Lab 2",
    "HX4M2R d1 02-09 10:15 45m Skyline Room",
    "ABC123 d1 02-09 13:00 90m Lab 1",
    "W9TNC3 d1 02-09 14:30 45m Skyline Room",
    "NIGHT1 d1 02-10 00:30 60m Partner Theater",
    "PRTNR5 d2 02-10 09:00 45m Grand Ballroom",
    "TCO8VB d2 02-10 10:00 50m Skyline Room",
    "CLS2PD d2 02-10 16:00 30m Grand Ballroom",
]
# track, format, speakers
FRAB_CONTENT = {
    "K7PLQX": ("Main Stage", "Keynote", "Grace Okafor"),
    "HACK24": ("Labs & Certification", "Workshop", "Sam Whitaker"),
    "HX4M2R": ("Executive Track", "Session", "Grace Okafor, Marcus Hale"),
    "ABC123": ("Labs & Certification", "Lab", "Priya Raman, Sam Whitaker"),
    "W9TNC3": ("Use Cases & Adoption", "Clinic", "Marcus Hale"),
    "NIGHT1": ("Partner Day", "Reception", "Diego Santos"),
    "PRTNR5": ("Partner Day", "Keynote", "Diego Santos"),
    "TCO8VB": ("Risk, Compliance & Commercials", "Clinic", "Lena Fischer, Marcus Hale"),
    "CLS2PD": ("Main Stage", "Keynote", "Grace Okafor"),
}
SESSIONIZE_TIMES = [
    "512001 d1 02-09 09:00 45m Grand Ballroom",
    "512005 d1 02-09 09:00 1560m Lab 2",
    "512002 d1 02-09 10:15 45m Skyline Room",
    "512003 d1 02-09 13:00 90m Lab 1",
    "512004 d1 02-09 14:30 45m Skyline Room",
    # Sessionize lists its agenda by date: 00:30 on the 10th is on the second date's day.
    "512006 d2 02-10 00:30 60m Partner Theater",
    "512007 d2 02-10 09:00 45m Grand Ballroom",
    "512008 d2 02-10 10:00 50m Skyline Room",
    "512009 d2 02-10 16:00 30m Grand Ballroom",
]
SESSIONIZE_KEYS = {"512001": "K7PLQX", "512005": "HACK24", "512002": "HX4M2R", "512003": "ABC123"}
SESSIONIZE_KEYS |= {"512004": "W9TNC3", "512006": "NIGHT1", "512007": "PRTNR5"}
SESSIONIZE_KEYS |= {"512008": "TCO8VB", "512009": "CLS2PD"}
"""Each Sessionize session and the same session in the frab fixtures."""


def read(name: str, **options: object) -> Agenda:
    options.setdefault("time_zone", "America/Chicago")
    return read_agenda(FIXTURES / name, **options)  # type: ignore[arg-type]


def times(agenda: Agenda) -> list[str]:
    return [
        f"{s.key} d{s.day} {s.start:%m-%d %H:%M} {s.duration}m {s.room}" for s in agenda.sessions
    ]


def content(agenda: Agenda) -> dict[str, tuple[str | None, str | None, str]]:
    return {s.key: (s.track, s.format, ", ".join(s.speakers)) for s in agenda.sessions}


def by_key(agenda: Agenda) -> dict[str, ImportedSession]:
    return {session.key: session for session in agenda.sessions}


def refused(
    tmp_path: Path, text: str | bytes, name: str = "source.json", **options: object
) -> AgendaError:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    options.setdefault("time_zone", "America/Chicago")
    with pytest.raises(AgendaError) as caught:
        read_agenda(path, **options)  # type: ignore[arg-type]
    assert caught.value.source == str(path)
    return caught.value


def line_of(text: str, needle: str) -> int:
    assert needle in text, needle
    return text[: text.index(needle)].count("\n") + 1


# The formats, read right ----------------------------------------------------------------------


def test_frab_json_reads_every_event_with_its_key_day_and_real_start() -> None:
    agenda = read("schedule.json")
    assert agenda.format == "frab-json"
    assert times(agenda) == FRAB_TIMES
    assert content(agenda) == FRAB_CONTENT
    for session in agenda.sessions:
        assert session.start.tzinfo == CHICAGO  # aware, in the program's zone


def test_after_midnight_keeps_its_day_and_its_real_date() -> None:
    night = by_key(read("schedule.json"))["NIGHT1"]
    assert night.day == 1
    assert night.start == dt.datetime(2027, 2, 10, 0, 30, tzinfo=CHICAGO)


def test_a_24_hour_plus_duration() -> None:
    assert by_key(read("schedule.json"))["HACK24"].duration == 26 * 60  # "1:02:00"
    assert by_key(read("sessionize.json", sessionize=MAPPING))["512005"].duration == 26 * 60


def test_keys_old_pretalx_exports_and_links() -> None:
    sessions = by_key(read("schedule.json"))
    # An old pretalx export carries no `code`: it is in the url, …/talk/ABC123/.
    raw = json.loads((FIXTURES / "schedule.json").read_text(encoding="utf-8"))
    lab = raw["schedule"]["conference"]["days"][0]["rooms"]["Lab 1"][0]
    assert "code" not in lab and lab["url"].endswith("/talk/ABC123/")
    assert sessions["ABC123"].url == "https://pretalx.example.com/connect-2027/talk/ABC123/"
    # A link that is not https is dropped; the key still comes from it.
    assert sessions["W9TNC3"].url is None


def test_abstract_else_description_as_plain_text() -> None:
    sessions = by_key(read("schedule.json"))
    assert sessions["K7PLQX"].abstract == (
        "Where data platforms go next, and what it means for the teams that run them."
    )
    # No abstract: the description, its HTML made text.
    assert sessions["HX4M2R"].abstract == (
        "A working session for CTOs, CIOs and VPs of Engineering on turning a data platform "
        "investment into a story the board will fund.\n\nCost, risk & velocity, with benchmarks "
        "from companies of 500 to 5,000 employees."
    )


def test_the_offset_is_trusted_over_the_zone_name(tmp_path: Path) -> None:
    # The fixture gives TCO8VB in UTC: 16:00Z is 10:00 in Chicago.
    assert by_key(read("schedule.json"))["TCO8VB"].start.strftime("%H:%M") == "10:00"
    raw = json.loads((FIXTURES / "schedule.json").read_text(encoding="utf-8"))
    raw["schedule"]["conference"]["time_zone_name"] = "Europe/Berlin"
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert read_agenda(path, time_zone="America/Chicago") == read("schedule.json")
    # Another program zone: the same instants, given in that zone.
    berlin = read("schedule.json", time_zone="Europe/Berlin")
    assert [s.start for s in berlin.sessions] == [s.start for s in read("schedule.json").sessions]
    assert by_key(berlin)["K7PLQX"].start.strftime("%d %H:%M") == "09 16:00"


def test_frab_xml_reads_the_same_agenda() -> None:
    agenda = read("schedule.xml")
    assert agenda.format == "frab-xml"
    # pretalx's XML has no code: the keys come from the talks' urls; CLS2PD has no url here.
    closing = agenda.sessions[-1]
    assert closing.key == "9b6aa002-bb5c-5ee5-a913-f71fc8f27aa8" and closing.url is None
    frab = read("schedule.json").sessions
    assert agenda.sessions[:-1] == frab[:-1]
    assert replace(closing, key="CLS2PD", url=frab[-1].url) == frab[-1]


def test_sessionize_reads_naive_times_in_the_program_zone() -> None:
    agenda = read("sessionize.json", sessionize=MAPPING)
    assert agenda.format == "sessionize"
    assert times(agenda) == SESSIONIZE_TIMES
    assert {key: content(agenda)[key] for key in SESSIONIZE_KEYS} == {
        key: FRAB_CONTENT[frab] for key, frab in SESSIONIZE_KEYS.items()
    }
    # The lunch (a service session) and a session without a slot are not on the agenda.
    assert "SZ-lunch-1" not in by_key(agenda) and "512011" not in by_key(agenda)
    assert by_key(agenda)["512002"].abstract == (
        "A working session for CTOs, CIOs and VPs of Engineering on turning a data platform "
        "investment into a story the board will fund.\n\nCost, risk and velocity, with benchmarks."
    )
    assert all(s.url is None for s in agenda.sessions)
    # The same wall-clock times in another zone are other instants.
    berlin = by_key(read("sessionize.json", time_zone="Europe/Berlin", sessionize=MAPPING))
    assert berlin["512001"].start == dt.datetime(2027, 2, 9, 9, tzinfo=ZoneInfo("Europe/Berlin"))


def test_sessionize_track_and_format_come_from_the_mapped_categories(tmp_path: Path) -> None:
    unmapped = read("sessionize.json")
    assert {(s.track, s.format) for s in unmapped.sessions} == {(None, None)}
    levels = read("sessionize.json", sessionize=SessionizeMapping(track="level"))
    assert by_key(levels)["512003"].track == "Advanced"
    error = refused(
        tmp_path,
        (FIXTURES / "sessionize.json").read_text(encoding="utf-8"),
        sessionize=SessionizeMapping(track="Tracks"),
    )
    assert error.field == "categories"
    assert (
        "no category titled 'Tracks'" in error.message and "did you mean 'Track'" in error.message
    )


def test_pretalx_widget_data() -> None:
    agenda = read("pretalx-widget.json")
    assert agenda.format == "pretalx-widget"
    rows = [
        (s.key, s.day, f"{s.start:%d %H:%M}", s.duration, s.room, s.track) for s in agenda.sessions
    ]
    assert rows == [
        ("K7PLQX", 1, "09 09:00", 45, "Grand Ballroom", "Main Stage"),
        ("HACK24", 1, "09 09:00", 1560, "Lab 2", "Labs & Certification"),
        ("ABC123", 1, "09 13:00", 90, "Lab 1", "Labs & Certification"),
        ("NIGHT1", 1, "10 00:30", 60, "Partner Theater", "Partner Day"),
        ("PRTNR5", 2, "10 09:00", 45, "Grand Ballroom", "Partner Day"),
    ]  # fmt: skip
    assert by_key(agenda)["ABC123"].speakers == ("Priya Raman", "Sam Whitaker")
    assert {(s.format, s.url) for s in agenda.sessions} == {(None, None)}


@pytest.mark.parametrize(
    ("before", "after", "options"),
    [
        ("schedule.json", "schedule-changed.json", {}),
        ("sessionize.json", "sessionize-changed.json", {"sessionize": MAPPING}),
    ],
)
def test_changed_fixtures_move_retitle_remove_and_add_one_each(
    before: str, after: str, options: dict[str, object]
) -> None:
    old, new = by_key(read(before, **options)), by_key(read(after, **options))
    removed, added = set(old) - set(new), set(new) - set(old)
    changed = {key for key in set(old) & set(new) if old[key] != new[key]}
    assert len(removed) == len(added) == 1 and len(changed) == 2
    moved = next(key for key in changed if old[key].start != new[key].start)
    retitled = next(key for key in changed if old[key].title != new[key].title)
    assert (old[moved].day, old[moved].start.strftime("%H:%M")) == (1, "10:15")
    assert (new[moved].day, new[moved].start.strftime("%H:%M")) == (1, "11:00")
    assert new[retitled].title == "Partner Keynote: Co-Selling and Co-Building with Lumora"
    assert old[removed.pop()].title == "ROI Clinic: Your 90-Day Business Case"
    assert new[added.pop()].title == "Analyst Briefing: The 2027 Data Platform Market"


# Detection ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "detected"),
    [
        ("schedule.json", "frab-json"),
        ("schedule-changed.json", "frab-json"),
        ("schedule.xml", "frab-xml"),
        ("sessionize.json", "sessionize"),
        ("sessionize-changed.json", "sessionize"),
        ("pretalx-widget.json", "pretalx-widget"),
    ],
)
def test_the_format_is_told_from_the_content(tmp_path: Path, name: str, detected: str) -> None:
    # Whatever the file is called.
    path = tmp_path / "export.txt"
    path.write_bytes((FIXTURES / name).read_bytes())
    assert read_agenda(path, time_zone="America/Chicago").format == detected
    assert read_agenda(path, format=detected, time_zone="America/Chicago").format == detected


def test_a_format_named_is_the_format_read(tmp_path: Path) -> None:
    text = (FIXTURES / "schedule.json").read_text(encoding="utf-8")
    error = refused(tmp_path, text, format="sessionize")
    assert (error.line, error.field) == (1, "sessions")
    assert "missing" in error.message
    error = refused(tmp_path, text, format="frab-xml")
    assert error.line == 1 and "not well-formed XML" in error.message


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ('{"conference": {"days": []}}', "schedule", "under `schedule`"),
        ('[{"groupName": "Day 1", "sessions": []}]', "", '"All Data"'),
        ('{"events": []}', "", "none of the agenda formats"),
        ("BEGIN:VCALENDAR\n", "", "neither JSON nor XML"),
        ("", "", "is empty"),
        ("  \n", "", "is empty"),
    ],
)
def test_what_is_no_agenda_format_is_refused(
    tmp_path: Path, text: str, field: str, words: str
) -> None:
    error = refused(tmp_path, text)
    assert error.line == 1 and error.field == field
    assert words in error.message


def test_unknown_format_time_zone_and_unreadable_files(tmp_path: Path) -> None:
    error = refused(tmp_path, "{}", format="ical")
    assert (error.line, error.field) == (None, "format")
    assert "`frab-json`" in error.message
    error = refused(tmp_path, "{}", time_zone="Mars/Olympus")
    assert (error.line, error.field) == (None, "time_zone")
    with pytest.raises(AgendaError) as caught:
        read_agenda(tmp_path / "missing.json", time_zone="America/Chicago")
    assert caught.value.line is None and "cannot be read" in caught.value.message
    assert str(caught.value).startswith(f"{tmp_path / 'missing.json'}: cannot be read")


def test_the_error_reads_source_line_field_message_on_one_line() -> None:
    error = AgendaError("schedule.json", 12, "schedule.conference", "is missing:\nsee the docs")
    assert str(error) == "schedule.json:12: schedule.conference: is missing: see the docs"
    assert str(AgendaError("a.json", None, "", "is empty")) == "a.json: is empty"


# Malformed sources ----------------------------------------------------------------------------


def test_truncated_json(tmp_path: Path) -> None:
    text = (FIXTURES / "schedule.json").read_text(encoding="utf-8")
    cut = text.index('"duration": "01:30"')
    error = refused(tmp_path, text[:cut])
    assert error.line == line_of(text, '"duration": "01:30"')
    assert error.field == "schedule.conference.days.0.rooms.Lab 1.0"
    assert "cut short" in error.message


def test_a_number_where_a_duration_string_belongs(tmp_path: Path) -> None:
    text = (FIXTURES / "schedule.json").read_text(encoding="utf-8")
    broken = text.replace('"duration": "01:30"', '"duration": 90')
    error = refused(tmp_path, broken)
    assert error.line == line_of(text, '"duration": "01:30"')
    assert error.field == "schedule.conference.days.0.rooms.Lab 1.0.duration"
    assert error.message == 'is a number (90), where the format has text, such as "00:30"'


def test_rooms_as_a_list(tmp_path: Path) -> None:
    raw = json.loads((FIXTURES / "schedule.json").read_text(encoding="utf-8"))
    day = raw["schedule"]["conference"]["days"][1]
    day["rooms"] = list(day["rooms"].values())
    text = json.dumps(raw, indent=2)
    error = refused(tmp_path, text)
    assert error.field == "schedule.conference.days.1.rooms"
    second_day = text.index('"index": 2')
    assert error.line == text.count("\n", 0, text.index('"rooms": [', second_day)) + 1
    assert error.message == "is a list, where the format has an object from room name to its events"


def test_a_missing_conference(tmp_path: Path) -> None:
    text = (
        '{\n  "schedule": {\n    "version": "1.0",\n    "base_url": "https://x.example"\n  }\n}\n'
    )
    error = refused(tmp_path, text)
    assert (error.line, error.field) == (2, "schedule.conference")
    assert error.message.startswith("is missing")


def test_a_duplicated_key_is_found_on_its_line(tmp_path: Path) -> None:
    text = (FIXTURES / "schedule.json").read_text(encoding="utf-8")
    needle = '"title": "Hands-on Lab: Streaming Pipelines in 90 Minutes",'
    broken = text.replace(needle, needle + '\n                "title": "Another title",')
    error = refused(tmp_path, broken)
    assert error.line == line_of(text, needle) + 1
    assert error.field == "schedule.conference.days.0.rooms.Lab 1.0.title"
    assert f"first on line {line_of(text, needle)}" in error.message


@pytest.mark.parametrize(
    ("xml", "line", "field", "words"),
    [
        (
            "<?xml version='1.0'?>\n<rss version='2.0'><channel/></rss>\n",
            2,
            "rss",
            "root element is <rss>",
        ),
        ("<schedule>\n  <version>1</version>\n</schedule>\n", 1, "schedule.conference", "missing"),
        ("<schedule>\n  <conference>\n", 3, "schedule.conference", "cut short"),
        (
            "<schedule>\n<conference/>\n<day index='x'/></schedule>",
            3,
            "schedule.day.index",
            "day number",
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
            ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;">\n]>\n<schedule>&lol2;</schedule>\n',
            2,
            "",
            "document type declaration",
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE s SYSTEM "file:///etc/passwd">\n<schedule/>\n',
            2,
            "",
            "document type declaration",
        ),
        ("<schedule>&xxe;</schedule>", 1, "schedule", "undefined entity"),
    ],
)
def test_xml_that_is_not_the_schedule_format(
    tmp_path: Path, xml: str, line: int, field: str, words: str
) -> None:
    error = refused(tmp_path, xml, name="schedule.xml")
    assert (error.line, error.field) == (line, field)
    assert words in error.message


def test_an_xml_event_with_a_bad_duration_is_found_on_its_line(tmp_path: Path) -> None:
    text = (FIXTURES / "schedule.xml").read_text(encoding="utf-8")
    broken = text.replace("<duration>01:30</duration>", "<duration>ninety</duration>")
    error = refused(tmp_path, broken, name="schedule.xml")
    assert error.line == line_of(text, "<duration>01:30</duration>")
    assert error.field == "schedule.day.room.event.duration"
    assert "'ninety' is not a duration" in error.message


SPEAKER = '"speakers": [\n        "3f1c9a7e'
STARTS = '"startsAt": "2027-02-09T09:00:00"'
ENDS = '"endsAt": "2027-02-09T09:45:00"'
ITEMS = '"categoryItems": [\n        71001'


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (SPEAKER, SPEAKER[:-8] + "00000000", "sessions.0.speakers.0", "not a speaker's id"),
        (
            '"roomId": 40101',
            '"roomId": 99',
            "sessions.0.roomId",
            "is '99', which is not in `rooms`",
        ),
        (STARTS, '"startsAt": "9am"', "sessions.0.startsAt", "'9am' is not a date and time"),
        (ENDS, ENDS.replace("09:45", "08:45"), "sessions.0.endsAt", "is before startsAt"),
        (ITEMS, ITEMS.replace("71001", "true"), "sessions.0.categoryItems.0", "is true, where"),
        ('"sessions": [', '"sessions": "none", "x": [', "sessions", "is text ('none'), where"),
    ],
)
def test_malformed_sessionize(tmp_path: Path, old: str, new: str, field: str, words: str) -> None:
    text = (FIXTURES / "sessionize.json").read_text(encoding="utf-8")
    error = refused(tmp_path, text.replace(old, new, 1), sessionize=MAPPING)
    assert error.field == field
    assert error.line == line_of(text, old) + old.count("\n")
    assert words in error.message


def test_not_utf8_and_nesting_too_deep(tmp_path: Path) -> None:
    error = refused(tmp_path, b'{\n"schedule":\n "caf\xe9"}')
    assert (error.line, error.message) == (3, "is not UTF-8 text")
    error = refused(tmp_path, "[" * 10_000)
    assert error.line == 1 and "nested more than" in error.message


FIXTURE_NAMES = [
    "schedule.json",
    "schedule-changed.json",
    "schedule.xml",
    "sessionize.json",
    "sessionize-changed.json",
    "pretalx-widget.json",
]


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_truncation_parses_or_is_refused(tmp_path: Path, name: str) -> None:
    data = (FIXTURES / name).read_bytes()
    path = tmp_path / name
    offsets = sorted(
        {*range(0, len(data), max(1, len(data) // 150)), *range(len(data) - 40, len(data))}
    )
    for offset in offsets:
        path.write_bytes(data[:offset])
        try:
            read_agenda(path, time_zone="America/Chicago", sessionize=MAPPING)
        except AgendaError as error:
            assert error.source == str(path) and error.message


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_mangled_byte_parses_or_is_refused(tmp_path: Path, name: str) -> None:
    data = (FIXTURES / name).read_bytes()
    path = tmp_path / name
    replacements = [b'"', b"{", b"]", b"0", b":", b"<", b"&", b"\xff", b" ", b"null"]
    for number, offset in enumerate(range(0, len(data), max(1, len(data) // 120))):
        path.write_bytes(
            data[:offset] + replacements[number % len(replacements)] + data[offset + 1 :]
        )
        try:
            read_agenda(path, time_zone="America/Chicago", sessionize=MAPPING)
        except AgendaError as error:
            assert error.source == str(path) and error.message


# Times, keys and durations ------------------------------------------------------------------


def test_old_frab_xml_without_dates_reads_start_on_the_day(tmp_path: Path) -> None:
    xml = """<schedule><conference><title>Old</title><acronym>old</acronym></conference>
<day index="1" date="2027-02-09" start="2027-02-09T04:00:00-06:00">
 <room name="Hall"><event id="7"><start>23:30</start><duration>00:30</duration>
  <title>Late</title><persons><person id="1">Kim Lee</person></persons></event>
 <event id="8"><start>01:00</start><duration>00:30</duration><title>Later</title></event></room>
</day></schedule>"""
    path = tmp_path / "old.xml"
    path.write_text(xml, encoding="utf-8")
    late, later = read_agenda(path, time_zone="America/Chicago").sessions
    assert (late.key, late.day, late.start) == (
        "7",
        1,
        dt.datetime(2027, 2, 9, 23, 30, tzinfo=CHICAGO),
    )
    assert (later.key, later.day, later.start) == (
        "8",
        1,
        dt.datetime(2027, 2, 10, 1, tzinfo=CHICAGO),
    )
    assert late.speakers == ("Kim Lee",) and late.room == "Hall" and late.url is None


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"code": "CODE1", "url": "https://x.example/e/talk/URL1/", "guid": "g", "id": 1}, "CODE1"),
        ({"url": "http://x.example/e/talk/URL1/", "guid": "g", "id": 1, "slug": "s"}, "URL1"),
        ({"url": "https://x.example/e/sessions/9", "guid": "g", "id": 1, "slug": "s"}, "g"),
        ({"id": 1, "slug": "e-1-a-title"}, "1"),
        ({"slug": "e-1-a-title"}, "e-1-a-title"),
    ],
)
def test_the_key_is_the_code_else_the_guid_else_the_id(
    tmp_path: Path, fields: dict[str, object], key: str
) -> None:
    event = {"date": "2027-02-09T09:00:00-06:00", "duration": "00:30", "title": "T", **fields}
    day = {"index": 1, "date": "2027-02-09", "rooms": {"Hall": [event]}}
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps({"schedule": {"conference": {"days": [day]}}}), encoding="utf-8")
    assert [s.key for s in read_agenda(path, time_zone="America/Chicago").sessions] == [key]


def test_a_talk_scheduled_twice_gets_a_key_per_slot(tmp_path: Path) -> None:
    raw = json.loads((FIXTURES / "schedule.json").read_text(encoding="utf-8"))
    rooms = raw["schedule"]["conference"]["days"][1]["rooms"]
    repeat = dict(rooms["Grand Ballroom"][0], date="2027-02-10T14:00:00-06:00", start="14:00")
    rooms["Grand Ballroom"].append(repeat)
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    keys = [s.key for s in read_agenda(path, time_zone="America/Chicago").sessions]
    assert keys.count("PRTNR5") == 1 and keys.count("PRTNR5#2") == 1
    assert keys.index("PRTNR5") < keys.index("PRTNR5#2")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("00:30", 30),
        ("01:30", 90),
        ("0:05", 5),
        ("26:00", 1560),
        ("1:02:00", 1560),
        ("0:00:45", 45),
        ("2:00:00", 2880),
        ("PT30M", 30),
        ("PT1H30M", 90),
        ("P1DT2H", 1560),
        ("PT90M", 90),
        ("PT2H", 120),
        ("P1D", 1440),
        ("PT1800S", 30),
        ("pt45m", 45),
        (" 00:45 ", 45),
    ],
)
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    "text",
    [
        *("", "30", "00:60", "1:24:00", "1:2:0", "PT", "P", "P1DT", "PT30", "PT1M30S", "P1Y"),
        *("P1W", "-00:30", "00:30:00:00", "１:30", "10m", "PT1.5H"),
    ],
)
def test_what_is_no_duration(text: str) -> None:
    with pytest.raises(ValueError, match=r"duration|minutes|hour"):
        parse_duration(text)
