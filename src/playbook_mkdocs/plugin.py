"""The playbook's MkDocs plugin: one object owns the validated site and the pages' texts.

Why a plugin, registered under `mkdocs.plugins` in pyproject.toml and listed in mkdocs.yml,
rather than a hooks module: a build's state (the site, the process rendering pages ahead, what
the preview has already written) belongs to one object, not to module globals. MkDocs (and
ProperDocs, which reads the same entry points) makes the object, passes it every event, and,
because it has `on_startup`, keeps the same one for every rebuild of `mkdocs serve`, so the site
is validated again only when the data changes. The gen-files script and the macros find it by
name in `config.plugins`. Nothing else keeps state between builds.

Each build:
- on_startup: remember the command; under `mkdocs serve --dirty` (the fast preview), keep MkDocs'
  notice that the build is dirty from counting as a warning, so the preview stays strict about
  everything else, and keep what the preview needs between builds (`preview.Preview`).
- on_config: validate the data (again only the files that changed); on any problem, list them
  all and stop the build before anything is written. Take the site name from the data and the
  navigation from the site map, and have `mkdocs serve` rebuild when the data or the page
  templates change. Under `mkdocs build`, start rendering the generated pages and making the
  downloads in a second process (`playbook.ahead.PagesAhead`), in the order MkDocs will read
  them; it then converts pages too (`handover.Converter`).
- `write_pages`, run by hooks/gen_pages.py (mkdocs-gen-files): register the generated pages,
  and the downloads (JSON, CSV, iCalendar: `playbook.exports`), which MkDocs copies. When
  rendering ahead they are registered empty: `on_page_read_source` hands MkDocs each page's
  `text` as it reads it, and `on_post_build` writes the downloads into the site. Otherwise
  they are written whole.
- on_files: under the fast preview, add them instead from the preview's own folder, where a
  page whose text has not changed keeps its file, and its file time, so `--dirty` skips it; and
  render first only the pages drawn from the edited file (`preview`).
- on_nav: tell the rendering process which files the site has, so that it converts pages as
  MkDocs would (`handover`).
- on_page_markdown (last): fail the build if a generated page's front matter did not come
  through; hand MkDocs an empty page if its conversion is at hand (from the rendering process, or
  kept from an earlier build in `.cache/playbook`, `cache`), and on_page_content (first) puts it
  on the page; or keep what MkDocs made of it.
- on_page_context: around the search plugin's, keep it from parsing a page whose search entries
  came with its conversion. Point each generated page's edit link at the YAML it comes from.
  gen-files' `set_edit_path` cannot: it joins the path to `edit_uri` only when `repo_url` is set
  (which would have Material fetch the repository's stars from GitHub on every page view), else
  MkDocs appends it to `edit_uri` as is, leaving `docs/../data/…` in the link, and neither can
  turn `/edit/` into `/tree/` for a page drawn from a folder.
- on_post_page, on_post_template: name Material's search dialog for screen readers.
- on_post_build: write the handed-over pages' entries into the search index, and forget the
  conversions this build did not use; under the fast preview, ask for the next build if one is
  due. On_post_build, on_build_error, on_shutdown: stop the rendering process and collect it.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import threading
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs_gen_files.editor import file_sort_key

import playbook
from playbook.ahead import PagesAhead, Work
from playbook.pages import navigation, stand_in
from playbook.render import theme_text
from playbook.site import (
    InvalidPlaybook,
    RenderError,
    Site,
    SiteCache,
    build_date,
    data_dir,
    download_content,
    edit_url,
    render_page,
)
from playbook_mkdocs.cache import ConversionCache, cache_dir
from playbook_mkdocs.handover import Converter, Handover
from playbook_mkdocs.preview import Preview, ThemeCode

NAME = "playbook"
"""The plugin's name in mkdocs.yml and in `config.plugins`."""
TEMPLATES = Path(playbook.__file__).parent / "templates"

