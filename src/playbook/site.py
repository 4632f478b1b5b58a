"""The playbook as a site: validated once, indexed once, rendered page by page.

`load_site` validates and indexes a data folder (`playbook generate`, the Zensical engine);
`SiteCache` does it again only when a data file has changed, for a process that builds many
times (the MkDocs plugin under `mkdocs serve`). Nothing here keeps state between calls: whoever
needs a cache owns one.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO
from urllib.parse import quote, urljoin

from playbook.health import Health, health
from playbook.history import changed_on, last_changed
from playbook.index import Index
from playbook.iteration import persona_changes
from playbook.lint import Finding, lint
from playbook.models.playbook import Playbook
from playbook.pages import Page, Places, Section, locate, site_pages, site_sections
from playbook.pages.downloads import Download, Downloads, downloads
from playbook.problems import Problem, summary
from playbook.render import Renderer
from playbook.validate import CheckedFiles, collector_paused, validate
from playbook.validate.one_file import CheckFile, check_file

TODAY_VARIABLE = "PLAYBOOK_TODAY"
"""Set to YYYY-MM-DD to build the site as of that day instead of today."""
DATA_VARIABLE = "PLAYBOOK_DATA"
"""Set to a folder to build the site from that data instead of `data/` beside mkdocs.yml."""


def data_dir(project_dir: Path) -> Path:
    """The data folder: $PLAYBOOK_DATA if set, else `data/` in `project_dir`."""
    return Path(os.environ.get(DATA_VARIABLE) or project_dir / "data")


class RenderError(Exception):
    """A page could not be rendered; the message names the page and its data."""


class InvalidPlaybook(Exception):
    """The data has problems; the site cannot be built."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"the playbook has {summary(problems)}")
        self.problems = list(problems)


@dataclass(frozen=True)
class Site:
    """A valid playbook with its index and its pages, ready to render."""

    playbook: Playbook
    index: Index
    places: Places
    """Which page shows each session and snippet."""
    sections: list[Section]
    pages: list[Page]
    renderer: Renderer
    today: dt.date
    history: dict[Path, dt.date]
    """When each data file last changed, from git (empty outside a repository)."""
    findings: list[Finding]
    """What `playbook lint` finds: the health page shows the same."""
    health: Health
    """The findings and the personas' checklists, as the health page and badge show them."""
    downloads: Downloads
    """The files beside the pages: JSON, CSV, iCalendar."""
    page_by_path: dict[str, Page] = field(init=False, repr=False)
    """Generated pages by their path in the docs."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "page_by_path", {page.path: page for page in self.pages})

    def render(self, page: Page) -> str:
        """The Markdown of `page`, front matter included."""
        provenance = {
            "source": _shown(page.source, self.playbook.data_dir) if page.source else None,
            "changed": changed_on(page.source, self.history) if page.source else None,
        }
        return self.renderer.render(page.template, {**page.context, **provenance, "page": page})

    def fragment(self, template: str, page_path: str, **context: Any) -> str:
        """Markdown from `template` for a hand-written page at `page_path` (for macros)."""
        base = {
            "playbook": self.playbook,
            "index": self.index,
            "places": self.places,
            "today": self.today,
        }
        return self.renderer.render(template, {**base, **context, "page_path": page_path})


def build_date() -> dt.date:
    """The day the site is built as of: $PLAYBOOK_TODAY if set, else today."""
    value = os.environ.get(TODAY_VARIABLE)
    return dt.date.fromisoformat(value) if value else dt.date.today()


def build_site(
    data_dir: Path,
    today: dt.date,
    *,
    history: bool = True,
    check: CheckFile = check_file,
    renderer: Renderer | None = None,
) -> Site:
    """Validate `data_dir` and prepare its pages; raises InvalidPlaybook with every problem.

    With `history`, pages show when their data last changed, from git. `check` and `renderer`
    may be kept from an earlier site (see `SiteCache`).
    """
    with collector_paused():
        playbook, problems = validate(data_dir, check=check)
        if playbook is None:
            raise InvalidPlaybook(problems)
        index = Index(playbook)
        findings = lint(playbook, index, today)
        report = health(playbook, findings)
        places = locate(playbook, index)
        files = downloads(playbook, index, today)
        changes = persona_changes(playbook, index, today, history=history)
        sections = site_sections(playbook, index, today, report, places, files, changes)
    dates = last_changed(data_dir) if history else {}
    pages = site_pages(sections)
    renderer = renderer or Renderer()
    return Site(
        playbook, index, places, sections, pages, renderer, today, dates, findings, report, files
    )


def edit_url(source: Path, edit_uri: str, project_dir: Path, docs_dir: Path) -> str | None:
    """The edit link of a generated page drawn from `source`, a data file or folder.

    `edit_uri` points at the docs folder, as in mkdocs.yml (…/edit/main/docs/); the link climbs
    from it to the project. A folder opens as a tree (…/tree/main/data/…). None for data outside
    the project, which has nothing to edit in the repository.
    """
    project = project_dir.resolve()
    if not source.resolve().is_relative_to(project):
        return None
    # Percent-encoded: a path is data, and the theme prints the link into an attribute as is.
    path = quote(source.resolve().relative_to(project).as_posix(), safe="/")
    docs_depth = len(docs_dir.resolve().relative_to(project).parts)
    url = urljoin(urljoin(edit_uri, "../" * docs_depth), path)
    return url if source.is_file() else url.replace("/edit/", "/tree/", 1)


def _shown(source: Path, data_dir: Path) -> str:
    """`source` as people know it: `data/personas/exec.yml`."""
    try:
        return source.resolve().relative_to(data_dir.resolve().parent).as_posix()
    except ValueError:
        return source.as_posix()


def load_site(data_dir: Path, today: dt.date | None = None) -> Site:
    """`build_site` as of `today` (default: `build_date()`), with history from git."""
    return build_site(data_dir, today or build_date())


class SiteCache:
    """The site of one data folder, validated again only when a file under it has changed, and
    then only that file read again; one Jinja environment for every site it makes (it reloads a
    template whose file has changed)."""

    def __init__(self) -> None:
        self._key: tuple[str, dt.date] | None = None
        self._files: tuple[tuple[str, int, int], ...] = ()
        self._site: Site | None = None
        self._checked = CheckedFiles()
        self._renderer: Renderer | None = None

    def load(self, data_dir: Path, today: dt.date | None = None) -> Site:
        """`load_site`, or the site it made last time if nothing it depends on has changed."""
        today = today or build_date()
        key, files = (str(data_dir.resolve()), today), _fingerprint(data_dir)
        self.changed = None
        if self._site is not None and (key, files) == (self._key, self._files):
            self.changed = frozenset()
            return self._site
        if key == self._key:
            self.changed = _edited(self._files, files)
        self._site = None  # let the old one be collected before the new one is made
        self._renderer = self._renderer or Renderer()
        site = build_site(data_dir, today, check=self._checked, renderer=self._renderer)
        self._site, self._key, self._files = site, key, files
        return site

    changed: frozenset[Path] | None = None
    """The files edited since the site `load` returned before this one: none if it is the same
    site; None if there was none, or files were added, removed or renamed since."""


def _edited(
    before: tuple[tuple[str, int, int], ...], after: tuple[tuple[str, int, int], ...]
) -> frozenset[Path] | None:
    if [entry[0] for entry in before] != [entry[0] for entry in after]:
        return None
    return frozenset(Path(new[0]) for old, new in zip(before, after, strict=True) if old != new)


def _fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    entries = []
    for root, _, files in os.walk(data_dir):
        for name in files:
            path = Path(root, name)
            stat = path.lstat()  # a broken link is data too: validation reports it
            entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(entries))


def render_page(site: Site, page: Page) -> str:
    """The page's Markdown; raises RenderError naming the page and its data."""
    try:
        return site.render(page)
    except Exception as error:
        source = _shown(page.source, site.playbook.data_dir) if page.source else "no data file"
        raise RenderError(
            f"could not render {page.path} (from {source}) with {page.template}: "
            f"{type(error).__name__}: {error}"
        ) from error


