"""The iCalendar downloads (RFC 5545): a program's phases and milestones, a persona's sessions.

Text from the data reaches a calendar through `ical_text`, the one escaping function for
iCalendar text values (backslash, semicolon, comma and line breaks escaped), and every line
through `content_line`, which folds it at 75 octets without splitting a character. Parameter
values and names written here are ids, dates and IANA zone names, which need no escaping.

Phases and milestones are all-day events (dates from weeks around the event). Sessions are
timed events in their program's time zone: `DTSTART;TZID=America/Chicago:…` with a VTIMEZONE of
the same IANA name, its transitions computed from the zone database for the years the sessions
fall in, so a calendar app that knows the name uses its own rules and one that does not uses
ours. A session without a day or a start time, and a cancelled one, is left out.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable

from playbook.dates import phase_span, session_date, week_start
from playbook.models.org import Role
from playbook.models.playbook import Playbook
from playbook.models.program import Event, Session

LINE_OCTETS = 75
"""The longest content line, in octets, without its CRLF (RFC 5545, 3.1)."""
PRODID = "-//Persona Playbook//playbook {version}//EN"


def ical_text(value: str) -> str:
    """`value` as an iCalendar TEXT value: `\\`, `;` and `,` escaped, each line break `\\n`."""
    text = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def content_line(line: str) -> str:
    """`line` folded at 75 octets (a CRLF and a space before each continuation), with its CRLF.

    Folds fall between characters, never inside a character's UTF-8 bytes.
    """
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # the space counts
        current.append(char)
        size += octets
    pieces.append("".join(current))
    return "\r\n ".join(pieces) + "\r\n"


def _stamp(today: dt.date) -> str:
    return f"{today:%Y%m%d}T000000Z"


def _calendar(name: str, version: str, body: list[str], zones: Iterable[str] = ()) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:" + PRODID.format(version=version),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + ical_text(name),
    ]
    for zone in zones:
        lines += zone.split("\n")
    lines += [*body, "END:VCALENDAR"]
    return "".join(content_line(line) for line in lines).encode("utf-8")


def _all_day(uid: str, first: dt.date, last: dt.date, summary: str, description: str,
             today: dt.date) -> list[str]:  # fmt: skip
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_stamp(today)}",
        f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
        f"DTEND;VALUE=DATE:{last + dt.timedelta(days=1):%Y%m%d}",
        "SUMMARY:" + ical_text(summary),
        "DESCRIPTION:" + ical_text(description),
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def has_milestones(playbook: Playbook, program_id: str) -> bool:
    """Whether a program's timeline has a phase or a milestone to put in a calendar."""
    timeline = playbook.timelines.get(program_id)
    return timeline is not None and bool(timeline.phases or timeline.milestones)


def milestones_ics(playbook: Playbook, program_id: str, today: dt.date, version: str) -> bytes:
    """A program's phases and milestones as all-day events (see `has_milestones`)."""
    program = playbook.programs[program_id]
    timeline = playbook.timelines[program_id]
    event = program.event
    roles = playbook.roles
    body: list[str] = []
    for phase in timeline.phases:
        first, last = phase_span(event, phase)
        lines = [f"Phase of {program.name}, led by {_role(roles, phase.owner)}."]
        if phase.activities:
            lines += ["", "Activities:", *(f"- {item}" for item in phase.activities)]
        if phase.deliverables:
            lines += ["", "Deliverables:", *(f"- {item}" for item in phase.deliverables)]
        uid = f"phase-{phase.id}.{program_id}@persona-playbook"
        body += _all_day(uid, first, last, phase.name, "\n".join(lines), today)
    for milestone in timeline.milestones:
        day = week_start(event, milestone.week)
        lines = [f"Milestone of {program.name}, owned by {_role(roles, milestone.owner)}."]
        if milestone.deliverables:
            lines += ["", "Deliverables:", *(f"- {item}" for item in milestone.deliverables)]
        uid = f"milestone-{milestone.id}.{program_id}@persona-playbook"
        body += _all_day(uid, day, day, milestone.name, "\n".join(lines), today)
    return _calendar(f"{program.name}: milestones", version, body)


def _role(roles: dict[str, Role], role_id: str) -> str:
    role = roles.get(role_id)
    return role.name if role else role_id


def session_start(event: Event, session: Session) -> dt.datetime | None:
    """When a session starts, in its program's time zone; None without a day or a start time."""
    date = session_date(event, session)
    if date is None or session.start is None:
        return None
    hour, minute = (int(part) for part in session.start.split(":"))
    return dt.datetime.combine(date, dt.time(hour, minute), zoneinfo.ZoneInfo(event.time_zone))


