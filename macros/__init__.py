"""mkdocs-macros module: macros for hand-written pages that opt in with `render_macros: true`.

A thin adapter: each macro renders a template of the core package with the validated playbook.
Macros return Markdown in which every value from the data is escaped. A failing macro fails the
build with the page named and a message instead of a traceback.

The same module serves mkdocs-macros under MkDocs or ProperDocs and Zensical's emulation of it
(see `project_dir`, `docs_path` and `define_env` for where the two differ).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import UndefinedError

from playbook.dates import standing, week_start
from playbook.site import InvalidPlaybook, Site, data_dir, load_site

PLUGIN = "playbook"
"""The playbook's MkDocs plugin, which holds the site of the build (src/playbook_mkdocs)."""

MACROS = ("playbook_intro", "program_at_a_glance", "persona_cards", "health_badge", "ways_in")


class MacroError(Exception):
    """A macro could not run; the message says which and what to do."""


def project_dir(conf: Any) -> Path:
    """The folder of the site's config file.

    MkDocs' config has the file's path; Zensical's macros emulation passes its settings as a
    plain dict, with the folder as `root_dir`.
    """
    path = conf.get("config_file_path")
    return Path(path).parent if path else Path(conf["root_dir"])


def docs_path(page: Any) -> str:
    """The page's path in the docs folder: MkDocs' page has a `file`, Zensical's a `path`."""
    file = getattr(page, "file", None)
    return str(file.src_uri if file is not None else page.path)


def built_site(conf: Any) -> Site | None:
    """The site the playbook plugin validated for this build, if it runs (MkDocs, ProperDocs)."""
    plugins = conf.get("plugins")
    plugin = plugins.get(PLUGIN) if isinstance(plugins, dict) else None
    site = getattr(plugin, "site", None)
    return site if isinstance(site, Site) else None


def define_env(env: Any) -> None:
    """Register the playbook's macros with mkdocs-macros.

    Under MkDocs the macros use the site the playbook plugin validated; under Zensical, which
    runs no MkDocs plugin, they validate the data themselves, once.
    """
    loaded: list[Site] = []

    def site() -> Site:
        current = built_site(env.conf)
        if current is not None:
            return current
        if not loaded:
            loaded.append(load_site(data_dir(project_dir(env.conf))))
        return loaded[0]

    def page_path() -> str:
        return docs_path(env.page)

    def macro(function: Callable[..., str]) -> Callable[..., str]:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> str:
            try:
                return function(*args, **kwargs)
            except MacroError:
                raise
            except InvalidPlaybook as invalid:
                raise MacroError(f"{invalid}; run `playbook validate`") from None
            except Exception as error:
                raise MacroError(
                    f"the macro `{function.__name__}` failed ({type(error).__name__}: {error})"
                ) from None

        env.macro(run)
        return run

    @macro
    def playbook_intro() -> str:
        """The playbook's title and description from playbook.yml."""
        settings = site().playbook.settings
        return site().fragment("_intro.md.jinja", page_path(), settings=settings)

    @macro
    def program_at_a_glance(program_id: str | None = None) -> str:
        """The featured program (or `program_id`): event, dates and where it stands today."""
        current = site()
        playbook = current.playbook
        program_id = program_id or playbook.featured_program
        if program_id is None:
            raise MacroError("the playbook has no programs yet; add one under data/programs/")
        if program_id not in playbook.programs:
            known = ", ".join(f"`{known}`" for known in playbook.programs)
            raise MacroError(f"there is no program `{program_id}`; the programs are {known}")
        program = playbook.programs[program_id]
        event = program.event
        return current.fragment(
            "_home.md.jinja",
            page_path(),
            program_id=program_id,
            program=program,
            event=event,
            standing=standing(event, playbook.timelines.get(program_id), current.today),
            week_start=lambda week: week_start(event, week),
        )

    @macro
    def persona_cards() -> str:
        """A card per persona, primary personas first."""
        return site().fragment("_persona_cards.md.jinja", page_path())

    @macro
    def health_badge() -> str:
        """The playbook's health in one line, linking to the health page."""
        current = site()
        return current.fragment("_health_badge.md.jinja", page_path(), health=current.health)

    @macro
    def ways_in() -> str:
        """Links into the playbook's main sections."""
        return site().fragment("_ways_in.md.jinja", page_path())


def _register_error_messages() -> None:
    """Have mkdocs-macros report our errors, and undefined names, without a traceback."""
    try:
        from mkdocs_macros.errors import format_error
    except ImportError:  # pragma: no cover - an mkdocs-macros without this extension point
        return

    @format_error.register
    def _macro_error(error: MacroError, markdown: str, page: Any) -> str:
        return f"Macro error in {page.file.src_path}: {error}"

    @format_error.register
    def _undefined(error: UndefinedError, markdown: str, page: Any) -> str:
        known = ", ".join(MACROS)
        return (
            f"Macro error in {page.file.src_path}: {error.message}. The playbook's macros are "
            f"{known}; anything else in double curly braces must be written as text, e.g. "
            "inside a code block."
        )


_register_error_messages()
