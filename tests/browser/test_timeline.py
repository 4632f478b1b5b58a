"""An event lead reads the program timeline on a laptop (1366 px) and a phone (390 px), in both
colour schemes: every phase and milestone name is written at the page's body size, no text sits
on other text, every week is on screen or a scroll away in a box that says so, and the event
week is marked. Holds for whatever playbook data/ holds."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from playbook.charts import axis_label
from playbook.models.playbook import Playbook
from playbook.models.program import Timeline
from playbook.pages import urls
from tests.browser.conftest import axe_violations, unless_changed
from tests.browser.test_journeys import screenshot
from tests.conftest import SITE_TODAY
from tests.focus import Focus

pytestmark = pytest.mark.browser

MEASURE = """() => {
    const box = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                       width: r.width, height: r.height});
    const lines = element => {
        const range = document.createRange();
        range.selectNodeContents(element);
        return [...range.getClientRects()].filter(r => r.width > 0).map(box);
    };
    const chart = document.querySelector(".pb-timeline");
    const scroll = chart.querySelector(".pb-tl-scroll");
    const body = document.querySelector(".md-content .md-typeset > p");
    const texts = [...chart.querySelectorAll(".pb-tl-grid > *")].filter(e => e.textContent);
    const label = e => ({
        text: e.textContent,
        fontSize: parseFloat(getComputedStyle(e).fontSize),
        lines: lines(e),
        clipped: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,
    });
    const weeks = [...chart.querySelectorAll(".pb-tl-axis:not(.pb-tl-day)")];
    return {
        bodyFontSize: parseFloat(getComputedStyle(body).fontSize),
        bodyLine: lines(body)[0],
        phases: [...chart.querySelectorAll(".pb-tl-phase")].map(label),
        milestones: [...chart.querySelectorAll(".pb-tl-milestone-label")].map(label),
        texts: texts.flatMap(e => lines(e).map(line => ({text: e.textContent, ...line}))),
        marks: [...chart.querySelectorAll(".pb-tl-milestone")].map(e =>
            box(e.getBoundingClientRect())),
        weeks: weeks.map(e => ({text: e.textContent, ...box(e.getBoundingClientRect())})),
        box: box(scroll.getBoundingClientRect()),
        labelColumn: box(chart.querySelector(".pb-tl-label").getBoundingClientRect()),
        column: box(document.querySelector(".md-content__inner").getBoundingClientRect()),
        overflows: scroll.scrollWidth > scroll.clientWidth + 1,
        pageOverflows: document.documentElement.scrollWidth > window.innerWidth,
    };
}"""

CUE = """box => {
    box.scrollIntoView({block: "start"});
    const cue = box.querySelector(".pb-tl-cue");
    const r = cue.getBoundingClientRect();
    const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, window.innerHeight);
    const hit = document.elementFromPoint(r.left + r.width / 2, (top + bottom) / 2);
    if (hit === box.querySelector(".pb-tl-cover")) return "covered";
    const atEdge = Math.abs(r.right - box.getBoundingClientRect().right) <= 2;
    return hit === cue && atEdge && bottom - top > 40 && r.width >= 8 ? "shown" : "elsewhere";
}"""
"""Whether the scroll cue shows at the box's right edge, or its cover hides it."""

SEEN = """element => {
    const middle = r => r.top + r.height / 2;
    window.scrollBy(0, middle(element.getBoundingClientRect()) - window.innerHeight / 2);
    const r = element.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), middle(r));
    return element.contains(hit);
}"""
"""Whether the element shows once the page (not the chart's box) is scrolled to it."""


UNDER_HEADER = """box => {
    const header = document.querySelector(".md-header");
    const middle = header.getBoundingClientRect().bottom / 2;
    window.scrollBy(0, box.getBoundingClientRect().top - middle + 20);
    const r = box.getBoundingClientRect();
    const points = [r.left + 2, r.left + r.width / 2, r.right - 2, r.right - 12];
    return points.every(x => header.contains(document.elementFromPoint(x, middle)));
}"""
"""Whether the page's header stays on top where the chart's box runs under it."""


def show_from_above(page: Page, chart: Locator) -> None:
    """Scroll down to the chart, with the line above it in view (scrolling up would bring
    Material's "Back to top" button over it)."""
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate(
        "y => window.scrollTo(0, y)",
        chart.evaluate("e => e.getBoundingClientRect().top + window.scrollY") - 150,
    )
    page.wait_for_timeout(250)  # the header's and button's transitions


def chart_weeks(timeline: Timeline) -> range:
    """The weeks the chart must show: all the timeline's, and the event week."""
    weeks = [0, *(m.week for m in timeline.milestones)]
    weeks += [w for p in timeline.phases for w in (p.start_week, p.end_week)]
    return range(min(weeks), max(weeks) + 1)


