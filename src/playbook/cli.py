"""The `playbook` command: its arguments; `commands` does what each one asks."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from playbook import __version__, commands

DEFAULT_DATA_DIR = Path("data")
DEFAULT_SCHEMA_DIR = Path("schemas")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    if hasattr(args, "data_parser"):
        _resolve_data(args)
    status: int = args.run(args)
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="playbook",
        description="Validate a persona playbook written in YAML, and build its site.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subcommands = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = subcommands.add_parser(
        "validate",
        help="check every data file and every reference between them",
        description="Check every data file and every reference between them. Prints each "
        "problem as path:line:column: field: message. Exits 0 when the playbook is valid.",
    )
    _data_option(check, positional=True)
    check.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: print GitHub Actions annotations, and write every problem to the job "
        "summary ($GITHUB_STEP_SUMMARY) too (default: text)",
    )
    check.add_argument(
        "--base",
        metavar="REV",
        help="the git revision the change is compared with (a pull request's target, e.g. "
        "origin/main): when two files clash, the one changed since then is blamed",
    )
    check.set_defaults(run=commands.validate_command)

    linting = subcommands.add_parser(
        "lint",
        help="check the playbook against the persona research's quality rules",
        description="Validate, then check coverage, shape, evidence, freshness, "
        "differentiation and consistency. Prints each finding with its severity, rule, file, "
        "line and a hint. Exits 1 on errors, and on warnings with --strict.",
    )
    _data_option(linting, positional=True)
    linting.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    linting.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: print GitHub Actions annotations (default: text)",
    )
    linting.add_argument(
        "--rules",
        action="store_true",
        help="list the rules, with the thresholds set in the data folder's playbook.yml, and exit",
    )
    linting.set_defaults(run=commands.lint_command)

    generate = subcommands.add_parser(
        "generate",
        help="write the site's generated Markdown pages to a folder",
        description="Write every generated page (one-pagers, session map, timeline, …) as "
        "Markdown into OUT_DIR, without MkDocs, for any Markdown site engine.",
    )
    generate.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder to write to")
    _data_option(generate)
    generate.set_defaults(run=commands.generate_command)

    new = subcommands.add_parser(
        "new",
        help="start a persona, session or snippet from a template that validates",
        description="Write a new persona file, or add a session or snippet, from a template "
        "whose comments explain each field. Replace the TODO lines, then validate.",
    )
    kinds = new.add_subparsers(title="what to start", metavar="KIND", required=True)
    persona = kinds.add_parser("persona", help="data/personas/ID.yml")
    persona.add_argument("id", metavar="ID", help="the persona's id, e.g. data-leader")
    persona.set_defaults(run=commands.new_command, kind="persona")
    session = kinds.add_parser("session", help="a session in data/programs/PROGRAM/sessions/")
    session.add_argument("program", metavar="PROGRAM", help="the program's id")
    session.add_argument("id", metavar="ID", help="the session's id, e.g. ai-readiness-clinic")
    session.add_argument("--track", help="its track (default: the program's first track)")
    session.set_defaults(run=commands.new_command, kind="session")
    snippet = kinds.add_parser("snippet", help="a draft snippet in data/messaging/PERSONA.yml")
    snippet.add_argument("persona", metavar="PERSONA", help="the persona's id")
    snippet.add_argument("channel", metavar="CHANNEL", help="the channel's id, e.g. email")
    snippet.set_defaults(run=commands.new_command, kind="snippet")
    for command in (persona, session, snippet):
        _data_option(command)

    compare = subcommands.add_parser(
        "diff",
        help="say what a change does to the playbook, compared with a git revision",
        description="Compare the data with the same folder at BASE (a branch or commit, e.g. "
        "origin/main): personas, sessions, snippets and milestones added, removed or changed, "
        "field by field, and the pages that change. Prints Markdown.",
    )
    compare.add_argument("base", metavar="BASE", help="git branch or commit to compare with")
    _data_option(compare)
    compare.set_defaults(run=commands.diff_command)

    importer = subcommands.add_parser(
        "import",
        help="bring a program's agenda in from the event platform, keeping the persona mapping",
        description="Read a schedule export (frab/pretalx JSON or XML, Sessionize's All Data "
        "JSON) and update the program's session files: the platform's fields are updated, the "
        "playbook's (personas, angles, calls to action, clusters, proof) never touched; a "
        "session the platform dropped is marked cancelled, a new one arrives without personas. "
        "Prints what it did; nothing is written when the source or the result has a problem.",
    )
    importer.add_argument(
        "source",
        metavar="SOURCE",
        nargs="?",
        help="the export: a file, or an https:// address (default: program.yml's `agenda: url`)",
    )
    importer.add_argument("--program", required=True, metavar="ID", help="the program's id")
    importer.add_argument(
        "--format",
        choices=["frab-json", "frab-xml", "sessionize", "pretalx-widget"],
        default=None,
        help="the export's format (default: program.yml's `agenda: format`, else from the content)",
    )
    importer.add_argument(
        "--dry-run", action="store_true", help="say what would change, and write nothing"
    )
    _data_option(importer)
    importer.set_defaults(run=commands.import_command)

    _results_parser(subcommands)

    owners = subcommands.add_parser(
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
    owners.set_defaults(run=commands.codeowners_command)

    schema = subcommands.add_parser(
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
    schema.set_defaults(run=commands.schema_command)
    return parser


def _results_parser(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    results = subcommands.add_parser(
        "results",
        help="bring a program's results in from an export: totals per persona, never rows",
        description="A program's results against its targets. `results import` counts a "
        "registration, attendance or CRM export (CSV) into the program's results.",
    )
    actions = results.add_subparsers(title="actions", metavar="ACTION", required=True)
    importer = actions.add_parser(
        "import",
        help="count an export into the program's snapshot of a date",
        description="Read a CSV export whose columns program.yml maps to the tagging schema's "
        "fields (`results: exports:`), check every row's tag values, and write the totals per "
        "persona, stage and channel into the snapshot of --as-of: weekly.yml before the event, "
        "event-days.yml in its week, monthly.yml after. Only totals are written, never a row; "
        "nothing is written when the export is malformed or a tag value is unknown.",
    )
    importer.add_argument("file", type=Path, metavar="FILE", help="the export (CSV, UTF-8)")
    importer.add_argument("--program", required=True, metavar="ID", help="the program's id")
    importer.add_argument(
        "--as-of",
        required=True,
        type=_iso_date,
        metavar="DATE",
        help="the day the export was taken (YYYY-MM-DD)",
    )
    importer.add_argument(
        "--export",
        metavar="ID",
        help="which of program.yml's `results: exports:` it is (default: the one whose "
        "columns the file has)",
    )
    importer.add_argument(
        "--into",
        choices=["weekly", "event-days", "monthly"],
        help="the snapshots file to write (default: from the date)",
    )
    importer.add_argument(
        "--unknown-as-untagged",
        action="store_true",
        help="count rows with a tag value the schema does not list as untagged, instead of "
        "refusing the export",
    )
    importer.add_argument(
        "--dry-run", action="store_true", help="say what would be written, and write nothing"
    )
    _data_option(importer)
    importer.set_defaults(run=commands.results_import_command)


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{value}` is not a date; write YYYY-MM-DD") from None


def _data_option(parser: argparse.ArgumentParser, positional: bool = False) -> None:
    """`--data DIR`, the data folder of every command; `positional`: `DIR` alone works too."""
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar="DIR",
        help="the playbook's data folder (default: data)",
    )
    if positional:
        parser.add_argument(
            "data_dir",
            nargs="?",
            type=Path,
            default=None,
            metavar="DIR",
            help="the same as --data DIR",
        )
    parser.set_defaults(data_parser=parser)


def _resolve_data(args: argparse.Namespace) -> None:
    """Set `args.data` from `--data` or the positional `DIR`, which must not disagree."""
    positional: Path | None = getattr(args, "data_dir", None)
    if positional is not None and args.data is not None and positional != args.data:
        args.data_parser.error(
            f"the data folder is given twice, as {positional} and as --data {args.data}"
        )
    args.data = args.data or positional or DEFAULT_DATA_DIR


if __name__ == "__main__":
    sys.exit(main())
