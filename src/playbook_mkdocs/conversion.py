"""What MkDocs makes of a generated page's Markdown, made once and handed back to MkDocs.

Converting the generated Markdown to HTML is most of a build, and Material's search then parses
every page's HTML again. A `Conversion` holds what both leave on a page: the HTML, the table of
contents, the anchors it holds and the anchors it links to, and the page's search entries as
Material writes them into its index. It is made either here, by MkDocs' own `Page.render` (in the
process rendering pages ahead, `playbook.ahead`), or taken from a build that converted the page
with MkDocs itself; the plugin hands it to MkDocs through its public events (the page's
`content`, `toc`, `present_anchor_ids` and `links_to_anchors`).

A conversion is a function of the page's path and Markdown and of the `settings` (`settings_key`):
the Markdown extensions and their configuration, what the Markdown includes on every page, the
versions of everything that converts it. It also depends on which files exist, through the links
MkDocs rewrites: `usable` checks every link in it against this build's files, and one that
does not resolve makes it unusable, so MkDocs converts the page and warns as it would have.
A page whose conversion logged anything is never kept: it is converted again, and logs again.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import posixpath
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

FORMAT = 1
"""Bumped when what a Conversion holds, or how it is made, changes."""
CONVERTERS = ("mkdocs", "properdocs", "markdown", "pymdown-extensions", "mkdocs-material")
"""The packages whose versions a conversion depends on."""
SNIPPET = "--8<--"
"""pymdownx.snippets' marker: a page that includes a file depends on more than its text."""

_LINK = re.compile(r'\s(?:href|src)="([^"]*)"')


@dataclass(frozen=True)
class Conversion:
    """What MkDocs' conversion of a page's Markdown leaves on the page."""

    content: str
    """The page's HTML (`page.content` as `page.render` makes it)."""
    toc: list[dict[str, Any]]
    """The table of contents, as Python-Markdown's toc tokens (`get_toc` makes `page.toc`)."""
    anchors: list[str]
    """The ids on the page (`page.present_anchor_ids`), which other pages may link to."""
    anchor_links: dict[str, dict[str, str]]
    """Links to anchors, by the page linked to (`page.links_to_anchors`, by `src_uri`)."""
    search: str | None = None
    """The page's entries in Material's search index, written as the index writes them and
    joined by commas; None when not known (the page is then indexed by the search plugin)."""

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "content": self.content,
                "toc": self.toc,
                "anchors": self.anchors,
                "anchor_links": self.anchor_links,
                "search": self.search,
            },
            separators=(",", ":"),
        ).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Conversion | None:
        """The conversion written by `to_json`, or None for anything else."""
        try:
            fields = json.loads(data)
            conversion = cls(
                content=fields["content"],
                toc=fields["toc"],
                anchors=fields["anchors"],
                anchor_links=fields["anchor_links"],
                search=fields["search"],
            )
        except (ValueError, KeyError, TypeError):
            return None
        return conversion if conversion.well_formed() else None

    def well_formed(self) -> bool:
        return (
            isinstance(self.content, str)
            and isinstance(self.toc, list)
            and isinstance(self.anchors, list)
            and all(isinstance(anchor, str) for anchor in self.anchors)
            and isinstance(self.anchor_links, dict)
            and all(
                isinstance(links, dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in links.items())
                for links in self.anchor_links.values()
            )
            and (self.search is None or isinstance(self.search, str))
        )

    def apply(self, page: Page, files: Files) -> None:
        """Leave this conversion on `page`, as `page.render` would have."""
        page.content = self.content
        page.toc = get_toc(self.toc)  # type: ignore[arg-type]
        page.present_anchor_ids = set(self.anchors)
        if page.links_to_anchors is not None:  # MkDocs keeps them unless logging debug output
            page.links_to_anchors = {
                _file(files, path): dict(links) for path, links in self.anchor_links.items()
            }


def _file(files: Files, path: str) -> File:
    found = files.get_file_from_path(path)
    if found is None:  # `usable` checked every link first
        raise LookupError(f"{path} is not among the build's files")
    return found