def overlapping(texts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of lines of text whose boxes overlap by more than a pixel each way."""
    found = []
    for a, b in itertools.combinations(texts, 2):
        across = min(a["right"], b["right"]) - max(a["left"], b["left"])
        down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
        if across > 1 and down > 1:
            found.append((a["text"], b["text"]))
    return found


def inside(week: dict[str, Any], measured: dict[str, Any]) -> bool:
    """The week's header is on screen: in the box, right of the label column."""
    box, labels = measured["box"], measured["labelColumn"]
    return week["left"] >= labels["right"] - 1 and week["right"] <= box["right"] + 1


@pytest.mark.parametrize("width", [1366, 390])
def test_an_event_lead_reads_every_label_of_the_timeline(
    page: Page, example: Playbook, focus: Focus, artifacts: Path, axe_script: Path, width: int
) -> None:
    planned = [pid for pid in (*focus.programs, *example.programs) if pid in example.timelines]
    if not planned:
        pytest.skip("no program in data/ has a timeline")
    program_id = planned[0]
    unless_changed(focus, urls.timeline(program_id), "timeline")
    program = example.programs[program_id]
    timeline = example.timelines[program_id]
    weeks = chart_weeks(timeline)
    milestones = sorted(timeline.milestones, key=lambda milestone: milestone.week)
    page.set_viewport_size({"width": width, "height": 900})
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        page.goto(f"programs/{program_id}/timeline.html")
        page.evaluate("localStorage.clear(); sessionStorage.clear()")
        page.reload()
        expected = "slate" if scheme == "dark" else "default"
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
        chart = page.locator(".pb-timeline")
        show_from_above(page, chart)
        screenshot(page, artifacts, f"timeline-{width}-{scheme}")

        m = page.evaluate(MEASURE)
        where = f"at {width} px, {scheme}"
        assert not m["pageOverflows"], f"the page scrolls sideways {where}"
        assert m["box"]["right"] <= m["column"]["right"] + 1, f"the chart leaves the page {where}"

        # Every name in full, at least at the body text's size, and not cut off.
        assert [label["text"] for label in m["phases"]] == [p.name for p in timeline.phases]
        assert [label["text"] for label in m["milestones"]] == [one.name for one in milestones]
        for label in m["phases"] + m["milestones"]:
            assert label["fontSize"] >= m["bodyFontSize"], (label["text"], where)
            assert label["lines"][0]["height"] >= m["bodyLine"]["height"] - 0.5, label["text"]
            assert not label["clipped"], f"{label['text']!r} is cut off {where}"
        assert not overlapping(m["texts"]), f"text on text {where}: {overlapping(m['texts'])[:5]}"
        marks = [(mark["top"], mark["left"]) for mark in m["marks"]]
        assert len(set(marks)) == len(marks), f"two milestones drawn in one place {where}"
        assert [mark["top"] for mark in m["marks"]] == sorted(mark["top"] for mark in m["marks"])

        labels = chart.locator(".pb-tl-phase, .pb-tl-milestone-label").all()
        for label in labels:
            assert label.evaluate(SEEN), f"{label.text_content()!r} is hidden {where}"

        # Every week, T−12 to T+4 in the example: on screen, or a scroll away with a cue.
        assert [week["text"] for week in m["weeks"]] == [axis_label(w) for w in weeks]
        first, last = m["weeks"][0], m["weeks"][-1]
        assert inside(first, m), f"the first week is not on screen {where}"
        if width >= 1366 and len(weeks) <= 17:
            assert not m["overflows"], f"a T−12 to T+4 chart does not fit {where}"
        box = page.locator(".pb-tl-scroll")
        if m["overflows"]:
            assert box.evaluate(CUE) == "shown", f"the chart is cut off without a cue {where}"
            assert box.get_attribute("tabindex") == "0", "the keyboard cannot scroll the chart"
            box.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
            show_from_above(page, chart)
            screenshot(page, artifacts, f"timeline-{width}-{scheme}-scrolled")
            m = page.evaluate(MEASURE)
            last = m["weeks"][-1]
            for label in labels:  # the label column stays in view
                assert label.evaluate(SEEN), f"{label.text_content()!r} scrolls away {where}"
        else:
            assert box.evaluate(CUE) == "covered", f"a scroll cue, nothing to scroll {where}"
        assert inside(last, m), f"the last week cannot be reached {where}"
        assert box.evaluate(CUE) == "covered", f"the cue shows at the end of the chart {where}"

        # Nothing of the chart draws over the page's header when it scrolls under it.
        assert box.evaluate(UNDER_HEADER), f"the chart draws over the page's header {where}"

        # The event week is marked, and today's line stands in today's week.
        event = chart.locator(".pb-tl-event-head", has_text="T").bounding_box()
        shaded = chart.locator(".pb-tl-event").bounding_box()
        assert event and shaded and abs(event["x"] - shaded["x"]) < 2, where
        today = (dt.date.fromisoformat(SITE_TODAY) - program.event.start_date).days / 7
        expect(chart.locator(".pb-tl-today")).to_have_count(
            1 if weeks.start <= today < weeks.stop else 0
        )

        violations = axe_violations(page, axe_script, ".pb-timeline")
        assert not violations, f"{where}: " + "\n".join(violations)
