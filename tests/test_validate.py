"""Validation of a whole playbook: cross references, uniqueness, order, files in the wrong place.

Each test breaks one thing in a copy of the example playbook and checks the problem names the
file, the line, the field and what to do.
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from playbook.validate import validate
from tests.conftest import Edit, problems_in

PILOT = "programs/connect-2027/sessions/use-cases.yml"


def line_of(path: Path, text: str, after: str | None = None) -> int:
    """The 1-based line where `text` first occurs (after the first `after`, if given)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


def only(problems: list[str]) -> str:
    assert len(problems) == 1, "\n".join(problems)
    return problems[0]


def test_a_misspelt_cluster_suggests_the_right_one(data_copy: Path, edit: Edit) -> None:
    edit("personas/exec.yml", "cluster: evaluate-and-derisk", "cluster: evaluate-and-derisck")
    line = line_of(data_copy / "personas/exec.yml", "evaluate-and-derisck")
    assert only(problems_in(data_copy)) == (
        f"personas/exec.yml:{line}:14: jtbd.0.cluster: there is no cluster "
        "`evaluate-and-derisck`; did you mean `evaluate-and-derisk`?"
    )


def test_an_unknown_persona_in_a_session(data_copy: Path, edit: Edit) -> None:
    edit(PILOT, "        - champion\n", "        - champoin\n")
    problems = problems_in(data_copy)
    line = line_of(data_copy / PILOT, "champoin")
    assert (
        f"{PILOT}:{line}:11: sessions.0.personas.primary.0: there is no persona `champoin`; "
        "did you mean `champion`?"
    ) in problems
    # The call to action for champion now belongs to no served persona.
    assert any("sessions.0.cta.champion" in problem for problem in problems)


def test_an_unknown_track_lists_the_tracks(data_copy: Path, edit: Edit) -> None:
    edit(PILOT, "track: use-cases", "track: customer-stories")
    problem = only(problems_in(data_copy))
    assert "sessions.0.track: there is no track `customer-stories`; the tracks in " in problem
    assert "`use-cases`" in problem


def test_a_served_persona_without_a_call_to_action(data_copy: Path, edit: Edit) -> None:
    edit(PILOT, "      exec: Join the Executive Roadmap briefing\n", "")
    line = line_of(data_copy / PILOT, "cta:")
    assert only(problems_in(data_copy)) == (
        f"{PILOT}:{line}:5: sessions.0.cta: session `pilot-to-production` serves `exec` but "
        "gives no call to action for it; add `exec: <what they should do next>` under `cta`"
    )


def test_a_call_to_action_for_a_persona_the_session_does_not_serve(
    data_copy: Path, edit: Edit
) -> None:
    edit(
        PILOT,
        "      exec: Join the Executive Roadmap briefing\n",
        "      exec: Join the Executive Roadmap briefing\n      partner: Meet the partner team\n",
    )
    problem = only(problems_in(data_copy))
    assert "sessions.0.cta.partner: `partner` has a call to action but is not among" in problem


def test_a_persona_both_primary_and_secondary(data_copy: Path, edit: Edit) -> None:
    edit(PILOT, "        - exec\n", "        - champion\n")
    problems = problems_in(data_copy)
    assert any("sessions.0.personas.secondary.0: `champion` is listed twice" in p for p in problems)


def test_session_ids_are_unique_across_files(data_copy: Path) -> None:
    extra = data_copy / "programs/connect-2027/sessions/workshops.yml"
    extra.write_text(
        "sessions:\n  - id: pilot-to-production\n    title: Again\n    track: use-cases\n"
        "    format: session\n"
    )
    problem = only(problems_in(data_copy))
    line = line_of(data_copy / PILOT, "id: pilot-to-production")
    assert problem.startswith(
        "programs/connect-2027/sessions/workshops.yml:2:9: sessions.0.id: the session id "
        "`pilot-to-production` is already used on "
    )
    assert problem.endswith(f"{PILOT}:{line}; each must be unique: rename one")


def test_phases_out_of_order_and_backwards(data_copy: Path, edit: Edit) -> None:
    timeline = "programs/connect-2027/timeline.yml"
    edit(timeline, "start_week: -9", "start_week: -13")
    edit(timeline, "end_week: -6", "end_week: -8")
    problems = problems_in(data_copy)
    assert any(
        "phases.2.start_week: phases are listed in time order, but this one starts (-13) "
        "before the one above it (-12); move it up" in p
        for p in problems
    )
    assert any("phases.3.end_week: end_week (-8) is before start_week (-7)" in p for p in problems)


