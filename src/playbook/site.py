"""The playbook as a site: validated once, indexed once, rendered page by page.

MkDocs' adapters (the hook, the gen-files script, the macros) and `playbook generate` all go
through `load_site`, which validates the data only when a data file has changed since the last
call, so one build validates once however many adapters ask.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import struct
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, TextIO
from urllib.parse import quote, urljoin

from playbook.health import Health, health
from playbook.history import changed_on, last_changed
from playbook.index import Index
from playbook.lint import Finding, lint
from playbook.models.playbook import Playbook
from playbook.pages import Page, Places, Section, locate, site_pages, site_sections
from playbook.problems import Problem, summary
from playbook.render import Renderer
from playbook.validate import collector_paused, validate

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


def build_site(data_dir: Path, today: dt.date, *, history: bool = True) -> Site:
    """Validate `data_dir` and prepare its pages; raises InvalidPlaybook with every problem.

    With `history`, pages show when their data last changed, from git.
    """
    with collector_paused():
        playbook, problems = validate(data_dir)
        if playbook is None:
            raise InvalidPlaybook(problems)
        index = Index(playbook)
        findings = lint(playbook, index, today)
        report = health(playbook, findings)
        places = locate(playbook, index)
        sections = site_sections(playbook, index, today, report, places)
    dates = last_changed(data_dir) if history else {}
    pages = site_pages(sections)
    return Site(
        playbook, index, places, sections, pages, Renderer(), today, dates, findings, report
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


_cache: dict[str, tuple[object, Site]] = {}


def load_site(data_dir: Path, today: dt.date | None = None) -> Site:
    """`build_site`, reused while no file under `data_dir` has changed."""
    today = today or build_date()
    key = str(data_dir.resolve())
    fingerprint = (today, _fingerprint(data_dir))
    cached = _cache.get(key)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    site = build_site(data_dir, today)
    _cache[key] = (fingerprint, site)
    return site


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


class PagesAhead:
    """The site's pages, rendered by a forked child process while this one works.

    The child renders them in `order` (page paths; site order by default): the order they will
    be asked for. `text(path)` waits only if the child has not sent that page yet. A page the
    child did not send, because it failed or was stopped, is rendered here, so the texts are the
    same either way and a broken page raises RenderError here. Fork only while this process has
    one thread.
    """

    _HEADER = struct.Struct("!II")

    def __init__(self, site: Site, order: Sequence[str] = ()) -> None:
        self.site = site
        self._texts: dict[str, str] = {}
        self._unsent = len(site.pages)
        read, write = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the child: send every page, then leave without cleaning up
            os.close(read)
            _send_pages(site, order or [page.path for page in site.pages], write)
        os.close(write)
        self._pipe: BinaryIO | None = os.fdopen(read, "rb")

    def text(self, path: str) -> str:
        """The Markdown of the page at `path`."""
        while path not in self._texts and self._pipe is not None:
            self._receive()
        text = self._texts.pop(path, None)
        return text if text is not None else render_page(self.site, self.site.page_by_path[path])

    def _receive(self) -> None:
        assert self._pipe is not None
        header = self._pipe.read(self._HEADER.size)
        if len(header) == self._HEADER.size:
            path_size, text_size = self._HEADER.unpack(header)
            body = self._pipe.read(path_size + text_size)
            if len(body) == path_size + text_size:
                self._texts[body[:path_size].decode()] = body[path_size:].decode()
                self._unsent -= 1
                if self._unsent:
                    return
        self.close()  # the child is done, or failed: render what is left here

    def close(self) -> None:
        """Stop the child if it is still running, and collect it."""
        if self._pipe is None:
            return
        self._pipe.close()
        self._pipe = None
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGTERM)
        os.waitpid(self._pid, 0)


_ahead: list[PagesAhead] = []


def start_rendering_ahead(site: Site, order: Sequence[str] = ()) -> PagesAhead:
    """Render `site`'s pages in a child process from now on, in `order` (see PagesAhead).

    Another adapter of the same build finds it with `rendering_ahead(site)`.
    """
    stop_rendering_ahead()
    _ahead.append(PagesAhead(site, order))
    return _ahead[0]


def rendering_ahead(site: Site) -> PagesAhead | None:
    """The PagesAhead rendering `site`, if one was started for it."""
    return next((ahead for ahead in _ahead if ahead.site is site), None)


def stop_rendering_ahead() -> None:
    """Stop and collect the child rendering pages, if any."""
    while _ahead:
        _ahead.pop().close()


def _send_pages(site: Site, order: Sequence[str], pipe: int) -> NoReturn:
    status = 1
    try:
        with os.fdopen(pipe, "wb") as out:
            for page_path in order:
                text = render_page(site, site.page_by_path[page_path])
                path, body = page_path.encode(), text.encode()
                out.write(PagesAhead._HEADER.pack(len(path), len(body)) + path + body)
        status = 0
    finally:
        os._exit(status)  # never return into the parent's code


def write_pages(site: Site, open_page: Callable[[str], TextIO]) -> None:
    """Write every generated page through `open_page(path)`: a file, or MkDocs' virtual files."""
    for page, text in rendered_pages(site):
        with open_page(page.path) as out:
            out.write(text)


_texts: dict[str, tuple[int, int]] = {}


def text_since(path: str, text: str) -> int:
    """When this process first produced `text` for `path`, in ns since the epoch.

    Now, if the text differs from what it produced for `path` last time. A generated page whose
    file keeps this time is older than its last build, so `mkdocs serve --dirty` skips it.
    """
    digest = hash(text)
    seen = _texts.get(path)
    if seen is not None and seen[0] == digest:
        return seen[1]
    now = time.time_ns()
    _texts[path] = (digest, now)
    return now


def generate(data_dir: Path, out_dir: Path, today: dt.date | None = None) -> list[Path]:
    """Write every generated page under `out_dir`, for any Markdown site engine."""
    site = load_site(data_dir, today)
    root = out_dir.resolve()
    written = []

    def open_page(path: str) -> TextIO:
        target = (root / path).resolve()
        if not target.is_relative_to(root):  # ids are validated; this is a second lock
            raise ValueError(f"page {path!r} would be written outside {out_dir}")
        target.parent.mkdir(parents=True, exist_ok=True)
        written.append(target)
        return target.open("w", encoding="utf-8")

    write_pages(site, open_page)
    return written
