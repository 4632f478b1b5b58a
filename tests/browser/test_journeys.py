"""The site as a person uses it: journeys in headless Chromium against the built example site.

Each journey is a reader's errand, checked against the example data. The `page` fixture also
checks that every page a journey visits requests nothing from another host and logs no error.
Run them alone with `python3 run.py test -m browser`; screenshots and printed PDFs are written
to test-artifacts/.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import re
import threading
import unicodedata
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from pypdf import PdfReader

from playbook.charts import axis_label
from playbook.dates import phase_span, week_start
from playbook.index import Index
from playbook.models.playbook import Playbook
from playbook.pages import locate, urls
from playbook.render import built_url
from tests import hostile
from tests.browser.conftest import (
    QuietHandler,
    Watch,
    axe_violations,
    distinctive_job,
    preview_from_disk,
    searchable_personas,
    snippet_to_copy,
    spare_the_index,
    unless_changed,
    use_scheme,
)
from tests.conftest import EXAMPLE, SITE_TODAY, valid_playbook
from tests.focus import Focus
from tests.hostile import HostileSite

pytestmark = pytest.mark.browser

TODAY_DATE = dt.date.fromisoformat(SITE_TODAY)
"""The day the site the journeys visit is as of (`PLAYBOOK_TODAY`)."""


def search_for(page: Page, phrase: str, *, paste: bool = False) -> Locator:
    """Type `phrase` into the focused search box; the results, once they answer all of it.

    With `paste`, all but the last letter arrive at once (as when pasted) and the last is typed,
    so the search runs once instead of once per letter.
    """
    if paste:
        page.keyboard.insert_text(phrase[:-1])
        page.keyboard.type(phrase[-1])
    else:
        page.keyboard.type(phrase)
    # Results come back for every keystroke. Each link carries the query terms it matched
    # (`?h=`), so a link with the whole last word belongs to the results for the whole phrase.
    last_word = re.split(r"[\s\-]+", phrase.lower().strip())[-1]
    page.wait_for_function(
        """word => [...document.querySelectorAll(".md-search-result__link")].some(link =>
            (new URL(link.href).searchParams.get("h") || "").split(" ").includes(word))""",
        arg=last_word,
    )
    return page.locator(".md-search-result__item")


def screenshot(page: Page, artifacts: Path, name: str) -> None:
    page.screenshot(path=artifacts / "screenshots" / f"{name}.png")


def content(page: Page) -> Locator:
    return page.locator(".md-content")


def heading_text(text: str) -> re.Pattern[str]:
    """A heading's text: `text`, then the ¶ of its permalink."""
    return re.compile(rf"^{re.escape(text)}¶?$")


def tab_to(page: Page, target: Locator, limit: int = 80) -> None:
    """Press Tab until `target` has the keyboard focus, and check that the focus shows."""
    expect(target).to_have_count(1)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail(f"{limit} presses of Tab never reached {target}")
    assert_focus_is_visible(target)


def assert_focus_is_visible(element: Locator) -> None:
    outline = element.evaluate(
        """element => {
            const style = getComputedStyle(element);
            return element.matches(":focus-visible") && style.outlineStyle !== "none"
                && parseFloat(style.outlineWidth) > 0;
        }"""
    )
    assert outline, f"{element} has the focus but shows no focus outline"


@pytest.mark.search
def test_a_sales_rep_finds_each_persona_by_a_phrase_from_its_job(
    page: Page,
    example: Playbook,
    focus: Focus,
    empty_search_index: dict[str, str],
    artifacts: Path,
) -> None:
    page.goto("index.html")
    screenshot(page, artifacts, "home")
    page.get_by_role("textbox", name="Search").click()
    searched = searchable_personas(example, focus)
    for persona_id, phrase in searched:
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        # Pasted, so one search per phrase; the keyboard journey types every letter.
        results = search_for(page, phrase, paste=True)
        top = results.first.locator(".md-search-result__link").first
        expect(top).to_have_attribute("href", re.compile(rf"/personas/{persona_id}\.html\?"))

    persona_id, phrase = searched[-1]
    persona = example.personas[persona_id]
    spare_the_index(page.context, empty_search_index)  # searched: the one-pager needs none
    top.click()  # the last persona's one-pager
    page.wait_for_url(re.compile(rf"/personas/{persona_id}\.html"))
    expect(content(page).locator("h1")).to_have_text(heading_text(persona.name))
    job = page.get_by_role("heading", name=re.compile(re.escape(phrase)))
    expect(job).to_be_visible()
    screenshot(page, artifacts, "one-pager")


