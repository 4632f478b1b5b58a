"""The MkDocs navigation, from the site map.

MkDocs renders the navigation into every page, so it holds a bounded set of entries: each
section's index, the first personas (primary ones first) and the featured program (pages say
whether they are listed: `Page.in_nav`). Every other page is linked from its section's index
page, so however large the playbook grows, no page lists every other page; on such a page the
navigation highlights the listed page it belongs under (`stand_in`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from typing import Any

from playbook.pages.sitemap import Section
from playbook.render import theme_text


def navigation(sections: list[Section], before: list[Any], after: list[Any]) -> list[Any]:
    """The MkDocs `nav`: hand-written entries `before` and `after` the generated sections.

    Titles are HTML-escaped: MkDocs themes print navigation titles as they are.
    """
    return list(before) + [_nav_entry(section) for section in sections] + list(after)


def _nav_entry(section: Section) -> dict[str, Any]:
    title = theme_text(section.title)
    listed = [page for page in section.pages if page.in_nav]
    if len(listed) == 1 and not section.subsections:
        return {title: listed[0].path}
    entries: list[Any] = []
    for page in listed:
        if page.path.endswith("index.md") and not entries:
            entries.append(page.path)  # the section's own page (navigation.indexes)
        else:
            entries.append({theme_text(page.nav_title or page.title): page.path})
    return {title: entries + [_nav_entry(subsection) for subsection in section.subsections]}


def stand_in(path: str, listed: Collection[str]) -> str | None:
    """The listed page a page outside the navigation belongs under, to highlight in its stead.

    The nearest page up its path: `personas/exec/agenda.md` under `personas/exec.md`, else
    `personas/index.md`; `messaging/exec.md` under `messaging/index.md`.
    """
    folder = posixpath.dirname(path)
    while folder:
        for candidate in (f"{folder}.md", f"{folder}/index.md"):
            if candidate != path and candidate in listed:
                return candidate
        folder = posixpath.dirname(folder)
    return None
