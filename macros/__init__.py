"""mkdocs-macros module: macros for hand-written pages that opt in with `render_macros: true`.

A thin adapter: each macro renders a template of the core package with the validated playbook.
Macros return Markdown in which every value from the data is escaped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playbook.dates import standing, week_start
from playbook.health import health
from playbook.site import Site, data_dir, load_site


def define_env(env: Any) -> None:
    """Register the playbook's macros with mkdocs-macros."""

    def site() -> Site:
        return load_site(data_dir(Path(env.conf.config_file_path).parent))

    def page_path() -> str:
        return str(env.page.file.src_uri)

    @env.macro
    def playbook_intro() -> str:
        """The playbook's title and description from playbook.yml."""
        settings = site().playbook.settings
        return site().fragment("_intro.md.jinja", page_path(), settings=settings)

    @env.macro
    def program_at_a_glance(program_id: str | None = None) -> str:
        """The featured program (or `program_id`): event, dates and where it stands today."""
        current = site()
        playbook = current.playbook
        program_id = (
            program_id or playbook.settings.featured_program or next(iter(playbook.programs))
        )
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

    @env.macro
    def persona_cards() -> str:
        """A card per persona, primary personas first."""
        return site().fragment("_persona_cards.md.jinja", page_path())

    @env.macro
    def health_badge() -> str:
        """The playbook's health in one line, linking to the health page."""
        current = site()
        report = health(current.playbook, current.findings)
        return current.fragment("_health_badge.md.jinja", page_path(), health=report)

    @env.macro
    def ways_in() -> str:
        """Links into the playbook's main sections."""
        return site().fragment("_ways_in.md.jinja", page_path())
