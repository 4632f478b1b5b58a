"""Pages handed to MkDocs converted: a warm build is the cold build, byte for byte, and a kept
conversion is used only where it is what MkDocs would make now."""

from __future__ import annotations

import filecmp
import json
import logging
import re
from pathlib import Path

import pytest
from mkdocs.structure.files import File, Files

from playbook_mkdocs.cache import ConversionCache
from playbook_mkdocs.conversion import (
    Captured,
    Conversion,
    cacheable,
    page_key,
    usable,
)
from playbook_mkdocs.search import with_entries
from tests.conftest import ROOT, Edit, mkdocs_build

_SUMMARY = re.compile(r"Generated pages: (\d+) converted, (\d+) as converted in an earlier build")


def _differences(left: Path, right: Path) -> list[str]:
    """Every file that is not byte for byte the same in both folders, or in one only."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in compared.left_only + compared.right_only)
        found.extend(prefix + name for name in compared.funny_files + compared.common_funny)
        _, mismatched, errors = filecmp.cmpfiles(
            compared.left, compared.right, compared.common_files, shallow=False
        )
        found.extend(prefix + name for name in mismatched + errors)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(found)


def _built(out: Path, data: Path, cache: str) -> tuple[int, int]:
    """Build strictly into `out`; how many generated pages were converted, and how many came
    converted from an earlier build."""
    result = mkdocs_build(ROOT, out, data, PLAYBOOK_CACHE=cache)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    if cache == "off":
        assert not _SUMMARY.search(result.stderr)
        return 0, 0
    found = _SUMMARY.search(result.stderr)
    assert found, result.stderr
    return int(found[1]), int(found[2])


@pytest.mark.build
def test_a_warm_build_after_a_persona_edit_is_the_cold_build_byte_for_byte(
    data_copy: Path, edit: Edit, tmp_path: Path
) -> None:
    cache = str(tmp_path / "cache")
    converted, kept = _built(tmp_path / "first", data_copy, cache)
    assert converted > 20 and kept == 0  # nothing kept yet: every page converted
    edit("personas/exec.yml", "  - Fragmented toolset", "  - Fragmented toolset, edited")
    converted, kept = _built(tmp_path / "warm", data_copy, cache)
    assert 0 < converted < kept  # the pages that show the pain point, and only those
    _built(tmp_path / "cold", data_copy, "off")  # MkDocs converts every page itself
    assert "Fragmented toolset, edited" in (tmp_path / "warm/personas/exec.html").read_text()
    assert _differences(tmp_path / "warm", tmp_path / "cold") == []
    # What the warm build did not use is forgotten: the cache holds this build's pages.
    assert len(list(Path(cache, "pages").glob("*.json"))) == converted + kept


def _files(*paths: str) -> Files:
    return Files([File(path, None, "/site", use_directory_urls=False) for path in paths])


def _conversion(content: str, anchor_links: dict[str, dict[str, str]] | None = None) -> Conversion:
    return Conversion(content=content, toc=[], anchors=[], anchor_links=anchor_links or {})


def test_a_conversion_is_usable_while_every_link_in_it_resolves() -> None:
    files = _files("index.md", "personas/exec.md", "programs/a/index.md", "downloads/a.csv")
    urls = frozenset(file.url for file in files)
    page = "programs/a/index.html"
    links = (
        '<p><a href="../../personas/exec.html#jobs">Exec</a> <a href="#top">top</a> '
        '<a href="../../downloads/a.csv">CSV</a> <a href="https://example.com/x">out</a> '
        '<img src="data:image/png;base64,AAA"> <a class="x" href="mailto:a@example.com">m</a></p>'
    )
    anchored = {"personas/exec.md": {"jobs": "../../personas/exec.md#jobs"}}
    assert usable(_conversion(links, anchored), page, urls, files)
    # A page linked to is gone, or a link was left as written (MkDocs warned about it), or
    # points outside the site, or is absolute: MkDocs converts the page again, and warns again.
    assert not usable(_conversion(links, anchored), page, urls - {"personas/exec.html"}, files)
    assert not usable(_conversion(links, anchored), page, urls, _files("index.md"))
    assert not usable(_conversion('<a href="../../missing.md">x</a>'), page, urls, files)
    assert not usable(_conversion('<a href="../../../elsewhere.html">x</a>'), page, urls, files)
    assert not usable(_conversion('<a href="/personas/exec.html">x</a>'), page, urls, files)


def test_keys_change_with_whatever_the_conversion_depends_on() -> None:
    key = page_key("settings", "personas/a.md", "# A\n", {"title": "A"})
    assert key == page_key("settings", "personas/a.md", "# A\n", {"title": "A"})
    assert (
        len(
            {
                key,
                page_key("other settings", "personas/a.md", "# A\n", {"title": "A"}),
                page_key("settings", "personas/b.md", "# A\n", {"title": "A"}),
                page_key("settings", "personas/a.md", "# A!\n", {"title": "A"}),
                page_key("settings", "personas/a.md", "# A\n", {"title": "B"}),
            }
        )
        == 5
    )
    assert not cacheable('--8<-- "includes/other.md"\n')  # it includes a file: not by its text


def test_kept_conversions_are_data_and_anything_else_is_nothing(tmp_path: Path) -> None:
    cache = ConversionCache(tmp_path)
    made = Conversion(
        content='<h2 id="a">A</h2>',
        toc=[{"level": 2, "id": "a", "name": "A", "children": []}],
        anchors=["a"],
        anchor_links={"b.md": {"x": "b.md#x"}},
        search='{"location":"a.html","title":"A","text":""}',
    )
    cache.put("k1", made)
    assert cache.get("k1") == made
    assert cache.get("k2") is None
    for damaged in (b"", b"not json", b'{"content": 1}', b'{"content": "x"}', b"[]"):
        (cache.folder / "k3.json").write_bytes(damaged)
        assert cache.get("k3") is None
    cache.prune({"k1"})
    assert [path.name for path in cache.folder.iterdir()] == ["k1.json"]


def test_entries_written_into_the_search_index_take_their_pages_places() -> None:
    def entry(location: str) -> dict[str, str]:
        return {"location": location, "title": location.upper(), "text": "é <b>"}

    everything = [entry("index.html"), entry("a.html"), entry("a.html#x"), entry("b.html")]
    config = {"lang": ["en"], "separator": "[\\s]+", "pipeline": ["trimmer"], "fields": {}}
    dumped = json.dumps({"config": config, "docs": everything}, separators=(",", ":"))
    indexed = json.dumps({"config": config, "docs": [everything[0], everything[3]]})
    handed = ",".join(json.dumps(e, separators=(",", ":")) for e in everything[1:3])
    pages = [("index.html", None), ("a.html", handed), ("empty.html", ""), ("b.html", None)]
    assert with_entries(indexed, pages) == dumped


def test_a_conversion_that_logs_is_seen_to_log(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs")  # as MkDocs' command line sets it
    monkeypatch.setattr(logging.getLogger("mkdocs"), "propagate", False)
    with Captured() as capture:
        logging.getLogger("mkdocs.structure.pages").debug("quiet")
    assert capture.records == []
    with Captured() as capture:
        logging.getLogger("mkdocs.structure.pages").info("a link left as it is")
        logging.getLogger("MARKDOWN").warning("odd")
    assert [record.getMessage() for record in capture.records] == ["a link left as it is", "odd"]
