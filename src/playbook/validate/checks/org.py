"""The organisation files at the top of the data folder: roles and RACI, channels, clusters,
tagging, the ICP, templates and the playbook's settings."""

from __future__ import annotations

from playbook.layout import CHANNELS, CLUSTERS, ICP, ROLES, SETTINGS, TAGGING, TEMPLATES
from playbook.models.org import Icp, Roles, Settings, Tagging, Templates
from playbook.models.persona import Persona
from playbook.problems import FieldPath
from playbook.validate import refs
from playbook.validate.context import Context

RACI_LETTERS = ("responsible", "accountable", "consulted", "informed")


def check_roles(context: Context) -> None:
    """Role ids are unique; every RACI row names known roles, each with one letter."""
    loaded = context.organisation.get(ROLES)
    if loaded is None:
        return
    document = loaded.document
    roles: Roles = loaded.model
    context.unique(document, roles.roles, ("roles",), "role id")
    known = {role.id for role in roles.roles}
    for index, row in enumerate(roles.raci):
        seen: dict[str, str] = {}
        for letter in RACI_LETTERS:
            value = getattr(row, letter)
            members = [value] if isinstance(value, str) else value
            for position, role in enumerate(members):
                path: FieldPath = (
                    ("raci", index, letter)
                    if isinstance(value, str)
                    else ("raci", index, letter, position)
                )
                context.ref_in(known, refs.RACI_ROLE, document, path, role)
                if role in seen:
                    context.report(
                        document,
                        path,
                        f"`{role}` is already {seen[role]} for this activity; "
                        "a role takes one letter per row",
                    )
                seen[role] = letter


def check_channels(context: Context) -> None:
    """Channel ids are unique."""
    if loaded := context.organisation.get(CHANNELS):
        context.unique(loaded.document, loaded.model.channels, ("channels",), "channel id")


def check_clusters(context: Context) -> None:
    """Cluster ids are unique."""
    if loaded := context.organisation.get(CLUSTERS):
        context.unique(loaded.document, loaded.model.clusters, ("clusters",), "cluster id")


def check_tagging(context: Context) -> None:
    """Field ids are unique, and no field lists a value twice (in any case)."""
    loaded = context.organisation.get(TAGGING)
    if loaded is None:
        return
    document = loaded.document
    tagging: Tagging = loaded.model
    context.unique(document, tagging.fields, ("fields",), "tagging field id")
    for index, tag_field in enumerate(tagging.fields):
        seen: dict[str, int] = {}
        for position, value in enumerate(tag_field.values):
            if value.lower() in seen:
                context.report(
                    document,
                    ("fields", index, "values", position),
                    f"`{value}` is listed twice (also as item {seen[value.lower()] + 1}); "
                    "remove one",
                )
            seen.setdefault(value.lower(), position)


def check_icp(context: Context) -> None:
    """Attribute ids are unique, weights add up to 100% and tiers go from high to low."""
    loaded = context.organisation.get(ICP)
    if loaded is None:
        return
    document = loaded.document
    icp: Icp = loaded.model
    context.unique(document, icp.attributes, ("attributes",), "scoring attribute id")
    total = sum(attribute.weight for attribute in icp.attributes)
    if abs(total - 100) > 1e-6:
        context.report(
            document,
            ("attributes",),
            f"the attributes' weights add up to {total:g}%, not 100%; adjust them",
        )
    for index in range(1, len(icp.tiers)):
        if icp.tiers[index].min_score >= icp.tiers[index - 1].min_score:
            context.report(
                document,
                ("tiers", index, "min_score"),
                f"tiers go from the highest score down: {icp.tiers[index].min_score:g} "
                f"must be lower than {icp.tiers[index - 1].min_score:g} above it",
            )


def check_templates(context: Context) -> None:
    """The one-pager names persona fields, with min at most max; the letter names personas."""
    loaded = context.organisation.get(TEMPLATES)
    if loaded is None:
        return
    document = loaded.document
    templates: Templates = loaded.model
    persona_fields = [name for name, info in Persona.model_fields.items() if not info.exclude]
    for index, section in enumerate(templates.one_pager):
        path: FieldPath = ("one_pager", index)
        field = section.field
        context.ref_in(persona_fields, refs.PERSONA_FIELD, document, (*path, "field"), field)
        if section.min is not None and section.max is not None and section.min > section.max:
            context.report(
                document,
                (*path, "min"),
                f"min ({section.min}) is more than max ({section.max}); swap them",
            )
    for index, persona in enumerate(templates.convince_your_manager.applies_to):
        context.ref(refs.PERSONA, document, ("convince_your_manager", "applies_to", index), persona)


def check_settings(context: Context) -> None:
    """The featured program exists."""
    loaded = context.organisation.get(SETTINGS)
    if loaded is None:
        return
    settings: Settings = loaded.model
    if settings.featured_program is not None:
        context.ref(refs.PROGRAM, loaded.document, ("featured_program",), settings.featured_program)
