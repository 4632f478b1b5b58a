"""Each lint rule, on a playbook that breaks it and on one that does not."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Literal

import pytest

from playbook.cli import main
from playbook.index import Index
from playbook.lint import FAMILIES, RULE_IDS, RULES, Finding, lint
from playbook.lint.registry import Family
from playbook.models.org import LintSettings
from playbook.problems import Problem
from playbook.scaffold import new_persona
from playbook.validate import validate
from tests.conftest import EXAMPLE, ROOT
from tests.test_history import commit
from tests.test_message_tests import with_results

TODAY = dt.date(2026, 11, 23)
KPIS = "programs/connect-2027/kpis.yml"
PROGRAM = "programs/connect-2027/program.yml"


def findings(data_dir: Path) -> list[Finding]:
    playbook, problems = validate(data_dir)
    assert playbook is not None, [p.format() for p in problems]
    return lint(playbook, Index(playbook), TODAY)


def fired(data_dir: Path, rule: str) -> set[tuple[str, str]]:
    """(subject, field) of each open finding of `rule`."""
    return {
        (f.subject, f.problem.field)
        for f in findings(data_dir)
        if f.rule == rule and f.severity != "info"
    }


def edit(data_dir: Path, relative: str, old: str, new: str) -> None:
    path = data_dir / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_orphan_session(data: Path) -> None:
    (data / "programs/connect-2027/sessions/orphans.yml").write_text(
        "sessions:\n  - id: orphan\n    title: A session for nobody\n    track: labs\n"
        "    format: session\n"
    )


def add_persona(data: Path) -> None:
    new_persona(data, "data-leader", TODAY)


def add_unserved_cluster(data: Path) -> None:
    edit(
        data,
        "clusters.yml",
        "clusters:\n",
        "clusters:\n  - id: lonely-job\n    name: Lonely"
        "\n    job:\n      when: nobody plans for it\n      want: get a session\n"
        "      so_that: feel served\n",
    )


def give_outcome_targets(data: Path) -> None:
    for metric in (
        "Pipeline influenced",
        "Time-to-close reduction",
        "Adoption metrics",
        "Joint opportunities",
    ):
        edit(data, KPIS, f"    metric: {metric}\n", f'    metric: {metric}\n    target: "+10%"\n')


def _demographics_without_goals(data: Path) -> None:
    path = data / "personas/exec.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("goals:\n")
    end = text.index("pain_points:\n")
    path.write_text(text[:start] + "goals: []\n" + text[end:], encoding="utf-8")


def _drop_first_job_evidence(data: Path) -> None:
    path = data / "personas/exec.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    evidence:\n")
    end = text.index("  - when:", start)
    path.write_text(text[:start] + "    evidence: []\n" + text[end:], encoding="utf-8")


def _copy_goals(data: Path, source: str, target: str) -> None:
    def block(text: str) -> str:
        return text[text.index("goals:\n") : text.index("jtbd:\n")]

    original = (data / f"personas/{source}.yml").read_text(encoding="utf-8")
    path = data / f"personas/{target}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(block(text), block(original), 1), encoding="utf-8")


def _long_social_post(data: Path) -> None:
    # Over a soft limit (a recommendation): over a hard one, validation refuses it first.
    channels = data / "channels.yml"
    soft = channels.read_text().replace(
        "body_limit: 280\n    body_limit_hard: true", "body_limit: 280"
    )
    channels.write_text(soft)
    path = data / "messaging/practitioner.yml"
    text = path.read_text(encoding="utf-8")
    marker = "Ship faster on Monday."
    assert marker in text
    path.write_text(text.replace(marker, marker + " Really." * 40, 1), encoding="utf-8")


def rename_champion(data: Path) -> None:
    """Rename a persona's file, keeping its old id in `formerly:`."""
    old = data / "personas" / "champion.yml"
    text = old.read_text(encoding="utf-8")
    new = text.replace("\nshort_name:", "\nformerly: [champion]\nshort_name:", 1)
    (data / "personas" / "business-champion.yml").write_text(new, encoding="utf-8")
    old.unlink()
    (data / "messaging" / "champion.yml").rename(data / "messaging" / "business-champion.yml")


