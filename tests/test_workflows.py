"""The GitHub workflows: valid for GitHub, and safe in what they publish."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    assert isinstance(data, dict)
    return data


def test_there_are_workflows_for_pull_requests_and_publishing() -> None:
    assert [path.name for path in WORKFLOWS] == ["check.yml", "publish.yml"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflows_match_githubs_schema(workflow: Path) -> None:
    command = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert command, "check-jsonschema is installed with the test extra"
    result = subprocess.run(
        [command, "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_fails_the_schema_check(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps: []\n")  # no runs-on
    command = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert command
    result = subprocess.run(
        [command, "--builtin-schema", "vendor.github-workflows", str(broken)], capture_output=True
    )
    assert result.returncode != 0


def _run_steps(job: dict[str, Any]) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


def test_pull_requests_validate_with_annotations_diff_build_and_preview() -> None:
    workflow = load("check.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as true
    steps = workflow["jobs"]["check"]["steps"]
    runs = _run_steps(workflow["jobs"]["check"])
    assert "python3 run.py playbook validate data --format github" in runs
    assert "python3 run.py playbook lint --format github" in runs
    assert any("playbook diff" in run and "GITHUB_STEP_SUMMARY" in run for run in runs)
    assert "python3 run.py build" in runs and "python3 run.py test" in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps)
    assert workflow["permissions"] == {"contents": "read"}


def test_pull_requests_run_the_browser_journeys_and_keep_their_screenshots() -> None:
    steps = load("check.yml")["jobs"]["check"]["steps"]
    tests = next(step for step in steps if step.get("run") == "python3 run.py test")
    assert tests["env"]["PLAYBOOK_BROWSER_TESTS"] == "required"
    uploads = [step["with"]["path"] for step in steps if "upload-artifact" in step.get("uses", "")]
    assert "test-artifacts/" in uploads


def test_publishing_deploys_only_after_a_green_build_and_one_at_a_time() -> None:
    workflow = load("publish.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "python3 run.py build" in _run_steps(build)
    assert any(
        s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"]
    )
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}  # the build job cannot publish
