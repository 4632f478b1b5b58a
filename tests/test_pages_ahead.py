"""Pages rendered ahead in a child process are the pages rendered here, whatever the child does."""

from __future__ import annotations

import datetime as dt
import os
import signal
from typing import Any

import pytest

from playbook.site import PagesAhead, RenderError, Site, build_site, rendered_pages
from tests.conftest import EXAMPLE, TODAY


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(EXAMPLE, dt.date.fromisoformat(TODAY), history=False)


def _collected(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_child_sends_every_page_as_rendered_here(site: Site) -> None:
    expected = dict((page.path, text) for page, text in rendered_pages(site))
    ahead = PagesAhead(site)
    pages = list(reversed(site.pages))  # out of order: earlier pages wait in memory
    assert {page.path: ahead.text(page.path) for page in pages} == expected
    assert ahead._pipe is None and _collected(ahead._pid)  # read to the end, child collected


def test_pages_the_child_did_not_send_are_rendered_here(site: Site) -> None:
    expected = dict((page.path, text) for page, text in rendered_pages(site))
    ahead = PagesAhead(site)
    os.kill(ahead._pid, signal.SIGKILL)
    assert {page.path: ahead.text(page.path) for page in site.pages} == expected
    assert _collected(ahead._pid)


def test_stopping_early_collects_the_child(site: Site) -> None:
    ahead = PagesAhead(site)
    first = site.pages[0].path
    assert ahead.text(first)
    ahead.close()
    assert _collected(ahead._pid)
    assert ahead.text(site.pages[-1].path)  # still answers, rendering here


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
    ahead = PagesAhead(site)
    assert ahead.text(site.pages[0].path)
    with pytest.raises(RenderError, match=f"could not render {broken.path} .*KeyError"):
        ahead.text(broken.path)
    ahead.close()
    assert _collected(ahead._pid)


def test_the_child_renders_in_the_order_pages_will_be_asked_for(site: Site) -> None:
    order = sorted(page.path for page in site.pages)
    assert order != [page.path for page in site.pages]
    ahead = PagesAhead(site, order)
    for path in order:
        ahead.text(path)
        assert not ahead._texts  # nothing sent before it had to wait here
    assert _collected(ahead._pid)
