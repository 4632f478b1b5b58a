"""Persona one-pagers: what they name, and what must set each persona apart."""

from __future__ import annotations

from playbook.load import Document
from playbook.problems import FieldPath, display_path, one_of
from playbook.validate import refs
from playbook.validate.context import Context, Seen


def check_personas(context: Context) -> None:
    """Clusters, channels and review owners exist; each short name is a value of the tagging
    schema's persona field (when it lists values); short names and ranks are not shared."""
    tag_values = context.tag_values("persona", listing=True)
    short_names: Seen = {}
    ranks: Seen = {}
    for persona_id, loaded in context.personas.items():
        document, persona = loaded.document, loaded.model
        for index, job in enumerate(persona.jtbd):
            context.ref(refs.CLUSTER, document, ("jtbd", index, "cluster"), job.cluster)
        for index, tactic in enumerate(persona.channels):
            context.ref(refs.CHANNEL, document, ("channels", index, "channel"), tactic.channel)
        context.ref(refs.ROLE, document, ("review", "owner"), persona.review.owner)
        if tag_values and persona.short_name not in tag_values:
            context.report(
                document,
                ("short_name",),
                f"`{persona.short_name}` is not a value of the tagging schema's persona "
                f"field ({one_of(tag_values)}); add it in tagging.yml or use one of those",
            )
        _not_taken(
            context,
            document,
            ("short_name",),
            persona.short_name.lower(),
            short_names,
            f"short name `{persona.short_name}`",
            persona_id,
        )
        if persona.rank is not None:
            _not_taken(
                context,
                document,
                ("rank",),
                str(persona.rank),
                ranks,
                f"rank {persona.rank}",
                persona_id,
            )


def _not_taken(
    context: Context,
    document: Document,
    path: FieldPath,
    value: str,
    seen: Seen,
    what: str,
    owner: str,
) -> None:
    """Report `value` if another persona's file took it first (in `seen`), else record it."""
    if value in seen:
        first = seen[value][0]
        context.report(
            document,
            path,
            f"the {what} is already taken by `{display_path(first.path)}`; give `{owner}` its own",
        )
    else:
        seen[value] = (document, path)