def test_a_marketer_narrows_the_snippets_to_one_persona_and_channel_and_copies_one(
    page: Page, example: Playbook, focus: Focus, artifacts: Path
) -> None:
    snippet = snippet_to_copy(example, focus.personas)
    if snippet is None:
        pytest.skip("data/ has no snippet to copy")
    persona = example.personas[snippet.persona]
    channel = example.channels[snippet.channel]
    same_cell = [
        s.id for s in example.snippets if (s.persona, s.channel) == (persona.id, channel.id)
    ]

    page.goto("messaging/index.html")
    screenshot(page, artifacts, "snippet-library")
    headers = content(page).get_by_role("columnheader").all_inner_texts()
    row = (
        content(page)
        .get_by_role("row")
        .filter(has=page.get_by_role("link", name=persona.name, exact=True))
    )
    cell = row.get_by_role("cell").nth(headers.index(channel.name))
    expect(cell).to_have_text(str(len(same_cell)))
    cell.get_by_role("link").click()

    page.wait_for_url(re.compile(rf"/messaging/{persona.id}\.html#channel-{channel.id}$"))
    section = page.locator(f"h2#channel-{channel.id}")
    expect(section).to_be_in_viewport()
    expect(section).to_have_text(heading_text(channel.name))
    listed = section.evaluate(
        """heading => {
            const ids = [];
            for (let e = heading.nextElementSibling; e && e.tagName !== "H2";
                 e = e.nextElementSibling) {
                if (e.tagName === "H3") ids.push(e.id.replace(/^snippet-/, ""));
            }
            return ids;
        }"""
    )
    assert listed == same_cell

    body = page.locator(
        f"xpath=//h3[@id='snippet-{snippet.id}']"
        f"/following-sibling::pre[{2 if snippet.subject is not None else 1}]"
    )
    page.evaluate("navigator.clipboard.writeText('nothing copied yet')")
    body.hover()
    body.get_by_role("button", name="Copy to clipboard").click()
    expect(page.get_by_text("Copied to clipboard")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == snippet.body
    screenshot(page, artifacts, f"snippets-{persona.id}")


def test_a_marketer_reads_an_ab_tests_verdict_beside_its_variant(
    page: Page, example: Playbook, axe_script: Path, artifacts: Path
) -> None:
    index = Index(example)
    tested = [s for s in example.snippets if s.variant and index.test_outcome(s.variant.test)]
    if not tested:
        pytest.skip("no A/B test in data/ has results yet")
    snippet = tested[0]
    assert snippet.variant is not None
    outcome = index.test_outcome(snippet.variant.test)
    assert outcome is not None
    places = locate(example, index)
    page_path = places.snippet(snippet.id).removesuffix(".md") + ".html"

    page.goto(f"{page_path}#snippet-{snippet.id}")
    heading = page.locator(f"h3#snippet-{snippet.id}")
    expect(heading).to_be_in_viewport()
    badge = heading.locator("xpath=following-sibling::p[1]").locator(".pb-test")
    expect(badge).to_have_text(f"A/B test: {outcome.name}, variant {snippet.variant.label}")
    table = heading.locator("xpath=following::table[1]")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(outcome.variants))
    expect(rows.filter(has_text="(this one)")).to_have_text(
        re.compile(rf"^\s*{re.escape(snippet.variant.label)} \(this one\)")
    )
    verdict = heading.locator("xpath=following::div[contains(@class, 'admonition')][1]")
    winner = outcome.winner
    expect(verdict).to_contain_text(f"Variant {winner.label} wins" if winner else "No winner yet")
    screenshot(page, artifacts, f"ab-test-{snippet.variant.test}")

    other = next(v for v in outcome.variants if v.snippet.id != snippet.id)
    rows.get_by_role("link", name=other.label, exact=True).click()
    page.wait_for_url(re.compile(rf"#snippet-{other.snippet.id}$"))
    expect(page.locator(f"h3#snippet-{other.snippet.id}")).to_be_in_viewport()

    for scheme in ("light", "dark"):
        use_scheme(page, scheme, page_path)
        violations = axe_violations(page, axe_script)
        assert not violations, f"{page_path} ({scheme}): {violations}"


