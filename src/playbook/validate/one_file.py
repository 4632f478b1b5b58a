"""One data file against its model, without looking at any other file."""

from __future__ import annotations

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