def test_icp_weights_must_add_up_to_100(data_copy: Path, edit: Edit) -> None:
    edit("icp.yml", "weight: 20", "weight: 25")
    problem = only(problems_in(data_copy))
    assert "icp.yml:" in problem
    assert "attributes: the attributes' weights add up to 105%, not 100%" in problem


def test_a_percentage_over_100_in_a_target(data_copy: Path, edit: Edit) -> None:
    edit("programs/connect-2027/kpis.yml", '"70%"', '"170%"')
    problem = only(problems_in(data_copy))
    assert "by_persona.exec: 170% is not a percentage between 0% and 100%" in problem


def test_a_kpi_target_for_a_persona_it_does_not_apply_to(data_copy: Path, edit: Edit) -> None:
    kpis = data_copy / "programs/connect-2027/kpis.yml"
    text = kpis.read_text()
    marker = "      - practitioner\n"
    assert marker in text
    kpis.write_text(text.replace(marker, marker + '    by_persona:\n      exec: "50%"\n', 1))
    problem = only(problems_in(data_copy))
    assert "so it has no target for `exec`" in problem


def test_an_unknown_featured_program(data_copy: Path, edit: Edit) -> None:
    edit("playbook.yml", "featured_program: connect-2027", "featured_program: connect-2028")
    assert "there is no program `connect-2028`; did you mean `connect-2027`?" in only(
        problems_in(data_copy)
    )


def test_a_file_in_the_wrong_folder_suggests_the_right_one(data_copy: Path) -> None:
    (data_copy / "persona").mkdir()
    (data_copy / "personas/exec.yml").rename(data_copy / "persona/exec.yml")
    problems = problems_in(data_copy)
    assert any(
        "persona/exec.yml:1:1: is not a place the playbook reads data from; did you mean "
        "`personas/exec.yml`?" in p
        for p in problems
    )


def test_a_persona_file_name_that_is_not_an_id(data_copy: Path) -> None:
    (data_copy / "personas/exec.yml").rename(data_copy / "personas/Exec Team.yml")
    problems = problems_in(data_copy)
    assert any(
        "personas/Exec Team.yml:1:1: the file name is the persona's id, and `Exec Team` is not "
        "a valid id"
        in p
        and "`exec-team`" in p
        for p in problems
    )


def test_a_yaml_suffix_is_refused_with_the_name_to_use(data_copy: Path) -> None:
    (data_copy / "personas/exec.yaml").write_bytes((data_copy / "personas/exec.yml").read_bytes())
    (data_copy / "personas/exec.yml").unlink()
    (data_copy / "messaging/exec.yml").rename(data_copy / "messaging/exec.YML")
    problems = problems_in(data_copy)
    assert (
        "personas/exec.yaml:1:1: playbook files end in `.yml`: rename `exec.yaml` to `exec.yml`"
        in problems
    )
    assert (
        "messaging/exec.YML:1:1: playbook files end in `.yml`: rename `exec.YML` to `exec.yml`"
        in problems
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ('a" onmouseover="alert(1).yml', "for example `a-onmouseover-alert-1`"),
        ("Labs.yml", "for example `labs`"),
        ("labs one.yml", "for example `labs-one`"),
        ("x\n::error::y.yml", "for example `x-error-y`"),
    ],
)
def test_a_session_file_name_must_be_an_id(data_copy: Path, name: str, expected: str) -> None:
    sessions = data_copy / "programs/connect-2027/sessions"
    (sessions / "labs.yml").rename(sessions / name)
    problems = [p for p in problems_in(data_copy) if "file names are ids" in p]
    assert len(problems) == 1 and expected in problems[0] and "rename the file" in problems[0]


def test_a_messaging_file_is_named_after_its_persona(data_copy: Path) -> None:
    (data_copy / "messaging/exec.yml").rename(data_copy / "messaging/execs.yml")
    problems = problems_in(data_copy)
    assert problems[0] == (
        "messaging/execs.yml:1:1: a messaging file is named after the persona whose snippets "
        "it holds, and there is no persona `execs`: rename it to `exec.yml` (see `personas/`)"
    )


def test_a_snippet_belongs_in_its_personas_file(data_copy: Path, edit: Edit) -> None:
    edit("messaging/exec.yml", "persona: exec", "persona: champion")
    assert problems_in(data_copy)[0].endswith(
        "persona: this file holds the snippets for `exec` (it is named after that persona): "
        "change `persona` to `exec`, or move this snippet to `messaging/champion.yml`"
    )


def test_an_id_written_in_a_persona_file(data_copy: Path, edit: Edit) -> None:
    edit("personas/exec.yml", "name: Executive", "id: exec\nname: Executive")
    assert only(problems_in(data_copy)).endswith(
        "id: remove `id`: a persona's id is its file name (`exec`)"
    )


