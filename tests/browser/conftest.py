"""Browser journey fixtures: the built site on localhost, headless Chromium, a watched page.

Chromium comes from Debian (`apt-get install chromium`) and axe-core from npm (`npm ci` in this
folder; `python3 run.py test` runs it). Without them the journeys skip and say how to install
them, unless PLAYBOOK_BROWSER_TESTS=required (as in CI), where they fail instead.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Route,
    WebError,
    expect,
    sync_playwright,
)

from playbook.models.messaging import Snippet
from playbook.models.playbook import Playbook
from tests.conftest import EXAMPLE, ROOT, strict_build
from tests.focus import Focus

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

expect.set_options(timeout=5_000)


def unavailable(reason: str) -> NoReturn:
    """Skip for want of `reason`, or fail when the run requires the browser tests (CI does)."""
    if os.environ.get("PLAYBOOK_BROWSER_TESTS") == "required":
        pytest.fail(f"{reason} (PLAYBOOK_BROWSER_TESTS=required)", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> Path | None:
    """PLAYBOOK_CHROMIUM if set, else Debian's Chromium."""
    configured = os.environ.get("PLAYBOOK_CHROMIUM")
    if configured:
        return Path(configured)
    found = shutil.which("chromium")
    return Path(found) if found else None


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def example(content: Playbook) -> Playbook:
    """The journeys are content checks: they read the playbook in data/, whatever it holds."""
    return content