def rendered_pages(site: Site) -> Iterator[tuple[Page, str]]:
    """Each generated page with its Markdown; raises RenderError naming the page and its data."""
    for page in site.pages:
        yield page, render_page(site, page)


def write_pages(site: Site, open_page: Callable[[str], TextIO]) -> None:
    """Write every generated page through `open_page(path)`: a file, or MkDocs' virtual files."""
    for page, text in rendered_pages(site):
        with open_page(page.path) as out:
            out.write(text)


def download_content(download: Download) -> bytes:
    """A download's bytes; raises RenderError naming the file."""
    try:
        return download.content
    except Exception as error:
        raise RenderError(
            f"could not make {download.path}: {type(error).__name__}: {error}"
        ) from error


def write_downloads(site: Site, open_file: Callable[[str], BinaryIO]) -> None:
    """Write every download through `open_file(path)`, opened for bytes."""
    for download in site.downloads.files:
        content = download_content(download)
        with open_file(download.path) as out:
            out.write(content)


def generate(data_dir: Path, out_dir: Path, today: dt.date | None = None) -> list[Path]:
    """Write every generated page under `out_dir`, for any Markdown site engine, and the
    downloads beside them; the paths written (pages first)."""
    site = load_site(data_dir, today)
    root = out_dir.resolve()
    written = []

    def target(path: str) -> Path:
        file = (root / path).resolve()
        if not file.is_relative_to(root):  # ids are validated; this is a second lock
            raise ValueError(f"{path!r} would be written outside {out_dir}")
        file.parent.mkdir(parents=True, exist_ok=True)
        written.append(file)
        return file

    write_pages(site, lambda path: target(path).open("w", encoding="utf-8"))
    write_downloads(site, lambda path: target(path).open("wb"))
    return written