def test_an_event_lead_sees_the_timeline_dated_from_the_event(
    page: Page, example: Playbook, focus: Focus, artifacts: Path
) -> None:
    program_id = example.featured_program  # the home page links to its timeline
    if program_id is None or program_id not in example.timelines:
        pytest.skip("the featured program has no timeline")
    unless_changed(focus, urls.timeline(program_id), "timeline")
    program = example.programs[program_id]
    event, timeline = program.event, example.timelines[program_id]

    page.goto("index.html")
    content(page).get_by_role("link", name="Timeline", exact=True).first.click()
    page.wait_for_url(re.compile(rf"/programs/{program_id}/timeline\.html$"))

    chart = page.locator(".pb-timeline")
    expect(chart).to_be_visible()
    chart.scroll_into_view_if_needed()
    screenshot(page, artifacts, "timeline")
    bars = chart.locator(".pb-tl-bar")
    expect(bars).to_have_count(len(timeline.phases))
    # The header writes each week (`−12`, `T`, `+4`) over the day it starts; a week's column
    # is where its header is.
    weeks = {
        text: (box, day.text_content() or "")
        for week, day in zip(
            chart.locator(".pb-tl-axis:not(.pb-tl-day)").all(),
            chart.locator(".pb-tl-day").all(),
            strict=True,
        )
        if (box := week.bounding_box()) and (text := week.text_content() or "")
    }

    def column(week: int) -> tuple[float, float, str]:
        """The left and right edges of the week's column, and the day it starts."""
        box, day = weeks[axis_label(week)]
        return box["x"], box["x"] + box["width"], day

    for bar, phase in zip(bars.all(), timeline.phases, strict=True):
        start, end = phase_span(event, phase)
        box = bar.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0, phase.id
        first_left, _, first_day = column(phase.start_week)
        _, last_right, last_day = column(phase.end_week)
        assert first_left <= box["x"] < first_left + 8, phase.id
        assert last_right - 8 < box["x"] + box["width"] <= last_right, phase.id
        assert first_day == str(start.day), phase.id
        assert last_day == str(week_start(event, phase.end_week).day), phase.id
        row = (
            content(page)
            .get_by_role("row")
            .filter(has=page.locator(f'a[href="#phase-{phase.id}"]'))
        )
        expect(row).to_contain_text(f"{start.day} {start:%b} – {end.day} {end:%b} {end.year}")

    marks = chart.locator(".pb-tl-milestone").all()
    in_order = sorted(timeline.milestones, key=lambda milestone: milestone.week)
    for mark, milestone in zip(marks, in_order, strict=True):
        box = mark.bounding_box()
        left, right, day = column(milestone.week)
        assert box and left <= box["x"] + box["width"] / 2 <= right, milestone.id
        assert day == str(week_start(event, milestone.week).day), milestone.id

    event_week = chart.locator(".pb-tl-event").bounding_box()
    left, right, day = column(0)
    assert event_week and abs(event_week["x"] - left) < 2
    assert abs(event_week["x"] + event_week["width"] - right) < 2
    assert day == str(event.start_date.day)


def test_a_session_owner_follows_a_session_to_each_personas_call_to_action(
    page: Page, example: Playbook, focus: Focus, artifacts: Path
) -> None:
    program_id = example.featured_program  # the home page links to its sessions
    assert program_id is not None
    sessions_page = urls.sessions(program_id)
    unless_changed(focus, sessions_page, "session map")
    places = locate(example, Index(example))
    # A long agenda comes in parts: the map links each track to the part where it starts, and
    # the session followed is one that part shows. The focused personas' sessions come first.
    reachable = [
        s
        for s in example.sessions[program_id]
        if places.session(program_id, s.id) in (sessions_page, places.track(program_id, s.track))
    ]
    session = max(
        reachable,
        key=lambda s: (len(s.cta) > 1, bool(set(s.cta) & set(focus.personas)), len(s.cta)),
    )
    served = [(pid, "Primary") for pid in session.personas.primary] + [
        (pid, "Secondary") for pid in session.personas.secondary
    ]
    assert len(served) > 1

    page.goto("index.html")
    content(page).get_by_role("link", name="Sessions by persona", exact=True).first.click()
    page.wait_for_url(re.compile(rf"/programs/{program_id}/sessions\.html$"))
    screenshot(page, artifacts, "session-map")
    shown_on = places.session(program_id, session.id)
    if shown_on != sessions_page:
        track = next(t for t in example.programs[program_id].tracks if t.id == session.track)
        page.locator(".pb-matrix").get_by_role("link", name=track.name, exact=True).click()
        page.wait_for_url(re.compile(re.escape(str(built_url(shown_on))) + "#"))
    page.locator(".pb-matrix").get_by_role("link", name=session.title, exact=True).click()
    page.wait_for_url(re.compile(re.escape(str(built_url(shown_on))) + rf"#session-{session.id}$"))

    expect(page.locator(f"h3#session-{session.id}")).to_be_in_viewport()
    calls = page.locator(f"xpath=//h3[@id='session-{session.id}']/following::table[1]")
    for persona_id, role in served:
        persona = example.personas[persona_id]
        link = page.get_by_role("link", name=persona.name, exact=True)
        row = calls.get_by_role("row").filter(has=link)
        expect(row.get_by_role("cell").nth(1)).to_have_text(role)
        expect(row.get_by_role("cell").nth(3)).to_have_text(session.cta[persona_id])
        with page.context.expect_page() as opened:  # each persona in a tab of its own
            row.locator(link).click(modifiers=["Control"])
        one_pager = opened.value
        one_pager.wait_for_url(re.compile(rf"/personas/{persona_id}\.html$"))
        back = one_pager.get_by_role("link", name=session.title, exact=True)
        row_there = content(one_pager).get_by_role("row").filter(has=back)
        expect(row_there.get_by_role("cell").last).to_have_text(session.cta[persona_id])
        one_pager.close()


