"""Persona one-pagers: what they name, and what must set each persona apart."""

from __future__ import annotations

from playbook.problems import display_path, one_of
from playbook.validate import refs
from playbook.validate.context import Context


def check_personas(context: Context) -> None:
    """Clusters, channels and review owners exist; each short name is a value of the tagging
    schema's persona field (when it lists values); short names and ranks are not shared."""
    tag_values = context.tag_values("persona", listing=True)
    short_names: dict[str, list[str]] = {}
    ranks: dict[int, list[str]] = {}
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
        short_names.setdefault(persona.short_name.lower(), []).append(persona_id)
        if persona.rank is not None:
            ranks.setdefault(persona.rank, []).append(persona_id)
    for holders in short_names.values():
        _one_holder(context, holders, "short_name", "short name", "a short name of its own")
    taken = set(ranks)
    free = next(rank for rank in range(1, len(taken) + 2) if rank not in taken)
    for holders in ranks.values():
        _one_holder(context, holders, "rank", "rank", f"a rank of its own: {free} is free")


def _one_holder(context: Context, holders: list[str], field: str, what: str, fix: str) -> None:
    """Where personas share a value, report it on every file but the oldest (the one the change
    did not add or edit: `playbook.blame`)."""
    if len(holders) < 2:
        return
    loaded = [context.personas[persona_id] for persona_id in holders]
    ordered = sorted(loaded, key=lambda one: context.ages.newness(one.document.path))
    keeper = ordered[0]
    value = getattr(keeper.model, field)
    for other in ordered[1:]:
        other_id = other.document.path.stem
        context.report(
            other.document,
            (field,),
            f"the {what} `{value}` is already taken by `{display_path(keeper.document.path)}`; "
            f"give `{other_id}` {fix}",
        )
