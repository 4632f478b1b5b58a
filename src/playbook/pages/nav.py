"""The MkDocs navigation, from the site map.

MkDocs renders the navigation into every page, so it holds a fixed set of entries: each
section's index, the primary personas and the featured program (pages say whether they are
listed: `Page.in_nav`). Every other page is linked from its section's index page, so however
large the playbook grows, no page lists every other page.
"""

from __future__ import annotations

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
