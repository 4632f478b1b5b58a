"""CODEOWNERS from the data: who is asked to review a change to each file.

GitHub applies the last rule that matches a file, so the rules run from the general to the
particular: the playbook's owner for everything, each persona's owner for the files that hold
that persona, and engineering, last, for the code, the configuration and this file itself.
"""

from __future__ import annotations

import re
from pathlib import Path

from playbook.models.playbook import Playbook

HEADER = """\
# Made from the data by `playbook codeowners`: `owners` in playbook.yml and each persona's
# `review.github`. Do not edit it by hand; the "CODEOWNERS" workflow remakes it on main.
"""

ENGINEERING_PATHS = (
    "/.github/",
    "/.ci/",
    "/.pre-commit-config.yaml",
    "/.vscode/",
    "/benchmarks/",
    "/docs/",
    "/engines/",
    "/hooks/",
    "/macros/",
    "/mkdocs.yml",
    "/pyproject.toml",
    "/requirements/",
    "/run.py",
    "/schemas/",
    "/src/",
    "/tests/",
)
"""What engineering reviews, relative to the repository's root."""

CATCH_ALL = "*"
_SAFE_PATH = re.compile(r"^/[A-Za-z0-9._/-]*$")
_SAFE_OWNER = re.compile(r"^@[A-Za-z0-9](?:-?[A-Za-z0-9])*(?:/[A-Za-z0-9._-]+)?$")


def codeowners_rule(path: str, *owners: str) -> str:
    """One CODEOWNERS line. Paths and owners are checked, never escaped: a character CODEOWNERS
    would read as syntax (a space, `#`, `!`, `*`, a line break) cannot reach the file."""
    if path != CATCH_ALL and (not _SAFE_PATH.match(path) or "//" in path or "/../" in f"{path}/"):
        raise ValueError(f"{path!r} is not a path CODEOWNERS can hold safely")
    handles = [owner if owner.startswith("@") else f"@{owner}" for owner in owners]
    for handle in handles:
        if not _SAFE_OWNER.match(handle):
            raise ValueError(f"{handle!r} is not a GitHub user or team")
    return f"{path} {' '.join(handles)}\n"


def codeowners(playbook: Playbook, repository: Path) -> str:
    """The CODEOWNERS text for `playbook`, with paths relative to `repository`'s root."""
    data = "/" + playbook.data_dir.resolve().relative_to(repository.resolve()).as_posix()
    owners = playbook.settings.owners
    lines = [HEADER]
    if owners is None:
        lines.append("# No `owners` in playbook.yml: only persona files have reviewers.\n")
    else:
        lines += [
            "\n# Everything no rule below names\n",
            codeowners_rule(CATCH_ALL, owners.playbook),
        ]
        lines.append(codeowners_rule(f"{data}/", owners.playbook))
    lines.append("\n# Each persona's owner, for the files that hold that persona\n")
    for persona_id, persona in playbook.personas.items():
        handle = persona.review.github
        if handle is None:
            lines.append(f"# {persona_id}: no `review.github` in its persona file yet\n")
            continue
        for path in (f"personas/{persona_id}.yml", f"messaging/{persona_id}.yml"):
            lines.append(codeowners_rule(f"{data}/{path}", handle))
    if owners is not None:
        lines.append("\n# The playbook's settings, and who reviews: both owners\n")
        lines.append(codeowners_rule(f"{data}/playbook.yml", owners.playbook, owners.engineering))
        lines.append("\n# Code, configuration, workflows and this file: engineering\n")
        lines += [codeowners_rule(path, owners.engineering) for path in ENGINEERING_PATHS]
    return "".join(lines)
