"""A new content lead's most common change, replayed: add a persona by copying another's file.

Every problem must land on the new file with a fix a browser user can make; after those fixes
alone (no snippet file, no sessions, no KPIs), validation, lint and a strict build pass and every
link of the site leads somewhere. Written for any valid playbook: nothing here names the
example's personas or counts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from playbook.cli import main
from tests.conftest import mkdocs_build, problems_in
from tests.test_build import project_copy
from tests.test_links import broken_links

pytestmark = pytest.mark.build

NEW_ID = "trial-persona"


def test_copying_a_persona_takes_only_the_fixes_the_check_asks_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_copy(tmp_path / "project")
    data = project / "data"
    original = sorted((data / "personas").glob("*.yml"))[0]
    copy = data / "personas" / f"{NEW_ID}.yml"
    text = original.read_text(encoding="utf-8")
    copy.write_text(re.sub(r"(?m)^name: .*$", "name: Trial Persona", text, count=1))

    problems = problems_in(data)
    assert problems, "a copy clashes with its original"
    assert all(p.startswith(f"personas/{NEW_ID}.yml:") for p in problems), problems
    assert not any("`playbook " in p or "run.py" in p for p in problems)  # no terminal

    # Apply exactly what the messages say.
    fixed = copy.read_text(encoding="utf-8")
    for problem in problems:
        if ": short_name: " in problem:
            fixed = re.sub(r"(?m)^short_name: .*$", "short_name: Trial", fixed, count=1)
        elif ": rank: " in problem:
            free = re.search(r"(\d+) is free", problem)
            assert free, problem
            fixed = re.sub(r"(?m)^rank: .*$", f"rank: {free.group(1)}", fixed, count=1)
        else:
            pytest.fail(f"a problem the trial does not expect: {problem}")
    copy.write_text(fixed, encoding="utf-8")

    assert problems_in(data) == []
    assert main(["lint", "--data", str(data)]) == 0
    lint_output = capsys.readouterr().out
    assert "`playbook new" not in lint_output and "run.py" not in lint_output
    result = mkdocs_build(project, project / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert broken_links(project / "site") == []