def move_event(data: Path, start: str, end: str) -> None:
    edit(
        data,
        PROGRAM,
        "start_date: 2027-02-09\n  end_date: 2027-02-10",
        f"start_date: {start}\n  end_date: {end}",
    )


def _unchanged_since_the_event(data: Path) -> None:
    """The event ended in early September; the personas were last committed in August."""
    move_event(data, "2026-09-01", "2026-09-02")
    subprocess.run(["git", "init", "-q"], cwd=data.parent, check=True)
    commit(data.parent, "the playbook", "2026-08-01")


def _weekly_registrations_missing(data: Path) -> None:
    """T-8 (10 to 16 Nov) and T-7 have passed; the program has a results folder, and it records
    no registrations."""
    move_event(data, "2027-01-05", "2027-01-06")
    (data / "programs/connect-2027/results").mkdir()


def _winner_without_significance(data: Path) -> None:
    with_results(data)
    edit(data, "messaging/exec.yml", "label: B\n", "label: B\n      winner: true\n")


# (rule, how to break it, the finding it must give, a finding the example must not give)
CASES: list[tuple[str, Callable[[Path], None], tuple[str, str], tuple[str, str]]] = [
    (
        "session-personas",
        add_orphan_session,
        ("orphan", "sessions.0.personas"),
        ("pilot-to-production", "sessions.0.personas"),
    ),
    (
        "session-clusters",
        add_orphan_session,
        ("orphan", "sessions.0.clusters"),
        ("pilot-to-production", "sessions.0.clusters"),
    ),
    ("persona-sessions", add_persona, ("data-leader", ""), ("exec", "")),
    (
        "cluster-sessions",
        add_unserved_cluster,
        ("lonely-job", "clusters.0"),
        ("grow-ecosystem", "clusters.4"),
    ),
    (
        "persona-snippets",
        lambda d: edit(d, "messaging/exec.yml", "channel: linkedin", "channel: email"),
        ("exec", "channels.2.channel"),
        ("exec", "channels.2.channel"),
    ),
    (
        "success-metric-target",
        lambda d: edit(d, "personas/exec.yml", '    target: "8+"\n', ""),
        ("exec", "success_metrics.1"),
        ("exec", "success_metrics.1"),
    ),
    ("jtbd-count", add_persona, ("data-leader", "jtbd"), ("exec", "jtbd")),
    (
        "template-counts",
        lambda d: edit(
            d, "personas/exec.yml", "  - Benchmark peers and gather board-ready insights\n", ""
        ),
        ("exec", "goals"),
        ("exec", "goals"),
    ),
    (
        "primary-personas",
        lambda d: edit(d, "playbook.yml", "max_primary_personas: 5", "max_primary_personas: 3"),
        ("partner", "priority"),
        ("partner", "priority"),
    ),
    (
        "demographics-only",
        _demographics_without_goals,
        ("exec", "demographics"),
        ("exec", "demographics"),
    ),
    (
        "jtbd-evidence",
        _drop_first_job_evidence,
        ("exec", "jtbd.0.evidence"),
        ("exec", "jtbd.0.evidence"),
    ),
    ("assumption-based", add_persona, ("data-leader", "jtbd"), ("exec", "jtbd")),
    (
        "stale-review",
        lambda d: edit(
            d, "personas/exec.yml", "last_reviewed: 2026-10-28", "last_reviewed: 2026-01-28"
        ),
        ("exec", "review.last_reviewed"),
        ("exec", "review.last_reviewed"),
    ),
    (
        "persona-overlap",
        lambda d: _copy_goals(d, "exec", "procurement"),
        ("procurement", "goals"),
        ("procurement", "goals"),
    ),
    (
        "workshop-length",
        lambda d: edit(d, "templates.yml", "minutes: 20", "minutes: 60"),
        ("workshop", "workshop_agenda"),
        ("workshop", "workshop_agenda"),
    ),
    (
        "snippet-length",
        lambda d: _long_social_post(d),
        ("practitioner-social-ship-monday", "snippets.0.body"),
        ("practitioner-social-ship-monday", "snippets.0.body"),
    ),
    ("persona-kpis", lambda d: None, ("exec", "kpis"), ("never", "fires")),
    (
        "update-after-event",
        _unchanged_since_the_event,
        ("champion", ""),
        ("champion", ""),
    ),
    (
        "results-overdue",
        _weekly_registrations_missing,
        ("connect-2027", "reporting.0"),
        ("connect-2027", "reporting.0"),
    ),
    (
        "winner-not-significant",
        _winner_without_significance,
        ("exec-invite-diligence-b", "snippets.1.variant.winner"),
        ("exec-invite-diligence-b", "snippets.1.variant.winner"),
    ),
    (
        "persona-former-id",
        rename_champion,
        ("business-champion", "sessions.0.personas.secondary.0"),
        ("business-champion", "sessions.0.personas.secondary.0"),
    ),
]


