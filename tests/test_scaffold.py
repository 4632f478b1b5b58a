"""`playbook new`: scaffolds that validate as written, and refusals that say why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from playbook.cli import main
from playbook.scaffold import ScaffoldError, new_persona, new_session, new_snippet
from tests.conftest import problems_in

TODAY = dt.date(2026, 11, 23)


def test_a_new_persona_validates_and_explains_its_fields(data_copy: Path) -> None:
    path = new_persona(data_copy, "data-leader", TODAY)
    assert path == data_copy / "personas" / "data-leader.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/persona.schema.json\n")
    assert "# what frustrates them (3–5)" in text
    assert "last_reviewed: 2026-11-23" in text
    assert problems_in(data_copy) == []


def test_a_new_session_is_added_to_its_tracks_file_and_validates(data_copy: Path) -> None:
    labs = data_copy / "programs/connect-2027/sessions/labs.yml"
    before = labs.read_text(encoding="utf-8")
    assert new_session(data_copy, "connect-2027", "ai-readiness", "labs") == labs
    after = labs.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))
    assert "\n  # A new session. Replace every TODO" in after
    assert "\n  - id: ai-readiness\n    title:" in after
    assert problems_in(data_copy) == []


def test_a_new_session_in_a_track_without_a_file_gets_one(data_copy: Path) -> None:
    (data_copy / "programs/connect-2027/sessions/labs.yml").unlink()
    (data_copy / "programs/connect-2027/sessions/compliance.yml").rename(
        data_copy / "programs/connect-2027/sessions/risk.yml"
    )
    path = new_session(data_copy, "connect-2027", "ai-readiness", "labs")
    assert path.read_text().startswith(
        "# yaml-language-server: $schema=../../../../schemas/sessions.schema.json\nsessions:\n"
    )
    assert problems_in(data_copy) == []


def test_new_snippets_get_the_next_free_id_and_a_subject_where_the_channel_has_one(
    data_copy: Path,
) -> None:
    new_snippet(data_copy, "exec", "email")
    path = new_snippet(data_copy, "exec", "email")
    text = path.read_text(encoding="utf-8")
    assert "- id: exec-email-1\n" in text and "- id: exec-email-2\n" in text
    assert 'subject: "TODO: the subject line"' in text
    social = new_snippet(data_copy, "exec", "social").read_text(encoding="utf-8")
    assert "- id: exec-social-1\n" in social
    assert 'subject: "TODO' not in social.split("exec-social-1")[1]
    assert problems_in(data_copy) == []


def test_a_snippet_for_a_persona_without_a_messaging_file(data_copy: Path) -> None:
    new_persona(data_copy, "data-leader", TODAY)
    path = new_snippet(data_copy, "data-leader", "email")
    assert path.read_text().startswith(
        "# yaml-language-server: $schema=../../schemas/snippets.schema.json\nsnippets:\n"
    )
    assert problems_in(data_copy) == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda d: new_persona(d, "exec", TODAY), "there is already a persona `exec`"),
        (lambda d: new_persona(d, "Data Leader", TODAY), "is not a valid id"),
        (lambda d: new_session(d, "connect-2028", "x", None), "there is no program `connect-2028`"),
        (
            lambda d: new_session(d, "connect-2027", "pilot-to-production", None),
            "there is already a session `pilot-to-production`",
        ),
        (lambda d: new_session(d, "connect-2027", "x", "lab"), "there is no track `lab`"),
        (lambda d: new_snippet(d, "exec", "fax"), "there is no channel `fax`"),
    ],
)
def test_refusals_say_why(data_copy: Path, call: object, message: str) -> None:
    with pytest.raises(ScaffoldError, match=message):
        call(data_copy)  # type: ignore[operator]


def test_an_entry_that_does_not_fit_its_file_changes_nothing(data_copy: Path) -> None:
    labs = data_copy / "programs/connect-2027/sessions/labs.yml"
    labs.write_text(labs.read_text().replace("sessions:\n", "sessions:  # the labs\n", 1))
    before = labs.read_text()
    with pytest.raises(ScaffoldError, match="add the entry by hand"):
        new_session(data_copy, "connect-2027", "ai-readiness", "labs")
    assert labs.read_text() == before


def test_the_command(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "persona", "data-leader", "--data", str(data_copy)]) == 0
    assert "data-leader.yml: it validates" in capsys.readouterr().out
    assert main(["new", "snippet", "nobody", "email", "--data", str(data_copy)]) == 1
    assert "there is no persona `nobody`" in capsys.readouterr().err


def test_a_scaffold_that_does_not_validate_is_undone(data_copy: Path) -> None:
    champion = data_copy / "personas/champion.yml"
    champion.write_text(
        champion.read_text().replace("short_name: Champion", "short_name: Data Leader")
    )
    with pytest.raises(ScaffoldError, match="did not validate") as caught:
        new_persona(data_copy, "data-leader", TODAY)
    assert "short name" in caught.value.problems[0].message
    assert not (data_copy / "personas/data-leader.yml").exists()
