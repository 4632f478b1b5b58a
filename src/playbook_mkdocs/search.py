"""Material's search index, as the playbook's pages reach it.

Material's search plugin parses every page's HTML for its index as MkDocs renders it. For a
generated page whose conversion came with its entries (`conversion.Conversion.search`), the
entries are made by Material's own `SearchIndex`, where the page was converted (`entries`), and
written into the index the plugin wrote, in the page's place (`with_entries`).

Under `mkdocs serve --dirty`, the plugin merges each build's entries with the last build's: it
drops the first rebuilt page's old entries and appends the new ones. The old entries of any other
page rebuilt stay, so `latest_entries` keeps each page's newest.
"""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import groupby
from operator import itemgetter
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from playbook_mkdocs.conversion import Conversion


def search_plugin(config: MkDocsConfig) -> Any | None:
    """Material's search plugin, if the build has it enabled."""
    try:
        from material.plugins.search.plugin import SearchPlugin  # type: ignore[import-untyped]
    except ImportError:
        return None
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
            return plugin
    return None


def segmented() -> bool:
    """Whether Material's search segments Chinese text (with jieba, when installed)."""
    from material.plugins.search import plugin as material_search  # type: ignore[import-untyped]

    return bool(getattr(material_search, "jieba", None))


def entries(page: Page, search: Any) -> str:
    """The page's entries in the search index, as Material's search plugin writes them."""
    from material.plugins.search.plugin import SearchIndex

    index = SearchIndex(**search.config)
    index.add_entry_from_context(page)
    return ",".join(_dumped(entry) for entry in index.entries)


def with_search(conversion: Conversion, page: Page, search: Any) -> Conversion:
    """`conversion`, with the search entries of `page` once the conversion is applied."""
    return replace(conversion, search=entries(page, search))


def with_entries(index: str, pages: list[tuple[str, str | None]]) -> str:
    """Material's search index `index` with the entries of the pages it did not index.

    `pages` is every page in the order the search plugin saw them: its URL, and its entries as
    `Conversion.search` holds them, or None for a page the plugin indexed itself. The result is
    the index the plugin would have written had it indexed every page.
    """
    data = json.loads(index)
    indexed: dict[str, list[str]] = {}
    for entry in data["docs"]:
        indexed.setdefault(_page(entry), []).append(_dumped(entry))
    parts: list[str] = []
    for url, found in pages:
        if found is None:
            parts.extend(indexed.pop(url, []))
        elif found:
            parts.append(found)
    for leftover in indexed.values():  # a page the plugin saw but no event announced
        parts.extend(leftover)
    return _index(data["config"], parts)


def latest_entries(index: str) -> str:
    """The search index `index` with only the newest entries of each page: the last run of
    entries of that page (a dirty build appends a rebuilt page's entries at the end).

    The entries kept are copied as written: the preview does this after every build, and at
    size L decoding each entry alone takes half the time of decoding the index and encoding it
    again."""
    written = _written(index)
    if written is None:  # not laid out as the search plugin writes it: read it whole
        data = json.loads(index)
        return _index(data["config"], _last_runs([(_page(e), _dumped(e)) for e in data["docs"]]))
    before, entries = written
    return before + ",".join(_last_runs(entries)) + "]}"


def _last_runs(entries: list[tuple[str, str]]) -> list[str]:
    """Of `entries` (each a page and an entry's text), the texts of each page's last run."""
    runs = [(page, [text for _, text in run]) for page, run in groupby(entries, key=itemgetter(0))]
    last = {page: position for position, (page, _) in enumerate(runs)}
    return [
        text for position, (page, run) in enumerate(runs) if last[page] == position for text in run
    ]


def _written(index: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The index's text before its entries, and each entry's page and text as written; None
    unless it is written as `_index` writes it, compactly, the entries last."""
    decode = json.JSONDecoder().raw_decode
    start, docs = '{"config":', ',"docs":['
    if not index.startswith(start + "{"):
        return None
    _, position = decode(index, len(start))
    if not index.startswith(docs, position):
        return None
    position += len(docs)
    before, entries = index[:position], []
    while index.startswith("{", position):
        entry, end = decode(index, position)
        entries.append((_page(entry), index[position:end]))
        position = end + index.startswith(",{", end)
    return (before, entries) if index[position:] == "]}" else None


def _page(entry: dict[str, Any]) -> str:
    return str(entry.get("location", "")).partition("#")[0]


def _index(config: Any, entries: list[str]) -> str:
    """The index as the search plugin writes it: `{"config": …, "docs": […]}`, compactly."""
    return f'{{"config":{_dumped(config)},"docs":[{",".join(entries)}]}}'


def _dumped(value: object) -> str:
    """`value` as Material's search plugin writes its index."""
    return json.dumps(value, separators=(",", ":"), default=str)