def test_an_executive_prints_each_one_pager_on_one_page(
    page: Page, example: Playbook, focus: Focus, artifacts: Path
) -> None:
    for persona_id in focus.personas:
        persona = example.personas[persona_id]
        page.goto(f"personas/{persona_id}.html")
        pdf = page.pdf(format="A4", print_background=True)
        (artifacts / "print" / f"{persona_id}.pdf").write_bytes(pdf)
        pages = PdfReader(io.BytesIO(pdf)).pages
        assert len(pages) == 1, f"{persona_id} prints on {len(pages)} pages"
        # NFKC: Chromium sets "ffi" and "fl" as ligatures, which PDF text keeps as one character.
        text = _plain(pages[0].extract_text())
        assert _plain(persona.name) in text
        for job in persona.jtbd:
            assert _plain(job.want) in text, (persona_id, job.want)


def _plain(text: str) -> str:
    """Text as a reader sees it: ligatures spelled out, white space single."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.search
def test_keyboard_only_search_navigation_and_copy(
    page: Page,
    example: Playbook,
    focus: Focus,
    empty_search_index: dict[str, str],
    artifacts: Path,
) -> None:
    findable = dict(searchable_personas(example, focus))
    snippet = snippet_to_copy(example, findable)
    if snippet is None or snippet.persona not in findable:  # not the focused ones: any
        findable = {p: job for p in example.personas if (job := distinctive_job(p, example))}
        snippet = snippet_to_copy(example, findable)
    if snippet is None or snippet.persona not in findable:
        pytest.skip("no persona that search picks out has a snippet to copy")
    persona = example.personas[snippet.persona]
    channel = example.channels[snippet.channel]
    keyboard = page.keyboard

    page.goto("index.html")
    keyboard.press("/")
    expect(page.get_by_role("textbox", name="Search")).to_be_focused()
    search_for(page, findable[persona.id])
    keyboard.press("ArrowDown")
    top = page.locator(".md-search-result__link").first
    expect(top).to_be_focused()
    expect(top).to_have_attribute("href", re.compile(rf"/personas/{persona.id}\.html\?"))
    spare_the_index(page.context, empty_search_index)  # searched: the pages after need none
    keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/personas/{persona.id}\.html"))

    messaging = page.locator(".md-sidebar--primary").get_by_role(
        "link", name="Messaging", exact=True
    )
    tab_to(page, messaging)
    keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/messaging/index\.html$"))

    keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    keyboard.press("Enter")  # past the header and the navigation, to the table
    count = content(page).locator(f'a[href="{persona.id}.html#channel-{channel.id}"]')
    tab_to(page, count)
    keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/messaging/{persona.id}\.html#channel-{channel.id}$"))

    body = page.locator(
        f"xpath=//h3[@id='snippet-{snippet.id}']"
        f"/following-sibling::pre[{2 if snippet.subject is not None else 1}]"
    )
    copy = body.get_by_role("button", name="Copy to clipboard")
    page.evaluate("navigator.clipboard.writeText('nothing copied yet')")
    tab_to(page, copy)
    keyboard.press("Enter")
    expect(page.get_by_text("Copied to clipboard")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == snippet.body


_INDEXED = """async () =>
    (await (await fetch("search/search_index.json")).json()).docs.length"""


def test_a_journey_that_does_not_search_spares_the_browser_the_index(page: Page) -> None:
    page.goto("index.html")
    assert page.evaluate(_INDEXED) == 0


@pytest.mark.search
def test_a_journey_that_searches_gets_the_whole_index(page: Page) -> None:
    page.goto("index.html")
    assert page.evaluate(_INDEXED) > 0


def test_the_watch_sees_requests_to_other_hosts_and_console_errors(
    watched_context: tuple[BrowserContext, Watch],
) -> None:
    context, watch = watched_context
    page = context.new_page()
    page.route("http://elsewhere.invalid/**", lambda route: route.abort())
    page.set_content(
        '<img src="http://elsewhere.invalid/pixel.png">'
        '<script>console.error("broken"); setTimeout(() => { throw new Error("uncaught"); })'
        "</script>"
    )
    page.wait_for_timeout(100)
    assert watch.elsewhere == ["http://elsewhere.invalid/pixel.png"]
    assert any("broken" in error for error in watch.errors)
    assert any("uncaught" in error for error in watch.errors)


def test_a_site_built_from_hostile_data_runs_none_of_it(
    browser: Browser, hostile_site: HostileSite
) -> None:
    """Data written to break out (tests/hostile.py) shows as text: no dialog opens when pages
    load, are hovered, focused or tabbed through, and nothing is asked of another host."""
    handler = functools.partial(QuietHandler, directory=str(hostile_site.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(base_url=f"http://127.0.0.1:{server.server_address[1]}/")
    watch = Watch()
    watch.attach(context)
    dialogs: list[str] = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page = context.new_page()
        for path in (
            "index.html",
            "personas/exec.html",
            "personas/champion.html",
            "messaging/exec.html",
            "messaging/index.html",
            "programs/connect-2027/sessions.html",
            "reference/tagging.html",
        ):
            page.goto(path)
            page.hover("header")
            for _ in range(8):
                page.keyboard.press("Tab")
            # Whatever an injected attribute would listen for, on every element of the page.
            page.evaluate(
                """() => { for (const element of document.querySelectorAll("*"))
                    for (const type of ["mouseover", "mouseenter", "focus", "focusin", "load",
                                        "error", "input", "change", "toggle", "pointerover"])
                        element.dispatchEvent(new Event(type)); }"""
            )
            page.wait_for_timeout(100)
        page.goto("personas/exec.html")
        expect(page.locator("h1")).to_contain_text(hostile.EXEC_NAME)
        expect(page).to_have_title(f"{hostile.EXEC_NAME} - {hostile.TITLE}")
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert dialogs == []
    assert watch.requests and not watch.elsewhere, watch.elsewhere


def test_a_reviewer_opens_the_downloaded_preview_from_disk_and_searches_it(
    browser: Browser, example_offline_site: Path
) -> None:
    """The pull request's preview, as a reviewer unzips it: opened from index.html with no
    server, its search finds a persona's one-pager by a phrase of one of its jobs."""
    persona_id, persona = next(iter(valid_playbook(EXAMPLE).personas.items()))
    with preview_from_disk(browser, example_offline_site) as (page, watch):
        results = search_for(page, persona.jtbd[0].want, paste=True)
        top = results.first.locator(".md-search-result__link").first
        expect(top).to_have_attribute("href", re.compile(rf"personas/{persona_id}\.html"))
        top.click()
        expect(page).to_have_url(re.compile(rf"personas/{persona_id}\.html"))
    assert not watch.off_disk, watch.off_disk


