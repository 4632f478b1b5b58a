"""Files the playbook cannot do without: the organisation files, a persona, each program.yml."""

from __future__ import annotations

from playbook.layout import KINDS
from playbook.problems import Problem
from playbook.validate.context import Context


def check_required_files(context: Context) -> None:
    """Report each required file that is missing, a playbook without personas and a program
    folder without program.yml."""
    for kind in KINDS:
        if kind.required and kind not in context.kinds_seen:
            context.problems.append(
                Problem.whole_file(
                    context.data_dir / kind.pattern,
                    f"is missing: it holds {kind.holds}; create it (its JSON Schema, "
                    f"schemas/{kind.schema_file}, lists what goes in it)",
                )
            )
    if not context.persona_ids:
        context.problems.append(
            Problem.whole_file(
                context.data_dir / "personas",
                "holds no personas; add one as personas/<persona-id>.yml",
            )
        )
    for program_id, folder in context.program_ids.items():
        if not (folder / "program.yml").is_file():
            context.problems.append(
                Problem.whole_file(
                    folder / "program.yml",
                    f"is missing: every program folder needs a program.yml describing "
                    f"its event (program `{program_id}`)",
                )
            )
