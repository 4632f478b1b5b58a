"""`playbook results import`: exports of our own (tests/fixtures/results/exports) counted into a
copy of the tool's playbook, with the mapping in tests/fixtures/results/program-results.yml.

Checked: the totals per persona, stage and channel; untagged rows counted and shown; unknown
tag values reported with row, column and a did-you-mean; malformed files refused with file, row
and column, and nothing written; and no cell of any row (a name, an address, a company) in any
file the import writes.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
import yaml

from playbook.cli import main
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "results"
EXPORTS = FIXTURES / "exports"
PROGRAM = "connect-2027"
BEFORE = "2026-12-07"  # week T-10 of the fixture's program
EVENT_DAY = "2027-02-10"
PERSONAL_COLUMNS = ("First Name", "Last Name", "Email", "Company", "Contact Name")


@pytest.fixture
def data(data_copy: Path) -> Path:
    """The tool's playbook with the fixture's export mappings in the program's program.yml."""
    program = data_copy / "programs" / PROGRAM / "program.yml"
    program.write_text(
        program.read_text(encoding="utf-8") + (FIXTURES / "program-results.yml").read_text(),
        encoding="utf-8",
    )
    return data_copy


def run(data: Path, export: str, as_of: str, *extra: str) -> int:
    return main(
        [
            "results",
            "import",
            str(EXPORTS / export),
            "--program",
            PROGRAM,
            "--as-of",
            as_of,
            "--data",
            str(data),
            *extra,
        ]
    )


def results_file(data: Path, name: str) -> dict[str, object]:
    loaded = yaml.safe_load((data / "programs" / PROGRAM / "results" / name).read_text())
    assert isinstance(loaded, dict)
    return loaded


def snapshot(data: Path, name: str, date: str) -> dict[str, dict[str, dict[str, float]]]:
    snapshots = results_file(data, name)["snapshots"]
    assert isinstance(snapshots, list)
    found = [s for s in snapshots if str(s["date"]) == date]
    assert len(found) == 1
    return found[0]  # type: ignore[no-any-return]


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def personal_values(export: Path) -> set[str]:
    """Every cell of the export's personal columns: none may reach a written file."""
    with export.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row[column].strip()
        for row in rows
        for column in PERSONAL_COLUMNS
        if row.get(column) and row[column].strip()
    }


def test_a_registration_export_becomes_totals_per_persona_and_channel(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "registrations.csv", BEFORE) == 0, capsys.readouterr().err
    out = capsys.readouterr().out

    written = snapshot(data, "weekly.yml", BEFORE)
    registered = {pid: counts["registered"] for pid, counts in written["personas"].items()}
    assert registered == {
        "exec": 2,
        "practitioner": 3,  # "practitioner" in lower case is the same tag value
        "champion": 1,
        "procurement": 1,
        "partner": 1,
    }
    assert written["untagged"] == {"registered": 2}  # an empty cell, and one of spaces
    channels = {name: counts["registrations"] for name, counts in written["channels"].items()}
    assert channels == {"Email": 2, "Sales": 2, "Social": 2, "Partner": 1, "Organic": 2}
    assert written["source"] == "Registration platform export, 10 rows"
    # Untagged rows are counted and shown, with the tag coverage of every mapped field.
    assert "10 rows" in out
    assert "Persona 80.0% (2 rows without a persona: rows 6 and 12)" in out
    assert "Source Channel 90.0%" in out and "Role Seniority 90.0%" in out


