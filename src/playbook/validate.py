"""Validate a data directory into a `Playbook`.

Every file is read and checked against its model, then every reference between files is
checked. All problems are collected; none stops the run, so one run reports everything. A
reference to something whose own file is broken is not reported again: the broken file is.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from playbook.explain import explain
from playbook.layout import (
    CHANNELS,
    CLUSTERS,
    ICP,
    KINDS,
    KPIS,
    ORGANISATION_FILES,
    PERSONA,
    PROGRAM,
    PROGRAM_FILES,
    ROLES,
    SESSIONS,
    SETTINGS,
    SNIPPETS,
    TAGGING,
    TEMPLATES,
    TIMELINE,
    YAML_SUFFIXES,
    Kind,
    kind_of,
)
from playbook.load import Document, read
from playbook.models.common import Id
from playbook.models.messaging import Snippet, SnippetFile
from playbook.models.org import Channels, Clusters, Icp, Roles, Settings, Tagging, Templates
from playbook.models.persona import Persona
from playbook.models.playbook import Playbook, Source
from playbook.models.program import Kpis, Program, Session, SessionFile, Timeline
from playbook.problems import FieldPath, Problem, did_you_mean, display_path, one_of

M = TypeVar("M", bound=BaseModel)

BUYING_STAGE_FIELD = "buying-stage"
"""The tagging field whose values a snippet's `stage` must be one of."""

_ID = TypeAdapter(Id)

RESERVED_IDS = frozenset({"index", "tags", "search", "assets", "health"})
"""Ids a persona or program cannot take. `index` would land on a section's own page; the
others are names the site uses at its root, kept free so pages can move without a clash."""


@dataclass(frozen=True)
class _Loaded(Generic[M]):
    document: Document
    model: M


def validate(data_dir: Path) -> tuple[Playbook | None, list[Problem]]:
    """Read and check every file under `data_dir`: the playbook, or every problem found."""
    with collector_paused():
        run = _Validation(data_dir)
        playbook = run.run()
    return playbook, sorted(set(run.problems))


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a playbook is read and indexed.

    Reading makes millions of small objects and no reference cycles, which the collector would
    otherwise walk over and over: a third of the time at scale.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_file(
    path: Path, kind: Kind, injected_id: str | None = None
) -> tuple[Any, Document | None, list[Problem]]:
    """Read one data file and check it against its model, without looking at other files.

    Returns the model (None if the file has any problem), the document, and the problems.
    `injected_id` is the id a persona or program takes from its file or folder name.
    """
    document, problems = read(path)
    if document is None:
        return None, None, problems
    problems.extend(_schema_line_problems(document, kind))
    data = document.data
    if injected_id is not None and isinstance(data, dict):
        if "id" in data:
            origin = "file" if kind is PERSONA else "folder"
            problems.append(
                document.problem(
                    ("id",),
                    f"remove `id`: a {kind.name}'s id is its {origin} name (`{injected_id}`)",
                    key=True,
                )
            )
        data = {**data, "id": injected_id}
    try:
        model = kind.model.model_validate(data)
    except ValidationError as error:
        return None, document, [*problems, *explain(error, document, kind.model)]
    return (None if problems else model), document, problems


def _schema_line_problems(document: Document, kind: Kind) -> list[Problem]:
    if document.schema is None or PurePosixPath(document.schema).name == kind.schema_file:
        return []
    return [
        Problem(
            document.path,
            1,
            1,
            "",
            f"the first line points editors at `{document.schema}`, but this file holds "
            f"{kind.holds}: point it at `{kind.schema_file}` in the schemas folder",
        )
    ]


