"""What the checks work on: every file read and checked against its model, and the problems.

`read_all` reads every discovered file into a `Context`; the checks in `checks/` then look
across files through it, and report through it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from playbook import blame
from playbook.document import Document
from playbook.layout import (
    CHANNELS,
    CLUSTERS,
    KPIS,
    MESSAGE_TESTS,
    PERSONA,
    PROGRAM,
    RESULTS_KINDS,
    ROLES,
    SNIPPETS,
    TAGGING,
    TIMELINE,
    Kind,
)
from playbook.models.message_tests import MessageTests
from playbook.models.messaging import SnippetFile
from playbook.models.persona import Persona
from playbook.models.program import Kpis, Program, SessionFile, Timeline
from playbook.problems import FieldPath, Problem, display_path
from playbook.validate import refs
from playbook.validate.discover import Discovery
from playbook.validate.one_file import CheckFile, check_file

M = TypeVar("M", bound=BaseModel)

Seen = dict[str, tuple[Document, FieldPath]]
"""Values met so far, each with where it was first met."""


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A valid file: its document (for locations) and its model."""

    document: Document
    model: M


@dataclass
class Context:
    """Every valid file by kind, the ids of every persona and program, and the problems."""

    data_dir: Path
    kinds_seen: set[Kind]
    persona_ids: dict[str, Path]
    """Every persona's file, valid or not."""
    program_ids: dict[str, Path]
    """Every program's folder, whatever its files hold."""
    problems: list[Problem]
    organisation: dict[Kind, Loaded[Any]] = field(default_factory=dict)
    """The files at the top of the data folder, by kind."""
    personas: dict[str, Loaded[Persona]] = field(default_factory=dict)
    programs: dict[str, Loaded[Program]] = field(default_factory=dict)
    timelines: dict[str, Loaded[Timeline]] = field(default_factory=dict)
    kpis: dict[str, Loaded[Kpis]] = field(default_factory=dict)
    session_files: dict[str, list[Loaded[SessionFile]]] = field(default_factory=dict)
    snippet_files: list[Loaded[SnippetFile]] = field(default_factory=list)
    message_tests: dict[str, Loaded[MessageTests]] = field(default_factory=dict)
    """Each program's A/B message test results, where it has them."""
    results: dict[str, dict[Kind, Loaded[Any]]] = field(default_factory=dict)
    """By program id, each results file by its kind (`layout.RESULTS_FILES`)."""
    base: str | None = None
    """The revision a change is compared with, to blame the files it added or edited."""
    renamed: list[tuple[Document, FieldPath, str]] = field(default_factory=list)
    """Every reference by a persona's former id: where, and the old id."""
    missing: dict[str, list[tuple[Document, FieldPath]]] = field(default_factory=dict)
    """Every reference to a persona that does not exist, by the id it names."""

    @cached_property
    def aliases(self) -> dict[str, str]:
        """Each persona's former ids (`formerly:`), to its id now."""
        return {
            old: persona_id
            for persona_id, loaded in self.personas.items()
            for old in loaded.model.formerly
            if old not in self.persona_ids
        }

    def canonical(self, persona_id: str) -> str:
        """The id a persona has now, given one it had before (or now)."""
        return self.aliases.get(persona_id, persona_id)

    @cached_property
    def ages(self) -> blame.Ages:
        """How new each file is, for clashes: asked of git on first use only."""
        return blame.ages(self.data_dir, self.base)

    @cached_property
    def known(self) -> dict[refs.Ref, Collection[str] | None]:
        """The ids each playbook-wide kind of reference may name; None where the file that
        defines them is missing or broken. Worked out on first use, once every file is read."""
        return {
            refs.PERSONA: self.persona_ids,
            refs.PROGRAM: self.program_ids,
            refs.ROLE: self.ids(ROLES, "roles"),
            refs.CLUSTER: self.ids(CLUSTERS, "clusters"),
            refs.CHANNEL: self.ids(CHANNELS, "channels"),
            refs.BUYING_STAGE: self.tag_values(refs.BUYING_STAGE_FIELD),
        }

    def ids(self, kind: Kind, attribute: str) -> set[str] | None:
        """The ids of the items in `kind`'s list `attribute`; None when the file is missing or
        broken."""
        loaded = self.organisation.get(kind)
        if loaded is None:
            return None
        return {item.id for item in getattr(loaded.model, attribute)}

    def tag_values(self, field_id: str, *, listing: bool = False) -> list[str] | None:
        """The values of the tagging field `field_id` ([] if there is none); None when
        tagging.yml is missing or broken. With `listing`, the values of the first field of that
        id that lists values, not one that takes them `values_from` elsewhere."""
        tagging = self.organisation.get(TAGGING)
        if tagging is None:
            return None
        for tag_field in tagging.model.fields:
            if tag_field.id == field_id and (tag_field.values or not listing):
                return list(tag_field.values)
        return []

    def ids_of_tag_fields(self) -> set[str] | None:
        """The ids of the tagging schema's fields; None when tagging.yml is missing or broken."""
        return self.ids(TAGGING, "fields")

    def persona_tag_field(self) -> str | None:
        """The id of the tagging field that takes its values from the personas, if any."""
        tagging = self.organisation.get(TAGGING)
        if tagging is None:
            return None
        return next((f.id for f in tagging.model.fields if f.values_from == "personas"), None)

    def report(self, document: Document, path: FieldPath, message: str) -> None:
        """Record a problem at `path` in `document`."""
        self.problems.append(document.problem(path, message))

    def ref(self, ref: refs.Ref, document: Document, path: FieldPath, value: str) -> None:
        """Report `value` at `path` unless it names something of its kind in the playbook.

        A persona may be named by a former id (recorded, for lint and the rewrite); a persona
        that does not exist is reported once for all the places that name it (`missing`)."""
        if ref is refs.PERSONA and value not in self.persona_ids:
            if value in self.aliases:
                self.renamed.append((document, path, value))
            else:
                self.missing.setdefault(value, []).append((document, path))
            return
        self.ref_in(self.known[ref], ref, document, path, value)

    def ref_in(
        self,
        known: Collection[str] | None,
        ref: refs.Ref,
        document: Document,
        path: FieldPath,
        value: str,
    ) -> None:
        """Report `value` at `path` unless it is one of `known` (None: not checked)."""
        if problem := ref.problem(document, path, value, known):
            self.problems.append(problem)

    def unique(
        self,
        document: Document,
        items: Iterable[Any],
        path: FieldPath,
        what: str,
        seen: Seen | None = None,
        attribute: str = "id",
    ) -> None:
        """Report every item whose `attribute` repeats an earlier one's (in `seen`, if given:
        to look across lists or files)."""
        seen = {} if seen is None else seen
        for index, item in enumerate(items):
            value = getattr(item, attribute)
            here = (*path, index, attribute)
            if value not in seen:
                seen[value] = (document, here)
                continue
            first_document, first_path = seen[value]
            if first_document.path != document.path and self._newer(first_document, document):
                # Blame the file the change added or edited (`blame.py`), not the original.
                seen[value] = (document, here)
                document, here, first_document, first_path = (
                    first_document,
                    first_path,
                    document,
                    here,
                )
            where = seen_where(first_document, first_path, document)
            self.report(
                document,
                here,
                f"the {what} `{value}` is already used on {where}; each must be unique: rename one",
            )

    def _newer(self, one: Document, other: Document) -> bool:
        """Whether `one` is newer than `other` (changed since the base, say)."""
        return self.ages.newness(one.path) > self.ages.newness(other.path)


