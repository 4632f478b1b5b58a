"""Tables and charts that fit: at a desktop's width and a phone's, nothing in the main column is
cut off without a sign that there is more.

A table or chart wider than the column must sit in a box that scrolls sideways, shows the cue
(docs/javascripts/tables.js marks it, the stylesheet fades its edge and says "scroll
sideways"), and keeps its first column in view. The page itself never scrolls sideways. Every
persona column of the session matrix can be brought into view beside the session it belongs to.
These are content checks: they read the playbook in data/, whatever it holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from playbook.index import Index
from playbook.models.playbook import Playbook
from playbook.pages import locate, urls
from playbook.render import built_url
from tests.browser.conftest import LOOKS, axe_violations, unless_changed, use_scheme
from tests.focus import Focus

pytestmark = pytest.mark.browser

WIDTHS = (1366, 390)

# For each table or chart in the main column: is it wider than what shows of it, and if so,
# does the box that scrolls it say so and keep the first column in place?
_FITS = """() => {
  const scroller = element => {
    for (let box = element.parentElement; box; box = box.parentElement) {
      if (box.matches(".md-content")) return null;
      const overflow = getComputedStyle(box).overflowX;
      if (overflow === "auto" || overflow === "scroll") return box;
    }
    return null;
  };
  const column = document.querySelector(".md-content__inner").getBoundingClientRect();
  const found = [];
  for (const item of document.querySelectorAll(
      ".md-content__inner table, .md-content__inner svg, .md-content__inner .pb-tl-grid")) {
    if (item.closest("table, svg") !== item && item.tagName !== "TABLE") continue;
    if (item.matches(".md-content__inner svg *") || !item.checkVisibility()) continue;
    const box = scroller(item);
    const name = (item.tagName === "TABLE" && item.rows.length
      ? item.rows[0].innerText : item.getAttribute("aria-label") || item.tagName)
      .replace(/\\s+/g, " ").trim().slice(0, 60);
    const width = item.getBoundingClientRect().width;
    const shown = box ? box.clientWidth : column.width;
    if (width <= shown + 1 && (!box || box.scrollWidth <= box.clientWidth + 1)) continue;
    const first = item.tagName === "TABLE" && item.rows.length ? item.rows[0].cells[0] : null;
    let sticky = true;  // scrolled to its far end, the first column still shows whole
    if (first && box) {
      const before = box.scrollLeft;
      box.scrollLeft = box.scrollWidth;
      const cell = first.getBoundingClientRect(), frame = box.getBoundingClientRect();
      sticky = cell.left >= frame.left - 1 && cell.right <= frame.right + 1;
      box.scrollLeft = before;
    }
    found.push({
      name, width: Math.round(width), shown: Math.round(shown),
      scrolls: !!box && box.scrollWidth >= width - 1,
      // A table's box says "scroll sideways" (tables.js); the timeline draws its own arrow.
      cue: !!box && (box.hasAttribute("data-pb-scroll")
        && getComputedStyle(box, "::before").content.includes("scroll")
        || !!box.querySelector(".pb-tl-cue")?.checkVisibility()),
      sticky,
    });
  }
  return found;
}"""


def key_pages(playbook: Playbook, focus: Focus) -> list[str]:
    """One page of each kind, for whatever the playbook holds: the focused persona's and
    program's (tests/focus.py), and results from the focused program or the first that has
    them; of a change to data/ alone, the kinds of page it touched."""
    persona_id = focus.persona
    pages = [
        urls.home(),
        urls.personas(),
        urls.persona(persona_id),
        urls.persona_agenda(persona_id),
        urls.messaging_index(),
        urls.messaging(persona_id),
        urls.raci(),
        urls.tagging(),
        urls.templates(),
        urls.downloads(),
        urls.health(),
    ]
    program_id = focus.program
    if program_id is not None:
        pages += [urls.program(program_id), urls.sessions(program_id), urls.agenda(program_id)]
        if program_id in playbook.timelines:
            pages.append(urls.timeline(program_id))
        if program_id in playbook.kpis:
            pages.append(urls.kpis(program_id))
    with_results = [pid for pid in (program_id, *playbook.programs) if pid in playbook.results]
    if with_results:
        pages.append(urls.results(with_results[0]))
        pages.append(urls.persona_results(persona_id))
    return [str(built_url(page)) for page in focus.pages_of(pages)]


def shown(playbook: Playbook, focus: Focus) -> dict[str, str]:
    """The key pages whose screenshots at each width go to the test artifacts for people to look
    at, with their names: the agenda, a one-pager, RACI and the timeline."""
    names = {urls.persona(focus.persona): "one-pager", urls.raci(): "raci"}
    program_id = focus.program
    if program_id is not None:
        names |= {urls.agenda(program_id): "agenda", urls.timeline(program_id): "timeline"}
    return {str(built_url(path)): name for path, name in names.items()}


def cut_off(page: Page, path: str) -> list[str]:
    """What on the open page is wider than the screen with no way, or no cue, to see the rest."""
    problems = []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 1:
        problems.append(f"{path}: the page itself scrolls sideways by {overflow} px")
    wide: list[dict[str, Any]] = page.evaluate(_FITS)
    for item in wide:
        where = f"{path}: {item['name']!r} ({item['width']} px in {item['shown']} px)"
        if not item["scrolls"]:
            problems.append(f"{where} is cut off: no box scrolls to the rest of it")
        elif not item["cue"]:
            problems.append(f"{where} scrolls with no visible cue")
        elif not item["sticky"]:
            problems.append(f"{where} scrolls its first column out of view")
    return problems


@pytest.mark.parametrize(
    ("width", "scheme", "rules"), [(1366, "light", None), (390, "dark", LOOKS)], ids=["1366", "390"]
)
def test_the_key_pages_fit_pass_axe_and_are_photographed(
    page: Page,
    example: Playbook,
    focus: Focus,
    axe_script: Path,
    artifacts: Path,
    width: int,
    scheme: str,
    rules: list[str] | None,
) -> None:
    """Each key page at each width: no table or chart cut off without a cue, no serious
    accessibility violation. Contrast does not change with the width, so each width takes one
    colour scheme, and every page is seen in both; the phone's pass checks only what changes
    with the scheme or the width (`LOOKS`), the desktop's every rule."""
    page.set_viewport_size({"width": width, "height": 900})
    shots = shown(example, focus)
    problems = []
    for path in key_pages(example, focus):
        use_scheme(page, scheme, path)
        problems += cut_off(page, path)
        violations = axe_violations(page, axe_script, rules=rules)
        problems += [f"{path} ({scheme}, {width} px): {v}" for v in violations]
        if path in shots:
            page.screenshot(path=artifacts / "screenshots" / f"{shots[path]}-{width}.png")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_persona_column_of_the_session_matrix_can_be_seen_beside_its_session(
    page: Page, example: Playbook, focus: Focus, width: int
) -> None:
    """On the map (a long agenda's map has a matrix of tracks) and its first part."""
    page.set_viewport_size({"width": width, "height": 900})
    places = locate(example, Index(example))
    for program_id in focus.programs:
        unless_changed(focus, urls.sessions(program_id), "session map")
        parts = places.agendas.get(program_id, [])
        maps = dict.fromkeys([urls.sessions(program_id), *(part.path for part in parts[:1])])
        for path in maps:
            page.goto(str(built_url(path)))
            for matrix in page.locator(".pb-matrix").all():
                assert_every_column_shows(page, matrix, path)


