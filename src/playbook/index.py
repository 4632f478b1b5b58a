"""The lookups pages need, computed once per build in one pass over the playbook.

No page scans the whole playbook on its own: "which sessions serve this persona" is a dictionary
lookup here, so the cost of the site grows linearly with the data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from playbook.ab_tests import Outcome, outcomes, readable
from playbook.models.messaging import Snippet
from playbook.models.org import Channel
from playbook.models.persona import Persona, PersonaJob
from playbook.models.playbook import Playbook
from playbook.models.program import FunnelStage, Kpi, Offer, Session, Track

if TYPE_CHECKING:
    from playbook.results.figures import ResultFigures

Role = Literal["primary", "secondary"]


@dataclass(frozen=True)
class Service:
    """A session as it serves one persona: the persona's role in it and its call to action."""

    program: str
    session: Session
    persona: str
    role: Role
    cta: str
    angle: str | None


@dataclass(frozen=True)
class Job:
    """A persona's job to be done, with its persona and its number among the persona's jobs."""

    persona: Persona
    job: PersonaJob
    number: int


@dataclass(frozen=True)
class Target:
    """A KPI as it applies to one persona."""

    stage: FunnelStage
    kpi: Kpi
    target: str | None


@dataclass(frozen=True)
class TrackSessions:
    """A track with its sessions, in agenda order, and the personas they serve."""

    track: Track
    sessions: tuple[Session, ...]
    personas: tuple[str, ...]
    """The persona ids its sessions serve, in the playbook's persona order."""


@dataclass(frozen=True)
class SnippetMeasure:
    """A snippet's length against its channel's limits."""

    body_length: int
    body_limit: int | None
    subject_length: int | None
    subject_limit: int | None

    @property
    def over_limit(self) -> bool:
        """Whether the body or the subject is longer than the channel allows."""
        body = self.body_limit is not None and self.body_length > self.body_limit
        subject = (
            self.subject_limit is not None
            and self.subject_length is not None
            and self.subject_length > self.subject_limit
        )
        return body or subject


