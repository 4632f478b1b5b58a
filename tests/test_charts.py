"""The timeline chart: a grid with a row per phase and per milestone, every name in full.

The chart for the tool's own playbook, and for a timeline whose milestones crowd into one week,
are golden files in golden/charts; run `pytest --update-goldens` to rewrite them after a
deliberate change, then read the diff (and look at the page: see tests/browser).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from playbook.charts import axis_label, gantt
from playbook.dates import week_start
from playbook.models.playbook import Playbook
from playbook.models.program import Event, Milestone, Phase, Timeline
from playbook.site import build_site, rendered_pages
from tests.test_render import EXTENSIONS, HOSTILE

GOLDEN = Path(__file__).parent / "golden" / "charts"
TODAY = dt.date(2026, 11, 23)
"""A Monday in the tool's playbook's week T-12 (Tue 17 Nov 2026 to Mon 23 Nov)."""


@dataclass(frozen=True)
class Cell:
    """A grid item of the chart: its classes, its grid area and its text."""

    classes: frozenset[str]
    row: int
    column: int
    row_end: int
    column_end: int
    margin_left: str
    text: str


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[Cell] = []
        self.attributes: dict[str, dict[str, str]] = {}
        self._open: dict[str, str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("pb-timeline", "pb-tl-scroll", "pb-tl-grid", "pb-tl-cue", "pb-tl-cover"):
            if name in (found.get("class") or "").split():
                self.attributes[name] = {key: value or "" for key, value in found.items()}
        if "grid-area" in (found.get("style") or ""):
            self._open, self._text = found, []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is None:
            return
        style = self._open["style"] or ""
        area = re.search(r"grid-area:(\d+)/(\d+)/(\d+)/(\d+)", style)
        assert area, style
        margin = re.search(r"margin-left:([\d.]+%)", style)
        row, column, row_end, column_end = (int(number) for number in area.groups())
        self.cells.append(
            Cell(
                frozenset((self._open["class"] or "").split()),
                row,
                column,
                row_end,
                column_end,
                margin.group(1) if margin else "",
                "".join(self._text),
            )
        )
        self._open = None


def parsed(chart: str) -> _Cells:
    cells = _Cells()
    cells.feed(chart)
    return cells


def cells(chart: str, kind: str) -> list[Cell]:
    """The chart's grid items of one class, in the order they are written."""
    return [cell for cell in parsed(chart).cells if kind in cell.classes]


def event(start: dt.date = dt.date(2027, 2, 9)) -> Event:
    return Event.model_validate(
        {
            "name": "Event",
            "start_date": start,
            "end_date": start + dt.timedelta(days=1),
            "time_zone": "Europe/Berlin",
            "format": "in-person",
        }
    )


def phase(phase_id: str, start: int, end: int, name: str | None = None) -> Phase:
    return Phase(id=phase_id, name=name or phase_id, start_week=start, end_week=end, owner="r")


def milestone(milestone_id: str, week: int, name: str | None = None) -> Milestone:
    return Milestone(id=milestone_id, name=name or milestone_id, week=week, owner="r")


CROWDED = Timeline(
    phases=[phase("plan", -6, -3, "Plan"), phase("run", -2, 0, "Run")],
    milestones=[
        milestone("brief", -4, "Brief the agency"),
        milestone("deadline", -8, "Early-bird deadline, before every phase"),
        milestone("launch", -4, "Launch the campaign"),
        milestone("tags", -4, "Persona tags live"),
        milestone("recap", 2, "Recap, after every phase"),
        milestone("vip", -4, "Lock VIP schedules"),
    ],
)
"""Four milestones in week T-4 (written out of order), and two outside every phase."""


