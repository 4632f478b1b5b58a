"""Every link of the built example site leads somewhere: the pages MkDocs links itself, and the
ones templates and macros print as HTML, which MkDocs neither rewrites nor checks."""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.build


class _Links(HTMLParser):
    """The `href` of every element, and the `id` of every element, of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "href" and value is not None:
                self.hrefs.append(value)
            elif name == "id" and value:
                self.ids.add(value)


def _parsed(page: Path) -> _Links:
    links = _Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def _pages(site: Path) -> dict[Path, _Links]:
    """Each HTML page of `site`, parsed once."""
    return {page: _parsed(page) for page in sorted(site.rglob("*.html"))}


def _targets(site: Path, page: Path, links: _Links) -> list[tuple[Path, str, str]]:
    """The internal links of `page`: (target file, fragment, href), targets under the resolved
    `site` (a site holds no symbolic links, so joining and normalising is enough)."""
    root = site.resolve()
    here = root / page.relative_to(site)
    targets = []
    for href in links.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not (parts.path or parts.fragment):
            continue  # another host, mailto:, or the page itself with no fragment
        path = unquote(parts.path)
        folder = root if path.startswith("/") else here.parent  # 404.html: from the root
        target = Path(os.path.normpath(folder / path.lstrip("/"))) if path else here
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
        targets.append((target, unquote(parts.fragment), href))
    return targets


def internal_targets(site: Path) -> dict[Path, list[tuple[Path, str, str]]]:
    """Each page of `site` with the internal links it holds: (target file, fragment, href)."""
    return {page: _targets(site, page, links) for page, links in _pages(site).items()}


def broken_links(site: Path) -> list[str]:
    """`page: href` for each internal link whose file, or anchor on an HTML page, is missing."""
    root = site.resolve()
    pages = _pages(site)
    ids = {root / page.relative_to(site): links.ids for page, links in pages.items()}
    files = {path for path in root.rglob("*") if path.is_file()}
    broken = []
    for page, links in pages.items():
        for target, fragment, href in _targets(site, page, links):
            shown = f"{page.relative_to(site)}: {href}"
            if target not in files:
                broken.append(shown)
            elif fragment and target.suffix == ".html" and fragment not in ids[target]:
                broken.append(f"{shown} (no such anchor)")
    return broken


def test_every_internal_link_of_the_site_leads_to_a_file_that_exists(site: Path) -> None:
    """Macros' links included: the home page's health badge once pointed at `health.md`."""
    assert broken_links(site) == []
    home = [href for _, _, href in internal_targets(site)[site / "index.html"]]
    assert "health.html" in home  # the badge the home page's macro prints


def test_the_link_check_finds_a_link_to_a_missing_page(tmp_path: Path) -> None:
    (tmp_path / "guides").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="guides/a.html#top">A</a> <a href="health.md">H</a> <a href="#nowhere">N</a>'
        ' <a href="https://example.com/x.html">X</a> <a href="mailto:a@example.com">M</a>',
        encoding="utf-8",
    )
    (tmp_path / "guides" / "a.html").write_text(
        '<h1 id="top">A</h1><a href="../index.html">Home</a> <a href="../">Home</a>'
        ' <a href="/guides/a.html">A</a> <a href="b.html">B</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [
        "guides/a.html: b.html",
        "index.html: health.md",
        "index.html: #nowhere (no such anchor)",
    ]
