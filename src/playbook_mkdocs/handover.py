"""Generated pages handed to MkDocs already converted, through its public events.

For each generated page the plugin asks, once MkDocs has read it (`markdown`, from the last
`on_page_markdown`): is there a conversion of exactly this Markdown, from the process rendering
pages ahead or kept from an earlier build, whose links all resolve in this build? If so MkDocs
converts an empty page instead, and `content` (the first `on_page_content`) puts the conversion
on the page. If not, MkDocs converts the page, and `content` keeps what it made, unless the
conversion logged anything. Material's search would then parse the page's HTML again: for a page
whose search entries came with its conversion, `before_search` and `after_search` (around the
search plugin's `on_page_context`) exclude it for that moment, with Material's documented
`search: {exclude: true}` front matter, and `finish` (in `on_post_build`, after the search plugin
writes its index and before the offline plugin copies it) writes its entries into the index, in
its place. Under `mkdocs serve --dirty` the search plugin merges each build's entries with the
last build's, so every page is left to it.

In the child process that renders pages ahead, `Converter` (made from the message `start_message`
writes) converts the pages the child takes, with MkDocs' own `Page.render`, and finds their
search entries with Material's own `SearchIndex`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from playbook_mkdocs.cache import ConversionCache
from playbook_mkdocs.conversion import (
    LOGGERS,
    Captured,
    Conversion,
    cacheable,
    captured,
    page_key,
    settings_key,
    usable,
)
from playbook_mkdocs.search import search_plugin, with_entries, with_search

_KEY = 64
"""A product from the child is a mark (`_KEPT` or `_NEW`), the page's key (hex digits) and then its
conversion (JSON)."""
_KEPT, _NEW = b"k", b"n"


class Handover:
    """One build's conversions: found, handed to MkDocs, kept."""

    def __init__(self, cache: ConversionCache | None, generated: Collection[str]) -> None:
        self.cache = cache
        self.generated = generated
        """The paths of the generated pages: only these are handed over."""
        self.settings = ""
        self.files = Files([])
        self.urls: frozenset[str] = frozenset()
        self.search: Any | None = None
        self.used: set[str] = set()
        """The keys of the conversions this build used or made."""
        self._handing: dict[str, tuple[Conversion, str]] = {}
        self._converting: dict[str, tuple[str, Captured]] = {}
        self._handed: dict[str, Conversion] = {}
        self._excluded: Page | None = None
        self._indexed: list[tuple[str, str | None]] = []
        self.kept = 0
        """How many generated pages came converted from an earlier build."""
        self.converted = 0
        """How many were converted in this build (by MkDocs, or in the child as MkDocs would)."""

    def start(self, files: Files, config: MkDocsConfig, *, dirty: bool) -> None:
        """Learn the build's files and settings (once MkDocs has them, in `on_nav`)."""
        self.settings = settings_key(config)
        self.files = files
        self.urls = _urls(files)
        self.search = None if dirty else search_plugin(config)

    def start_message(self) -> bytes:
        """What the child needs to convert pages as MkDocs would in this build."""
        files = [
            [file.src_uri, file.dest_uri, file.url, file.inclusion.name] for file in self.files
        ]
        cache = None if self.cache is None else str(self.cache.folder.parent)
        return json.dumps(
            {"settings": self.settings, "files": files, "cache": cache, "search": bool(self.search)}
        ).encode()

    def markdown(self, page: Page, markdown: str, product: bytes | None) -> str:
        """The Markdown MkDocs converts: none, if the page's conversion is at hand.

        `product` is what the child made of the page, or None if this process finishes it."""
        path = page.file.src_uri
        if path not in self.generated or not self.settings or "title" not in page.meta:
            return markdown
        key = page_key(self.settings, path, markdown, page.meta)
        conversion, kept = None, False
        if product is not None:
            if product[1 : 1 + _KEY].decode(errors="replace") == key:
                conversion = Conversion.from_json(product[1 + _KEY :])
                kept = product[:1] == _KEPT
        elif self.cache is not None and cacheable(markdown):
            conversion = kept_conversion = self.cache.get(key)
            if kept_conversion is not None and not usable(
                kept_conversion, page.file.url, self.urls, self.files
            ):
                conversion = None
            kept = conversion is not None
        if conversion is None:
            self._converting[path] = (key, Captured().__enter__())
            return markdown
        self.kept += kept
        self.converted += not kept
        self.used.add(key)
        self._handing[path] = (conversion, markdown)
        return ""

    def content(self, page: Page, html: str, files: Files) -> str:
        """The page's HTML: its conversion's, or MkDocs' own (kept for the next build)."""
        path = page.file.src_uri
        handing = self._handing.pop(path, None)
        if handing is not None:
            conversion, markdown = handing
            conversion.apply(page, files)
            page.markdown = markdown  # as MkDocs and every plugin saw it
            self._handed[path] = conversion
            return conversion.content
        converting = self._converting.pop(path, None)
        if converting is not None:
            key, capture = converting
            capture.__exit__()
            self.converted += 1
            made = captured(page)
            if made is not None and not capture.records:
                # Indexed now, while the process rendering ahead converts other pages, rather
                # than by the search plugin once every page is converted.
                if self.search is not None:
                    made = with_search(made, page, self.search)
                self._handed[path] = made
                if self.cache is not None and cacheable(page.markdown or ""):
                    self.cache.put(key, made)
                    self.used.add(key)
        return html

    def before_search(self, page: Page) -> None:
        """Keep the search plugin from indexing a page whose entries came with it."""
        conversion = self._handed.pop(page.file.src_uri, None)
        entries = None
        if (
            conversion is not None
            and conversion.search is not None
            and self.search is not None
            and page.content == conversion.content
            and "search" not in page.meta
        ):
            entries = conversion.search
            page.meta["search"] = {"exclude": True}
            self._excluded = page
        self._indexed.append((page.url, entries))

    def after_search(self, page: Page) -> None:
        if self._excluded is page:
            del page.meta["search"]
            self._excluded = None

    def finish(self, config: MkDocsConfig, *, prune: bool) -> None:
        """Write the excluded pages' entries into the search index; with `prune`, forget the
        conversions this build did not use."""
        if any(entries is not None for _, entries in self._indexed):
            index = Path(config.site_dir, "search", "search_index.json")
            text = index.read_text(encoding="utf-8")
            index.write_text(with_entries(text, self._indexed), encoding="utf-8")
        self._indexed.clear()
        if prune and self.cache is not None:
            self.cache.prune(self.used)

    def summary(self) -> str:
        """How the generated pages were converted, for the build's log."""
        where = "" if self.cache is None else f" (kept in {self.cache.folder.parent})"
        return (
            f"Generated pages: {self.converted} converted, {self.kept} as converted in an "
            f"earlier build{where}"
        )

    def stop(self) -> None:
        """Detach whatever is still listening to the log (a build that failed midway)."""
        for _, capture in self._converting.values():
            capture.__exit__()
        self._converting.clear()