def test_a_missing_required_file_does_not_cascade(data_copy: Path) -> None:
    (data_copy / "roles.yml").unlink()
    # One problem: the missing file. References to roles are not checked against nothing.
    assert only(problems_in(data_copy)).startswith(
        "roles.yml:1:1: is missing: it holds the roles and the RACI matrix"
    )


def test_a_broken_file_does_not_make_its_references_fail(data_copy: Path, edit: Edit) -> None:
    edit("clusters.yml", "clusters:", "clusterz:")
    problems = problems_in(data_copy)
    assert all(p.startswith("clusters.yml") for p in problems), problems


def test_a_program_folder_without_program_yml(data_copy: Path) -> None:
    (data_copy / "programs/roadshow-2027/sessions").mkdir(parents=True)
    (data_copy / "programs/roadshow-2027/sessions/day-1.yml").write_text("sessions: []\n")
    problem = only(problems_in(data_copy))
    assert "programs/roadshow-2027/program.yml:1:1: is missing" in problem


def test_a_session_day_after_the_event(data_copy: Path, edit: Edit) -> None:
    edit(PILOT, "    day: 1\n", "    day: 3\n")
    assert "the event lasts 2 days, so there is no day 3" in only(problems_in(data_copy))


def test_snippet_subject_follows_the_channel(data_copy: Path) -> None:
    snippet = (
        "snippets:\n"
        "  - id: test-email\n    persona: exec\n    channel: email\n    body: Hello\n"
        "    cta: Register\n    status: draft\n    owner: product-marketing\n"
        "  - id: test-social\n    persona: exec\n    channel: social\n    subject: Hi\n"
        "    body: Hello\n    cta: Register\n    status: draft\n    owner: product-marketing\n"
    )
    (data_copy / "messaging/exec.yml").write_text(snippet)
    problems = problems_in(data_copy)
    assert len(problems) == 2
    assert problems[0] == (
        "messaging/exec.yml:2:5: snippets.0: snippet `test-email` runs on Email, which needs a "
        "subject line: add `subject:`"
    )
    assert "messaging/exec.yml:12:14: snippets.1.subject:" in problems[1]


def test_an_ab_test_needs_two_distinct_variants(data_copy: Path) -> None:
    snippet = (
        "snippets:\n"
        "  - id: lone-variant\n    persona: exec\n    channel: social\n    body: Hello\n"
        "    cta: Register\n    status: draft\n    owner: product-marketing\n"
        "    variant:\n      test: lone-test\n      label: A\n"
    )
    (data_copy / "messaging/exec.yml").write_text(snippet)
    assert "A/B test `lone-test` has only this variant" in only(problems_in(data_copy))


def test_an_unknown_buying_stage_on_a_snippet(data_copy: Path) -> None:
    snippet = (
        "snippets:\n"
        "  - id: test-stage\n    persona: exec\n    channel: social\n    stage: Evaluation\n"
        "    body: Hello\n    cta: Register\n    status: draft\n    owner: product-marketing\n"
    )
    (data_copy / "messaging/exec.yml").write_text(snippet)
    assert "there is no buying stage `Evaluation`; did you mean `Evaluate`?" in only(
        problems_in(data_copy)
    )


def test_a_role_twice_in_one_raci_row(data_copy: Path, edit: Edit) -> None:
    roles = (data_copy / "roles.yml").read_text()
    assert "    informed:\n      - legal-brand\n" in roles
    edit(
        "roles.yml",
        "    informed:\n      - legal-brand\n",
        "    informed:\n      - legal-brand\n      - event-strategy-lead\n",
    )
    problem = only(problems_in(data_copy))
    assert "`event-strategy-lead` is already accountable for this activity" in problem


def test_a_template_section_naming_a_persona_field_that_does_not_exist(
    data_copy: Path, edit: Edit
) -> None:
    edit("templates.yml", "field: pain_points", "field: pain_point")
    assert "there is no persona field `pain_point`; did you mean `pain_points`?" in only(
        problems_in(data_copy)
    )


def test_short_names_are_unique(data_copy: Path, edit: Edit) -> None:
    edit("personas/champion.yml", "short_name: Champion", "short_name: exec")
    problem = only(problems_in(data_copy))
    assert "personas/exec.yml" in problem or "personas/champion.yml" in problem
    assert "short name" in problem


def test_a_wrong_schema_line(data_copy: Path, edit: Edit) -> None:
    edit("personas/exec.yml", "persona.schema.json", "sessions.schema.json")
    assert "point it at `persona.schema.json`" in only(problems_in(data_copy))


