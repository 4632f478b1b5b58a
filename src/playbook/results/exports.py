"""An export from a system of record (registration platform, badge scans, CRM) read as CSV.

Only what the import needs comes out: the header and each row's cells, numbered as a
spreadsheet numbers them (the header is row 1). Nothing here is ever written anywhere; a file
that is not comma-separated UTF-8 CSV with one header row and the same number of cells in every
row is refused with its row and column named, before any row is counted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 200_000_000
"""The largest export read: far more than any event's registrations."""

SAVE_AS = "export it again as comma-separated CSV in UTF-8 (in Excel: Save As → CSV UTF-8)"

_SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


class ExportError(Exception):
    """The export cannot be read; the message names the file, the row and the column."""

    def __init__(self, path: Path, message: str, row: int | None = None, column: str = "") -> None:
        where = [str(path)]
        if row is not None:
            where.append(f"row {row}")
        if column:
            where.append(f"column `{column}`")
        super().__init__(f"{', '.join(where)}: {message}")


@dataclass(frozen=True)
class Export:
    """An export's header and rows, each row with its number (the header is row 1)."""

    path: Path
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]

    def column(self, name: str) -> int:
        """The position of the column headed `name`."""
        return self.header.index(name)

    def require(self, names: Sequence[tuple[str, str]]) -> None:
        """Refuse the export if a column is missing: `names` are (header, what reads it)."""
        missing = [(name, reader) for name, reader in names if name not in self.header]
        if not missing:
            return
        shown = ", ".join(f"`{column}`" for column in self.header)
        them = "that column" if len(missing) == 1 else "those columns"
        advice = (
            f"the columns are {shown}. Export it with {them}, or change the mapping in program.yml"
        )
        if len(missing) == 1:
            name, reader = missing[0]
            raise ExportError(
                self.path,
                f"there is no such column, which {reader} reads; {advice}",
                row=1,
                column=name,
            )
        listed = "; ".join(f"`{name}`, which {reader} reads" for name, reader in missing)
        raise ExportError(self.path, f"there are no columns {listed}; {advice}", row=1)


def read_export(path: Path) -> Export:
    """The export at `path`; raises ExportError when it is not what the import can read."""
    text = _text(path)
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise ExportError(path, "the file has no header row; export it with column headers", 1)
    _check_separator(path, first_line)
    records = _records(path, text)
    _, first = next(records)
    header = tuple(cell.strip() for cell in first)
    _check_header(path, header)
    rows = []
    for number, cells in records:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        if len(cells) != len(header):
            raise ExportError(
                path,
                f"has {len(cells)} cells where the header has {len(header)} columns; a cell "
                "holding a comma must be in double quotes: " + SAVE_AS,
                row=number,
            )
        rows.append((number, tuple(cells)))
    return Export(path, header, tuple(rows))


def _text(path: Path) -> str:
    """The file's text, decoded from UTF-8 (with or without a byte order mark)."""
    if not path.is_file():
        raise ExportError(path, "no such file")
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ExportError(path, f"is over {MAX_BYTES // 1_000_000} MB; export fewer columns")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        before = data[line_start : error.start].decode("utf-8", errors="replace")
        header = data[: data.find(b"\n")].decode("utf-8", errors="replace")
        names = next(csv.reader([header]), [])
        position = len(next(csv.reader([before]), [""])) - 1
        column = names[position].strip() if 0 <= position < len(names) else ""
        raise ExportError(
            path,
            f"is not UTF-8 text (the byte 0x{data[error.start]:02X} is not); " + SAVE_AS,
            row=row,
            column=column,
        ) from None


def _check_separator(path: Path, header: str) -> None:
    """Refuse a header that separates its columns with something other than commas."""
    if "," in header:
        return
    for separator, name in _SEPARATORS.items():
        if separator in header:
            raise ExportError(
                path, f"the columns are separated by {name}, not commas; " + SAVE_AS, row=1
            )


def _records(path: Path, text: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with its row number, blank lines counted as rows (as a spreadsheet does)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ExportError(
                path,
                f"cannot be read as CSV ({error}); look for a stray double quote, then " + SAVE_AS,
                row=number + 1,
            ) from None
        number += 1
        yield number, cells


def _check_header(path: Path, header: tuple[str, ...]) -> None:
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        if not name:
            raise ExportError(
                path, f"column {position} has no header; name it or leave it out", row=1
            )
        if name in seen:
            raise ExportError(
                path,
                f"two columns (numbers {seen[name]} and {position}) have this header; rename one",
                row=1,
                column=name,
            )
        seen[name] = position