@pytest.fixture(scope="session")
def base_url(content_site: Path) -> Iterator[str]:
    """The site built from data/, served on localhost at an ephemeral port."""
    handler = functools.partial(QuietHandler, directory=str(content_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def example_offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tool's own playbook built as the pull-request preview is: to open from disk."""
    return strict_build(tmp_path_factory.mktemp("offline-site"), EXAMPLE, PLAYBOOK_OFFLINE="true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium, one for the whole run."""
    path = chromium_path()
    if path is None or not os.access(path, os.X_OK):
        unavailable(
            f"Chromium is not installed ({path or 'no `chromium` on PATH'}): install Debian's "
            "package (`bash tests/browser/install-chromium`), or set PLAYBOOK_CHROMIUM "
            "to a Chromium or Chrome binary"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's script, installed from npm into tests/browser/node_modules."""
    if not AXE.is_file():
        unavailable(
            f"axe-core is not installed ({AXE.relative_to(ROOT)} is missing): "
            "run `npm ci --prefix tests/browser` (`python3 run.py test` does when npm is there)"
        )
    return AXE


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ at the repository root: screenshots/ and print/ are written there."""
    for folder in ("screenshots", "print"):
        (ARTIFACTS / folder).mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@dataclass
class Watch:
    """What the pages of one browser context asked of the network and said on the console."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        context.on("request", self._request)
        context.on("console", self._console)
        context.on("weberror", self._web_error)

    def _request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(
                f"console error on {message.page and message.page.url}: {message.text}"
            )

    def _web_error(self, error: WebError) -> None:
        self.errors.append(f"uncaught error on {error.page and error.page.url}: {error.error}")

    @property
    def off_disk(self) -> list[str]:
        """Requests for anything but files on this disk (data: and blob: URLs stay on the page)."""
        return [url for url in self.requests if not url.startswith(("file:", "data:", "blob:"))]

    @property
    def elsewhere(self) -> list[str]:
        """Requests to any host but this machine (data: and blob: URLs stay on the page)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob")
            and urlsplit(url).hostname not in LOCAL_HOSTS
        ]


@pytest.fixture(scope="session")
def empty_search_index(content_site: Path) -> dict[str, str]:
    """The site's search index with its settings and no pages: as JSON, and as the script the
    preview opened from disk loads (Material's offline plugin)."""
    settings = json.loads((content_site / "search" / "search_index.json").read_bytes())["config"]
    empty = json.dumps({"config": settings, "docs": []})
    return {"search_index.json": empty, "search_index.js": f"var __index = {empty};"}


def spare_the_index(context: BrowserContext, empty_search_index: dict[str, str]) -> None:
    """From now on, the pages `context` opens get the search index with no pages."""
    for name, body in empty_search_index.items():
        context.route(f"**/search/{name}", _answer(body))


def _answer(body: str) -> Callable[[Route], None]:
    """A route handler that answers every request with `body`."""
    return lambda route: route.fulfill(body=body)


@pytest.fixture
def watched_context(
    browser: Browser,
    base_url: str,
    empty_search_index: dict[str, str],
    request: pytest.FixtureRequest,
) -> Iterator[tuple[BrowserContext, Watch]]:
    """A fresh browser context on the site, and what its pages requested and logged.

    Each page Material opens builds the search index anew, in the background: at size L, seconds
    of the processor's time for every page a journey visits. A journey that does not search
    gets the index with no pages; one marked `search` gets the site's."""
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": 1280, "height": 800},
        permissions=["clipboard-read", "clipboard-write"],
    )
    context.set_default_timeout(10_000)
    if request.node.get_closest_marker("search") is None:
        spare_the_index(context, empty_search_index)
    watch = Watch()
    watch.attach(context)
    yield context, watch
    context.close()


PASSED = pytest.StashKey[bool]()
"""Whether the test itself passed (its call; set by the hook below)."""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[PASSED] = report.passed
    return report


@pytest.fixture
def page(
    watched_context: tuple[BrowserContext, Watch], request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A page on the site. Every page the test visits must request nothing from another host
    and log no error to the console; the check runs when the test ends."""
    context, watch = watched_context
    yield context.new_page()
    if request.node.stash.get(PASSED, False):  # one that failed or skipped may have visited none
        assert watch.requests, "the test visited no page"
    assert not watch.elsewhere, f"requests to another host: {watch.elsewhere}"
    assert not watch.errors, "\n".join(watch.errors)


_AXE_RUN = """async ([scope, rules]) => (await axe.run(scope, rules
        ? {resultTypes: ["violations"], runOnly: {type: "rule", values: rules}}
        : {resultTypes: ["violations"]})).violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.id} (${v.impact}): ${v.help}; e.g. ${v.nodes[0].target}`)"""

LOOKS = ["color-contrast", "link-in-text-block", "scrollable-region-focusable", "target-size"]
"""axe-core's rules whose outcome changes with the colour scheme or the screen's width; the
others (names, roles, headings, ids) give the same answer in every scheme and width."""


def use_scheme(page: Page, scheme: str, path: str) -> None:
    """Open `path` in the light or dark scheme, as a reader whose system asks for it and who
    never picked one (Material remembers a pick in the browser's storage: cleared here)."""
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(path)
    expected = "slate" if scheme == "dark" else "default"
    if page.locator("body").get_attribute("data-md-color-scheme") != expected:
        page.evaluate("localStorage.clear(); sessionStorage.clear()")  # a pick remembered
        page.goto(path)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)


def axe_violations(
    page: Page, axe_script: Path, scope: str = "html", rules: list[str] | None = None
) -> list[str]:
    """axe-core's serious and critical violations on the open page (within `scope`), by all its
    rules or the `rules` named."""
    page.add_script_tag(path=axe_script)
    found: list[str] = page.evaluate(_AXE_RUN, [scope, rules])
    return found


@contextmanager
def preview_from_disk(browser: Browser, site: Path) -> Iterator[tuple[Page, Watch]]:
    """The pull request's preview as a reviewer unzips it: `site`'s index.html opened from disk
    with no server, its search box clicked; and what the page requested and logged."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    watch = Watch()
    watch.attach(context)
    try:
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        page.get_by_role("textbox", name="Search").click()
        yield page, watch
    finally:
        context.close()


def _words(text: str) -> set[str]:
    """The words search indexes `text` by, lower-cased."""
    return set(re.findall(r"\w+", text.lower()))


def has_own_word(text: str, others: Iterable[str]) -> bool:
    """Whether a word of `text` is in none of `others`, not even as the start of a longer word:
    search matches the start of words, so "Champion 1" finds "Champion 16" too."""
    theirs = {word for other in others for word in _words(other)}
    return any(not any(other.startswith(word) for other in theirs) for word in _words(text))


def distinctive_job(persona_id: str, playbook: Playbook) -> str | None:
    """A job of the persona's with a word of its own among the other personas' jobs, or None:
    a copied persona shares its original's jobs until someone rewrites them."""
    others = [
        job.want
        for pid, other in playbook.personas.items()
        if pid != persona_id
        for job in other.jtbd
    ]
    return next(
        (job.want for job in playbook.personas[persona_id].jtbd if has_own_word(job.want, others)),
        None,
    )


def searchable_personas(playbook: Playbook, focus: Focus) -> list[tuple[str, str]]:
    """The focused personas a phrase from their jobs picks out, with that phrase; if none, the
    first persona of the playbook that has one (one must)."""
    found = [(pid, phrase) for pid in focus.personas if (phrase := distinctive_job(pid, playbook))]
    if not found:
        found = [
            (pid, phrase) for pid in playbook.personas if (phrase := distinctive_job(pid, playbook))
        ][:1]
    assert found, "no persona has a job of its own: search cannot tell the personas apart"
    return found


def snippet_to_copy(playbook: Playbook, personas: Iterable[str]) -> Snippet | None:
    """A snippet of one of `personas` (in that order) a reader can copy: not retired, and one
    with line breaks (they must survive the copy) if there is one; else any persona's."""
    wanted = list(personas)
    usable = [s for s in playbook.snippets if s.status != "retired"]
    rank = {pid: position for position, pid in enumerate(wanted)}
    usable.sort(key=lambda s: (rank.get(s.persona, len(wanted)), "\n" not in s.body))
    return usable[0] if usable else None


def unless_changed(focus: Focus, path: str, what: str) -> None:
    """Skip a journey about the page at `path` (site-map path) that the change did not touch."""
    if not focus.visits(path):
        pytest.skip(f"the change touched no {what} (tests/focus.py)")