def _agenda_choice(example: Playbook) -> tuple[str, str, int, set[str]]:
    """A program, a persona and a day with sessions for it: the pair with the most sessions
    that still leaves some of the day's sessions out (so the filter has something to hide)."""
    choices = []
    for program_id, sessions in example.sessions.items():
        for persona_id in example.personas:
            for day in sorted({s.day for s in sessions if s.day is not None}):
                on_day = [s for s in sessions if s.day == day]
                wanted = {
                    s.id
                    for s in on_day
                    if persona_id in (*s.personas.primary, *s.personas.secondary)
                }
                if wanted and len(wanted) < len(on_day):
                    choices.append((len(wanted), program_id, persona_id, day, wanted))
    assert choices, "no persona has sessions on a day of any program"
    _, program_id, persona_id, day, wanted = max(choices, key=lambda choice: choice[0])
    return program_id, persona_id, day, wanted


def _shown_sessions(page: Page) -> set[str]:
    links = page.locator(".pb-agenda-session:visible h4 a")
    return {
        href.rpartition("#session-")[2]
        for href in links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    }


def test_an_event_lead_filters_the_agenda_to_one_persona_and_one_day(
    page: Page, example: Playbook, axe_script: Path, artifacts: Path
) -> None:
    program_id, persona_id, day, wanted = _agenda_choice(example)
    sessions = example.sessions[program_id]
    persona = example.personas[persona_id]

    page.goto(f"programs/{program_id}/index.html")
    content(page).get_by_role("link", name="the agenda by day").click()
    page.wait_for_url(re.compile(rf"/programs/{program_id}/agenda\.html$"))
    status = page.get_by_role("status")
    expect(status).to_have_text(f"{len(sessions)} sessions.")
    assert _shown_sessions(page) == {s.id for s in sessions}

    page.get_by_label("Persona", exact=True).select_option(label=persona.name)
    page.get_by_label("Day", exact=True).select_option(str(day))
    expect(status).to_have_text(f"Showing {len(wanted)} of {len(sessions)} sessions.")
    assert _shown_sessions(page) == wanted
    page.wait_for_url(re.compile(rf"\?persona={persona_id}&day={day}$"))
    screenshot(page, artifacts, "agenda-filtered")
    # The key pages' journey checks the agenda as it opens; filtered, it must still pass.
    violations = axe_violations(page, axe_script)
    assert not violations, "\n".join(violations)

    primary = {s.id for s in sessions if s.day == day and persona_id in s.personas.primary}
    page.get_by_label("Persona's role").select_option("primary")
    expect(status).to_have_text(f"Showing {len(primary)} of {len(sessions)} sessions.")
    assert _shown_sessions(page) == primary
    page.get_by_label("Persona's role").select_option("")

    shared = page.url
    page.reload()  # the address carries the filter: reloading (or sharing) it restores it
    expect(page.get_by_label("Persona", exact=True)).to_have_value(persona_id)
    expect(page.get_by_label("Day", exact=True)).to_have_value(str(day))
    expect(status).to_have_text(f"Showing {len(wanted)} of {len(sessions)} sessions.")
    assert _shown_sessions(page) == wanted
    assert page.url == shared

    page.get_by_role("button", name="Show all").click()
    expect(status).to_have_text(f"{len(sessions)} sessions.")
    page.wait_for_url(re.compile(r"/agenda\.html$"))


