"""One data file against its model, without looking at any other file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from playbook.document import Document
from playbook.explain import explain
from playbook.layout import PERSONA, Kind
from playbook.load import read
from playbook.problems import Problem


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


Checked = tuple[Any, Document | None, list[Problem]]
"""What `check_file` finds: the model (None if the file has a problem), the document, problems."""
CheckFile = Callable[[Path, Kind, str | None], Checked]


class CheckedFiles:
    """`check_file`'s findings, kept for a process that validates the same folder again and
    again (`mkdocs serve`): a file is read again only once its size or time has changed, so
    after an edit only the edited file is. Whoever validates repeatedly owns one."""

    def __init__(self) -> None:
        self._found: dict[tuple[Path, Kind, str | None], tuple[tuple[int, int, int], Checked]] = {}

    def __call__(self, path: Path, kind: Kind, injected_id: str | None = None) -> Checked:
        try:
            stat = path.stat()
        except OSError:
            return check_file(path, kind, injected_id)  # the read reports it
        stamp, key = (stat.st_mtime_ns, stat.st_size, stat.st_ino), (path, kind, injected_id)
        kept = self._found.get(key)
        if kept is not None and kept[0] == stamp:
            model, document, problems = kept[1]
            return model, document, list(problems)
        found = check_file(path, kind, injected_id)
        self._found[key] = (stamp, (found[0], found[1], list(found[2])))
        return found


def _schema_line_problems(document: Document, kind: Kind) -> list[Problem]:
    """A problem when the file's first line points editors at another kind's JSON Schema."""
    if document.schema is None or PurePosixPath(document.schema).name == kind.schema_file:
        return []
    return [
        Problem.whole_file(
            document.path,
            f"the first line points editors at `{document.schema}`, but this file holds "
            f"{kind.holds}: point it at `{kind.schema_file}` in the schemas folder",
        )
    ]
