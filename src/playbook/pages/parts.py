"""Long lists in parts: a program's sessions and a persona's snippets, `PART_SIZE` a page.

A page weighs the same however much a program or a persona holds. `Places` says which page
shows each session and snippet, and where each track and channel starts, so every link goes to
the part that shows its target.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from playbook.index import Index
from playbook.models.messaging import Snippet
from playbook.models.org import Channel
from playbook.models.playbook import Playbook
from playbook.models.program import Session, Track
from playbook.pages import urls

PART_SIZE = 50
"""The most sessions or snippets one page shows; longer lists are split into parts."""

Group = TypeVar("Group")
Item = TypeVar("Item")


@dataclass(frozen=True)
class Part(Generic[Group, Item]):
    """One page's share of a long list: consecutive items, still grouped as in the list."""

    number: int
    """1 for the first part."""
    path: str
    groups: list[tuple[Group, list[Item]]]
    first: int
    """The list position of its first item, counting from 1."""
    last: int
    continued: bool
    """Whether its first group began in the part before."""


def split(
    groups: list[tuple[Group, list[Item]]], size: int = PART_SIZE
) -> list[list[tuple[Group, list[Item]]]]:
    """`groups` of items cut into parts of at most `size` items; a group may straddle two."""
    parts: list[list[tuple[Group, list[Item]]]] = [[]]
    room = size
    for group, items in groups:
        start = 0
        while start < len(items):
            if room == 0:
                parts.append([])
                room = size
            taken = items[start : start + room]
            parts[-1].append((group, taken))
            start += len(taken)
            room -= len(taken)
    return parts if parts[0] else []


def _parts(
    groups: list[tuple[Group, list[Item]]], path_of: Callable[[int], str]
) -> list[Part[Group, Item]]:
    parts: list[Part[Group, Item]] = []
    first = 1
    for number, part in enumerate(split(groups), start=1):
        count = sum(len(items) for _, items in part)
        continued = bool(parts) and parts[-1].groups[-1][0] is part[0][0]
        parts.append(Part(number, path_of(number), part, first, first + count - 1, continued))
        first += count
    return parts


def _session_parts(index: Index, program: str) -> list[Part[Track, Session]]:
    groups = [(group.track, list(group.sessions)) for group in index.tracks(program)]
    whole = sum(len(sessions) for _, sessions in groups) <= PART_SIZE
    # A program whose sessions fit one page shows them on its session map.
    return _parts(groups, lambda n: urls.sessions(program, None if whole else n))


def _snippet_parts(index: Index, persona: str) -> list[Part[Channel, Snippet]]:
    return _parts(index.snippets_by_channel(persona), lambda n: urls.messaging(persona, n))


@dataclass(frozen=True)
class Places:
    """The parts of each long list, which page shows each session and snippet, and where a
    track or a channel starts."""

    agendas: dict[str, list[Part[Track, Session]]]
    """Each program's sessions, track by track, in parts; one part shows on the map itself."""
    libraries: dict[str, list[Part[Channel, Snippet]]]
    """Each persona's snippets, channel by channel, in parts; the first is its messaging page."""
    sessions: dict[tuple[str, str], str]
    tracks: dict[tuple[str, str], str]
    snippets: dict[str, str]
    channels: dict[tuple[str, str], str]

    def session(self, program: str, session: str) -> str:
        """The page showing `session` of `program`."""
        return self.sessions[program, session]

    def track(self, program: str, track: str) -> str:
        """The page where the matrix of the program's `track` starts."""
        return self.tracks[program, track]

    def snippet(self, snippet: str) -> str:
        """The page showing `snippet`."""
        return self.snippets[snippet]

    def channel(self, persona: str, channel: str) -> str:
        """The page where the persona's snippets on `channel` start."""
        return self.channels[persona, channel]


def locate(playbook: Playbook, index: Index) -> Places:
    """Each long list cut into parts, and where each session and snippet shows."""
    agendas = {program: _session_parts(index, program) for program in playbook.programs}
    libraries = {persona: _snippet_parts(index, persona) for persona in playbook.personas}
    sessions: dict[tuple[str, str], str] = {}
    tracks: dict[tuple[str, str], str] = {}
    snippets: dict[str, str] = {}
    channels: dict[tuple[str, str], str] = {}
    for program, agenda in agendas.items():
        for part in agenda:
            for track, items in part.groups:
                tracks.setdefault((program, track.id), part.path)
                sessions.update(((program, session.id), part.path) for session in items)
    for persona, library in libraries.items():
        for shelf in library:
            for channel, snippets_here in shelf.groups:
                channels.setdefault((persona, channel.id), shelf.path)
                snippets.update((snippet.id, shelf.path) for snippet in snippets_here)
    return Places(agendas, libraries, sessions, tracks, snippets, channels)