def test_the_agenda_shows_every_session_without_javascript(
    browser: Browser, base_url: str, example: Playbook
) -> None:
    program_id, persona_id, day, _ = _agenda_choice(example)
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"programs/{program_id}/agenda.html?persona={persona_id}&day={day}")
        assert _shown_sessions(page) == {s.id for s in example.sessions[program_id]}
        expect(page.locator("#pb-agenda-filters")).to_be_hidden()
    finally:
        context.close()


SESSIONS_PER_PAGE = 20
"""A printed agenda holds at least this many sessions a page (the example's fit 27)."""


def test_a_sales_rep_prints_a_personas_agenda_compactly(
    page: Page, example: Playbook, focus: Focus, artifacts: Path
) -> None:
    """On two pages at most, or a page for every twenty sessions of a longer agenda."""
    index = Index(example)
    for persona_id in focus.personas:
        persona = example.personas[persona_id]
        programs = index.current_programs_for(persona_id, TODAY_DATE)
        listed = [s for p in programs for s in example.sessions.get(p, ()) if persona_id in s.cta]
        page.goto(f"personas/{persona_id}.html")
        content(page).get_by_role("link", name=re.compile("sessions day by day")).click()
        page.wait_for_url(re.compile(rf"/personas/{persona_id}/agenda\.html$"))
        pdf = page.pdf(format="A4", print_background=True)
        (artifacts / "print" / f"{persona_id}-agenda.pdf").write_bytes(pdf)
        pages = PdfReader(io.BytesIO(pdf)).pages
        most = max(2, math.ceil(len(listed) / SESSIONS_PER_PAGE))
        assert 1 <= len(pages) <= most, (
            f"{persona_id}'s agenda of {len(listed)} sessions prints on {len(pages)} pages"
        )
        text = _plain(" ".join(p.extract_text() for p in pages))
        assert _plain(persona.name) in text
        # Its agenda is about the programs still to come (and the featured one).
        for session in listed:
            assert _plain(session.cta[persona_id]) in text, (persona_id, session.id)
