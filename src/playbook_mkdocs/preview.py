"""The fast preview (`mkdocs serve --dirty`, `run.py preview`): the edited page, then the rest.

Rendering every generated page takes a few seconds at size L; a content lead who saves a persona
file looks at that persona's page. So after an edit to data files that leaves the same files and
the same pages, the plugin first renders only the pages drawn from the edited files
(`first_pages`); every other page and download keeps the text it had, and its file time, so
MkDocs' dirty build rebuilds just those pages, and the browser shows them. That build then asks
`mkdocs serve` for another (`built`: it touches a file in a folder the server watches, the only
way to ask), which finds the same site, renders every page, and rebuilds the others whose text
changed (the persona's name on a program page, say).

Under `--dirty`, Material's search merges each build's entries with the last build's, and keeps
the old entries of every rebuilt page but the first: `built` then keeps each page's newest.

MkDocs makes the theme's Jinja environment anew for each build, and compiles Material's templates
again: `ThemeCode` keeps what they compile to for the next build (`on_env`), in memory.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from types import CodeType

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config.defaults import MkDocsConfig

from playbook.site import Site
from playbook_mkdocs.search import latest_entries


class Preview:
    """What the preview keeps between builds: the texts last written, and whether another
    build is due."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="playbook-preview-"))
        """Watched by `mkdocs serve` (the plugin adds it to `watch`): touched to ask for a build."""
        self._texts: dict[str, str] = {}
        self._contents: dict[str, bytes] = {}
        self._due = False
        self._rebuilt = 0
        self._builds = 0
        self._merged = False

    def first_pages(self, site: Site, edited: frozenset[Path] | None) -> frozenset[str] | None:
        """The pages to render now, if only some: those drawn from the `edited` files, when
        the site has the same pages and downloads as the last build. None: render every page."""
        if not edited:
            return None
        downloads = {download.path for download in site.downloads.files}
        if set(site.page_by_path) != set(self._texts) or downloads != set(self._contents):
            return None
        files = {path.resolve() for path in edited}
        first = frozenset(
            page.path
            for page in site.pages
            if page.source is not None and page.source.resolve() in files
        )
        return first or None

    def text(self, path: str) -> str:
        """The text last written for the page at `path`."""
        return self._texts[path]

    def content(self, path: str) -> bytes:
        """The content last written for the download at `path`."""
        return self._contents[path]

    def wrote(self, path: str, written: str | bytes) -> None:
        if isinstance(written, str):
            self._texts[path] = written
        else:
            self._contents[path] = written

    def later(self) -> None:
        """Have the rest of the pages rendered in the next build."""
        self._due = True

    def page_built(self) -> None:
        self._rebuilt += 1

    def built(self, config: MkDocsConfig) -> None:
        """After a build: keep each page's newest search entries, and ask for the next build
        if one is due."""
        rebuilt, self._rebuilt = self._rebuilt, 0
        self._builds += 1  # the first build has nothing to merge with
        self._merged = self._merged or (self._builds > 1 and rebuilt > 1)  # old entries linger
        index = Path(config.site_dir, "search", "search_index.json")
        if self._merged and index.is_file():
            index.write_text(latest_entries(index.read_text(encoding="utf-8")), encoding="utf-8")
        if self._due:
            self._due = False
            (self.folder / "rest").write_text("the rest of the pages, please\n", encoding="utf-8")

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class ThemeCode(BytecodeCache):
    """The theme's templates as compiled in an earlier build, by name and source: a template
    whose file changed is compiled again. In memory, for one `mkdocs serve`."""

    def __init__(self) -> None:
        self._code: dict[tuple[str, str], CodeType] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[bucket.key, bucket.checksum] = bucket.code
