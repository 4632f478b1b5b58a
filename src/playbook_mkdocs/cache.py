"""Conversions kept between builds, in a folder, by a key of everything they depend on.

The folder is `.cache/playbook/` beside mkdocs.yml (git ignores it; the check workflow keeps it
between runs with `actions/cache`), or the one $PLAYBOOK_CACHE names. PLAYBOOK_CACHE=off turns
the whole mechanism off: MkDocs then converts every page itself, as with no plugin helping it.

Each conversion is a JSON file named by its key (`conversion.page_key`): a changed page has a new
key, so nothing is ever updated in place, and a build that reads a file half-written by another
(or deleted, or damaged) finds nothing and converts the page. A complete build deletes the
conversions it did not use, so the folder holds one build's worth.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from playbook_mkdocs.conversion import Conversion

CACHE_VARIABLE = "PLAYBOOK_CACHE"
"""A folder to keep conversions in instead of .cache/playbook/, or `off`."""
OFF = "off"


def cache_dir(project_dir: Path) -> Path | None:
    """Where conversions are kept, or None when PLAYBOOK_CACHE is `off`."""
    configured = os.environ.get(CACHE_VARIABLE)
    if configured == OFF:
        return None
    return Path(configured) if configured else project_dir / ".cache" / "playbook"


class ConversionCache:
    """Conversions in `folder`, by key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "pages"

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> Conversion | None:
        """The conversion kept under `key`, if any and whole."""
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        return Conversion.from_json(data)

    def put(self, key: str, conversion: Conversion) -> None:
        """Keep `conversion` under `key`; a folder that cannot be written keeps nothing."""
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(conversion.to_json())
                Path(temporary).replace(self._path(key))
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise

    def prune(self, used: set[str]) -> None:
        """Delete every conversion but the `used` ones (and files being written)."""
        with contextlib.suppress(OSError):
            for entry in self.folder.iterdir():
                if entry.suffix == ".json" and entry.stem not in used:
                    entry.unlink(missing_ok=True)
