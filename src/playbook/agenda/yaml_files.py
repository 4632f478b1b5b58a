"""A program's session files, read and written so that an import changes only what it must.

ruamel.yaml's round trip keeps each file's comments, quoting, key order and layout (two spaces,
list items indented under their key, as the playbook writes them); a file the import creates
opens with the line that points editors at its JSON Schema, like every data file.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

SCHEMA_LINE = "# yaml-language-server: $schema=../../../../schemas/sessions.schema.json\n"


def _yaml() -> YAML:
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line the file wrote
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclass
class SessionFiles:
    """Every sessions file of a program, as round-trip data, by file name without `.yml`."""

    folder: Path
    data: dict[str, CommentedMap] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> SessionFiles:
        """The files in `folder` (a program's `sessions/`)."""
        files = cls(folder)
        for path in sorted(folder.glob("*.yml")):
            loaded = _yaml().load(path.read_text(encoding="utf-8"))
            if isinstance(loaded, CommentedMap):
                files.data[path.stem] = loaded
        return files

    def entries(self) -> Iterator[tuple[str, CommentedMap]]:
        """Each session, with the file it is in."""
        for name, document in self.data.items():
            for entry in document.get("sessions") or []:
                if isinstance(entry, CommentedMap):
                    yield name, entry

    def append(self, name: str, entry: CommentedMap) -> None:
        """Add a session at the end of file `name`, creating the file if need be."""
        if name not in self.data:
            document = CommentedMap()
            document["sessions"] = CommentedSeq()
            self.data[name] = document
        self.data[name]["sessions"].append(entry)

    def texts(self) -> dict[Path, str]:
        """The text of every file, changed or not (a file is written only if its text differs)."""
        out = {}
        for name, document in self.data.items():
            buffer = io.StringIO()
            _yaml().dump(document, buffer)
            path = self.folder / f"{name}.yml"
            text = buffer.getvalue()
            if not path.exists() and not text.startswith("# yaml-language-server"):
                text = SCHEMA_LINE + text
            out[path] = text
        return out
