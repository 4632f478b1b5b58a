"""A Jinja extension for mkdocs-macros (`j2_extensions` in mkdocs.yml): before a hand-written
page that opts in to macros runs, refuse anything but calls of the playbook's macros
(`playbook.macro_calls`). Raised inside the render, the refusal fails the build with the page
named, like any macro error."""

from __future__ import annotations

from jinja2.ext import Extension

from macros import MACROS, MacroError
from playbook.macro_calls import refusal


class PlaybookMacrosOnly(Extension):
    """Refuses a page's template that does more than call the playbook's macros."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        reason = refusal(source, MACROS)
        if reason is not None:
            raise MacroError(reason)
        return source