def test_every_rule_has_a_case() -> None:
    assert sorted({case[0] for case in CASES}) == sorted(RULE_IDS)


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_a_rule_fires_on_a_playbook_that_breaks_it_and_not_otherwise(
    case: tuple[str, Callable[[Path], None], tuple[str, str], tuple[str, str]], data_copy: Path
) -> None:
    rule, breaker, expected, absent_before = case
    before = fired(data_copy, rule)
    assert absent_before not in before
    breaker(data_copy)
    assert expected in fired(data_copy, rule)


def test_kpi_targets_for_every_stage_clear_the_rule(data_copy: Path) -> None:
    assert ("exec", "kpis") in fired(data_copy, "persona-kpis")
    give_outcome_targets(data_copy)
    assert fired(data_copy, "persona-kpis") == set()


def test_the_example_has_no_errors_and_only_real_gaps() -> None:
    found = findings(EXAMPLE)
    assert not [f for f in found if f.severity == "error"]
    assert {f.rule for f in found if f.severity == "warning"} == {
        "jtbd-evidence",  # three jobs have fewer than three quotes
        "template-counts",  # the reference gives the partner three offers; the template says 1–2
        "persona-snippets",  # nobody wrote procurement a partner co-invite
        "stale-review",  # procurement was last reviewed in May
        "persona-kpis",  # the reference sets no outcome targets
    }


def test_a_waiver_turns_a_finding_into_information_with_its_reason(data_copy: Path) -> None:
    waived = [f for f in findings(data_copy) if f.waived]
    assert [(f.rule, f.subject, f.severity) for f in waived] == [
        ("template-counts", "practitioner", "info")
    ]
    assert waived[0].waived is not None and waived[0].waived.startswith("Practitioners respond")


def test_a_waiver_of_an_unknown_rule_is_an_error_and_an_unused_one_is_reported(
    data_copy: Path,
) -> None:
    edit(
        data_copy,
        "playbook.yml",
        "    - rule: template-counts\n      subject: practitioner",
        "    - rule: template-count\n      subject: practitioner",
    )
    found = [f for f in findings(data_copy) if f.rule == "waivers"]
    assert found[0].severity == "error"
    assert "there is no rule `template-count`" in found[0].problem.message
    assert found[0].hint == "did you mean `template-counts`?"
    edit(data_copy, "playbook.yml", "rule: template-count\n", "rule: stale-review\n")
    unused = [f for f in findings(data_copy) if f.rule == "waivers"]
    assert unused[0].severity == "info" and "matches nothing" in unused[0].problem.message