def check_golden(name: str, chart: str, request: pytest.FixtureRequest) -> None:
    expected = GOLDEN / f"{name}.html"
    if request.config.getoption("--update-goldens"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(chart + "\n", encoding="utf-8")
    assert expected.is_file(), f"no {expected.name}; run pytest --update-goldens"
    assert chart + "\n" == expected.read_text(encoding="utf-8")


def test_the_tool_playbooks_chart_is_its_golden_file(
    example: Playbook, request: pytest.FixtureRequest
) -> None:
    program_id, program = next(iter(example.programs.items()))
    chart = gantt(program.event, example.timelines[program_id], TODAY)
    check_golden("timeline", str(chart), request)


def test_a_crowded_weeks_chart_is_its_golden_file(request: pytest.FixtureRequest) -> None:
    check_golden("crowded-week", str(gantt(event(), CROWDED, dt.date(2027, 1, 14))), request)


def test_each_milestone_has_a_row_and_its_full_name_even_when_four_share_a_week() -> None:
    chart = gantt(event(), CROWDED, TODAY)
    labels = cells(chart, "pb-tl-milestone-label")
    marks = cells(chart, "pb-tl-milestone")
    in_order = sorted(CROWDED.milestones, key=lambda one: one.week)
    assert [label.text for label in labels] == [one.name for one in in_order]
    assert [label.row for label in labels] == [mark.row for mark in marks]
    assert len({label.row for label in labels}) == len(labels), "two milestones share a row"
    first = min(one.week for one in CROWDED.milestones)
    for mark, one in zip(marks, in_order, strict=True):
        assert mark.column == one.week - first + 2, one.id
        assert mark.column_end == mark.column + 1
    rows = {label.row for label in labels} | {cell.row for cell in cells(chart, "pb-tl-phase")}
    assert len(rows) == len(CROWDED.phases) + len(CROWDED.milestones)


def test_every_phase_has_a_row_and_a_bar_from_its_first_week_to_its_last(
    example: Playbook,
) -> None:
    program_id, program = next(iter(example.programs.items()))
    timeline = example.timelines[program_id]
    chart = gantt(program.event, timeline, TODAY)
    weeks = {cell.text: cell.column for cell in cells(chart, "pb-tl-axis") if cell.row == 2}
    labels, bars = cells(chart, "pb-tl-phase"), cells(chart, "pb-tl-bar")
    assert [label.text for label in labels] == [one.name for one in timeline.phases]
    for label, bar, one in zip(labels, bars, timeline.phases, strict=True):
        assert label.column == 1 and bar.row == label.row, one.id
        assert bar.column == weeks[axis_label(one.start_week)], one.id
        assert bar.column_end == weeks[axis_label(one.end_week)] + 1, one.id


def test_the_weeks_run_from_the_earliest_to_the_latest_and_always_show_the_event_week() -> None:
    after = Timeline(phases=[phase("follow-up", 1, 4)], milestones=[milestone("m", 9)])
    chart = gantt(event(), after, TODAY)
    axis = [cell.text for cell in cells(chart, "pb-tl-axis") if cell.row == 2]
    assert axis == ["T", "+1", "+2", "+3", "+4", "+5", "+6", "+7", "+8", "+9"]
    assert parsed(chart).attributes["pb-tl-grid"]["style"] == "--pb-tl-weeks:10"
    (shaded,) = cells(chart, "pb-tl-event")
    assert shaded.column == 2


def test_each_week_says_the_date_it_starts_and_the_months_cover_their_weeks() -> None:
    start = dt.date(2027, 2, 9)
    chart = gantt(event(start), CROWDED, TODAY)
    days = cells(chart, "pb-tl-day")
    first = min(one.week for one in CROWDED.milestones)
    for offset, day in enumerate(days):
        assert day.text == str(week_start(event(start), first + offset).day)
    months = cells(chart, "pb-tl-month")
    assert [month.text for month in months] == ["Dec", "Jan", "Feb"]
    assert months[0].column == 2 and months[-1].column_end == len(days) + 2
    assert all(a.column_end == b.column for a, b in itertools.pairwise(months))
    (years,) = [cell for cell in cells(chart, "pb-tl-head") if cell.row == 1]
    assert years.text == "2026–2027"


@pytest.mark.parametrize(
    ("today", "column", "offset"),
    [
        (dt.date(2027, 1, 12), 6, "0.0%"),  # the first day of T-4, the sixth week shown
        (dt.date(2027, 1, 15), 6, "42.9%"),  # three days into it
        (dt.date(2027, 3, 1), 12, "85.7%"),  # the last day of T+2, the last week shown
    ],
)
def test_the_line_at_today_stands_in_its_week_at_its_day(
    today: dt.date, column: int, offset: str
) -> None:
    chart = gantt(event(), CROWDED, today)
    (line,) = cells(chart, "pb-tl-today")
    assert (line.column, line.margin_left) == (column, offset)
    assert "today</span>" in chart


@pytest.mark.parametrize("today", [dt.date(2026, 12, 14), dt.date(2027, 3, 2)])
def test_no_line_and_no_key_for_today_outside_the_charts_weeks(today: dt.date) -> None:
    chart = gantt(event(), CROWDED, today)
    assert not cells(chart, "pb-tl-today")
    assert "today</span>" not in chart


def test_a_timeline_with_no_phase_and_no_milestone_is_the_event_week_alone() -> None:
    chart = gantt(event(), Timeline(phases=[]), TODAY)
    assert [cell.text for cell in cells(chart, "pb-tl-axis") if cell.row == 2] == ["T"]
    assert not cells(chart, "pb-tl-group")


def test_a_timeline_file_with_no_phase_validates_and_its_page_renders(data_copy: Path) -> None:
    (data_copy / "programs" / "connect-2027" / "timeline.yml").write_text("phases: []\n")
    site = build_site(data_copy, TODAY, history=False)
    (page,) = [text for page, text in rendered_pages(site) if page.path.endswith("timeline.md")]
    assert 'class="pb-tl-axis pb-tl-event-head"' in page


def test_long_names_are_written_in_full() -> None:
    name = "A phase whose name runs on " * 6
    chart = gantt(event(), Timeline(phases=[phase("long", -3, -1, name.strip())]), TODAY)
    assert [cell.text for cell in cells(chart, "pb-tl-phase")] == [name.strip()]


def test_the_chart_is_hidden_from_screen_readers_in_a_focusable_box_named_after_the_tables() -> (
    None
):
    found = parsed(gantt(event(), CROWDED, TODAY)).attributes
    assert found["pb-tl-grid"]["aria-hidden"] == "true"
    assert found["pb-tl-cue"]["aria-hidden"] == "true"
    box = found["pb-tl-scroll"]
    assert (box["tabindex"], box["role"]) == ("0", "region")
    assert "Phases and Milestones tables" in box["aria-label"]


@pytest.mark.parametrize("name", HOSTILE)
def test_names_show_as_written_in_the_page(name: str) -> None:
    timeline = Timeline(
        phases=[phase("p", -2, -1, f"{name} phase")],
        milestones=[milestone("m", -1, f"{name} milestone")],
    )
    page = markdown.markdown(f"Text\n\n{gantt(event(), timeline, TODAY)}\n", extensions=EXTENSIONS)
    assert "<script" not in page and "<img" not in page
    shown = [" ".join(cell.text.split()) for cell in parsed(page).cells if cell.text]
    assert " ".join(f"{name} phase".split()) in shown
    assert " ".join(f"{name} milestone".split()) in shown
