"""The engines a team may move to build the same site as MkDocs 1.6 (README, "Engines").

ProperDocs builds mkdocs.yml as it is; Zensical builds the project `python -m engines.zensical`
writes. Each build is compared with the MkDocs build of the example (`site`), page by page.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from engines.zensical import (
    CONFIG,
    ProjectError,
    mkdocs_settings,
    settings,
    toml,
    with_edit_url,
    write_project,
)
from macros import docs_path, project_dir
from mkdocs.config.defaults import MkDocsConfig

from playbook.site import load_site
from tests.conftest import EXAMPLE, ROOT, TODAY
from tests.test_build import read

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _env() -> dict[str, str]:
    """As the MkDocs build of the example: as of TODAY, from the example data."""
    env = {**os.environ, "PLAYBOOK_TODAY": TODAY}
    env |= {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("PLAYBOOK_DATA", None)
    return env


def _files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def _pages(site: Path) -> set[str]:
    return {page for page in _files(site) if page.endswith(".html")}


class _Page(HTMLParser):
    """A built page's heading anchors and its edit link."""

    def __init__(self, page: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[str] = []
        self.edit: str | None = None
        self.feed(page.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag) and values.get("id"):
            self.anchors.append(values["id"] or "")
        if tag == "a" and values.get("rel") == "edit":
            self.edit = values.get("href")


# ProperDocs


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built by `properdocs build --strict` from mkdocs.yml, as a team would."""
    out = tmp_path_factory.mktemp("properdocs-site")
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"]
    result = subprocess.run(
        [*command, "--site-dir", str(out)],
        cwd=ROOT,
        env={**_env(), "PLAYBOOK_DATA": str(EXAMPLE)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


@pytest.mark.build
def test_properdocs_builds_the_files_mkdocs_builds(site: Path, properdocs_site: Path) -> None:
    missing, extra = _files(site) - _files(properdocs_site), _files(properdocs_site) - _files(site)
    assert not missing, f"ProperDocs did not write {sorted(missing)}"
    assert not extra, f"ProperDocs wrote files MkDocs does not: {sorted(extra)}"


@pytest.mark.build
def test_properdocs_pages_are_mkdocs_pages_but_for_the_generator(
    site: Path, properdocs_site: Path
) -> None:
    compared = [*sorted(_pages(site)), "search/search_index.json"]
    differ = [
        name
        for name in compared
        if GENERATOR.sub(b"", (site / name).read_bytes())
        != GENERATOR.sub(b"", (properdocs_site / name).read_bytes())
    ]
    assert not differ, f"these differ from the MkDocs build: {differ}"


# Zensical


@pytest.fixture(scope="session")
def zensical_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's Zensical project, written and built as a team would (`site/` in it)."""
    project = tmp_path_factory.mktemp("zensical") / "project"
    command = [sys.executable, "-m", "engines.zensical", str(project), "--data", str(EXAMPLE)]
    result = subprocess.run(
        [*command, "--build"], cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def zensical_site(zensical_project: Path) -> Path:
    return zensical_project / "site"


@pytest.mark.build
def test_zensical_builds_the_pages_mkdocs_builds(site: Path, zensical_site: Path) -> None:
    missing = _pages(site) - _pages(zensical_site)
    extra = _pages(zensical_site) - _pages(site)
    assert not missing, f"Zensical did not build {sorted(missing)}"
    assert not extra, f"Zensical built pages MkDocs does not: {sorted(extra)}"


@pytest.mark.build
def test_zensical_pages_keep_every_heading_anchor(site: Path, zensical_site: Path) -> None:
    missing = {}
    for page in sorted(_pages(site)):
        theirs = set(_Page(zensical_site / page).anchors)
        lost = [anchor for anchor in _Page(site / page).anchors if anchor not in theirs]
        if lost:
            missing[page] = lost
    assert not missing, f"headings Zensical's pages lack: {missing}"


@pytest.mark.build
def test_zensical_edit_links_open_the_files_mkdocs_links(site: Path, zensical_site: Path) -> None:
    edits = {page: _Page(site / page).edit for page in _pages(site)}
    data = f"/{EXAMPLE.relative_to(ROOT).as_posix()}/"
    assert any(url and data in url for url in edits.values())  # generated pages have some
    differ = {
        page: (url, _Page(zensical_site / page).edit)
        for page, url in sorted(edits.items())
        if _Page(zensical_site / page).edit != url
    }
    assert not differ, f"(MkDocs' edit link, Zensical's): {differ}"


@pytest.mark.build
def test_zensical_search_indexes_the_pages_mkdocs_indexes(site: Path, zensical_site: Path) -> None:
    def pages(entries: list[dict[str, str]]) -> set[str]:
        return {entry["location"].split("#")[0] for entry in entries}

    mkdocs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    zensical = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    assert pages(zensical["items"]) == pages(mkdocs["docs"])


def _content(page: Path) -> str:
    """The article's text without permalinks (¶) and tags, which the themes place differently."""
    html = page.read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    article = re.sub(r'<nav class="md-tags".*?</nav>', "", article, flags=re.DOTALL)
    parsed = _Text()
    parsed.feed(article)
    return " ".join("".join(parsed.parts).replace("¶", "").split())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("script", "style", "svg")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style", "svg")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


@pytest.mark.build
def test_zensical_runs_the_macros_of_pages_that_opt_in(site: Path, zensical_site: Path) -> None:
    opted_in = [
        page.relative_to(ROOT / "docs").with_suffix(".html").as_posix()
        for page in (ROOT / "docs").rglob("*.md")
        if re.search(r"^render_macros: true$", page.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert opted_in
    for page in opted_in:
        assert _content(zensical_site / page) == _content(site / page), page


@pytest.mark.build
def test_zensical_site_loads_nothing_from_another_host(zensical_site: Path) -> None:
    for page in zensical_site.rglob("*.html"):
        external = [url for url in read(page).resources if re.match(r"^(https?:)?//", url)]
        assert not external, (page, external)
    for stylesheet in zensical_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", stylesheet.read_text()), stylesheet


# The Zensical project, without Zensical


def test_the_zensical_settings_are_mkdocs_settings_less_what_only_mkdocs_runs() -> None:
    mkdocs = mkdocs_settings(ROOT)
    plugins = {name: options for item in mkdocs["plugins"] for name, options in _named(item)}
    extensions = [name for item in mkdocs["markdown_extensions"] for name, _ in _named(item)]
    site = load_site(EXAMPLE)
    config = settings(ROOT, site)
    assert "hooks" not in config
    assert config["plugins"] == {
        k: v for k, v in plugins.items() if k not in ("gen-files", "playbook")
    }
    assert list(config["markdown_extensions"]) == extensions
    assert config["site_name"] == site.playbook.settings.title
    assert config["nav"][0] == {"Home": "index.md"}
    assert config["theme"]["custom_dir"] == "overrides"
    assert tomllib.loads(toml(config)) == {"project": config}


def _named(item: str | dict[str, Any]) -> list[tuple[str, Any]]:
    return [(item, {})] if isinstance(item, str) else [(k, v or {}) for k, v in item.items()]


def test_toml_writes_what_a_toml_reader_reads_back() -> None:
    tricky = 'a "quote", a \\ backslash,\na newline, a\ttab, DEL \x7f, é, 🎉'
    config = {
        "name": tricky,
        "flag": False,
        "count": 3,
        "ratio": 0.5,
        "nothing": None,
        "empty": {},
        "nav": [{"Home": "index.md"}, {tricky: ["a.md", {"B": "b.md"}]}],
        "plugins": {"search": {"fields": {"title": {"boost": 1000}}}, "pymdownx.tasklist": {}},
    }
    expected = {key: value for key, value in config.items() if value is not None}
    assert tomllib.loads(toml(config)) == {"project": expected}


def test_an_edit_link_goes_into_the_front_matter() -> None:
    url = "https://example.com/edit/main/data/personas/exec.yml"
    assert with_edit_url("---\ntitle: A\n---\n\n# A\n", url) == (
        f'---\nedit_url: "{url}"\ntitle: A\n---\n\n# A\n'
    )
    assert with_edit_url("# A\n", url) == f'---\nedit_url: "{url}"\n---\n\n# A\n'


def test_the_project_replaces_only_a_project_it_wrote(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.md").write_text("mine", encoding="utf-8")
    with pytest.raises(ProjectError, match="not empty"):
        write_project(other, data=EXAMPLE)
    assert (other / "notes.md").read_text(encoding="utf-8") == "mine"

    project = tmp_path / "project"
    write_project(project, data=EXAMPLE)
    (project / "docs" / "stale.md").write_text("from an older playbook", encoding="utf-8")
    write_project(project, data=EXAMPLE)
    assert not (project / "docs" / "stale.md").exists()
    assert (project / CONFIG).is_file()
    nav = tomllib.loads((project / CONFIG).read_text(encoding="utf-8"))["project"]["nav"]
    assert all((project / "docs" / page).is_file() for page in _nav_pages(nav))
    assert not (project / "site").exists()  # written, not built


def _nav_pages(entry: object) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    values = entry.values() if isinstance(entry, dict) else entry
    assert isinstance(values, list | type({}.values()))
    return [page for value in values for page in _nav_pages(value)]


def test_the_macros_find_their_page_and_project_under_either_engine() -> None:
    mkdocs_config = MkDocsConfig(config_file_path="/repo/mkdocs.yml")
    assert project_dir(mkdocs_config) == Path("/repo")
    assert project_dir({"root_dir": "/out"}) == Path("/out")  # Zensical's settings
    mkdocs_page = SimpleNamespace(file=SimpleNamespace(src_uri="guides/index.md"))
    assert docs_path(mkdocs_page) == "guides/index.md"
    assert docs_path(SimpleNamespace(path="guides/index.md")) == "guides/index.md"