def test_no_row_level_data_reaches_any_written_file(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fingerprint(data)
    assert run(data, "registrations.csv", BEFORE) == 0, capsys.readouterr().err
    assert run(data, "crm.csv", EVENT_DAY) == 0, capsys.readouterr().err
    after = fingerprint(data)
    changed = [name for name in after if after[name] != before.get(name)]
    assert sorted(changed) == [
        f"programs/{PROGRAM}/results/event-days.yml",
        f"programs/{PROGRAM}/results/weekly.yml",
    ]
    secrets = personal_values(EXPORTS / "registrations.csv") | personal_values(EXPORTS / "crm.csv")
    assert {"ada.quillfeather@example.com", "Quillfeather", "Tobias Whitlock"} <= secrets
    for name in changed:
        text = (data / name).read_text(encoding="utf-8")
        leaked = sorted(value for value in secrets if value in text)
        assert leaked == [], f"{name} holds row-level data: {leaked}"
        assert "@" not in text
    assert not list(data.rglob("*.csv"))


def test_a_crm_export_counts_each_status_at_its_stage_and_those_before_it(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "crm.csv", EVENT_DAY) == 0, capsys.readouterr().err
    written = snapshot(data, "event-days.yml", EVENT_DAY)
    personas = written["personas"]
    assert personas["exec"] == {
        "invited": 3,
        "registered": 2,
        "attended": 1,
        "pipeline": 250_000,  # "$250,000"
    }
    assert personas["champion"] == {
        "invited": 2,
        "registered": 2,  # "registered" matches the status `Registered`
        "attended": 1,
        "pipeline": 120_000.5,
    }
    # The ignored duplicate is not counted, and its 999999 not added up: the partner has 0.
    assert personas["partner"] == {"invited": 0, "registered": 0, "attended": 0, "pipeline": 0}
    assert written["untagged"] == {"invited": 1, "registered": 1, "attended": 1, "pipeline": 0}
    assert "channels" not in written  # this mapping reads no source channel


def test_importing_the_same_week_again_updates_its_snapshot_and_keeps_what_was_typed(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "registrations.csv", "2026-12-03") == 0, capsys.readouterr().err
    path = data / "programs" / PROGRAM / "results" / "weekly.yml"
    typed = path.read_text().replace(
        "      Email:\n        registrations: 2\n",
        "      Email:\n        registrations: 2\n        spend: 4800  # from the budget\n",
    )
    path.write_text(typed)

    assert run(data, "registrations.csv", BEFORE) == 0, capsys.readouterr().err  # same week

    snapshots = results_file(data, "weekly.yml")["snapshots"]
    assert isinstance(snapshots, list) and len(snapshots) == 1
    assert str(snapshots[0]["date"]) == BEFORE
    assert snapshots[0]["channels"]["Email"] == {"registrations": 2, "spend": 4800}
    assert "spend: 4800  # from the budget" in path.read_text()
    assert path.read_text().startswith(
        "# yaml-language-server: $schema=../../../../schemas/weekly-results.schema.json\n"
    )


def test_unknown_tag_values_are_reported_by_row_with_a_suggestion_and_nothing_is_written(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fingerprint(data)
    assert run(data, "unknown-tags.csv", BEFORE) == 1
    err = capsys.readouterr().err
    export = EXPORTS / "unknown-tags.csv"
    assert (
        f"{export}, row 2, column `Persona`: `Exce` is not a value of the tagging schema's "
        "Persona field; did you mean `Exec`?"
    ) in err
    assert f"{export}, row 3, column `Source Channel`: `Socail`" in err
    assert "did you mean `Social`?" in err
    assert f"{export}, row 4, column `Role Seniority`: `Directr`" in err
    # A value that looks like an address is named as such, never repeated.
    assert f"{export}, row 6, column `Persona`: a value that looks like an email address" in err
    assert "otto.abernathy" not in err
    assert "--unknown-as-untagged" in err
    assert "Nothing was written" in err
    assert fingerprint(data) == before


def test_unknown_tag_values_can_be_counted_as_untagged_on_request(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "unknown-tags.csv", BEFORE, "--unknown-as-untagged") == 0
    out = capsys.readouterr().out
    written = snapshot(data, "weekly.yml", BEFORE)
    assert written["untagged"] == {"registered": 2}  # `Exce` and the address
    assert written["personas"]["practitioner"] == {"registered": 1}
    assert written["channels"]["Social"] == {"registrations": 0}  # `Socail` is not Social
    assert "4 rows with a value the tagging schema does not list counted as untagged" in out


@pytest.mark.parametrize(
    ("export", "message"),
    [
        (
            "semicolons.csv",
            "{file}, row 1: the columns are separated by semicolons, not commas; export it "
            "again as comma-separated CSV in UTF-8",
        ),
        ("latin1.csv", "{file}, row 3, column `First Name`: is not UTF-8 text (the byte 0xE9"),
        (
            "missing-column.csv",
            "{file}, row 1, column `Source Channel`: there is no such column, which the export "
            "mapping `registrations` in program.yml (source-channel) reads; the columns are "
            "`First Name`, `Email`, `Persona`, `Role Seniority`",
        ),
        ("ragged.csv", "{file}, row 3: has 7 cells where the header has 5 columns"),
        (
            "bad-cells.csv",
            "{file}, row 2, column `Member Status`: `Waitlisted` is not a status the mapping knows",
        ),
        (
            "bad-cells.csv",
            "{file}, row 3, column `Influenced Pipeline`: `about 5k` is not a number",
        ),
    ],
)
def test_a_malformed_export_is_refused_with_file_row_and_column_and_nothing_is_written(
    data: Path, export: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fingerprint(data)
    as_of = EVENT_DAY if export == "bad-cells.csv" else BEFORE
    assert run(data, export, as_of) == 1
    err = capsys.readouterr().err
    assert message.format(file=EXPORTS / export) in err
    assert "Nothing was written" in err
    assert fingerprint(data) == before


def test_a_date_outside_the_reporting_window_is_refused(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fingerprint(data)
    assert run(data, "registrations.csv", "2026-10-01") == 1
    err = capsys.readouterr().err
    assert "2026-10-01 is outside the reporting window" in err
    assert "from T−12 (Tue 17 Nov 2026)" in err
    assert fingerprint(data) == before


def test_an_export_inside_the_data_folder_is_refused(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inside = data / "registrations.csv"
    inside.write_bytes((EXPORTS / "registrations.csv").read_bytes())
    assert main(
        ["results", "import", str(inside), "--program", PROGRAM, "--as-of", BEFORE,
         "--data", str(data)]
    ) == 1  # fmt: skip
    assert "is inside the playbook's data folder" in capsys.readouterr().err
    assert not (data / "programs" / PROGRAM / "results").exists()


def test_totals_that_would_leave_the_playbook_invalid_are_not_written(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = data / "programs" / PROGRAM / "results"
    results.mkdir()
    # Typed by hand earlier that day: 1 exec invited, fewer than the export registers.
    (results / "weekly.yml").write_text(
        f"snapshots:\n  - date: {BEFORE}\n    personas:\n      exec:\n        invited: 1\n"
    )
    before = fingerprint(data)
    assert run(data, "registrations.csv", BEFORE) == 1
    err = capsys.readouterr().err
    assert "the totals would leave the playbook invalid" in err
    assert "registered (2) is more than invited (1" in err
    assert fingerprint(data) == before


def test_dry_run_says_what_would_be_written_and_writes_nothing(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fingerprint(data)
    assert run(data, "registrations.csv", BEFORE, "--dry-run") == 0
    assert capsys.readouterr().out.startswith("Would import 10 rows")
    assert fingerprint(data) == before


def test_the_export_is_chosen_by_its_columns_or_named(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "crm.csv", EVENT_DAY, "--export", "registrations") == 1
    err = capsys.readouterr().err
    assert "row 1: there are no columns `Persona`, which the export mapping `registrations`" in err
    assert "`Source Channel`, which" in err
    assert run(data, "crm.csv", EVENT_DAY, "--export", "crn") == 1
    assert "has no export `crn`; did you mean `crm`?" in capsys.readouterr().err