def seen_where(first: Document, path: FieldPath, here: Document) -> str:
    """Where an earlier `first` has `path`, said from a problem in `here`: `line 12` in the
    same file, else `personas/exec.yml:12`."""
    line = first.mark(path).line
    return f"line {line}" if first.path == here.path else f"{display_path(first.path)}:{line}"


def read_all(
    data_dir: Path, discovery: Discovery, base: str | None = None, check: CheckFile = check_file
) -> Context:
    """Read every discovered file and check it against its model (with `check`: `check_file`, or
    a `CheckedFiles` that remembers unchanged files); keep those that are valid."""
    context = Context(
        data_dir,
        discovery.kinds_seen,
        discovery.persona_ids,
        discovery.program_ids,
        discovery.problems,
        base=base,
    )
    for data_file in discovery.files:
        kind, owner = data_file.kind, data_file.owner
        injected = owner if kind in (PERSONA, PROGRAM) else None
        model, document, problems = check(data_file.path, kind, injected)
        context.problems.extend(problems)
        if model is None or document is None:
            continue
        loaded = Loaded(document, model)
        if kind is SNIPPETS:
            context.snippet_files.append(loaded)
        elif owner is None:
            context.organisation[kind] = loaded
        elif kind is PERSONA:
            context.personas[owner] = loaded
        elif kind is PROGRAM:
            context.programs[owner] = loaded
        elif kind is TIMELINE:
            context.timelines[owner] = loaded
        elif kind is KPIS:
            context.kpis[owner] = loaded
        elif kind is MESSAGE_TESTS:
            context.message_tests[owner] = loaded
        elif kind in RESULTS_KINDS:
            context.results.setdefault(owner, {})[kind] = loaded
        else:
            context.session_files.setdefault(owner, []).append(loaded)
    return context
