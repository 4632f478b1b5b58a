"""What each `playbook` command does, once `cli` has parsed its arguments."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from playbook.agenda.command import ImportRefused, run_import
from playbook.codeowners import codeowners
from playbook.diff import DiffError, diff_against, report
from playbook.layout import SETTINGS
from playbook.lint import RULES, SEVERITY_ORDER
from playbook.load import read
from playbook.models.org import LintSettings, Settings
from playbook.models.playbook import Playbook
from playbook.problems import Problem, counted, display_path, summary, summary_table
from playbook.results.command import ImportRefused as ResultsRefused
from playbook.results.command import run_results_import
from playbook.scaffold import ScaffoldError, new_persona, new_session, new_snippet
from playbook.schema import stale_schemas, write_schemas
from playbook.site import InvalidPlaybook, RenderError, build_date, generate, load_site
from playbook.validate import validate


def _print_problems(problems: Sequence[Problem], closing: str, github: bool = False) -> None:
    """Every problem, one per line, then `summary: closing`."""
    for problem in problems:
        print(problem.github() if github else problem.format())
    print(f"\n{summary(problems)}{closing}")


def validate_command(args: argparse.Namespace) -> int:
    """`playbook validate`: every problem in the data, or what the valid playbook holds."""
    playbook, problems = validate(args.data, args.base)
    if args.format == "github" and problems and os.environ.get("GITHUB_STEP_SUMMARY"):
        # GitHub shows at most ten annotations per step; the summary lists them all.
        with Path(os.environ["GITHUB_STEP_SUMMARY"]).open("a", encoding="utf-8") as out:
            out.write(summary_table(problems))
    if problems:
        them = "it" if len(problems) == 1 else "them"
        closing = f". Fix {them} and run `playbook validate` again."
        _print_problems(problems, closing, github=args.format == "github")
        return 1
    assert playbook is not None
    sessions = sum(len(program_sessions) for program_sessions in playbook.sessions.values())
    contents = ", ".join(
        [
            counted(len(playbook.personas), "persona"),
            counted(len(playbook.programs), "program"),
            counted(sessions, "session"),
            counted(len(playbook.snippets), "snippet"),
        ]
    )
    print(f"{display_path(args.data)} is a valid playbook: {contents}.")
    return 0


def lint_command(args: argparse.Namespace) -> int:
    """`playbook lint`: every finding of the quality rules, or (`--rules`) the rules."""
    if args.rules:
        settings = _lint_settings(args.data)
        for rule in RULES:
            print(f"{rule.id:24} {rule.describe(settings)}")
        return 0
    try:
        site = load_site(args.data)
    except InvalidPlaybook as invalid:
        closing = ": fix them first (`playbook validate`)."
        _print_problems(invalid.problems, closing, github=args.format == "github")
        return 1
    findings = site.findings
    for finding in findings:
        print(finding.github() if args.format == "github" else finding.format())
    counts = {level: sum(f.severity == level for f in findings) for level in SEVERITY_ORDER}
    print(
        f"\n{counted(counts['error'], 'error')}, {counted(counts['warning'], 'warning')}, "
        f"{counts['info']} waived or informational."
    )
    return 1 if counts["error"] or (args.strict and counts["warning"]) else 0


def _lint_settings(data_dir: Path) -> LintSettings:
    """The thresholds in `data_dir`'s playbook.yml; the defaults, said so, if it has none."""
    path = data_dir / SETTINGS.pattern
    document, problems = read(path)
    if document is not None and not problems:
        try:
            return Settings.model_validate(document.data).lint
        except ValidationError:
            pass
    print(
        f"playbook lint: {display_path(path)} cannot be read or is not valid: the default "
        "thresholds are shown (`playbook validate` says why)",
        file=sys.stderr,
    )
    return LintSettings()


