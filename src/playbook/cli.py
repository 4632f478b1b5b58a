"""The `playbook` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from playbook import __version__
from playbook.problems import counted, display_path, summary
from playbook.schema import stale_schemas, write_schemas
from playbook.site import InvalidPlaybook, generate
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
    check.set_defaults(run=_validate)

    generate = commands.add_parser(
        "generate",
        help="write the site's generated Markdown pages to a folder",
        description="Write every generated page (one-pagers, session map, timeline, …) as "
        "Markdown into OUT_DIR, without MkDocs, for any Markdown site engine.",
    )
    generate.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder to write to")
    generate.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA_DIR,
        metavar="DATA_DIR",
        help="the playbook's data folder (default: data)",
    )
    generate.set_defaults(run=_generate)

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


def _validate(args: argparse.Namespace) -> int:
    playbook, problems = validate(args.data_dir)
    for problem in problems:
        print(problem.format())
    if problems:
        them = "it" if len(problems) == 1 else "them"
        print(f"\n{summary(problems)}. Fix {them} and run `playbook validate` again.")
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


def _generate(args: argparse.Namespace) -> int:
    try:
        written = generate(args.data, args.out_dir)
    except InvalidPlaybook as invalid:
        for problem in invalid.problems:
            print(problem.format())
        print(f"\n{summary(invalid.problems)}. Nothing was written.")
        return 1
    print(f"wrote {counted(len(written), 'page')} to {display_path(args.out_dir)}")
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