def _urls(files: Files) -> frozenset[str]:
    excluded = InclusionLevel.DRAFT.value  # and below: `InclusionLevel.is_excluded`
    return frozenset(file.url for file in files if file.inclusion.value > excluded)


class Converter:
    """Converts pages in the child process as MkDocs would in the parent's build."""

    def __init__(self, message: bytes, config: MkDocsConfig) -> None:
        data = json.loads(message)
        self.config = config
        # The child's config is the parent's when it forked; a plugin that changed what
        # conversion depends on since then leaves every page to the parent.
        self.settings = data["settings"] if data["settings"] == settings_key(config) else ""
        self.files = Files([_file(entry, config) for entry in data["files"]])
        self.urls = _urls(self.files)
        self.cache = ConversionCache(Path(data["cache"])) if data["cache"] else None
        self.search = search_plugin(config) if data["search"] else None
        for name in LOGGERS:  # the parent logs: a page that logs here is converted there
            logger = logging.getLogger(name)
            logger.handlers = [logging.NullHandler()]

    def __call__(self, path: str, text: str) -> bytes:
        try:
            return self._convert(path, text)
        except Exception:  # the parent converts it, and reports whatever is wrong
            return b""

    def _convert(self, path: str, text: str) -> bytes:
        file = self.files.get_file_from_path(path)
        if not self.settings or file is None:
            return b""
        markdown, meta = get_data(text)
        if "title" not in meta:
            return b""
        key = page_key(self.settings, path, markdown, meta)
        page = Page(None, file, self.config)
        page.markdown, page.meta = markdown, meta
        keep = self.cache is not None and cacheable(markdown)
        conversion = self.cache.get(key) if self.cache is not None and keep else None
        if conversion is not None and usable(conversion, file.url, self.urls, self.files):
            conversion.apply(page, self.files)
            mark, fresh = _KEPT, False
        else:
            with Captured() as capture:
                page.render(self.config, self.files)
            made = captured(page)
            if capture.records or made is None:
                return b""
            conversion, mark, fresh = made, _NEW, True
        if conversion.search is None and self.search is not None:
            conversion, fresh = with_search(conversion, page, self.search), True
        if fresh and keep and self.cache is not None:
            self.cache.put(key, conversion)
        return mark + key.encode() + conversion.to_json()


def _file(entry: list[Any], config: MkDocsConfig) -> File:
    src_uri, dest_uri, url, inclusion = entry
    file = File(
        src_uri,
        src_dir=None,
        dest_dir=config.site_dir,
        use_directory_urls=config.use_directory_urls,
        dest_uri=dest_uri,
        inclusion=InclusionLevel[inclusion],
    )
    file.url = url
    return file