def generate_command(args: argparse.Namespace) -> int:
    """`playbook generate`: the generated pages as Markdown, and the downloads beside them,
    written to a folder."""
    try:
        written = generate(args.data, args.out_dir)
    except RenderError as error:
        print(f"playbook generate: {error}", file=sys.stderr)
        return 1
    except InvalidPlaybook as invalid:
        _print_problems(invalid.problems, ". Nothing was written.")
        return 1
    pages = sum(1 for path in written if path.suffix == ".md")
    files = f"{counted(pages, 'page')} and {counted(len(written) - pages, 'download')}"
    print(f"wrote {files} to {display_path(args.out_dir)}")
    return 0


def new_command(args: argparse.Namespace) -> int:
    """`playbook new`: a persona, session or snippet from a template that validates."""
    try:
        if args.kind == "persona":
            path = new_persona(args.data, args.id, build_date())
        elif args.kind == "session":
            path = new_session(args.data, args.program, args.id, args.track)
        else:
            path = new_snippet(args.data, args.persona, args.channel)
    except ScaffoldError as error:
        for problem in error.problems:
            print(problem.format())
        print(f"playbook new: {error}", file=sys.stderr)
        return 1
    print(
        f"wrote {display_path(path)}: it validates. Replace its TODO lines, then run "
        "`playbook validate`."
    )
    return 0


def diff_command(args: argparse.Namespace) -> int:
    """`playbook diff`: what the data's change since a git revision does to the playbook."""
    try:
        difference = diff_against(args.base, args.data, build_date())
    except InvalidPlaybook as invalid:
        _print_problems(invalid.problems, ": fix them before comparing.")
        return 1
    except DiffError as error:
        print(f"playbook diff: {error}", file=sys.stderr)
        return 2
    print(report(difference, args.base), end="")
    return 0


def codeowners_command(args: argparse.Namespace) -> int:
    """`playbook codeowners`: .github/CODEOWNERS from the persona owners, or its check."""
    playbook, problems = validate(args.data)
    if playbook is None:
        print(f"{summary(problems)}: run `playbook validate` and fix them first.")
        return 1
    text = codeowners(playbook, Path.cwd())
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        if current != text:
            print(f"{display_path(args.out)}: out of date; run `playbook codeowners`")
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {display_path(args.out)}")
    return 0


def schema_command(args: argparse.Namespace) -> int:
    """`playbook schema`: the JSON Schemas from the models, or their check."""
    if args.check:
        stale = stale_schemas(args.out)
        for path in stale:
            print(f"{display_path(path)}: out of date; run `playbook schema` to regenerate it")
        return 1 if stale else 0
    for path in write_schemas(args.out):
        print(f"wrote {display_path(path)}")
    return 0


def _valid_before_import(data: Path) -> Playbook | None:
    """The playbook in `data`, or None after saying that its problems come first."""
    playbook, problems = validate(data)
    if playbook is None:
        print(f"{summary(problems)}: run `playbook validate` and fix them before importing.")
    return playbook


def import_command(args: argparse.Namespace) -> int:
    """`playbook import`: the agenda from the event platform into a program's session files."""
    playbook = _valid_before_import(args.data)
    if playbook is None:
        return 1
    try:
        result = run_import(
            playbook, args.program, args.source, format=args.format, dry_run=args.dry_run
        )
    except ImportRefused as error:
        print(f"Nothing was imported: {error}", file=sys.stderr)
        return 1
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print("Nothing was imported; fix the above and import again.", file=sys.stderr)
        return 1
    verb = "Would import" if args.dry_run else "Imported"
    print(f"{verb} the agenda of {args.program}: {result.summary()}.")
    return 0


def results_import_command(args: argparse.Namespace) -> int:
    """`playbook results import`: an export's totals into a program's snapshot."""
    playbook = _valid_before_import(args.data)
    if playbook is None:
        return 1
    try:
        imported = run_results_import(
            playbook,
            args.program,
            args.file,
            args.as_of,
            export_id=args.export,
            into=args.into,
            dry_run=args.dry_run,
            unknown_as_untagged=args.unknown_as_untagged,
        )
    except ResultsRefused as refused:
        for detail in refused.details:
            print(detail, file=sys.stderr)
        print(f"Nothing was written: {refused}.", file=sys.stderr)
        return 1
    for line in imported.report(dry_run=args.dry_run):
        print(line)
    return 0