class _Validation:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.problems: list[Problem] = []
        self.kinds_seen: set[Kind] = set()
        self.organisation: dict[Kind, _Loaded[Any]] = {}
        self.persona_ids: dict[str, Path] = {}
        self.personas: dict[str, _Loaded[Persona]] = {}
        self.program_ids: dict[str, Path] = {}
        self.programs: dict[str, _Loaded[Program]] = {}
        self.timelines: dict[str, _Loaded[Timeline]] = {}
        self.kpis: dict[str, _Loaded[Kpis]] = {}
        self.session_files: dict[str, list[_Loaded[SessionFile]]] = {}
        self.snippet_files: list[_Loaded[SnippetFile]] = []
        self.program_tracks: dict[str, set[str] | None] = {}
        """Track ids by program; None where program.yml is broken or missing."""

    # Reading -------------------------------------------------------------------------------

    def run(self) -> Playbook | None:
        if not self.data_dir.is_dir():
            self.problems.append(
                Problem(
                    self.data_dir,
                    1,
                    1,
                    "",
                    "is not a folder; give the folder that holds playbook.yml, personas/ and "
                    "programs/ (usually `data`)",
                )
            )
            return None
        for path in self._data_files():
            self._take(path)
        self._check_required()
        self._check_organisation()
        self._check_personas()
        for program_id in self.program_ids:
            self._check_program(program_id)
        self._check_sessions()
        self._check_snippets()
        if self.problems:
            return None
        return self._assemble()

    def _data_files(self) -> list[Path]:
        files = []
        for root, folders, names in os.walk(self.data_dir):  # linked folders are not entered
            folders[:] = sorted(folder for folder in folders if not folder.startswith("."))
            entries = [Path(root, folder) for folder in folders] + [
                Path(root, name)
                for name in sorted(names)
                if not name.startswith(".") and Path(name).suffix.lower() in YAML_SUFFIXES
            ]
            for path in entries:
                if path.is_symlink():
                    self.problems.append(
                        Problem(
                            path,
                            1,
                            1,
                            "",
                            "is a symbolic link; data must be real files inside the data "
                            "folder: replace the link with the file itself",
                        )
                    )
                elif path.is_file():
                    files.append(path)
        return sorted(files)

    def _take(self, path: Path) -> None:
        relative = PurePosixPath(path.relative_to(self.data_dir).as_posix())
        kind = kind_of(relative)
        if kind is None:
            self._misplaced(path, relative)
            return
        self.kinds_seen.add(kind)
        if kind is PERSONA:
            persona_id = self._id_from_name(
                path, relative.stem, "file", "persona", self.persona_ids
            )
            if persona_id is not None and (persona := self._load(path, kind, persona_id)):
                self.personas[persona_id] = persona
            return
        if kind is SNIPPETS:
            if snippets := self._load(path, kind):
                self.snippet_files.append(snippets)
            return
        if kind in (PROGRAM, TIMELINE, KPIS, SESSIONS):
            self._take_program_file(path, relative, kind)
            return
        if loaded := self._load(path, kind):
            self.organisation[kind] = loaded

    def _take_program_file(self, path: Path, relative: PurePosixPath, kind: Kind) -> None:
        folder = path.parent.parent if kind is SESSIONS else path.parent
        program_id = relative.parts[1]
        if program_id not in self.program_ids:
            if self._id_from_name(folder, program_id, "folder", "program", {}) is None:
                return
            self.program_ids[program_id] = folder
        if kind is SESSIONS:
            if sessions := self._load(path, kind):
                self.session_files.setdefault(program_id, []).append(sessions)
            return
        loaded = self._load(path, kind, program_id if kind is PROGRAM else None)
        if loaded is None:
            return
        if kind is PROGRAM:
            self.programs[program_id] = loaded
        elif kind is TIMELINE:
            self.timelines[program_id] = loaded
        else:
            self.kpis[program_id] = loaded

    def _id_from_name(
        self, path: Path, name: str, what: str, kind: str, seen: dict[str, Path]
    ) -> str | None:
        try:
            _ID.validate_python(name)
        except ValidationError as error:
            reason = error.errors()[0]["msg"]
            self.problems.append(
                Problem(
                    path,
                    1,
                    1,
                    "",
                    f"the {what} name is the {kind}'s id, and {reason}: rename the {what}",
                )
            )
            return None
        if name in RESERVED_IDS:
            self.problems.append(
                Problem(
                    path,
                    1,
                    1,
                    "",
                    f"`{name}` is a name the site uses for its own pages; rename the {what} "
                    f"(e.g. `{name}-{kind}`)",
                )
            )
            return None
        if name in seen:
            self.problems.append(
                Problem(
                    path,
                    1,
                    1,
                    "",
                    f"`{display_path(seen[name])}` already defines the {kind} `{name}`; "
                    "keep one of the two files",
                )
            )
            return None
        seen[name] = path
        return name

    def _load(self, path: Path, kind: Kind, injected_id: str | None = None) -> _Loaded[Any] | None:
        model, document, problems = check_file(path, kind, injected_id)
        self.problems.extend(problems)
        if model is None or document is None:
            return None
        return _Loaded(document, model)

    def _misplaced(self, path: Path, relative: PurePosixPath) -> None:
        parts = relative.parts
        folders = ("personas", "messaging", "programs")
        guess: str | None = None
        if len(parts) == 1:
            guess = did_you_mean(f"{relative.stem}.yml", ORGANISATION_FILES)
            guess = guess or did_you_mean(relative.stem, folders)
            if guess in folders:
                guess = f"{guess}/…"
        elif parts[0] not in folders:
            folder = did_you_mean(parts[0], folders)
            guess = f"{folder}/{'/'.join(parts[1:])}" if folder else None
        elif parts[0] == "programs" and len(parts) == 3:
            name = did_you_mean(parts[2], list(PROGRAM_FILES))
            guess = f"programs/{parts[1]}/{name}" if name else None
        elif parts[0] == "programs" and len(parts) == 4:
            guess = f"programs/{parts[1]}/sessions/{parts[3]}"
        hint = f"; did you mean `{guess}`?" if guess else ""
        places = ", ".join(f"`{kind.pattern}`" for kind in KINDS)
        self.problems.append(
            Problem(
                path,
                1,
                1,
                "",
                f"is not a place the playbook reads data from{hint} Data files live at: {places}",
            )
        )

    # Checks --------------------------------------------------------------------------------

    def _report(self, document: Document, path: FieldPath, message: str) -> None:
        self.problems.append(document.problem(path, message))

    def _ref(
        self,
        document: Document,
        path: FieldPath,
        value: str,
        known: Collection[str] | None,
        what: str,
        where: str,
    ) -> None:
        """Report `value` unless it is one of `known` (None: unknown because its file is broken)."""
        if known is None or value in known:
            return
        suggestion = did_you_mean(value, known)
        if suggestion:
            hint = f"did you mean `{suggestion}`?"
        elif known:
            hint = f"the {what}s in {where} are {one_of(sorted(known))}"
        else:
            hint = f"{where} defines none yet"
        self._report(document, path, f"there is no {what} `{value}`; {hint}")

    def _unique(
        self,
        document: Document,
        items: Iterable[Any],
        path: FieldPath,
        what: str,
        seen: dict[str, tuple[Document, FieldPath]] | None = None,
        attribute: str = "id",
    ) -> None:
        """Report every item whose `attribute` repeats an earlier one's (in `seen`, if given)."""
        seen = {} if seen is None else seen
        for index, item in enumerate(items):
            value = getattr(item, attribute)
            here = (*path, index, attribute)
            if value in seen:
                first_document, first_path = seen[value]
                line = first_document.mark(first_path).line
                where = (
                    f"line {line}"
                    if first_document.path == document.path
                    else f"{display_path(first_document.path)}:{line}"
                )
                self._report(
                    document,
                    here,
                    f"the {what} `{value}` is already used on {where}; "
                    "each must be unique: rename one",
                )
            else:
                seen[value] = (document, here)

    def _ids(self, kind: Kind, attribute: str) -> set[str] | None:
        """The ids `kind`'s file defines; None when the file is missing or broken (reported
        once on its own, so references to it are not checked against a guess)."""
        loaded = self.organisation.get(kind)
        if loaded is None:
            return None
        return {item.id for item in getattr(loaded.model, attribute)}

    @property
    def role_ids(self) -> set[str] | None:
        return self._ids(ROLES, "roles")

    @property
    def cluster_ids(self) -> set[str] | None:
        return self._ids(CLUSTERS, "clusters")

    @property
    def channel_ids(self) -> set[str] | None:
        return self._ids(CHANNELS, "channels")

    def _check_required(self) -> None:
        for kind in KINDS:
            if kind.required and kind not in self.kinds_seen:
                self.problems.append(
                    Problem(
                        self.data_dir / kind.pattern,
                        1,
                        1,
                        "",
                        f"is missing: it holds {kind.holds}; create it (its JSON Schema, "
                        f"schemas/{kind.schema_file}, lists what goes in it)",
                    )
                )
        if not self.persona_ids:
            self.problems.append(
                Problem(
                    self.data_dir / "personas",
                    1,
                    1,
                    "",
                    "holds no personas; add one as personas/<persona-id>.yml",
                )
            )
        for program_id, folder in self.program_ids.items():
            if not (folder / "program.yml").is_file():
                self.problems.append(
                    Problem(
                        folder / "program.yml",
                        1,
                        1,
                        "",
                        f"is missing: every program folder needs a program.yml describing "
                        f"its event (program `{program_id}`)",
                    )
                )

    def _check_organisation(self) -> None:
        roles = self.organisation.get(ROLES)
        if roles:
            self._check_roles(roles)
        for kind, attribute, what in (
            (CHANNELS, "channels", "channel id"),
            (CLUSTERS, "clusters", "cluster id"),
        ):
            if loaded := self.organisation.get(kind):
                self._unique(loaded.document, getattr(loaded.model, attribute), (attribute,), what)
        if tagging := self.organisation.get(TAGGING):
            self._check_tagging(tagging)
        if icp := self.organisation.get(ICP):
            self._check_icp(icp)
        if templates := self.organisation.get(TEMPLATES):
            self._check_templates(templates)
        if settings := self.organisation.get(SETTINGS):
            model: Settings = settings.model
            if model.featured_program is not None:
                self._ref(
                    settings.document,
                    ("featured_program",),
                    model.featured_program,
                    self.program_ids,
                    "program",
                    "programs/",
                )

    def _check_roles(self, loaded: _Loaded[Roles]) -> None:
        document, roles = loaded.document, loaded.model
        self._unique(document, roles.roles, ("roles",), "role id")
        known = {role.id for role in roles.roles}
        for index, row in enumerate(roles.raci):
            seen: dict[str, str] = {}
            for letter in ("responsible", "accountable", "consulted", "informed"):
                value = getattr(row, letter)
                members = [value] if isinstance(value, str) else value
                for position, role in enumerate(members):
                    path: FieldPath = (
                        ("raci", index, letter)
                        if isinstance(value, str)
                        else ("raci", index, letter, position)
                    )
                    self._ref(document, path, role, known, "role", "roles")
                    if role in seen:
                        self._report(
                            document,
                            path,
                            f"`{role}` is already {seen[role]} for this activity; "
                            "a role takes one letter per row",
                        )
                    seen[role] = letter

    def _check_tagging(self, loaded: _Loaded[Tagging]) -> None:
        document, tagging = loaded.document, loaded.model
        self._unique(document, tagging.fields, ("fields",), "tagging field id")
        for index, tag_field in enumerate(tagging.fields):
            seen: dict[str, int] = {}
            for position, value in enumerate(tag_field.values):
                if value.lower() in seen:
                    self._report(
                        document,
                        ("fields", index, "values", position),
                        f"`{value}` is listed twice (also as item {seen[value.lower()] + 1}); "
                        "remove one",
                    )
                seen.setdefault(value.lower(), position)

    def _check_icp(self, loaded: _Loaded[Icp]) -> None:
        document, icp = loaded.document, loaded.model
        self._unique(document, icp.attributes, ("attributes",), "scoring attribute id")
        total = sum(attribute.weight for attribute in icp.attributes)
        if abs(total - 100) > 1e-6:
            self._report(
                document,
                ("attributes",),
                f"the attributes' weights add up to {total:g}%, not 100%; adjust them",
            )
        for index in range(1, len(icp.tiers)):
            if icp.tiers[index].min_score >= icp.tiers[index - 1].min_score:
                self._report(
                    document,
                    ("tiers", index, "min_score"),
                    f"tiers go from the highest score down: {icp.tiers[index].min_score:g} "
                    f"must be lower than {icp.tiers[index - 1].min_score:g} above it",
                )

    def _check_templates(self, loaded: _Loaded[Templates]) -> None:
        document, templates = loaded.document, loaded.model
        persona_fields = [name for name, info in Persona.model_fields.items() if not info.exclude]
        for index, section in enumerate(templates.one_pager):
            self._ref(
                document,
                ("one_pager", index, "field"),
                section.field,
                persona_fields,
                "persona field",
                "the persona model",
            )
            if section.min is not None and section.max is not None and section.min > section.max:
                self._report(
                    document,
                    ("one_pager", index, "min"),
                    f"min ({section.min}) is more than max ({section.max}); swap them",
                )
        for index, persona in enumerate(templates.convince_your_manager.applies_to):
            self._ref(
                document,
                ("convince_your_manager", "applies_to", index),
                persona,
                self.persona_ids,
                "persona",
                "personas/",
            )

    def _persona_tag_values(self) -> list[str] | None:
        tagging = self.organisation.get(TAGGING)
        if tagging is None:
            return None
        for tag_field in tagging.model.fields:
            if tag_field.id == "persona" and tag_field.values:
                return list(tag_field.values)
        return None

    def _check_personas(self) -> None:
        tag_values = self._persona_tag_values()
        short_names: dict[str, tuple[Document, FieldPath]] = {}
        ranks: dict[str, tuple[Document, FieldPath]] = {}
        for persona_id, loaded in self.personas.items():
            document, persona = loaded.document, loaded.model
            for index, job in enumerate(persona.jtbd):
                self._ref(
                    document,
                    ("jtbd", index, "cluster"),
                    job.cluster,
                    self.cluster_ids,
                    "cluster",
                    "clusters.yml",
                )
            for index, tactic in enumerate(persona.channels):
                self._ref(
                    document,
                    ("channels", index, "channel"),
                    tactic.channel,
                    self.channel_ids,
                    "channel",
                    "channels.yml",
                )
            self._ref(
                document,
                ("review", "owner"),
                persona.review.owner,
                self.role_ids,
                "role",
                "roles.yml",
            )
            if tag_values is not None and persona.short_name not in tag_values:
                self._report(
                    document,
                    ("short_name",),
                    f"`{persona.short_name}` is not a value of the tagging schema's persona "
                    f"field ({one_of(tag_values)}); add it in tagging.yml or use one of those",
                )
            self._unique_across(
                document,
                ("short_name",),
                persona.short_name.lower(),
                short_names,
                f"short name `{persona.short_name}`",
                persona_id,
            )
            if persona.rank is not None:
                self._unique_across(
                    document,
                    ("rank",),
                    str(persona.rank),
                    ranks,
                    f"rank {persona.rank}",
                    persona_id,
                )

    def _unique_across(
        self,
        document: Document,
        path: FieldPath,
        value: str,
        seen: dict[str, tuple[Document, FieldPath]],
        what: str,
        owner: str,
    ) -> None:
        if value in seen:
            first = seen[value][0]
            self._report(
                document,
                path,
                f"the {what} is already taken by `{display_path(first.path)}`; "
                f"give `{owner}` its own",
            )
        else:
            seen[value] = (document, path)

    def _check_program(self, program_id: str) -> None:
        self.program_tracks[program_id] = None
        if program := self.programs.get(program_id):
            self.program_tracks[program_id] = {track.id for track in program.model.tracks}
            self._check_event_plan(program)
        if timeline := self.timelines.get(program_id):
            self._check_timeline(timeline)
        if kpis := self.kpis.get(program_id):
            self._check_kpis(kpis)

    def _check_event_plan(self, loaded: _Loaded[Program]) -> None:
        document, program = loaded.document, loaded.model
        self._unique(document, program.tracks, ("tracks",), "track id")
        self._unique(document, program.offers, ("offers",), "offer id")
        self._unique(document, program.audiences, ("audiences",), "persona", attribute="persona")
        for index, audience in enumerate(program.audiences):
            self._persona_ref(document, ("audiences", index, "persona"), audience.persona)
        for index, offer in enumerate(program.offers):
            for position, persona in enumerate(offer.personas):
                self._persona_ref(document, ("offers", index, "personas", position), persona)
        for index, report in enumerate(program.reporting):
            if report.owner is not None:
                self._ref(
                    document,
                    ("reporting", index, "owner"),
                    report.owner,
                    self.role_ids,
                    "role",
                    "roles.yml",
                )
            self._weeks_in_order(
                document,
                ("reporting", index),
                report.from_week,
                report.to_week,
                "from_week",
                "to_week",
            )

    def _persona_ref(self, document: Document, path: FieldPath, persona: str) -> None:
        self._ref(document, path, persona, self.persona_ids, "persona", "personas/")

    def _weeks_in_order(
        self, document: Document, path: FieldPath, start: int, end: int, first: str, last: str
    ) -> None:
        if end < start:
            self._report(
                document,
                (*path, last),
                f"{last} ({end:+d}) is before {first} ({start:+d}); the weeks run forwards",
            )

    def _check_timeline(self, loaded: _Loaded[Timeline]) -> None:
        document, timeline = loaded.document, loaded.model
        seen: dict[str, tuple[Document, FieldPath]] = {}
        self._unique(document, timeline.phases, ("phases",), "timeline id", seen)
        self._unique(document, timeline.milestones, ("milestones",), "timeline id", seen)
        for index, phase in enumerate(timeline.phases):
            path: FieldPath = ("phases", index)
            self._weeks_in_order(
                document, path, phase.start_week, phase.end_week, "start_week", "end_week"
            )
            self._ref(document, (*path, "owner"), phase.owner, self.role_ids, "role", "roles.yml")
            for position, role in enumerate(phase.contributors):
                self._ref(
                    document,
                    (*path, "contributors", position),
                    role,
                    self.role_ids,
                    "role",
                    "roles.yml",
                )
            if index and phase.start_week < timeline.phases[index - 1].start_week:
                self._report(
                    document,
                    (*path, "start_week"),
                    f"phases are listed in time order, but this one starts ({phase.start_week:+d}) "
                    f"before the one above it ({timeline.phases[index - 1].start_week:+d}); "
                    "move it up",
                )
        for index, milestone in enumerate(timeline.milestones):
            path = ("milestones", index)
            self._ref(
                document, (*path, "owner"), milestone.owner, self.role_ids, "role", "roles.yml"
            )
            if index and milestone.week < timeline.milestones[index - 1].week:
                self._report(
                    document,
                    (*path, "week"),
                    f"milestones are listed in time order, but this one ({milestone.week:+d}) "
                    f"comes before the one above it ({timeline.milestones[index - 1].week:+d}); "
                    "move it up",
                )

    def _check_kpis(self, loaded: _Loaded[Kpis]) -> None:
        document, kpis = loaded.document, loaded.model
        self._unique(document, kpis.stages, ("stages",), "funnel stage id")
        stages = {stage.id for stage in kpis.stages}
        for index, kpi in enumerate(kpis.kpis):
            path: FieldPath = ("kpis", index)
            self._ref(
                document,
                (*path, "stage"),
                kpi.stage,
                stages,
                "funnel stage",
                "this file's `stages`",
            )
            for position, persona in enumerate(kpi.personas):
                self._persona_ref(document, (*path, "personas", position), persona)
            for persona in kpi.by_persona:
                self._persona_ref(document, (*path, "by_persona", persona), persona)
                if kpi.personas and persona in self.persona_ids and persona not in kpi.personas:
                    self._report(
                        document,
                        (*path, "by_persona", persona),
                        f"this KPI applies only to {one_of(kpi.personas)}, so it has no "
                        f"target for `{persona}`; add `{persona}` to `personas` "
                        "or remove this line",
                    )

    def _check_sessions(self) -> None:
        seen: dict[str, tuple[Document, FieldPath]] = {}
        for program_id, files in self.session_files.items():
            program = self.programs.get(program_id)
            tracks = self.program_tracks.get(program_id)
            days = program.model.event.days if program else None
            for loaded in files:
                document = loaded.document
                self._unique(document, loaded.model.sessions, ("sessions",), "session id", seen)
                for index, session in enumerate(loaded.model.sessions):
                    self._check_session(document, ("sessions", index), session, tracks, days)

    def _check_session(
        self,
        document: Document,
        path: FieldPath,
        session: Session,
        tracks: set[str] | None,
        days: int | None,
    ) -> None:
        self._ref(
            document, (*path, "track"), session.track, tracks, "track", "the program's `tracks`"
        )
        for position, cluster in enumerate(session.clusters):
            self._ref(
                document,
                (*path, "clusters", position),
                cluster,
                self.cluster_ids,
                "cluster",
                "clusters.yml",
            )
        served: list[str] = []
        for group in ("primary", "secondary"):
            for position, persona in enumerate(getattr(session.personas, group)):
                here = (*path, "personas", group, position)
                self._persona_ref(document, here, persona)
                if persona in served:
                    self._report(
                        document,
                        here,
                        f"`{persona}` is listed twice; a persona is either primary or secondary",
                    )
                served.append(persona)
        for persona in session.cta:
            if persona not in served:
                self._persona_ref(document, (*path, "cta", persona), persona)
                if persona in self.persona_ids:
                    self._report(
                        document,
                        (*path, "cta", persona),
                        f"`{persona}` has a call to action but is not among this session's "
                        "personas; add it to `personas.secondary` or remove the line",
                    )
        for persona in session.angles:
            if persona not in served:
                self._report(
                    document,
                    (*path, "angles", persona),
                    f"`{persona}` has an angle but is not among this session's personas; add it "
                    "to `personas.secondary` or remove the line",
                )
        missing = [persona for persona in served if persona not in session.cta]
        if missing:
            self._report(
                document,
                (*path, "cta"),
                f"session `{session.id}` serves {one_of(missing)} but gives no call to action "
                f"for {'it' if len(missing) == 1 else 'them'}; add `{missing[0]}: <what they "
                "should do next>` under `cta`",
            )
        if days is not None and session.day is not None and session.day > days:
            self._report(
                document,
                (*path, "day"),
                f"the event lasts {days} day{'s' if days != 1 else ''}, so there is no day "
                f"{session.day}",
            )

    def _check_snippets(self) -> None:
        seen: dict[str, tuple[Document, FieldPath]] = {}
        tests: dict[str, list[tuple[Document, FieldPath, Snippet]]] = {}
        stages = self._tag_values(BUYING_STAGE_FIELD)
        channels: dict[str, Any] = {}
        if loaded_channels := self.organisation.get(CHANNELS):
            channels = {channel.id: channel for channel in loaded_channels.model.channels}
        for loaded in self.snippet_files:
            document = loaded.document
            self._unique(document, loaded.model.snippets, ("snippets",), "snippet id", seen)
            for index, snippet in enumerate(loaded.model.snippets):
                path: FieldPath = ("snippets", index)
                self._persona_ref(document, (*path, "persona"), snippet.persona)
                self._ref(
                    document,
                    (*path, "channel"),
                    snippet.channel,
                    self.channel_ids,
                    "channel",
                    "channels.yml",
                )
                self._ref(
                    document, (*path, "owner"), snippet.owner, self.role_ids, "role", "roles.yml"
                )
                if snippet.program is not None:
                    self._ref(
                        document,
                        (*path, "program"),
                        snippet.program,
                        self.program_ids,
                        "program",
                        "programs/",
                    )
                if snippet.stage is not None:
                    self._ref(
                        document,
                        (*path, "stage"),
                        snippet.stage,
                        stages,
                        "buying stage",
                        f"the tagging schema's `{BUYING_STAGE_FIELD}` field",
                    )
                if channel := channels.get(snippet.channel):
                    self._check_subject(document, path, snippet, channel)
                if snippet.variant is not None:
                    tests.setdefault(snippet.variant.test, []).append((document, path, snippet))
        for test, variants in tests.items():
            self._check_ab_test(test, variants)

    def _tag_values(self, field_id: str) -> list[str] | None:
        """The allowed values of a tagging field; None when tagging.yml is missing or broken."""
        tagging = self.organisation.get(TAGGING)
        if tagging is None:
            return None
        for tag_field in tagging.model.fields:
            if tag_field.id == field_id:
                return list(tag_field.values)
        return []

    def _check_subject(
        self, document: Document, path: FieldPath, snippet: Snippet, channel: Any
    ) -> None:
        if channel.subject is not None and snippet.subject is None:
            self._report(
                document,
                path,
                f"snippet `{snippet.id}` runs on {channel.name}, which needs a "
                f"{channel.subject.label.lower()}: add `subject:`",
            )
        if channel.subject is None and snippet.subject is not None:
            self._report(
                document,
                (*path, "subject"),
                f"{channel.name} has no subject line or headline; remove `subject` or move the "
                "text into `body`",
            )

    def _check_ab_test(
        self, test: str, variants: Sequence[tuple[Document, FieldPath, Snippet]]
    ) -> None:
        _, _, first = variants[0]
        if len(variants) < 2:
            document, path, _ = variants[0]
            self._report(
                document,
                (*path, "variant", "test"),
                f"A/B test `{test}` has only this variant; add the other variant or remove "
                "`variant`",
            )
        labels: dict[str, str] = {}
        for document, path, snippet in variants:
            assert snippet.variant is not None
            if (snippet.persona, snippet.channel) != (first.persona, first.channel):
                self._report(
                    document,
                    (*path, "variant", "test"),
                    f"the variants of A/B test `{test}` must share persona and channel; "
                    f"`{first.id}` is {first.persona} on {first.channel}",
                )
            label = snippet.variant.label
            if label in labels:
                self._report(
                    document,
                    (*path, "variant", "label"),
                    f"A/B test `{test}` already has a variant `{label}` (`{labels[label]}`); "
                    "give each variant its own label",
                )
            labels.setdefault(label, snippet.id)

    # Assembling ----------------------------------------------------------------------------

    def _assemble(self) -> Playbook:
        sources: dict[tuple[str, ...], Source] = {}

        def organisation(kind: Kind) -> Any:
            loaded = self.organisation.get(kind)
            if loaded is None:
                return None
            sources[(kind.name,)] = Source(loaded.document)
            return loaded.model

        settings: Settings = organisation(SETTINGS)
        channels: Channels = organisation(CHANNELS)
        roles: Roles = organisation(ROLES)
        tagging: Tagging = organisation(TAGGING)
        clusters: Clusters = organisation(CLUSTERS)

        personas = sorted(
            self.personas.values(),
            key=lambda loaded: (
                loaded.model.priority != "primary",
                loaded.model.rank or 10_000,
                loaded.model.name.lower(),
            ),
        )
        for persona in personas:
            sources[("persona", persona.model.id)] = Source(persona.document)
        for program_id, program in self.programs.items():
            sources[("program", program_id)] = Source(program.document)
        for kind, loaded_by_program in (("timeline", self.timelines), ("kpis", self.kpis)):
            for program_id, loaded in loaded_by_program.items():
                sources[(kind, program_id)] = Source(loaded.document)

        sessions: dict[str, tuple[Session, ...]] = {}
        for program_id in self.programs:
            program_sessions: list[Session] = []
            for session_file in self.session_files.get(program_id, []):
                for index, session in enumerate(session_file.model.sessions):
                    sources[("session", session.id)] = Source(
                        session_file.document, ("sessions", index)
                    )
                    program_sessions.append(session)
            sessions[program_id] = tuple(program_sessions)

        snippets: list[Snippet] = []
        for snippet_file in self.snippet_files:
            for index, snippet in enumerate(snippet_file.model.snippets):
                sources[("snippet", snippet.id)] = Source(
                    snippet_file.document, ("snippets", index)
                )
                snippets.append(snippet)

        return Playbook(
            data_dir=self.data_dir,
            settings=settings,
            personas={loaded.model.id: loaded.model for loaded in personas},
            programs={program_id: loaded.model for program_id, loaded in self.programs.items()},
            timelines={key: loaded.model for key, loaded in self.timelines.items()},
            kpis={key: loaded.model for key, loaded in self.kpis.items()},
            sessions=sessions,
            snippets=tuple(snippets),
            channels={channel.id: channel for channel in channels.channels},
            roles={role.id: role for role in roles.roles},
            raci=tuple(roles.raci),
            tagging=tagging,
            clusters={cluster.id: cluster for cluster in clusters.clusters},
            icp=organisation(ICP),
            templates=organisation(TEMPLATES),
            sources=sources,
        )
