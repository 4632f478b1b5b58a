"""Sessions: the track, clusters and personas each names, and a call to action per persona."""

from __future__ import annotations

from playbook.document import Document
from playbook.models.program import Session
from playbook.problems import FieldPath, one_of
from playbook.validate import refs
from playbook.validate.context import Context, Seen

PERSONA_GROUPS = ("primary", "secondary")


def check_sessions(context: Context) -> None:
    """Session ids are unique across every program; each session is checked against its
    program (tracks and days are not checked when program.yml is missing or broken)."""
    seen: Seen = {}
    for program_id, files in context.session_files.items():
        program = context.programs.get(program_id)
        tracks = {track.id for track in program.model.tracks} if program else None
        days = program.model.event.days if program else None
        for loaded in files:
            document = loaded.document
            context.unique(document, loaded.model.sessions, ("sessions",), "session id", seen)
            for index, session in enumerate(loaded.model.sessions):
                _check_session(context, document, ("sessions", index), session, tracks, days)


def _check_session(
    context: Context,
    document: Document,
    path: FieldPath,
    session: Session,
    tracks: set[str] | None,
    days: int | None,
) -> None:
    context.ref_in(tracks, refs.TRACK, document, (*path, "track"), session.track)
    for position, cluster in enumerate(session.clusters):
        context.ref(refs.CLUSTER, document, (*path, "clusters", position), cluster)
    served = [context.canonical(persona) for persona in _served(context, document, path, session)]
    known = context.persona_ids.keys() | context.aliases.keys()
    for field in ("cta", "angles"):
        what = "a call to action" if field == "cta" else "an angle"
        for persona in getattr(session, field):
            context.ref(refs.PERSONA, document, (*path, field, persona), persona)
            if persona in known and context.canonical(persona) not in served:
                context.report(
                    document,
                    (*path, field, persona),
                    f"`{persona}` has {what} but is not among this session's personas; add it "
                    "to `personas.secondary` or remove the line",
                )
    with_cta = {context.canonical(persona) for persona in session.cta}
    missing = [persona for persona in served if persona not in with_cta]
    if missing:
        context.report(
            document,
            (*path, "cta"),
            f"session `{session.id}` serves {one_of(missing)} but gives no call to action "
            f"for {'it' if len(missing) == 1 else 'them'}; add `{missing[0]}: <what they "
            "should do next>` under `cta`",
        )
    if days is not None and session.day is not None and session.day > days:
        context.report(
            document,
            (*path, "day"),
            f"the event lasts {days} day{'s' if days != 1 else ''}, so there is no day "
            f"{session.day}",
        )


def _served(context: Context, document: Document, path: FieldPath, session: Session) -> list[str]:
    """The personas `session` serves, primary then secondary; each must exist, and once."""
    served: list[str] = []
    for group in PERSONA_GROUPS:
        for position, persona in enumerate(getattr(session.personas, group)):
            here = (*path, "personas", group, position)
            context.ref(refs.PERSONA, document, here, persona)
            if persona in served:
                context.report(
                    document,
                    here,
                    f"`{persona}` is listed twice; a persona is either primary or secondary",
                )
            served.append(persona)
    return served
