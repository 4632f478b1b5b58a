"""MkDocs hooks: whole-build work for the playbook site. A thin adapter over `playbook.site`.

- on_config: validate the data once; on any problem, list them all and stop the build before
  anything is written. Take the site name from the data and the navigation from the site map,
  and have `mkdocs serve` rebuild when the data or the page templates change.
  Under `mkdocs build`, start rendering the generated pages in a second process.
- on_page_read_source: hand MkDocs each generated page's text from that process.
- on_page_markdown: fail the build if a generated page's front matter did not come through.
- on_post_build, on_build_error: stop and collect it.
- on_page_context: point each generated page's edit link at the YAML it comes from.
- on_post_page, on_post_template: name Material's search dialog for screen readers.
- on_startup: under `mkdocs serve --dirty` (the fast preview), keep MkDocs' notice that the
  build is dirty from counting as a warning, so the preview stays strict about everything else.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs_gen_files.editor import file_sort_key

import playbook
from playbook.pages import navigation
from playbook.render import theme_text
from playbook.site import (
    InvalidPlaybook,
    RenderError,
    Site,
    data_dir,
    edit_url,
    load_site,
    rendering_ahead,
    start_rendering_ahead,
    stop_rendering_ahead,
)

log = logging.getLogger("mkdocs.hooks.playbook")
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
    {"Tags": "tags.md"},
]


# Material's search is a dialog with no accessible name; screen readers announce just "dialog".
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = SEARCH_DIALOG.replace('role="dialog"', 'role="dialog" aria-label="Search"')

_site: Site | None = None
"""The site of the build in progress, loaded by on_config."""
_command = "build"
"""The MkDocs command running: build, gh-deploy or serve."""


def _project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


class _DirtyNotice(logging.Filter):
    """Log MkDocs' "A 'dirty' build is being performed" warning as information."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and "'dirty' build" in record.getMessage():
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command
    if command == "serve" and dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    data = data_dir(_project_dir(config))
    for folder in (data, TEMPLATES):
        if str(folder) not in config.watch:
            config.watch.append(str(folder))
    gc.unfreeze()  # under `mkdocs serve`, let the previous build's site be collected
    try:
        _site = site = load_site(data)
    except InvalidPlaybook as invalid:
        for problem in invalid.problems:
            log.error(problem.format(_project_dir(config)))
        raise PluginError(
            f"{invalid}. Nothing was built: fix the data and build again "
            "(`playbook validate` lists the same problems)."
        ) from None
    # Themes print the site name as it is: escape it like every other text from the data.
    config.site_name = theme_text(site.playbook.settings.title)
    # The same findings as `playbook lint` and the health page; they inform, they do not fail
    # the build (a strict build fails on warnings), so they are logged as information.
    for finding in site.findings:
        log.info(finding.format())
    config.nav = navigation(site.sections, before=HOME, after=GUIDES)
    # The site lives as long as the build: keep the garbage collector from walking its millions
    # of objects again every time MkDocs' own work triggers a collection.
    gc.freeze()
    # A one-off build renders the generated pages on the second core while MkDocs works on the
    # others. `mkdocs serve` runs threads, which a forked process must not inherit: it renders
    # them in the gen-files script instead.
    if _command != "serve" and hasattr(os, "fork") and threading.active_count() == 1:
        start_rendering_ahead(site, order=sorted(site.page_by_path, key=_reading_order))
    return config


def _reading_order(path: str) -> Any:
    """Where MkDocs reads the page at `path`: in gen-files' order of the site's files."""
    return file_sort_key(File(path, src_dir="", dest_dir="", use_directory_urls=False))


def on_page_read_source(page: MkDocsPage, config: MkDocsConfig) -> str | None:
    ahead = rendering_ahead(_site) if _site is not None else None
    if ahead is None or page.file.src_uri not in ahead.site.page_by_path:
        return None
    try:
        return ahead.text(page.file.src_uri)
    except RenderError as error:
        raise PluginError(f"{error}. Nothing was built.") from None


def on_page_markdown(markdown: str, page: MkDocsPage, **_: Any) -> str:
    """A generated page's front matter must have come through whole: its title and the opt-out
    of macros. Were it dropped, the title would come from the heading and the page would run
    as a template; better no site than that one."""
    if _site is not None and page.file.src_uri in _site.page_by_path:
        meta = page.meta or {}
        if "title" not in meta or meta.get("render_macros") is not False:
            raise PluginError(
                f"{page.file.src_uri}: its front matter did not come through (title and "
                "render_macros); nothing was built. This is a bug in the playbook's templates."
            )
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    stop_rendering_ahead()


def on_build_error(error: Exception) -> None:
    stop_rendering_ahead()


def on_page_context(
    context: dict[str, Any], page: MkDocsPage, config: MkDocsConfig, **_: Any
) -> dict[str, Any]:
    assert _site is not None, "on_config loads the site first"
    generated = _site.page_by_path.get(page.file.src_uri)
    if generated is None or not config.edit_uri:
        return context
    if generated.source is None:
        page.edit_url = None
        return context
    # None for data outside the repository: it has nothing to edit on GitHub.
    page.edit_url = edit_url(
        generated.source, config.edit_uri, _project_dir(config), Path(config.docs_dir)
    )
    return context


def on_post_page(output: str, page: MkDocsPage, config: MkDocsConfig, **_: Any) -> str:
    return output.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)


def on_post_template(output: str, template_name: str, config: MkDocsConfig, **_: Any) -> str:
    return output.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)  # 404.html
