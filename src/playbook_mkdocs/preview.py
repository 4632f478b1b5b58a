"""The fast preview (`mkdocs serve --dirty`, `run.py preview`): the edited page, then the rest.

Rendering every generated page takes a few seconds at size L; a content lead who saves a persona
file looks at that persona's page. So after an edit to data files that leaves the same files and
the same pages, the plugin first renders only the pages drawn from the edited files
(`first_pages`); every other page and download keeps the text it had, and MkDocs' dirty build
rebuilds just those pages, and the browser shows them. That build then asks `mkdocs serve` for
another (`built`: it touches a file in a folder the server watches, the only way to ask), which
finds the same site, renders every page, and rebuilds the others whose text changed (the
persona's name on a program page, say).

The generated pages and downloads live in a folder of the preview's own for the whole session,
not in gen-files' folder, which is made anew, every file written again, for each build: `keep`
writes a file only when its text changed, so an unchanged page keeps its file and its file time,
MkDocs' dirty build skips it (its built page is newer), and an edit costs the writing of the
pages it changed alone. `files` hands them to MkDocs as files a plugin generated.

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
from mkdocs.structure.files import File

from playbook.site import Site
from playbook_mkdocs.search import latest_entries


class Preview:
    """What the preview keeps between builds: the generated pages and downloads, as files and
    as texts, and whether another build is due."""

    def __init__(self) -> None:
        self._root = Path(tempfile.mkdtemp(prefix="playbook-preview-"))
        self.folder = self._root / "asks"
        """Watched by `mkdocs serve` (the plugin adds it to `watch`): touched to ask for a build."""
        self.docs = self._root / "docs"
        """The generated pages and downloads, at their paths in the site; not watched."""
        self.folder.mkdir()
        self.docs.mkdir()
        self._kept: dict[str, str | bytes] = {}
        self._sources: dict[Path, Path] = {}
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
        if set(site.page_by_path) | downloads != set(self._kept):
            return None
        files = {path.resolve() for path in edited}
        first = frozenset(
            page.path
            for page in site.pages
            if page.source is not None and self._resolved(page.source) in files
        )
        return first or None

    def _resolved(self, source: Path) -> Path:
        """`source` resolved, once for the session (a data file's pages keep their source)."""
        resolved = self._sources.get(source)
        if resolved is None:
            resolved = self._sources[source] = source.resolve()
        return resolved

    def retain(self, paths: set[str]) -> None:
        """Forget the pages and downloads not among `paths`, and delete their files."""
        for path in [path for path in self._kept if path not in paths]:
            (self.docs / path).unlink(missing_ok=True)
            del self._kept[path]

    def keep(self, path: str, written: str | bytes) -> None:
        """Have the page (text) or download (bytes) at `path` hold `written`: its file is
        written only if that is not what it holds already."""
        if self._kept.get(path) == written:
            return
        file = self.docs / path
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(written, str):
            file.write_text(written, encoding="utf-8")
        else:
            file.write_bytes(written)
        self._kept[path] = written

    def files(self, config: MkDocsConfig, plugin: str) -> list[File]:
        """The pages and downloads kept, as MkDocs files `plugin` (its name in mkdocs.yml)
        generated: they have no edit link of MkDocs' making."""
        files = []
        for path in self._kept:
            file = File(path, str(self.docs), config.site_dir, config.use_directory_urls)
            file.generated_by = plugin
            files.append(file)
        return files

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
        shutil.rmtree(self._root, ignore_errors=True)


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