def test_all_problems_of_all_files_come_in_one_run(data_copy: Path, edit: Edit) -> None:
    edit("personas/exec.yml", "pain_points:", "pain_point:")
    edit("personas/partner.yml", "priority: primary", "priority: first")
    edit(PILOT, 'start: "11:15"', "start: 11:15")
    edit("icp.yml", "weight: 20", "weight: 21")
    files = {problem.split(":")[0] for problem in problems_in(data_copy)}
    assert files == {"personas/exec.yml", "personas/partner.yml", PILOT, "icp.yml"}


def _copy_persona(data: Path, new_id: str) -> Path:
    original = data / "personas" / "exec.yml"
    copy = data / "personas" / f"{new_id}.yml"
    text = original.read_text(encoding="utf-8")
    copy.write_text(re.sub(r"(?m)^name: .*$", "name: Chief Security Officer", text, count=1))
    return copy


def _free_rank(data: Path) -> int:
    ranks = {
        yaml.safe_load(path.read_text()).get("rank") for path in (data / "personas").glob("*.yml")
    }
    return next(rank for rank in itertools.count(1) if rank not in ranks)


def test_a_copied_persona_is_blamed_for_its_clashes_and_offered_a_free_rank(
    data_copy: Path,
) -> None:
    free = _free_rank(data_copy)
    _copy_persona(data_copy, "ciso")
    problems = problems_in(data_copy)
    assert problems and all(p.startswith("personas/ciso.yml:") for p in problems), problems
    rank = next(p for p in problems if ": rank: " in p)
    assert rank.endswith(f"give `ciso` a rank of its own: {free} is free")
    assert any("short_name: the short name" in p and "personas/exec.yml`" in p for p in problems)


def test_with_a_base_the_file_the_change_added_is_blamed_even_if_older_on_disk(
    data_copy: Path,
) -> None:
    repo = data_copy.parent

    def run(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    run("init", "-q", "-b", "main")
    run("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "--allow-empty", "-m", "0")
    run("add", "data")
    run("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "base")
    run("switch", "-q", "-c", "new-persona")
    copy = _copy_persona(data_copy, "aaa-copy")  # sorts before exec.yml
    run("add", "data")
    run("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "copy")
    original = data_copy / "personas" / "exec.yml"
    os.utime(copy, (1, 1))  # the copy looks older on disk than the original
    os.utime(original, None)
    _, problems = validate(data_copy, base="main")
    assert problems and {problem.file.name for problem in problems} == {"aaa-copy.yml"}


def test_over_a_hard_limit_is_an_error_and_over_a_soft_one_a_warning(
    data_copy: Path, edit: Edit
) -> None:
    channels = data_copy / "channels.yml"
    channels.write_text(
        channels.read_text().replace(
            "    body_limit: 150\n    body_limit_hard: true",
            "    body_limit: 10\n    body_limit_hard: true",
        )
    )
    snippets = yaml.safe_load((data_copy / "messaging" / "champion.yml").read_text())["snippets"]
    on_ads = [s for s in snippets if s["channel"] == "ads" and s["status"] != "retired"]
    assert on_ads, "the fixture has a live ad for champion"
    problems = problems_in(data_copy)
    body = next(
        p for p in problems if p.endswith("shorten it by " + str(len(on_ads[0]["body"]) - 10))
    )
    assert "body: the body is" in body and "accepts at most 10 (the platform rejects" in body
    # The same length over a soft limit is lint's to warn about, not validation's.
    channels.write_text(
        channels.read_text().replace("body_limit: 10\n    body_limit_hard: true", "body_limit: 10")
    )
    assert not any("accepts at most" in p for p in problems_in(data_copy))


def test_a_copied_messaging_file_is_blamed_for_its_repeated_snippet_ids(data_copy: Path) -> None:
    copy = _copy_persona(data_copy, "aaa-copy")  # sorts before every original
    copy.write_text(
        re.sub(r"(?m)^short_name: .*$", "short_name: Copy", copy.read_text(), count=1).replace(
            "rank: 1\n", f"rank: {_free_rank(data_copy)}\n", 1
        )
    )
    original = sorted((data_copy / "messaging").glob("*.yml"))[-1]
    text = original.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^    persona: .*$", "    persona: aaa-copy", text)
    (data_copy / "messaging" / "aaa-copy.yml").write_text(text, encoding="utf-8")
    problems = [p for p in problems_in(data_copy) if "is already used on" in p]
    assert problems and all(p.startswith("messaging/aaa-copy.yml:") for p in problems), problems
