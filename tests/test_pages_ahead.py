"""Pages rendered ahead in a child process are the pages rendered here, whatever the child does."""

from __future__ import annotations

import datetime as dt
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from playbook.ahead import PagesAhead
from playbook.site import RenderError, Site, build_site, rendered_pages
from tests.conftest import EXAMPLE, TODAY, child_processes


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(EXAMPLE, dt.date.fromisoformat(TODAY), history=False)


@pytest.fixture(scope="module")
def expected(site: Site) -> dict[str, str]:
    return {page.path: text for page, text in rendered_pages(site)}


def _started(site: Site, order: list[str] | None = None) -> tuple[PagesAhead, set[int]]:
    """A PagesAhead, and the id of the one child process it started."""
    before = child_processes()
    ahead = PagesAhead(site, order or ())
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


def test_the_child_sends_every_page_as_rendered_here(site: Site, expected: dict[str, str]) -> None:
    ahead, child = _started(site)
    pages = list(reversed(site.pages))  # out of order: earlier pages wait in memory
    assert {page.path: ahead.text(page.path) for page in pages} == expected
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
    assert not child & child_processes()
