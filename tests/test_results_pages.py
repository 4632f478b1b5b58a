"""The results pages and figures: targets read as numbers, marks, the pace, and the pages built
from the tool's playbook with results (tests/fixtures/results/playbook laid over the frozen
example): each program's results page, each one-pager's "How this persona did", each persona's
results cycle after cycle, the home page's latest numbers and the results download.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from playbook.index import Index
from playbook.models.playbook import Playbook
from playbook.models.results import PacePoint
from playbook.results.figures import pace_percent
from playbook.results.targets import Goal, goal
from playbook.site import generate
from tests.conftest import EXAMPLE, ROOT, strict_build, valid_playbook
from tests.test_links import broken_links

RESULTS = ROOT / "tests" / "fixtures" / "results" / "playbook"
LAST_YEAR = "connect-2026"
THIS_YEAR = "connect-2027"
HOSTILE_NAME = 'Connect 2026 " onload="alert(1)" <script>alert(2)</script>'


def with_results(target: Path) -> Path:
    """The tool's playbook with its results laid over it, in `target`."""
    shutil.copytree(EXAMPLE, target)
    shutil.copytree(RESULTS, target, dirs_exist_ok=True)
    return target


@pytest.fixture(scope="module")
def playbook(tmp_path_factory: pytest.TempPathFactory) -> Playbook:
    return valid_playbook(with_results(tmp_path_factory.mktemp("results") / "data"))


@pytest.fixture(scope="module")
def index(playbook: Playbook) -> Index:
    return Index(playbook)


# Targets, marks and the pace.


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("70%", 70, None),
        ("> 2.5%", 2.5, None),
        ("8–10%", 8, 10),
        ("8+", 8, None),
        ("> 4.3/5", 4.3, None),
        ("100", 100, None),
        ("$3M", 3_000_000, None),
        ("$1.5M", 1_500_000, None),
        ("1,200", 1200, None),
        ("at least 25", 25, None),
        ("< 120", None, 120),
        ("≤ 5%", None, 5),
    ],
)
def test_a_target_is_read_as_numbers(text: str, low: float | None, high: float | None) -> None:
    assert goal(text) == Goal(low, high)


@pytest.mark.parametrize("text", ["Tracked", "Up on last year", "70% of 2026", "", "2 per week"])
def test_a_target_in_words_has_no_numbers(text: str) -> None:
    assert goal(text) is None


def test_a_result_is_on_target_within_five_percent_ahead_or_behind_beyond() -> None:
    at_least = Goal(70, None)
    assert [at_least.mark(v) for v in (66, 66.5, 70, 73.5, 74)] == [
        "behind", "on", "on", "on", "ahead",
    ]  # fmt: skip
    assert at_least.variance(72) == 2
    ceiling = Goal(None, 120)
    assert [ceiling.mark(v) for v in (100, 120, 130)] == ["ahead", "on", "behind"]
    between = Goal(8, 10)
    assert [between.mark(v) for v in (7, 9, 11)] == ["behind", "on", "ahead"]
    assert between.variance(9) == 0 and between.variance(11) == 1
    assert Goal(4.3, None).mark(4.1, tolerance=0.01) == "behind"


def test_the_pace_climbs_between_its_points_from_the_start_of_each_week(
    playbook: Playbook,
) -> None:
    program = playbook.programs[THIS_YEAR]  # T is Tue 9 Feb 2027
    pace = [PacePoint(week=-12, percent=8), PacePoint(week=-8, percent=24)]
    assert pace_percent(program, pace, dt.date(2026, 11, 17)) == 8  # T-12 starts
    assert pace_percent(program, pace, dt.date(2026, 12, 1)) == 16  # halfway to T-8
    assert pace_percent(program, pace, dt.date(2026, 11, 1)) == 8  # before the first point
    assert pace_percent(program, pace, dt.date(2027, 1, 1)) == 24  # after the last


# The figures.


