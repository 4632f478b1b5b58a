"""A program's agenda by day and time: the agenda page's context, and each persona's "my agenda".

Each day of the event holds its time slots in order; a slot holds the sessions that start at the
same time (the parallel ones), in the program's track order. Sessions without a day come last,
as "Unscheduled"; sessions without a start time come last in their day. Cancelled sessions stay
in the agenda: the pages mark them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from playbook.index import Index, Service
from playbook.models.playbook import Playbook
from playbook.models.program import Event, Session, Track

Item = TypeVar("Item")


@dataclass(frozen=True)
class Slot(Generic[Item]):
    """What starts at one time of one day: its parallel sessions."""

    start: str | None
    """HH:MM; None for sessions with no start time."""
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Day(Generic[Item]):
    """One day of the event, its slots in time order."""

    number: int | None
    """1 for the event's first day; None for the sessions that have no day yet."""
    date: dt.date | None
    slots: tuple[Slot[Item], ...]

    @property
    def count(self) -> int:
        """How many sessions the day holds."""
        return sum(len(slot.items) for slot in self.slots)


@dataclass(frozen=True)
class Agenda:
    """A program's agenda, and the values its filters offer (only those its sessions use)."""

    days: list[Day[Session]]
    tracks: list[Track]
    formats: list[str]
    personas: list[str]
    """The personas the program is for, in the playbook's order."""

    @property
    def count(self) -> int:
        """How many sessions the agenda holds."""
        return sum(day.count for day in self.days)


def by_day(
    items: Iterable[Item],
    session_of: Callable[[Item], Session],
    event: Event,
    tracks: list[Track],
) -> list[Day[Item]]:
    """`items` grouped by day and start time, days and slots in order, each slot's items in
    the order of `tracks` and then by title."""
    track_order = {track.id: number for number, track in enumerate(tracks)}
    grouped: dict[int | None, dict[str | None, list[Item]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        session = session_of(item)
        grouped[session.day][session.start].append(item)

    def in_slot(item: Item) -> tuple[int, str, str]:
        session = session_of(item)
        return (track_order.get(session.track, len(track_order)), session.title.lower(), session.id)

    days = []
    for number in sorted(grouped, key=lambda n: (n is None, n or 0)):
        slots = grouped[number]
        days.append(
            Day(
                number,
                None if number is None else event.start_date + dt.timedelta(days=number - 1),
                tuple(
                    Slot(start, tuple(sorted(slots[start], key=in_slot)))
                    for start in sorted(slots, key=lambda s: (s is None, s or ""))
                ),
            )
        )
    return days


def program_agenda(playbook: Playbook, index: Index, program_id: str) -> Agenda:
    """The program's agenda by day and slot, with what its filters offer."""
    program = playbook.programs[program_id]
    sessions = playbook.sessions.get(program_id, ())
    used_formats = {session.format for session in sessions}
    return Agenda(
        days=by_day(sessions, lambda session: session, program.event, program.tracks),
        tracks=[group.track for group in index.tracks(program_id)],
        formats=sorted(used_formats),
        personas=index.program_personas(program_id),
    )


def persona_agenda(
    playbook: Playbook, index: Index, persona_id: str, today: dt.date
) -> list[tuple[str, list[Day[Service]]]]:
    """For each current program that is for the persona (`Index.current_programs_for`): the
    sessions that serve it, by day and slot."""
    agendas = []
    for program_id in index.current_programs_for(persona_id, today):
        program = playbook.programs[program_id]
        services = index.services(persona_id, program_id)
        agendas.append(
            (program_id, by_day(services, lambda s: s.session, program.event, program.tracks))
        )
    return agendas
