"""The GitHub workflows and Dependabot: valid for GitHub, safe in what they run and publish."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
DEPENDABOT = GITHUB / "dependabot.yml"


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text())
    assert isinstance(data, dict)
    return data


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    command = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert command, "check-jsonschema is installed with the test extra"
    return subprocess.run(
        [command, "--builtin-schema", schema, str(path)], capture_output=True, text=True
    )


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _run_steps(job: dict[str, Any]) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


# -- what the checks below look for -------------------------------------------------------------

# `uses: owner/repo[/path]@<40 hex digits> # v1.2.3`, as a step (`- uses:`) or a key of one.
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+?)\s*(?:#\s*(?P<comment>.*?))?\s*$")
PINNED_REF = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+(?:/[\w./-]+)?)@(?P<sha>[0-9a-f]{40})$")
TAG_COMMENT = re.compile(r"^v\d+(?:\.\d+)*$")

# What a pull request (or whoever starts a workflow) controls: pasted into a script, a branch
# named `$(curl …)` runs.
UNTRUSTED = re.compile(r"github\.event\b|github\.head_ref\b|github\.base_ref\b|\binputs\.|github\[")
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)


def uses_lines(text: str) -> list[tuple[int, str, str | None]]:
    """Each `uses:` line of a workflow's text: its line number, reference and comment."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = USES_LINE.match(line)
        if match:
            found.append((number, match["ref"].strip("'\""), match["comment"]))
    return found


def unpinned_uses(text: str) -> list[str]:
    """The `uses:` lines not pinned to a full commit with its release tag in a comment."""
    problems = []
    for number, ref, comment in uses_lines(text):
        if ref.startswith("./"):
            continue  # an action in this repository, pinned by the commit that runs it
        if not PINNED_REF.match(ref):
            problems.append(f"line {number}: {ref} is not pinned to a full commit SHA")
        elif comment is None or not TAG_COMMENT.match(comment):
            problems.append(f"line {number}: {ref} has no `# vX.Y.Z` comment naming its tag")
    return problems


def untrusted_in_scripts(workflow: dict[Any, Any]) -> list[str]:
    """The `${{ … }}` expressions in `run:` scripts that paste in what a pull request controls."""
    return [
        f"{step.get('name', step['run'][:40])}: ${{{{{expression}}}}}"
        for step in _steps(workflow)
        if "run" in step
        for expression in EXPRESSION.findall(step["run"])
        if UNTRUSTED.search(expression)
    ]


def checkouts_keeping_credentials(workflow: dict[Any, Any]) -> list[str]:
    """The checkout steps that leave the token in .git/config for every later step."""
    return [
        step["uses"]
        for step in _steps(workflow)
        if step.get("uses", "").startswith("actions/checkout@")
        and (step.get("with") or {}).get("persist-credentials") is not False
    ]


# -- GitHub's schemas ----------------------------------------------------------------------------


def test_there_are_workflows_for_pull_requests_publishing_and_the_newest_dependencies() -> None:
    assert [path.name for path in WORKFLOWS] == [
        "check.yml",
        "codeowners.yml",
        "import-agenda.yml",
        "newest.yml",
        "publish.yml",
    ]


def test_the_agenda_is_imported_by_hand_and_proposed_as_a_pull_request() -> None:
    workflow = load("import-agenda.yml")
    assert set(workflow[True]) == {"workflow_dispatch"}
    assert workflow[True]["workflow_dispatch"]["inputs"]["program"]["required"] is True
    job = workflow["jobs"]["import"]
    runs = _run_steps(job)
    assert any(
        run.startswith('python3 run.py playbook import --program "$PROGRAM"') for run in runs
    )
    assert any("gh pr create" in run and "import-summary.txt" in run for run in runs)
    step = next(step for step in job["steps"] if "playbook import" in step.get("run", ""))
    assert step["env"]["PROGRAM"] == "${{ inputs.program }}"  # through env:, never pasted
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write"}


def test_codeowners_is_remade_on_main_when_owners_change_and_proposed_for_review() -> None:
    workflow = load("codeowners.yml")
    push = workflow[True]["push"]
    assert push["branches"] == ["main"]
    assert {"data/personas/**", "data/playbook.yml"} <= set(push["paths"])
    job = workflow["jobs"]["codeowners"]
    assert job["if"] == "github.ref == 'refs/heads/main'"
    runs = _run_steps(job)
    assert "python3 run.py playbook codeowners" in runs
    assert any(
        "gh pr create" in run and "git diff --quiet -- .github/CODEOWNERS" in run for run in runs
    )
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write"}


