"""The `playbook` command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from playbook import __version__
from playbook.codeowners import codeowners
from playbook.diff import DiffError, diff_against, report
from playbook.lint import RULES, SEVERITY_ORDER
from playbook.problems import Problem, counted, display_path, summary, summary_table
from playbook.scaffold import ScaffoldError, new_persona, new_session, new_snippet
from playbook.schema import stale_schemas, write_schemas
from playbook.site import InvalidPlaybook, RenderError, build_date, generate, load_site
from playbook.validate import validate

DEFAULT_DATA_DIR = Path("data")
DEFAULT_SCHEMA_DIR = Path("schemas")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    status: int = args.run(args)
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="playbook",
        description="Validate a persona playbook written in YAML, and build its site.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = commands.add_parser(
        "validate",
        help="check every data file and every reference between them",
        description="Check every data file and every reference between them. Prints each "
        "problem as path:line:column: field: message. Exits 0 when the playbook is valid.",
    )
    check.add_argument(
        "data_dir",
        nargs="?",
        type=Path,
        default=DEFAULT_DATA_DIR,
        metavar="DATA_DIR",
        help="the playbook's data folder (default: data)",
    )
    check.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: print GitHub Actions annotations, and write every problem to the job "
        "summary ($GITHUB_STEP_SUMMARY) too (default: text)",
    )
    check.set_defaults(run=_validate)

    lint_command = commands.add_parser(
        "lint",
        help="check the playbook against the persona research's quality rules",
        description="Validate, then check coverage, shape, evidence, freshness, "
        "differentiation and consistency. Prints each finding with its severity, rule, file, "
        "line and a hint. Exits 1 on errors, and on warnings with --strict.",
    )
    lint_command.add_argument(
        "data_dir",
        nargs="?",
        type=Path,
        default=DEFAULT_DATA_DIR,
        metavar="DATA_DIR",
        help="the playbook's data folder (default: data)",
    )
    lint_command.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    lint_command.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: print GitHub Actions annotations (default: text)",
    )
    lint_command.add_argument("--rules", action="store_true", help="list the rules and exit")
    lint_command.set_defaults(run=_lint)

    generate = commands.add_parser(
        "generate",
        help="write the site's generated Markdown pages to a folder",
        description="Write every generated page (one-pagers, session map, timeline, …) as "
        "Markdown into OUT_DIR, without MkDocs, for any Markdown site engine.",
    )
    generate.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder to write to")
    _data_option(generate)
    generate.set_defaults(run=_generate)

    new = commands.add_parser(
        "new",
        help="start a persona, session or snippet from a template that validates",
        description="Write a new persona file, or add a session or snippet, from a template "
        "whose comments explain each field. Replace the TODO lines, then validate.",
    )
    kinds = new.add_subparsers(title="what to start", metavar="KIND", required=True)
    persona = kinds.add_parser("persona", help="data/personas/ID.yml")
    persona.add_argument("id", metavar="ID", help="the persona's id, e.g. data-leader")
    persona.set_defaults(run=_new, kind="persona")
    session = kinds.add_parser("session", help="a session in data/programs/PROGRAM/sessions/")
    session.add_argument("program", metavar="PROGRAM", help="the program's id")
    session.add_argument("id", metavar="ID", help="the session's id, e.g. ai-readiness-clinic")
    session.add_argument("--track", help="its track (default: the program's first track)")
    session.set_defaults(run=_new, kind="session")
    snippet = kinds.add_parser("snippet", help="a draft snippet in data/messaging/PERSONA.yml")
    snippet.add_argument("persona", metavar="PERSONA", help="the persona's id")
    snippet.add_argument("channel", metavar="CHANNEL", help="the channel's id, e.g. email")
    snippet.set_defaults(run=_new, kind="snippet")
    for command in (persona, session, snippet):
        _data_option(command)

    compare = commands.add_parser(
        "diff",
        help="say what a change does to the playbook, compared with a git revision",
        description="Compare the data with the same folder at BASE (a branch or commit, e.g. "
        "origin/main): personas, sessions, snippets and milestones added, removed or changed, "
        "field by field, and the pages that change. Prints Markdown.",
    )
    compare.add_argument("base", metavar="BASE", help="git branch or commit to compare with")
    _data_option(compare)
    compare.set_defaults(run=_diff)

    owners = commands.add_parser(
        "codeowners",
        help="write .github/CODEOWNERS: persona owners review their persona",
        description="Write a CODEOWNERS file from each persona's `review.github`, so GitHub asks "
        "the persona's owner to review changes to its one-pager and messaging.",
    )
    _data_option(owners)
    owners.add_argument(
        "--out",
        type=Path,
        default=Path(".github/CODEOWNERS"),
        help="file to write (default: .github/CODEOWNERS)",
    )
    owners.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the file differs from the data",
    )
    owners.set_defaults(run=_codeowners)

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schemas editors use to check the YAML",
        description="Write one JSON Schema per kind of data file, generated from the models.",
    )
    schema.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_SCHEMA_DIR,
        help="folder to write them to (default: schemas)",
    )
    schema.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the files differ from the models",
    )
    schema.set_defaults(run=_schema)
    return parser


def _data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA_DIR,
        metavar="DATA_DIR",
        help="the playbook's data folder (default: data)",
    )


def _print_problems(problems: Sequence[Problem], closing: str, github: bool = False) -> None:
    """Every problem, one per line, then `summary: closing`."""
    for problem in problems:
        print(problem.github() if github else problem.format())
    print(f"\n{summary(problems)}{closing}")


def _validate(args: argparse.Namespace) -> int:
    playbook, problems = validate(args.data_dir)
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
    print(f"{display_path(args.data_dir)} is a valid playbook: {contents}.")
    return 0


def _lint(args: argparse.Namespace) -> int:
    if args.rules:
        for rule in RULES:
            print(f"{rule.id:24} {rule.about}")
        return 0
    try:
        site = load_site(args.data_dir)
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


def _generate(args: argparse.Namespace) -> int:
    try:
        written = generate(args.data, args.out_dir)
    except RenderError as error:
        print(f"playbook generate: {error}", file=sys.stderr)
        return 1
    except InvalidPlaybook as invalid:
        _print_problems(invalid.problems, ". Nothing was written.")
        return 1
    print(f"wrote {counted(len(written), 'page')} to {display_path(args.out_dir)}")
    return 0


def _new(args: argparse.Namespace) -> int:
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


def _diff(args: argparse.Namespace) -> int:
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


def _codeowners(args: argparse.Namespace) -> int:
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


def _schema(args: argparse.Namespace) -> int:
    if args.check:
        stale = stale_schemas(args.out)
        for path in stale:
            print(f"{display_path(path)}: out of date; run `playbook schema` to regenerate it")
        return 1 if stale else 0
    for path in write_schemas(args.out):
        print(f"wrote {display_path(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
