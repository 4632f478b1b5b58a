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
import yaml

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


def a_content_leads_week(data: Path) -> None:
    """A persona added by copying another, a session added by copying one, a snippet removed,
    and a persona renamed with `formerly:` (issue 16's second trial)."""
    personas = sorted((data / "personas").glob("*.yml"))
    copied, renamed = personas[0], personas[-1]
    text = copied.read_text(encoding="utf-8")
    ranks = {yaml.safe_load(p.read_text()).get("rank") for p in personas}
    text = re.sub(r"(?m)^name: .*$", "name: Trial Persona", text, count=1)
    text = re.sub(r"(?m)^short_name: .*$", "short_name: Trial", text, count=1)
    free = next(rank for rank in range(1, 100) if rank not in ranks)
    text = re.sub(r"(?m)^rank: .*$", f"rank: {free}", text, count=1)
    (data / "personas" / f"{NEW_ID}.yml").write_text(text, encoding="utf-8")

    sessions = sorted((data / "programs").glob("*/sessions/*.yml"))[0]
    text = sessions.read_text(encoding="utf-8")
    start = text.index("  - id:")
    end = text.find("\n  - id:", start + 1)
    block = text[start : end + 1 if end != -1 else len(text)]
    block = re.sub(r"(?m)^  - id: .*$", "  - id: trial-session", block, count=1)
    sessions.write_text(text.rstrip("\n") + "\n" + block, encoding="utf-8")

    for messaging in sorted((data / "messaging").glob("*.yml")):
        text = messaging.read_text(encoding="utf-8")
        starts = [m.start() for m in re.finditer(r"(?m)^  - id: ", text)]
        ends = [*starts[1:], len(text)]
        pairs = zip(starts, ends, strict=True)
        plain = [(a, b) for a, b in pairs if "variant:" not in text[a:b]]
        if len(starts) > 1 and plain:
            a, b = plain[0]
            messaging.write_text(text[:a] + text[b:], encoding="utf-8")
            break

    old_id = renamed.stem
    text = renamed.read_text(encoding="utf-8")
    text = text.replace("\nshort_name:", f"\nformerly: [{old_id}]\nshort_name:", 1)
    (data / "personas" / f"renamed-{old_id}.yml").write_text(text, encoding="utf-8")
    renamed.unlink()


def test_a_content_leads_week_passes_every_content_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_copy(tmp_path / "project")
    data = project / "data"
    a_content_leads_week(data)
    assert problems_in(data) == []
    assert main(["lint", "--data", str(data)]) == 0
    assert "[persona-former-id]" in capsys.readouterr().out
    result = mkdocs_build(project, project / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert broken_links(project / "site") == []