def captured(page: Page) -> Conversion | None:
    """What `page.render` left on `page`, or None if it kept no links to anchors (MkDocs logs
    debug output and did not collect them)."""
    if page.content is None or page.links_to_anchors is None:
        return None
    return Conversion(
        content=page.content,
        toc=list(toc_tokens(page.toc)),
        anchors=sorted(page.present_anchor_ids or ()),
        anchor_links={
            target.src_uri: dict(links) for target, links in page.links_to_anchors.items()
        },
    )


def toc_tokens(toc: TableOfContents | Iterable[AnchorLink]) -> Iterator[dict[str, Any]]:
    """`toc` as the tokens `get_toc` makes it from."""
    for link in toc:
        yield {
            "level": link.level,
            "id": link.id,
            "name": link.title,
            "children": list(toc_tokens(link.children)),
        }


def usable(conversion: Conversion, page_url: str, urls: frozenset[str], files: Files) -> bool:
    """Whether every link in the conversion resolves in this build as when it was made.

    MkDocs rewrites a link to a page's Markdown as a link to its HTML, and leaves a link it cannot
    resolve as it is, with a warning. Every relative link in `conversion` must lead to one of
    `urls` (the build's files), and every page it links to an anchor of must be among `files`.
    """
    if any(files.get_file_from_path(path) is None for path in conversion.anchor_links):
        return False
    folder = posixpath.dirname(page_url)
    for match in _LINK.finditer(conversion.content):
        scheme, netloc, path, _, _ = urlsplit(match.group(1))
        if scheme or netloc or not path:
            continue
        if path.startswith("/") or posixpath.normpath(posixpath.join(folder, path)) not in urls:
            return False
    return True


def cacheable(markdown: str) -> bool:
    """Whether a page's conversion depends only on its Markdown and the settings."""
    return SNIPPET not in markdown


def page_key(settings: str, path: str, markdown: str, meta: Mapping[str, Any]) -> str:
    """The key of the conversion of the page at `path` with this Markdown and front matter."""
    digest = hashlib.sha256(settings.encode())
    for part in (path, json.dumps(meta, sort_keys=True, default=str), markdown):
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def settings_key(config: MkDocsConfig) -> str:
    """What a page's conversion depends on besides its path and Markdown, as a digest."""
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    settings = {
        "format": FORMAT,
        "python": sys.version,
        "versions": {name: _version(name) for name in CONVERTERS},
        "extensions": config.markdown_extensions,
        "configs": config.mdx_configs,
        "use_directory_urls": config.use_directory_urls,
        "validation": _plain(config.validation),
        "appended": _appended(snippets),
        "search": _search_settings(config),
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=_named).encode()).hexdigest()


def _version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _plain(value: Any) -> Any:
    """A config's value as JSON can write it (MkDocs' sub-configs are mappings)."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _named(value: object) -> str:
    """A value JSON cannot write, by the same name in every run (never its address)."""
    kind = value if callable(value) else type(value)
    return f"{getattr(kind, '__module__', '')}.{getattr(kind, '__qualname__', kind)}"


def _appended(snippets: Mapping[str, Any]) -> dict[str, str | None]:
    """The files pymdownx.snippets appends to every page, by path, with a digest of each."""
    bases = snippets.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else list(bases)
    found: dict[str, str | None] = {}
    for name in snippets.get("auto_append", []):
        for base in bases:
            path = Path(base, name)
            if path.is_file():
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
                break
        else:
            found[name] = None
    return found


def _search_settings(config: MkDocsConfig) -> dict[str, Any] | None:
    """Whether Material's search indexes pages, and with what (None: it does not)."""
    from playbook_mkdocs.search import search_plugin, segmented

    return None if search_plugin(config) is None else {"segmented": segmented()}


class Captured(logging.Handler):
    """Every record logged while it is attached: a conversion that logs is not kept."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # A record passed up from one logger listened to to another is seen once.
        if record.levelno >= logging.INFO and not any(seen is record for seen in self.records):
            self.records.append(record)

    def __enter__(self) -> Captured:
        self.records.clear()
        for name in LOGGERS:
            logging.getLogger(name).addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        for name in LOGGERS:
            logging.getLogger(name).removeHandler(self)


LOGGERS = ("", "mkdocs")
"""Where MkDocs and Python-Markdown log: MkDocs' command line keeps its records from the root."""