@pytest.mark.parametrize(
    ("path", "schema"),
    [(workflow, "vendor.github-workflows") for workflow in WORKFLOWS]
    + [(DEPENDABOT, "vendor.dependabot")],
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_workflows_and_dependabot_match_githubs_schemas(path: Path, schema: str) -> None:
    result = check_jsonschema(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_fails_the_schema_check(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps: []\n")  # no runs-on
    assert check_jsonschema("vendor.github-workflows", broken).returncode != 0


def test_a_broken_dependabot_config_fails_the_schema_check(tmp_path: Path) -> None:
    broken = tmp_path / "dependabot.yml"
    broken.write_text(  # no such ecosystem: pip-tools' files go under `pip`
        "version: 2\nupdates:\n  - package-ecosystem: pip-compile\n    directory: /\n"
        "    schedule:\n      interval: weekly\n"
    )
    assert check_jsonschema("vendor.dependabot", broken).returncode != 0


# -- hardening: pinned actions, no token left behind, nothing pasted into a script ---------------


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_tag(workflow: Path) -> None:
    text = workflow.read_text()
    assert unpinned_uses(text) == []
    # Every `uses:` GitHub reads is on a line checked above (none hides in a flow mapping).
    data = yaml.safe_load(text)
    read = [step["uses"] for step in _steps(data) if "uses" in step]
    read += [job["uses"] for job in data["jobs"].values() if "uses" in job]
    assert sorted(read) == sorted(ref for _, ref, _ in uses_lines(text))
    assert read, "a workflow with no actions at all is not what this test expects"


def test_the_pin_check_finds_tags_short_shas_and_missing_comments() -> None:
    sha = "3d3c42e5aac5ba805825da76410c181273ba90b1"
    assert unpinned_uses(f"    steps:\n      - uses: actions/checkout@{sha} # v7.0.1\n") == []
    for line in [
        "      - uses: actions/checkout@v7",
        "      - uses: actions/checkout@v7.0.1 # v7.0.1",
        f"      - uses: actions/checkout@{sha[:12]} # v7.0.1",
        f"      - uses: actions/checkout@{sha}",
        f"      - uses: actions/checkout@{sha} # the newest",
        f"        uses: actions/checkout@{sha.upper()} # v7.0.1",
        "        uses: actions/checkout@main",
    ]:
        assert unpinned_uses(f"    steps:\n{line}\n"), line


def test_each_action_is_pinned_to_one_commit_and_tag_everywhere() -> None:
    pins: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    for workflow in WORKFLOWS:
        for _, ref, comment in uses_lines(workflow.read_text()):
            match = PINNED_REF.match(ref)
            if match:
                pins[match["action"]].add((match["sha"], comment))
    assert pins
    assert {action: found for action, found in pins.items() if len(found) > 1} == {}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_no_script_pastes_in_what_a_pull_request_controls(workflow: Path) -> None:
    assert untrusted_in_scripts(yaml.safe_load(workflow.read_text())) == []


def test_the_script_check_finds_a_pasted_branch_name_or_title() -> None:
    def workflow(run: str) -> dict[str, Any]:
        return {"jobs": {"check": {"steps": [{"name": "step", "run": run}]}}}

    for run in [
        'git diff "origin/${{ github.base_ref }}"',
        "echo ${{github.head_ref}}",
        'echo "${{ github.event.pull_request.title }}"',
        "echo ${{ inputs.ref }}",
        "echo ${{ github['head_ref'] }}",
    ]:
        assert untrusted_in_scripts(workflow(run)), run
    assert untrusted_in_scripts(workflow('git diff "origin/$BASE_REF"')) == []
    assert untrusted_in_scripts(workflow("echo ${{ github.event_name }}")) == []


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_no_checkout_leaves_the_token_in_git_config(workflow: Path) -> None:
    data = yaml.safe_load(workflow.read_text())
    assert checkouts_keeping_credentials(data) == []


def test_the_checkout_check_finds_a_checkout_that_keeps_the_token() -> None:
    checkout = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1"
    for step in [
        {"uses": checkout},
        {"uses": checkout, "with": {"fetch-depth": 0}},
        {"uses": checkout, "with": {"persist-credentials": "false"}},  # a string is true
    ]:
        assert checkouts_keeping_credentials({"jobs": {"job": {"steps": [step]}}}), step
    kept = {"uses": checkout, "with": {"persist-credentials": False}}
    assert checkouts_keeping_credentials({"jobs": {"job": {"steps": [kept]}}}) == []


# -- what each workflow does ---------------------------------------------------------------------


def test_pull_requests_validate_with_annotations_diff_build_and_preview() -> None:
    workflow = load("check.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as true
    steps = workflow["jobs"]["check"]["steps"]
    runs = _run_steps(workflow["jobs"]["check"])
    assert any(
        run.startswith("python3 run.py playbook validate data --format github") for run in runs
    )
    assert "python3 run.py playbook lint --format github" in runs
    diff = next(step for step in steps if "playbook diff" in step.get("run", ""))
    assert "GITHUB_STEP_SUMMARY" in diff["run"]
    # The base branch's name reaches the script as a variable.
    assert diff["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert "$BASE_REF" in diff["run"]
    assert "python3 run.py build" in runs and "python3 run.py test" in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps)
    assert workflow["permissions"] == {"contents": "read"}


@pytest.mark.parametrize(("name", "job"), [("check.yml", "check"), ("publish.yml", "build")])
def test_builds_keep_the_pages_they_converted_for_the_next_build(name: str, job: str) -> None:
    steps = load(name)["jobs"][job]["steps"]
    kept = [
        index
        for index, step in enumerate(steps)
        if step.get("uses", "").startswith("actions/cache@")
        and step["with"]["path"] == ".cache/playbook"  # where `mkdocs build` keeps them
    ]
    build = next(i for i, step in enumerate(steps) if step.get("run") == "python3 run.py build")
    assert len(kept) == 1 and kept[0] < build  # restored before the build, saved after the job
    # Each run saves under its own key, and restores the newest that any earlier run saved.
    cache = steps[kept[0]]["with"]
    assert "${{ github.sha }}" in cache["key"]
    assert cache["key"].startswith(cache["restore-keys"])


def test_pull_requests_run_the_browser_journeys_and_keep_their_screenshots() -> None:
    steps = load("check.yml")["jobs"]["check"]["steps"]
    tests = next(step for step in steps if step.get("run") == "python3 run.py test")
    assert tests["env"]["PLAYBOOK_BROWSER_TESTS"] == "required"
    uploads = [step["with"]["path"] for step in steps if "upload-artifact" in step.get("uses", "")]
    assert "test-artifacts/" in uploads
    # On the preview built before them, visiting what the pull request changed.
    build = next(step for step in steps if step.get("run") == "python3 run.py build")
    assert steps.index(build) < steps.index(tests) and tests["env"]["PLAYBOOK_SITE"] == "site"
    assert tests["env"]["PLAYBOOK_CHANGED_SINCE"] == "origin/${{ github.base_ref }}"


def test_publishing_checks_every_persona_and_program_before_it_publishes() -> None:
    steps = load("publish.yml")["jobs"]["build"]["steps"]
    runs = [step.get("run") for step in steps]
    check = steps[runs.index("python3 run.py test -m content")]
    assert runs.index("python3 run.py build") < steps.index(check)
    assert steps.index(check) < next(
        i for i, step in enumerate(steps) if "upload-pages-artifact" in step.get("uses", "")
    )
    assert check["env"]["PLAYBOOK_SITE"] == "site"
    assert check["env"]["PLAYBOOK_BROWSER_TESTS"] == "required"
    assert "PLAYBOOK_CHANGED_SINCE" not in check["env"]  # every persona and program


def test_publishing_deploys_only_main_after_a_green_build_and_one_at_a_time() -> None:
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
    # Started by hand from another branch, the workflow builds that branch but publishes nothing.
    if "workflow_dispatch" in workflow[True]:
        assert deploy["if"] == "github.ref == 'refs/heads/main'"


def test_every_week_the_tests_run_on_the_newest_versions_the_ranges_allow() -> None:
    workflow = load("newest.yml")
    triggers = workflow[True]
    crons = [entry["cron"] for entry in triggers["schedule"]]
    assert crons and all(len(cron.split()) == 5 for cron in crons)
    assert all(cron.split()[2:4] == ["*", "*"] for cron in crons), "weekly, not monthly"
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    steps = _steps(workflow)
    tests = [step for step in steps if step.get("run") == "python3 run.py test"]
    assert len(tests) == 1
    assert tests[0]["env"]["PLAYBOOK_DEPENDENCIES"] == "newest"
    assert tests[0]["env"]["PLAYBOOK_BROWSER_TESTS"] == "required"
    assert tests[0]["env"]["PLAYBOOK_CHROMIUM"] == "/usr/bin/google-chrome"
    assert tests[0]["env"]["HYPOTHESIS_PROFILE"] == "long"
    assert any(step.get("uses", "").startswith("actions/setup-python@") for step in steps)


def test_dependabot_proposes_the_python_lock_axe_core_and_the_actions_weekly() -> None:
    config = yaml.safe_load(DEPENDABOT.read_text())
    assert config["version"] == 2
    updates = {(u["package-ecosystem"], u["directory"]): u for u in config["updates"]}
    python = [key for key in updates if key[0] in ("uv", "pip")]
    assert python == [("uv", "/")], "the lock is compiled by uv: see the comment in dependabot.yml"
    assert ("npm", "/tests/browser") in updates
    assert ("github-actions", "/") in updates
    assert (ROOT / "tests" / "browser" / "package-lock.json").is_file()
    assert (ROOT / "pyproject.toml").is_file()
    for (ecosystem, _), update in updates.items():
        assert update["schedule"]["interval"] == "weekly", ecosystem
        assert 1 <= update["open-pull-requests-limit"] <= 10, ecosystem
        grouped = [set(group.get("update-types", [])) for group in update["groups"].values()]
        assert {"minor", "patch"} in grouped, f"{ecosystem}: minor and patch come together"


@pytest.mark.parametrize(("name", "job"), [("check.yml", "check"), ("publish.yml", "build")])
def test_the_build_and_its_checks_take_the_same_day(name: str, job: str) -> None:
    steps = load(name)["jobs"][job]["steps"]
    runs = [step.get("run", "") for step in steps]
    fixed = next(i for i, run in enumerate(runs) if "PLAYBOOK_TODAY=" in run)
    assert '>> "$GITHUB_ENV"' in runs[fixed]
    assert fixed < runs.index("python3 run.py build")