def assert_every_column_shows(page: Page, matrix: Locator, path: str) -> None:
    """Each column after the first two of the `matrix` (session and time, or track and count)
    can be scrolled into view beside the first, and its short name has the full one."""
    heads = matrix.locator("thead th")
    names = heads.all_inner_texts()
    assert names[:2] in (["Session", "When"], ["Track", "Sessions"]), names
    for position in range(2, len(names)):
        head = heads.nth(position)
        head.scroll_into_view_if_needed()
        seen = head.evaluate(
            """head => {
                // Scroll right until the column's right edge shows, as a reader would.
                const box = head.closest(".pb-matrix");
                box.scrollLeft = 0;
                const hidden = head.getBoundingClientRect().right
                    - box.getBoundingClientRect().right;
                if (hidden > 0) box.scrollLeft = Math.ceil(hidden);
                const frame = box.getBoundingClientRect();
                const cell = head.getBoundingClientRect();
                const first = head.parentElement.cells[0].getBoundingClientRect();
                return cell.left >= frame.left - 1 && cell.right <= frame.right + 1
                    && cell.left >= first.right - 1 && first.left >= frame.left - 1;
            }"""
        )
        expect(head).to_be_in_viewport()
        assert seen, f"{path}: the {names[position]} column is out of sight"
        # Its full name is on the short label, for hover and focus.
        label = head.locator("abbr[title], a[title]")
        if label.count():
            assert label.first.get_attribute("title")


def test_the_phones_rules_still_find_poor_contrast(browser: Browser, axe_script: Path) -> None:
    """The phone's pass runs only `LOOKS`; contrast must be among what it finds."""
    page = browser.new_page()
    try:
        page.set_content(
            '<html lang="en"><title>Contrast</title><main>'
            '<p style="color: #777; background: #888">Grey on grey</p></main></html>'
        )
        found = axe_violations(page, axe_script, rules=LOOKS)
    finally:
        page.close()
    assert [violation.split(" ")[0] for violation in found] == ["color-contrast"]