def test_last_years_figures_take_each_count_from_the_latest_snapshot_that_has_it(
    index: Index,
) -> None:
    figures = index.results.program(LAST_YEAR)
    assert figures is not None and not figures.before_event
    assert figures.as_of == dt.date(2026, 5, 11)  # the last monthly snapshot
    exec_ = figures.personas["exec"]
    # registered from the last event day (walk-ins included), attended from it too, pipeline
    # from the last monthly snapshot
    assert exec_.counts["registered"] == 134 and exec_.counts["attended"] == 96
    assert exec_.counts["pipeline"] == 3_400_000
    rows = {row.spec.id: row for row in exec_.rows}
    assert rows["registrations"].target == "130" and rows["registrations"].mark == "on"
    assert rows["attendance-rate"].value == pytest.approx(100 * 96 / 134)
    assert rows["attendance-rate"].mark == "on"  # 71.6% against 70%
    assert rows["sessions-per-attendee"].mark == "behind"  # 1.8 against > 2
    assert rows["pipeline"].mark == "ahead"  # USD 3.4M against $3M
    assert rows["pipeline"].value_text == "USD 3.4M"
    assert rows["csat"].mark == "ahead"  # 4.4 against > 4.3/5
    assert figures.personas["champion"].row("csat").mark == "behind"  # type: ignore[union-attr]
    # Lab seats: the two labs serving practitioners, 58 and 55 of 60 each.
    labs = figures.personas["practitioner"].row("lab-utilization")
    assert labs is not None and labs.value == pytest.approx(100 * 113 / 120)
    cac = {line.channel: line.cac for line in figures.channels}
    assert cac["Social"] == pytest.approx(30_000 / 148) and cac["Organic"] is None


def test_this_years_registrations_are_set_against_the_pace_before_the_event(
    index: Index,
) -> None:
    figures = index.results.program(THIS_YEAR)
    assert figures is not None and figures.before_event
    exec_ = figures.personas["exec"].row("registrations")
    assert exec_ is not None and exec_.value == 26
    # Pace: 8% at T-12 (17 Nov), 24% at T-8 (15 Dec); 30 Nov is 13 days in: 15.43% of 150.
    assert exec_.expected == pytest.approx(150 * (8 + 16 * 13 / 28) / 100)
    assert exec_.mark == "ahead"
    assert exec_.target_text == "23 expected by 30 Nov (pace to 150)"
    champion = figures.personas["champion"].row("registrations")
    assert champion is not None and champion.mark == "behind"  # 36 of 43 expected
    assert [point.registered for point in figures.personas["exec"].weeks] == [19, 26]
    mix = {line.persona: line for line in figures.mix}
    assert sum(line.share for line in figures.mix) == pytest.approx(100)
    assert mix["exec"].target_share == pytest.approx(100 * 150 / 1200)


def test_a_persona_has_its_results_program_after_program(index: Index) -> None:
    history = index.results.persona("exec")
    assert [results.program_id for results in history] == [LAST_YEAR, THIS_YEAR]
    measures = [spec.id for spec in index.results.measures("exec")]
    assert measures[:2] == ["registrations", "attendance-rate"]
    assert "lab-utilization" not in measures  # no KPI asks it of execs


# The pages, as built.