HOME = [{"Home": "index.md"}]
GUIDES = [
    {
        "Guides": [
            "guides/index.md",
            "guides/persona-workshop.md",
            "guides/writing-jtbd.md",
            "guides/validation-checklist.md",
            "guides/anti-patterns.md",
        ]
    },
    {"Glossary": "glossary.md"},
    {"Tags": "tags.md"},
]
"""The navigation's hand-written entries, before and after the generated sections."""

# Material's search is a dialog with no accessible name; screen readers announce just "dialog".
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = SEARCH_DIALOG.replace('role="dialog"', 'role="dialog" aria-label="Search"')

log = logging.getLogger(f"mkdocs.plugins.{NAME}")


class FilesEditor(Protocol):
    """What the plugin needs of gen-files' `FilesEditor`: MkDocs' virtual docs folder."""

    directory: str

    def open(
        self, name: str, mode: str, buffering: int = -1, encoding: str | None = None
    ) -> IO[Any]:
        """Open a file of the build for writing, as `open` would (text or bytes)."""


# (MkDocs' Config and BasePlugin.__init_subclass__ have no annotations.)
class Options(Config):  # type: ignore[no-untyped-call]
    """The plugin's options in mkdocs.yml: none."""


class PlaybookPlugin(BasePlugin[Options]):  # type: ignore[no-untyped-call]
    """The playbook's site in MkDocs: validates, names, navigates and generates it."""

    def __init__(self) -> None:
        self.command = "build"
        """The MkDocs command running: build, gh-deploy or serve."""
        self.dirty = False
        """Whether MkDocs builds only the pages whose files changed (`serve --dirty`)."""
        self._sites = SiteCache()
        self._site: Site | None = None
        self._ahead: PagesAhead | None = None
        self._listed: dict[str, MkDocsPage] = {}
        self._highlighted: MkDocsPage | None = None
        self._handover: Handover | None = None
        self._preview: Preview | None = None
        self._theme_code = ThemeCode()
        self._made_ahead: dict[str, Path] = {}

    @property
    def site(self) -> Site:
        """The site of the build in progress (on_config loads it)."""
        if self._site is None:
            raise PluginError(f"the {NAME} plugin has not loaded the playbook yet")
        return self._site

    def text(self, path: str) -> str:
        """The Markdown of the generated page at `path`, from the rendering process if any."""
        try:
            if self._ahead is not None:
                return self._ahead.text(path)
            return render_page(self.site, self.site.page_by_path[path])
        except RenderError as error:
            raise PluginError(f"{error}. Nothing was built.") from None

    def download(self, path: str) -> bytes:
        """The content of the download at `path`, from the rendering process if any."""
        try:
            if self._ahead is not None:
                return self._ahead.download(path)
            (download,) = (d for d in self.site.downloads.files if d.path == path)
            return download_content(download)
        except RenderError as error:
            raise PluginError(f"{error}. Nothing was built.") from None

    def write_pages(self, editor: FilesEditor) -> None:
        """Add the generated pages and downloads to the build: gen-files' script
        (hooks/gen_pages.py) calls it. When they are made ahead, they are added empty (MkDocs
        reads the pages' texts through `on_page_read_source`, and `on_post_build` writes the
        files into the site). Under the fast preview, `on_files` adds them instead."""
        if self._preview is not None:
            return
        for path in self.site.page_by_path:
            with editor.open(path, "w", encoding="utf-8") as out:
                if self._ahead is None:  # else on_page_read_source hands MkDocs the text
                    out.write(self.text(path))
        for download in self.site.downloads.files:  # JSON, CSV, iCalendar: copied as they are
            with editor.open(download.path, "wb") as binary:
                if self._ahead is None:  # else made in the child: on_post_build writes them
                    binary.write(self.download(download.path))

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Under the fast preview, add the generated pages and downloads from the preview's
        folder, where only those whose text changed are written again (`preview`)."""
        preview = self._preview
        if preview is None:
            return files
        site = self.site
        first = preview.first_pages(site, self._sites.changed)
        preview.retain({*site.page_by_path, *(download.path for download in site.downloads.files)})
        for path in site.page_by_path:
            if first is None or path in first:
                preview.keep(path, self.text(path))
        for download in site.downloads.files if first is None else ():
            preview.keep(download.path, self.download(download.path))
        if first is not None:
            log.info(
                f"Rebuilding the {len(first)} pages drawn from the file you edited first; "
                "the others follow in the next build."
            )
            preview.later()
        return Files(sorted([*files, *preview.files(config, NAME)], key=file_sort_key))

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        if command == "serve" and dirty:
            self._preview = Preview()
        if command == "serve" and dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._stop_rendering()
        project = Path(config.config_file_path).parent
        data = data_dir(project)
        asks = [] if self._preview is None else [self._preview.folder]  # for the next build
        for folder in (data, TEMPLATES, *asks):
            if str(folder) not in config.watch:
                config.watch.append(str(folder))
        gc.unfreeze()  # under `mkdocs serve`, let the previous build's site be collected
        self._site = None
        try:
            self._site = site = self._sites.load(data, build_date())
        except InvalidPlaybook as invalid:
            for problem in invalid.problems:
                log.error(problem.format(project))
            raise PluginError(
                f"{invalid}. Nothing was built: fix the data and build again "
                "(`playbook validate` lists the same problems)."
            ) from None
        # Themes print the site name as it is: escape it like every other text from the data.
        config.site_name = theme_text(site.playbook.settings.title)
        # The same findings as `playbook lint` and the health page; they inform, they do not
        # fail the build (a strict build fails on warnings), so they are logged as information.
        for finding in site.findings:
            log.info(finding.format())
        config.nav = navigation(site.sections, before=HOME, after=GUIDES)
        kept = cache_dir(project)  # None: MkDocs converts every page itself
        self._handover = None
        if kept is not None:
            self._handover = Handover(ConversionCache(kept), generated=site.page_by_path)
        # The site lives as long as the build: keep the garbage collector from walking its
        # millions of objects again every time MkDocs' own work triggers a collection.
        gc.freeze()
        # A one-off build renders the generated pages on the second core while MkDocs works on
        # the others. `mkdocs serve` runs threads, which a forked process must not inherit: it
        # renders them in `write_pages` instead.
        if self.command != "serve" and hasattr(os, "fork") and threading.active_count() == 1:
            order = sorted(site.page_by_path, key=_reading_order)
            # Then, in the child, converting them as MkDocs would (`handover.Converter`).
            prepare = functools.partial(_converter, config=config) if self._handover else None
            self._ahead = PagesAhead(site, order=order, prepare=prepare)
        return config

    def on_page_read_source(self, /, *, page: MkDocsPage, config: MkDocsConfig) -> str | None:
        if self._ahead is None or page.file.src_uri not in self.site.page_by_path:
            return None
        return self.text(page.file.src_uri)

    @event_priority(-100)  # last: after every other plugin's changes
    def on_page_markdown(
        self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Any
    ) -> str:
        """A generated page's front matter must have come through whole: its title and the
        opt-out of macros. Were it dropped, the title would come from the heading and the page
        would run as a template; better no site than that one.

        Then no Markdown for MkDocs to convert if the page's conversion is at hand (`handover`):
        from the child, for a page it took, or kept from an earlier build."""
        if page.file.src_uri in self.site.page_by_path:
            meta = page.meta or {}
            if "title" not in meta or meta.get("render_macros") is not False:
                raise PluginError(
                    f"{page.file.src_uri}: its front matter did not come through (title and "
                    "render_macros); nothing was built. This is a bug in the playbook's templates."
                )
        if self._handover is None:
            return markdown
        path, product = page.file.src_uri, None
        if self._ahead is not None and not self._ahead.claim(path):
            product = self._ahead.product(path)
        return self._handover.markdown(page, markdown, product)

    @event_priority(100)  # first: every other plugin sees the page's HTML
    def on_page_content(
        self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        return html if self._handover is None else self._handover.content(page, html, files)

    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self._listed = {listed.file.src_uri: listed for listed in nav.pages}
        if self._handover is not None:  # the files are known, and whether each is in the site
            self._handover.start(files, config, dirty=self.dirty)
            if self._ahead is not None:
                self._ahead.start(self._handover.start_message())
        return nav

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Under `mkdocs serve`, have the theme's templates compiled once, not for every
        rebuild. Note where the downloads the child makes go in the site (`on_post_build`)."""
        if self.command == "serve":
            env.bytecode_cache = self._theme_code
        if self._ahead is not None:
            for download in self.site.downloads.files:
                file = files.get_file_from_path(download.path)
                if file is not None:
                    self._made_ahead[download.path] = Path(file.abs_dest_path)
        return env

    @event_priority(100)  # before the search plugin
    def _before_search(
        self, context: Any, /, *, page: MkDocsPage, config: MkDocsConfig, nav: Any
    ) -> Any:
        if self._handover is not None:
            self._handover.before_search(page)
        return context

    @event_priority(-100)  # after the search plugin
    def _edit_link(
        self, context: Any, /, *, page: MkDocsPage, config: MkDocsConfig, nav: Any
    ) -> Any:
        if self._handover is not None:
            self._handover.after_search(page)
        if self._preview is not None:
            self._preview.page_built()
        self._highlight_stand_in(page)
        generated = self.site.page_by_path.get(page.file.src_uri)
        if generated is None or not config.edit_uri:
            return context
        if generated.source is None:
            page.edit_url = None
            return context
        # None for data outside the repository: it has nothing to edit on GitHub.
        project, docs = Path(config.config_file_path).parent, Path(config.docs_dir)
        page.edit_url = edit_url(generated.source, config.edit_uri, project, docs)
        return context

    on_page_context = CombinedEvent(_before_search, _edit_link)

    def _highlight_stand_in(self, page: MkDocsPage) -> None:
        """A page outside the navigation highlights the listed page it belongs under (MkDocs
        marks the page being rendered `active`, and its sections; this marks the stand-in)."""
        if page.file.src_uri in self._listed:
            return
        found = stand_in(page.file.src_uri, self._listed)
        if found is not None:
            self._highlighted = self._listed[found]
            self._highlighted.active = True

    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        if self._highlighted is not None:
            self._highlighted.active = False
            self._highlighted = None
        return output.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        return output_content.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)  # 404.html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # The child made the downloads while this process rendered the pages; MkDocs has
        # copied them empty, as they were registered.
        for path, written in self._made_ahead.items():
            written.write_bytes(self.download(path))
        self._made_ahead.clear()
        self._stop_rendering()
        if self._handover is not None:
            self._handover.finish(config, prune=not self.dirty)
            log.info(self._handover.summary())
            self._handover = None
        if self._preview is not None:
            self._preview.built(config)

    def on_build_error(self, *, error: Exception) -> None:
        self._made_ahead.clear()
        self._stop_rendering()
        if self._handover is not None:
            self._handover.stop()
            self._handover = None

    def on_shutdown(self) -> None:
        self._stop_rendering()
        if self._preview is not None:
            self._preview.close()

    def _stop_rendering(self) -> None:
        if self._ahead is not None:
            self._ahead.close()
            self._ahead = None


def _converter(message: bytes, config: MkDocsConfig) -> Work:
    """The child's work: converting the pages it takes (`message`: `Handover.start_message`)."""
    return Converter(message, config)


def _reading_order(path: str) -> Any:
    """Where MkDocs reads the page at `path`: in gen-files' order of the site's files."""
    return file_sort_key(File(path, src_dir="", dest_dir="", use_directory_urls=False))


class _DirtyNotice(logging.Filter):
    """Log MkDocs' "A 'dirty' build is being performed" warning as information."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and "'dirty' build" in record.getMessage():
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True