def persona_sessions(playbook: Playbook, persona_id: str) -> list[tuple[str, Session]]:
    """The sessions a persona's calendar holds: those serving it, not cancelled, with a day and
    a start time, as (program id, session), in time order."""
    found = []
    for program_id, sessions in playbook.sessions.items():
        event = playbook.programs[program_id].event
        for session in sessions:
            if session.cancelled or not _serves(session, persona_id):
                continue
            start = session_start(event, session)
            if start is not None:
                found.append((start, program_id, session))
    found.sort(key=lambda item: (item[0], item[1], item[2].id))
    return [(program_id, session) for _, program_id, session in found]


def _serves(session: Session, persona_id: str) -> bool:
    return persona_id in session.personas.primary or persona_id in session.personas.secondary


def timed_personas(playbook: Playbook) -> set[str]:
    """The personas whose calendar holds a session (see `persona_sessions`), found in one pass."""
    found: set[str] = set()
    for program_id, sessions in playbook.sessions.items():
        event = playbook.programs[program_id].event
        for session in sessions:
            served = {*session.personas.primary, *session.personas.secondary} - found
            if served and not session.cancelled and session_start(event, session) is not None:
                found |= served
    return found


def agenda_ics(playbook: Playbook, persona_id: str, today: dt.date, version: str) -> bytes:
    """A persona's sessions as timed events (see `persona_sessions`)."""
    persona = playbook.personas[persona_id]
    chosen = persona_sessions(playbook, persona_id)
    body: list[str] = []
    years: dict[str, set[int]] = {}
    for program_id, session in chosen:
        program = playbook.programs[program_id]
        event = program.event
        start = session_start(event, session)
        assert start is not None
        years.setdefault(event.time_zone, set()).add(start.year)
        tracks = {track.id: track.name for track in program.tracks}
        role = "built for" if persona_id in session.personas.primary else "also serves"
        track = tracks.get(session.track, session.track)
        lines = [f"{program.name}, {track} ({role} {persona.name})."]
        if session_cta := session.cta.get(persona_id):
            lines.append(f"Call to action: {session_cta}")
        if angle := session.angles.get(persona_id):
            lines.append(f"Why it matters to them: {angle}")
        if session.abstract:
            lines += ["", session.abstract]
        if session.url:
            lines += ["", str(session.url)]
        body += [
            "BEGIN:VEVENT",
            f"UID:session-{session.id}.{program_id}@persona-playbook",
            f"DTSTAMP:{_stamp(today)}",
            f"DTSTART;TZID={event.time_zone}:{start:%Y%m%dT%H%M%S}",
        ]
        if session.duration:
            body.append(f"DURATION:PT{session.duration}M")
        body.append("SUMMARY:" + ical_text(session.title))
        if session.room:
            body.append("LOCATION:" + ical_text(session.room))
        body += ["DESCRIPTION:" + ical_text("\n".join(lines)), "END:VEVENT"]
    zones = [vtimezone(zone, min(found) - 1, max(found) + 1) for zone, found in years.items()]
    return _calendar(f"{persona.name}: sessions", version, body, zones)


def vtimezone(name: str, first_year: int, last_year: int) -> str:
    """The VTIMEZONE of the IANA zone `name` from `first_year` to `last_year` (lines joined by
    newlines): the offset in force at the start, then each transition, found from the zone
    database."""
    zone = zoneinfo.ZoneInfo(name)
    utc = dt.UTC
    start = dt.datetime(first_year, 1, 1, tzinfo=utc)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=utc)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{name}"]

    def offset(moment: dt.datetime) -> dt.timedelta:
        value = moment.astimezone(zone).utcoffset()
        assert value is not None
        return value

    def observance(moment: dt.datetime, before: dt.timedelta) -> None:
        local = moment.astimezone(zone)
        kind = "DAYLIGHT" if local.dst() else "STANDARD"
        onset = (moment + before).replace(tzinfo=None)
        lines.extend(
            [
                f"BEGIN:{kind}",
                f"DTSTART:{onset:%Y%m%dT%H%M%S}",
                f"TZOFFSETFROM:{_offset(before)}",
                f"TZOFFSETTO:{_offset(offset(moment))}",
                f"TZNAME:{local.tzname()}",
                f"END:{kind}",
            ]
        )

    observance(start, offset(start))
    day = dt.timedelta(days=1)
    moment = start
    while moment < end:
        following = moment + day
        if offset(following) != offset(moment):
            low, high = 0, 24 * 60  # minutes after `moment`: the change comes by `high`
            while high - low > 1:
                middle = (low + high) // 2
                changed = offset(moment + dt.timedelta(minutes=middle)) != offset(moment)
                low, high = (low, middle) if changed else (middle, high)
            observance(moment + dt.timedelta(minutes=high), offset(moment))
        moment = following
    lines.append("END:VTIMEZONE")
    return "\n".join(lines)


def _offset(value: dt.timedelta) -> str:
    minutes = int(value.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{minutes:02d}"