@dataclass
class Page:
    """What a built page shows: its tables (rows of cell text) and charts, each after the id of
    the heading above it."""

    tables: list[tuple[str, list[list[str]]]] = field(default_factory=list)
    charts: list[tuple[str, str]] = field(default_factory=list)
    """(heading id, chart title) for each SVG chart."""
    words: dict[str, list[str]] = field(default_factory=dict)
    """Each chart's text (labels and numbers), by its title."""
    shapes: dict[str, list[str]] = field(default_factory=dict)
    """Each chart's bars, ticks and lines (`rect.pb-value pb-on`, `line.pb-target`), by title."""
    chart_blocks: int = 0
    """`pb-chart` blocks holding both a chart and a table."""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = Page()
        self.heading = ""
        self.rows: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.title: list[str] | None = None
        self.in_svg = False
        self.text: list[str] | None = None
        self.words: list[str] = []
        self.shapes: list[str] = []
        self.blocks: list[dict[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag in ("h2", "h3") and values.get("id"):
            self.heading = values["id"] or ""
        if tag == "div":
            self.blocks.append({"chart": "pb-chart" in classes, "svg": 0, "table": 0})
        if tag == "table":
            self.rows = []
            self._count("table")
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None:
            self.cell = []
        elif tag == "svg" and "pb-chart-svg" in classes:  # not the theme's icons
            self.in_svg = True
            self._count("svg")
            assert values.get("role") == "img" and values.get("aria-labelledby")
        elif tag == "title" and self.in_svg:
            self.title = []
        elif tag == "text" and self.in_svg:
            self.text = []
        elif self.in_svg and tag in ("rect", "line", "polyline"):
            self.shapes.append(f"{tag}.{values.get('class')}")

    def _count(self, what: str) -> None:
        for block in self.blocks:
            if block["chart"]:
                block[what] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.blocks:
            block = self.blocks.pop()
            if block["chart"] and block["svg"] and block["table"]:
                self.page.chart_blocks += 1
        if tag == "table" and self.rows is not None:
            self.page.tables.append((self.heading, self.rows))
            self.rows = None
        elif tag in ("td", "th") and self.cell is not None and self.rows is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "svg" and self.in_svg:
            self.in_svg = False
            title = self.page.charts[-1][1]
            self.page.words[title], self.page.shapes[title] = self.words, self.shapes
            self.words, self.shapes = [], []
        elif tag == "text" and self.text is not None:
            self.words.append("".join(self.text))
            self.text = None
        elif tag == "title" and self.title is not None:
            self.page.charts.append((self.heading, "".join(self.title)))
            self.title = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        if self.title is not None:
            self.title.append(data)
        if self.text is not None:
            self.text.append(data)


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.page


def table_after(page: Page, heading: str, first_header: str) -> dict[str, list[str]]:
    """The table under `heading` whose first header cell is `first_header`, by first cell."""
    for where, rows in page.tables:
        if where == heading and rows and rows[0] and rows[0][0] == first_header:
            return {row[0]: row[1:] for row in rows[1:]}
    raise AssertionError(f"no table headed {first_header!r} under #{heading}")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tool's playbook with results, built strictly; last year's program has a name that
    tries to break out of an SVG title and a table."""
    data = with_results(tmp_path_factory.mktemp("results-site") / "data")
    program = data / "programs" / LAST_YEAR / "program.yml"
    program.write_text(
        program.read_text().replace("name: Lumora Connect 2026\n", f"name: '{HOSTILE_NAME}'\n", 1)
    )
    return strict_build(tmp_path_factory.mktemp("results-built"), data)


@pytest.mark.build
def test_a_program_results_page_shows_each_chart_beside_the_table_of_its_numbers(
    site: Path,
) -> None:
    page = read_page(site / "programs" / LAST_YEAR / "results.html")
    titles = [title for _, title in page.charts]
    assert f"{HOSTILE_NAME}: registrations week by week against the pace" in titles
    assert "Persona mix against the targets' mix" in titles
    assert "Session fills against capacity" in titles
    assert "Meetings held against targets" in titles
    assert "CSAT per persona against its target" in titles
    assert sum("funnel against targets" in title for title in titles) == 5
    # Every chart stands in a block with the table of its numbers, and draws those numbers.
    assert page.chart_blocks == len(page.charts)
    funnel_chart = f"Exec at {HOSTILE_NAME}: funnel against targets"
    assert page.words[funnel_chart] == ["Invited", "600", "Registered", "134", "Attended", "96"]
    assert page.shapes[funnel_chart] == [
        "rect.pb-value",  # invited: no target
        "rect.pb-value pb-on",  # registered, on its target of 130 ...
        "line.pb-target",
        "rect.pb-value pb-on",  # attended: 70% of 134 expected
        "line.pb-target",
    ]
    weeks_chart = f"{HOSTILE_NAME}: registrations week by week against the pace"
    assert page.shapes[weeks_chart].count("polyline.pb-pace-line") == 1
    assert sum(shape.startswith("rect.pb-value") for shape in page.shapes[weeks_chart]) == 12

    funnel = table_after(page, "results-exec", "Stage")
    assert funnel["Registered"] == ["134", "130", "+4", "● on target"]
    assert funnel["Registration → attendance rate"] == ["71.6%", "70%", "+1.6 pts", "● on target"]
    assert funnel["Sessions attended per attendee"][-1] == "▼ behind"
    assert funnel["Pipeline influenced"] == ["USD 3.4M", "$3M", "+USD 400k", "▲ ahead"]
    weeks = table_after(page, "registrations-week-by-week", "Week")
    assert len(weeks) == 12 and weeks["T−1"][1] == "118"  # exec, the Monday before T
    fills = table_after(page, "session-fills", "Session")
    assert fills["Lab: Reliable Pipelines"] == ["60", "58", "60", "97%", "● on target"]
    channels = table_after(page, "registrations-and-spend-by-channel", "Channel")
    assert channels["Social"] == ["148", "USD 30,000", "USD 203"]
    satisfaction = table_after(page, "satisfaction", "Persona")
    assert satisfaction["Champion"][1:4] == ["4.1/5", "> 4.3/5", "▼ behind"]


@pytest.mark.build
def test_before_the_event_the_results_page_shows_registrations_against_the_pace(
    site: Path,
) -> None:
    page = read_page(site / "programs" / THIS_YEAR / "results.html")
    funnel = table_after(page, "results-champion", "Stage")
    assert funnel["Registered"] == ["36", "43 expected by 30 Nov (pace to 280)", "−7", "▼ behind"]
    weeks = table_after(page, "results-exec", "Week")
    assert weeks["T−11 (30 Nov)"] == ["26", "23", "▲ ahead"]
    assert page.chart_blocks == len(page.charts) >= 7


@pytest.mark.build
def test_each_one_pager_says_how_its_persona_did_and_links_to_every_cycle(site: Path) -> None:
    html = (site / "personas" / "exec.html").read_text()
    page = read_page(site / "personas" / "exec.html")
    how = table_after(page, "how-this-persona-did", "Measure")
    assert how["Registered"][0].startswith("26 ▲ ahead")
    assert how["Registered"][1].startswith("134 ● on target")
    assert how["Attended, of registered"][0] == "—"
    assert 'href="../programs/connect-2027/results.html#results-exec"' in html
    assert 'href="exec/results.html"' in html
    # It comes after the sessions and before the messaging.
    assert html.index('id="sessions-connect-2027"') < html.index('id="how-this-persona-did"')
    assert html.index('id="how-this-persona-did"') < html.index('id="messaging"')

    cycles = read_page(site / "personas" / "exec" / "results.html")
    registered = table_after(cycles, "measure-registrations", "Program")
    assert [cells[1] for cells in registered.values()] == ["134", "26"]  # oldest first
    assert list(registered) == [HOSTILE_NAME, "Lumora Connect 2027"]


@pytest.mark.build
def test_the_home_page_and_the_program_link_to_the_latest_numbers(site: Path) -> None:
    home = read_page(site / "index.html")
    latest = table_after(home, "at-a-glance", "Persona")
    assert latest["Exec"] == ["26", "23", "150", "▲ ahead"]
    overview = (site / "programs" / THIS_YEAR / "index.html").read_text()
    assert 'href="results.html"' in overview
    assert 'href="results.html"' in (site / "programs" / THIS_YEAR / "kpis.html").read_text()


@pytest.mark.build
def test_no_text_from_the_data_escapes_into_markup_and_every_link_leads_somewhere(
    site: Path,
) -> None:
    for path in [site / "programs" / LAST_YEAR / "results.html", site / "index.html"]:
        html = path.read_text()
        assert "<script>alert(2)" not in html
        assert '" onload="alert(1)"' not in html
    assert broken_links(site) == []


@pytest.mark.build
def test_the_results_download_holds_each_persona_and_measure_with_numbers(site: Path) -> None:
    text = (site / "downloads" / "results.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_key = {(r["program_id"], r["persona_id"], r["measure"]): r for r in rows}
    pipeline = by_key[(LAST_YEAR, "exec", "pipeline")]
    assert (pipeline["result"], pipeline["target"], pipeline["mark"]) == ("3400000", "$3M", "ahead")
    pace = by_key[(THIS_YEAR, "exec", "registrations")]
    assert pace["expected_by_pace"] == "23.14" and pace["results_to"] == "2026-11-30"
    behind = by_key[(THIS_YEAR, "champion", "registrations")]
    assert (behind["variance"], behind["mark"]) == ("-7.2", "behind")  # a number, not text
    assert re.search(r"results\.csv", (site / "downloads" / "index.html").read_text())


# Whatever validates builds: results with little in them.


EDGE_CASES = {
    "fills alone": (
        {"session-fills.yml": "sessions:\n  - session: lab-governance\n    attended: 70\n"},
        "| 70 | 60 | 117&#37; | ▲\u00a0ahead |",
    ),
    "channels alone": (
        {
            "weekly.yml": "snapshots:\n  - date: 2026-11-30\n    channels:\n"
            "      Email: {registrations: 10}\n"
        },
        "| Email | 10 | — | — |",
    ),
    "a survey alone": (
        {
            "satisfaction.yml": "surveys:\n  - date: 2027-02-12\n    personas:\n"
            "      partner: {responses: 3, nps: -20}\n"
        },
        "| 3 | — |  |  | &#45;20 | — |",
    ),
    "zeros": (
        {
            "weekly.yml": "snapshots:\n  - date: 2026-11-17\n    personas:\n"
            "      exec: {invited: 0, registered: 0}\n    untagged: {registered: 0}\n",
            "event-days.yml": "snapshots:\n  - date: 2027-02-09\n    personas:\n"
            "      exec: {registered: 0, attended: 0, sessions_attended: 0, meetings: 0}\n",
        },
        "| Registered | 0 | 150 | −150 | ▼\u00a0behind |",
    ),
}


@pytest.mark.parametrize("case", list(EDGE_CASES))
def test_results_with_little_in_them_still_make_their_pages(data_copy: Path, case: str) -> None:
    files, shown = EDGE_CASES[case]
    results = data_copy / "programs" / THIS_YEAR / "results"
    results.mkdir()
    for name, text in files.items():
        (results / name).write_text(text)
    out = data_copy.parent / "out"
    generate(data_copy, out, dt.date(2026, 11, 30))
    assert shown in (out / "programs" / THIS_YEAR / "results.md").read_text()