def test_the_command_exits_1_on_errors_and_on_warnings_when_strict(
    data_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAYBOOK_TODAY", TODAY.isoformat())
    assert main(["lint", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "warning [stale-review] review.last_reviewed:" in out
    assert out.rstrip().endswith("0 errors, 11 warnings, 1 waived or informational.")
    assert main(["lint", str(data_copy), "--strict"]) == 1
    _demographics_without_goals(data_copy)
    assert main(["lint", str(data_copy)]) == 1
    assert "error [demographics-only]" in capsys.readouterr().out


def test_the_command_annotates_pull_requests(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["lint", str(data_copy), "--format", "github"])
    lines = capsys.readouterr().out.splitlines()
    stale = next(line for line in lines if "stale-review" in line)
    assert stale.startswith("::warning file=")
    assert ",title=stale-review review.last_reviewed::" in stale
    assert any(line.startswith("::notice ") for line in lines)  # the waived finding


def test_the_rules_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--rules", "--data", str(EXAMPLE)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listed] == list(RULE_IDS)
    assert "jtbd-count               each persona has 2–3 jobs to be done" in listed


def test_the_rules_state_the_thresholds_set_in_playbook_yml(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for old, new in [
        ("min_jobs: 2", "min_jobs: 1"),
        ("max_jobs: 3", "max_jobs: 4"),
        ("quotes_per_job: 3", "quotes_per_job: 2"),
        ("overlap_percent: 50", "overlap_percent: 62.5"),
        ("workshop_minutes: [60, 90]", "workshop_minutes: [45, 120]"),
    ]:
        edit(data_copy, "playbook.yml", old, new)
    assert main(["lint", "--rules", "--data", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "each persona has 1–4 jobs to be done" in out
    assert "each job is backed by 2 quotes with sources" in out
    assert "share 62.5% or more of their goals" in out
    assert "the workshop agenda adds up to 45–120 minutes" in out
    assert "2–3" not in out and "60–90" not in out
    assert main(["lint", str(data_copy), "--rules"]) == 0  # the folder as a plain argument
    assert "each persona has 1–4 jobs to be done" in capsys.readouterr().out


def test_without_a_readable_playbook_yml_the_rules_state_the_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", "--rules", "--data", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "each persona has 2–3 jobs to be done" in captured.out
    assert "the default thresholds are shown" in captured.err


def test_every_rule_is_registered_once_and_documented() -> None:
    assert len(set(RULE_IDS)) == len(RULE_IDS) == len(RULES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert rule.family in FAMILIES
        assert f"| {rule.family} |" in readme, f"README's rules table lacks {rule.family}"
        assert rule.describe(LintSettings()).strip(), rule.id
        assert "{" not in rule.describe(LintSettings()), rule.id
        assert rule.check.__doc__, f"{rule.id}: its check says what it finds"
    assert [rule.family for rule in RULES] == sorted(
        (rule.family for rule in RULES), key=FAMILIES.index
    )


def test_a_rule_id_declared_twice_or_a_misspelt_threshold_is_refused() -> None:
    rule = Family("shape")
    with pytest.raises(ValueError, match="`jtbd-count` is declared twice"):
        rule("jtbd-count", about="again")(lambda playbook, index, today: iter(()))
    with pytest.raises(KeyError, match="min_job"):
        rule("new-rule", about="{min_job} jobs")(lambda playbook, index, today: iter(()))
    with pytest.raises(ValueError, match="unknown rule family"):
        Family("style")


@pytest.mark.parametrize(
    ("severity", "level"), [("error", "error"), ("warning", "warning"), ("info", "notice")]
)
def test_a_finding_annotates_at_its_level_with_the_rule_in_the_title(
    severity: Literal["error", "warning", "info"], level: str
) -> None:
    problem = Problem(Path("data/x.yml"), 3, 5, "a,b", "100% sure:\nnew line")
    finding = Finding(severity, "jtbd-count", "exec", problem, "fix, then: retry")
    assert finding.github() == (
        f"::{level} file=data/x.yml,line=3,col=5,title=jtbd-count a%2Cb::"
        "100%25 sure:%0Anew line; fix, then: retry"
    )
    whole_file = Finding(severity, "jtbd-count", "exec", replace(problem, field=""), "fix")
    assert ",title=jtbd-count playbook::" in whole_file.github()
