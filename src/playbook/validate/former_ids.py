"""References by a persona's former id, rewritten to its id now before the playbook is built.

Every page, index and export then sees one id per persona; where each former id was written is
kept (`Playbook.former_references`), for lint to list every place to update.
"""

from __future__ import annotations

from typing import Any

from playbook.models.playbook import FormerReference, Source
from playbook.validate.context import Context, Loaded


def resolve_former_ids(context: Context) -> tuple[FormerReference, ...]:
    """Rewrite each reference by a former id in its document and rebuild that file's model."""
    references = []
    touched: set[int] = set()
    for document, path, old in context.renamed:
        new = context.aliases[old]
        container: Any = document.data
        for step in path[:-1]:
            container = container[step]
        last = path[-1]
        if isinstance(container, dict) and last == old and old in container:
            items = list(container.items())
            container.clear()
            container.update((new if key == old else key, value) for key, value in items)
        else:
            container[last] = new
        references.append(FormerReference(Source(document, path), old, new))
        touched.add(id(document))
    if touched:
        _rebuild(context, touched)
    return tuple(references)


def _rebuilt(loaded: Loaded[Any], touched: set[int]) -> Loaded[Any]:
    if id(loaded.document) not in touched:
        return loaded
    data = loaded.document.data
    model_id = getattr(loaded.model, "id", None)
    if model_id and isinstance(data, dict) and "id" not in data:
        data = {**data, "id": model_id}  # a program's id comes from its folder
    return Loaded(loaded.document, type(loaded.model).model_validate(data))


def _rebuild(context: Context, touched: set[int]) -> None:
    context.organisation = {k: _rebuilt(v, touched) for k, v in context.organisation.items()}
    context.programs = {k: _rebuilt(v, touched) for k, v in context.programs.items()}
    context.kpis = {k: _rebuilt(v, touched) for k, v in context.kpis.items()}
    context.session_files = {
        k: [_rebuilt(v, touched) for v in files] for k, files in context.session_files.items()
    }
    context.snippet_files = [_rebuilt(v, touched) for v in context.snippet_files]
    context.results = {
        k: {kind: _rebuilt(v, touched) for kind, v in files.items()}
        for k, files in context.results.items()
    }
