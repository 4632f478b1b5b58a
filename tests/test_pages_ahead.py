"""Pages rendered ahead in a child process are the pages rendered here, whatever the child does;
the downloads it makes are the ones made here; and the pages it shares with this process are
each finished once."""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from playbook.ahead import PagesAhead
from playbook.site import RenderError, Site, build_site, download_content, rendered_pages
from tests.conftest import EXAMPLE, TODAY, child_processes


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(EXAMPLE, dt.date.fromisoformat(TODAY), history=False)


@pytest.fixture(scope="module")
def expected(site: Site) -> dict[str, str]:
    return {page.path: text for page, text in rendered_pages(site)}


@pytest.fixture(scope="module")
def downloads(site: Site) -> dict[str, bytes]:
    return {download.path: download_content(download) for download in site.downloads.files}


def _started(
    site: Site, order: list[str] | None = None, **options: Any
) -> tuple[PagesAhead, set[int]]:
    """A PagesAhead, and the id of the one child process it started."""
    before = child_processes()
    ahead = PagesAhead(site, order or (), **options)
    child = child_processes() - before
    assert len(child) == 1
    return ahead, child


def _in_the_child(monkeypatch: pytest.MonkeyPatch, act: Any) -> None:
    """Have the child call `act(page)` before it renders each page (the parent renders as is)."""
    parent, render = os.getpid(), Site.render

    def rendering(self: Site, page: Any) -> str:
        if os.getpid() != parent:
            act(page)
        return render(self, page)

    monkeypatch.setattr(Site, "render", rendering)


def test_the_child_sends_every_page_and_download_as_made_here(
    site: Site, expected: dict[str, str], downloads: dict[str, bytes]
) -> None:
    ahead, child = _started(site)
    pages = list(reversed(site.pages))  # out of order: earlier pages wait in memory
    assert {page.path: ahead.text(page.path) for page in pages} == expected
    assert {path: ahead.download(path) for path in reversed(downloads)} == downloads
    assert not child & child_processes()  # read to the end: the child is done and collected


def test_a_child_killed_halfway_changes_nothing(
    site: Site, expected: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    halfway = site.pages[len(site.pages) // 2]

    def die(page: Any) -> None:
        if page is halfway:
            os.kill(os.getpid(), signal.SIGKILL)

    _in_the_child(monkeypatch, die)
    ahead, child = _started(site)
    assert {page.path: ahead.text(page.path) for page in site.pages} == expected
    assert not child & child_processes()


def test_stopping_early_collects_the_child(site: Site, expected: dict[str, str]) -> None:
    ahead, child = _started(site)
    first, last = site.pages[0].path, site.pages[-1].path
    assert ahead.text(first) == expected[first]
    ahead.close()
    assert not child & child_processes()
    assert ahead.text(last) == expected[last]  # still answers, rendering here


def test_a_page_that_fails_raises_here_naming_it(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = site.pages[3]
    render = Site.render

    def failing(self: Site, page: Any) -> str:
        if page is broken:
            raise KeyError("nobody")
        return render(self, page)

    monkeypatch.setattr(Site, "render", failing)
    ahead, child = _started(site)
    assert ahead.text(site.pages[0].path)
    with pytest.raises(RenderError, match=f"could not render {broken.path} .*KeyError"):
        ahead.text(broken.path)
    ahead.close()
    assert not child & child_processes()


def test_the_child_renders_in_the_order_pages_will_be_asked_for(
    site: Site, expected: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    order = sorted(page.path for page in site.pages)
    assert order != [page.path for page in site.pages]
    log = tmp_path / "rendered"

    def record(page: Any) -> None:
        with log.open("a", encoding="utf-8") as out:
            out.write(page.path + "\n")

    _in_the_child(monkeypatch, record)
    ahead, child = _started(site, order)
    assert [ahead.text(path) for path in order] == [expected[path] for path in order]
    assert log.read_text(encoding="utf-8").split() == order
    assert all(ahead.download(download.path) for download in site.downloads.files)
    assert not child & child_processes()


def test_a_download_the_child_cannot_make_raises_here_naming_it(
    site: Site, downloads: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = site.downloads.files[1]
    parent, content = os.getpid(), type(broken).content

    def failing(self: Any) -> bytes:
        if self.path == broken.path and os.getpid() != parent:
            raise ValueError("no quarter")
        return bytes(content.fget(self))  # type: ignore[attr-defined]

    monkeypatch.setattr(type(broken), "content", property(failing))
    ahead, child = _started(site)
    first = site.downloads.files[0].path
    assert ahead.download(first) == downloads[first]
    assert ahead.download(broken.path) == downloads[broken.path]  # made again here: it works
    ahead.close()
    assert not child & child_processes()


def _stamped(message: bytes) -> Any:
    """The child's work in these tests: the message, the page's path and its text's length."""

    def work(path: str, text: str) -> bytes:
        return message + f" {path} {len(text)}".encode()

    return work


def test_the_child_finishes_the_pages_this_process_has_not_claimed(
    site: Site, expected: dict[str, str]
) -> None:
    order = [page.path for page in site.pages]
    ahead, child = _started(site, order, prepare=_stamped)
    mine = order[:5]
    assert all(ahead.claim(path) for path in mine)  # before the child starts: all this one's
    ahead.start(b"made")
    ahead.start(b"again")  # once only: the first message counts
    rest = order[5:]
    products = {path: ahead.product(path) for path in reversed(rest)}  # the child takes them
    assert products == {path: f"made {path} {len(expected[path])}".encode() for path in rest}
    assert not any(ahead.claim(path) for path in rest)  # and this process does not
    assert [ahead.text(path) for path in order] == [expected[path] for path in order]
    assert all(ahead.download(download.path) for download in site.downloads.files)
    ahead.close()
    assert not child & child_processes()


def test_shared_pages_are_each_finished_by_one_process_or_at_most_both(
    site: Site, expected: dict[str, str]
) -> None:
    order = [page.path for page in site.pages]
    ahead, _ = _started(site, order, prepare=_stamped)
    ahead.start(b"made")
    finished_here, products = set(), {}
    for path in order:  # as MkDocs reads the pages, with a little work on each
        ahead.text(path)
        if ahead.claim(path):
            finished_here.add(path)
            time.sleep(0.002)
        else:
            products[path] = ahead.product(path)
    assert finished_here | set(products) == set(order)
    assert not finished_here & set(products)
    assert products == {path: f"made {path} {len(expected[path])}".encode() for path in products}
    ahead.close()


def test_pages_a_killed_child_took_are_left_to_this_process(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    order = [page.path for page in site.pages]
    halfway = order[len(order) // 2]

    def dying(message: bytes) -> Any:
        def work(path: str, text: str) -> bytes:
            if path == halfway:
                os.kill(os.getpid(), signal.SIGKILL)
            return b"made"

        return work

    ahead, child = _started(site, order, prepare=dying)
    ahead.start(b"go")
    middle = order.index(halfway)
    made = {path: ahead.product(path) for path in reversed(order[middle:])}
    assert made == {path: b"made" for path in order[middle + 1 :]} | {halfway: b""}
    assert not ahead.claim(halfway)  # taken and never made: what the plugin makes itself
    assert all(ahead.claim(path) for path in order[:middle])  # never taken: this process's
    assert [ahead.text(path) for path in order]  # and every text is still there
    ahead.close()
    assert not child & child_processes()
