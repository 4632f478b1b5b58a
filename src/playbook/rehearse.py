"""Try a change on a copy of the data before writing it: the problems it would leave."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from playbook.validate import validate


def problems_after(data_dir: Path, changed: dict[Path, str]) -> list[str]:
    """The problems the data in `data_dir` would have with `changed` (path: text) written,
    each formatted with its path inside the data folder. Nothing in `data_dir` is touched."""
    if not changed:
        return []
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / data_dir.name
        shutil.copytree(data_dir, copy, symlinks=True)
        for path, text in changed.items():
            target = copy / path.relative_to(data_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        _, problems = validate(copy)
        return [problem.format(copy) for problem in problems]