class Index:
    """Derived lookups over a valid playbook."""

    def __init__(self, playbook: Playbook) -> None:
        self.playbook = playbook
        self._services: dict[str, list[Service]] = defaultdict(list)
        self._sessions_by_cluster: dict[str, list[tuple[str, Session]]] = defaultdict(list)
        self._jobs_by_cluster: dict[str, list[Job]] = defaultdict(list)
        self._snippets: dict[str, list[Snippet]] = defaultdict(list)
        self._tracks: dict[str, list[TrackSessions]] = {}
        self._served: dict[str, set[str]] = defaultdict(set)
        self._track_counts: dict[tuple[str, str, str], int] = defaultdict(int)

        for program_id, sessions in playbook.sessions.items():
            by_track: dict[str, list[Session]] = defaultdict(list)
            for session in sessions:
                by_track[session.track].append(session)
                for cluster in session.clusters:
                    self._sessions_by_cluster[cluster].append((program_id, session))
                for role in ("primary", "secondary"):
                    for persona in getattr(session.personas, role):
                        self._services[persona].append(
                            Service(
                                program_id,
                                session,
                                persona,
                                role,
                                session.cta[persona],
                                session.angles.get(persona),
                            )
                        )
                        self._served[program_id].add(persona)
                        self._track_counts[program_id, session.track, persona] += 1
            program = playbook.programs[program_id]
            self._tracks[program_id] = [
                _track_sessions(track, by_track[track.id], playbook)
                for track in program.tracks
                if by_track[track.id]
            ]
        self._program_personas = {pid: set(self.program_personas(pid)) for pid in playbook.programs}
        for persona in playbook.personas.values():
            for number, job in enumerate(persona.jtbd, start=1):
                self._jobs_by_cluster[job.cluster].append(Job(persona, job, number))
        self._snippet_counts: dict[tuple[str, str], int] = defaultdict(int)
        for snippet in playbook.snippets:
            self._snippets[snippet.persona].append(snippet)
            self._snippet_counts[(snippet.persona, snippet.channel)] += 1
        self._test_outcomes = outcomes(playbook)

    @cached_property
    def results(self) -> ResultFigures:
        """The programs' results against their targets, worked out on first use."""
        # Imported here: the figures are worked out from this index.
        from playbook.results.figures import ResultFigures

        return ResultFigures(self.playbook, self)

    def services(self, persona: str, program: str | None = None) -> list[Service]:
        """The sessions that serve `persona`, primary ones first, in agenda order."""
        services = [s for s in self._services[persona] if program in (None, s.program)]
        return sorted(services, key=lambda s: (s.role != "primary", _agenda_order(s.session)))

    def tracks(self, program: str) -> list[TrackSessions]:
        """The program's tracks that have sessions, each with its sessions in agenda order."""
        return self._tracks.get(program, [])

    def personas_served(self, sessions: Iterable[Session]) -> tuple[str, ...]:
        """The persona ids `sessions` serve, in the playbook's persona order."""
        return _served_by(sessions, self.playbook)

    def track_count(self, program: str, track: str, persona: str) -> int:
        """How many sessions of the program's `track` serve `persona`."""
        return self._track_counts.get((program, track, persona), 0)

    def sessions_for_cluster(self, cluster: str) -> list[tuple[str, Session]]:
        """(program, session) for each session that serves `cluster`."""
        return self._sessions_by_cluster[cluster]

    def jobs_in_cluster(self, cluster: str) -> list[Job]:
        """The personas' jobs that belong to `cluster`."""
        return self._jobs_by_cluster[cluster]

    def snippets(self, persona: str) -> list[Snippet]:
        """The persona's snippets, in file order."""
        return self._snippets[persona]

    def snippets_by_channel(self, persona: str) -> list[tuple[Channel, list[Snippet]]]:
        """The persona's snippets grouped by channel, channels in channels.yml order."""
        by_channel: dict[str, list[Snippet]] = defaultdict(list)
        for snippet in self._snippets[persona]:
            by_channel[snippet.channel].append(snippet)
        return [
            (channel, by_channel[channel_id])
            for channel_id, channel in self.playbook.channels.items()
            if by_channel[channel_id]
        ]

    def snippet_count(self, persona: str, channel: str) -> int:
        """How many snippets the persona has on the channel."""
        return self._snippet_counts.get((persona, channel), 0)

    def measure(self, snippet: Snippet) -> SnippetMeasure:
        """The snippet's length against its channel's limits."""
        channel = self.playbook.channels[snippet.channel]
        return SnippetMeasure(
            body_length=len(snippet.body),
            body_limit=channel.body_limit,
            subject_length=len(snippet.subject) if snippet.subject is not None else None,
            subject_limit=channel.subject.limit if channel.subject else None,
        )

    def test_outcome(self, test: str) -> Outcome | None:
        """What the results of A/B test `test` say, if it has results."""
        return self._test_outcomes.get(test)

    def test_name(self, test: str) -> str:
        """A/B test `test` in words: the name its results give, else its id made readable."""
        outcome = self._test_outcomes.get(test)
        return outcome.name if outcome else readable(test)

    def targets(self, program: str, persona: str) -> list[Target]:
        """The program's KPIs that apply to `persona`, with its target, by funnel stage."""
        kpis = self.playbook.kpis.get(program)
        if kpis is None:
            return []
        stages = {stage.id: stage for stage in kpis.stages}
        return [
            Target(stages[kpi.stage], kpi, kpi.by_persona.get(persona, kpi.target))
            for kpi in kpis.kpis
            if not kpi.personas or persona in kpi.personas
        ]

    def offers(self, program: str, persona: str) -> list[Offer]:
        """The program's offers open to `persona`."""
        return [
            offer
            for offer in self.playbook.programs[program].offers
            if not offer.personas or persona in offer.personas
        ]

    def program_personas(self, program: str) -> list[str]:
        """The personas a program is for: its audiences (or everyone, if it names none), and
        anyone its sessions serve, in the playbook's persona order."""
        audiences = {audience.persona for audience in self.playbook.programs[program].audiences}
        wanted = (audiences or set(self.playbook.personas)) | self._served[program]
        return [pid for pid in self.playbook.personas if pid in wanted]

    def programs_for(self, persona: str) -> list[str]:
        """The programs that are for `persona` (see `program_personas`), in the order readers
        want them: the featured program first, then the latest first."""
        programs = self.playbook.programs
        featured = self.playbook.featured_program
        return sorted(
            (pid for pid in programs if persona in self._program_personas[pid]),
            key=lambda pid: (pid != featured, -programs[pid].event.start_date.toordinal()),
        )

    def current(self, program: str, today: dt.date) -> bool:
        """Whether a program is still to come or under way by `today`, or is the featured one
        whatever its dates: what one-pagers and personas' agendas are about."""
        ended = self.playbook.programs[program].event.end_date < today
        return program == self.playbook.featured_program or not ended

    def current_programs_for(self, persona: str, today: dt.date) -> list[str]:
        """The `current` programs for `persona`, featured first."""
        return [pid for pid in self.programs_for(persona) if self.current(pid, today)]

    def unserved_personas(self, program: str) -> list[Persona]:
        """Personas the program is for that none of its sessions serves."""
        served = self._served[program]
        return [
            self.playbook.personas[pid]
            for pid in self._program_personas[program]
            if pid not in served
        ]

    def sessions_serving_nobody(self, program: str) -> list[Session]:
        """Sessions of the program that serve no persona."""
        return [
            session
            for session in self.playbook.sessions.get(program, ())
            if not session.personas.primary and not session.personas.secondary
        ]


def _track_sessions(track: Track, sessions: list[Session], playbook: Playbook) -> TrackSessions:
    return TrackSessions(
        track, tuple(sorted(sessions, key=_agenda_order)), _served_by(sessions, playbook)
    )


def _served_by(sessions: Iterable[Session], playbook: Playbook) -> tuple[str, ...]:
    served = {
        persona
        for session in sessions
        for persona in (*session.personas.primary, *session.personas.secondary)
    }
    return tuple(persona for persona in playbook.personas if persona in served)


def _agenda_order(session: Session) -> tuple[int, str, str]:
    return (session.day or 99, session.start or "99:99", session.title.lower())
