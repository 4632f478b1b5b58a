"""Long lists come in parts: a program's sessions and a persona's snippets, PART_SIZE a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from benchmarks.synthetic import Size, synthesize

from playbook.pages import PART_SIZE, split
from tests.conftest import EXAMPLE, ROOT, mkdocs_build
from tests.test_build import _links
from tests.test_links import broken_links


def test_split_cuts_groups_into_parts_of_at_most_size() -> None:
    groups = [("a", [1, 2, 3]), ("b", [4, 5]), ("c", [6])]
    assert split(groups, 2) == [
        [("a", [1, 2])],
        [("a", [3]), ("b", [4])],
        [("b", [5]), ("c", [6])],
    ]
    assert split(groups, 6) == [groups]
    assert split(groups, 3) == [[("a", [1, 2, 3])], [("b", [4, 5]), ("c", [6])]]


def test_split_of_nothing_is_no_parts() -> None:
    assert split([], 5) == []
    assert split([("a", [])], 5) == []


SESSIONS = 2 * PART_SIZE + 20
SNIPPETS_EACH = 2 * PART_SIZE + 10


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A strict build of a playbook whose program and personas each need three parts."""
    tmp = tmp_path_factory.mktemp("parts")
    size = Size("parts", personas=5, programs=1, sessions=SESSIONS, snippets=5 * SNIPPETS_EACH)
    data = synthesize(EXAMPLE, tmp / "data", size)
    result = mkdocs_build(ROOT, tmp / "site", data)
    # Strict, with anchors validated (mkdocs.yml): every link to a part and its anchor resolves.
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site"


def _ids(page: Path, prefix: str) -> list[str]:
    return re.findall(rf'<h3 id="{prefix}-([^"]+)"', page.read_text(encoding="utf-8"))


def test_a_programs_sessions_are_shown_once_each_in_parts(parted_site: Path) -> None:
    program = parted_site / "programs" / "program-01"
    parts = [program / "sessions" / f"{n}.html" for n in (1, 2, 3)]
    shown = [_ids(part, "session") for part in parts]
    assert [len(ids) for ids in shown] == [PART_SIZE, PART_SIZE, SESSIONS - 2 * PART_SIZE]
    every = [session for ids in shown for session in ids]
    assert len(set(every)) == len(every) == SESSIONS
    assert not (program / "sessions" / "4.html").exists()
    overview = (program / "sessions.html").read_text(encoding="utf-8")
    assert _ids(program / "sessions.html", "session") == []
    for n, part in enumerate(parts, start=1):
        assert f'href="sessions/{n}.html"' in overview
        assert f"Part {n} of 3" in part.read_text(encoding="utf-8")


def test_the_map_sums_up_each_track_and_persona(parted_site: Path) -> None:
    overview = (parted_site / "programs/program-01/sessions.html").read_text(encoding="utf-8")
    tracks = re.findall(
        r'<a href="sessions/\d\.html#track-[^"]+">[^<]+</a></td>\s*<td[^>]*>(\d+)', overview
    )
    assert tracks and sum(int(count) for count in tracks) == SESSIONS
    assert '<span id="persona-persona-001"></span>' in overview
    assert "personas/persona-001.html#sessions-program-01" in overview


def test_a_track_that_straddles_two_parts_says_so(parted_site: Path) -> None:
    second = (parted_site / "programs/program-01/sessions/2.html").read_text(encoding="utf-8")
    assert re.search(r'<h3 id="track-[^"]+">[^<]+ \(continued\)', second)
    first = (parted_site / "programs/program-01/sessions/1.html").read_text(encoding="utf-8")
    assert "(continued)" not in first


def test_a_personas_snippets_are_shown_once_each_in_parts(parted_site: Path) -> None:
    messaging = parted_site / "messaging"
    parts = [messaging / "persona-001.html", messaging / "persona-001/2.html"]
    parts.append(messaging / "persona-001/3.html")
    shown = [_ids(part, "snippet") for part in parts]
    assert [len(ids) for ids in shown] == [PART_SIZE, PART_SIZE, SNIPPETS_EACH - 2 * PART_SIZE]
    every = [snippet for ids in shown for snippet in ids]
    assert len(set(every)) == len(every) == SNIPPETS_EACH
    assert not (messaging / "persona-001/4.html").exists()


def test_links_to_a_channel_or_snippet_lead_to_its_part(parted_site: Path) -> None:
    messaging = parted_site / "messaging"
    parts = ["persona-001.html", "persona-001/2.html", "persona-001/3.html"]
    starts, homes = {}, {}
    for part in parts:
        text = (messaging / part).read_text(encoding="utf-8")
        for channel, heading in re.findall(r'<h2 id="channel-([^"]+)">(.*?)</h2>', text):
            if "(continued)" not in heading:  # the heading may hold an <abbr>
                starts[channel] = part
        homes.update((snippet, part) for snippet in _ids(messaging / part, "snippet"))
    assert len(set(starts.values())) > 1  # some channel starts after the first part

    index = (messaging / "index.html").read_text(encoding="utf-8")
    for channel, part in starts.items():
        assert f'href="{part}#channel-{channel}"' in index
    one_pager = (parted_site / "personas/persona-001.html").read_text(encoding="utf-8")
    linked = re.findall(r'href="\.\./messaging/([^"#]+)#snippet-([^"]+)"', one_pager)
    assert len(linked) > 3 and all(homes[snippet] == part for part, snippet in linked)
    more = re.findall(r'href="\.\./messaging/([^"#]+)#channel-([^"]+)"', one_pager)
    assert more and all(starts[channel] == part for part, channel in more)


def test_every_part_is_reachable_from_the_home_page(parted_site: Path) -> None:
    pages = {page.resolve() for page in parted_site.rglob("*.html") if page.name != "404.html"}
    home = (parted_site / "index.html").resolve()
    seen, queue = {home}, [home]
    while queue:
        for target in _links(queue.pop()) & pages - seen:
            seen.add(target)
            queue.append(target)
    assert sorted(str(p.relative_to(parted_site.resolve())) for p in pages - seen) == []


def test_the_example_fits_each_list_on_one_page(site: Path) -> None:
    assert not (site / "programs/connect-2027/sessions").exists()
    assert not list((site / "messaging").glob("*/"))
    assert _ids(site / "programs/connect-2027/sessions.html", "session")


def test_every_link_of_a_site_in_parts_leads_somewhere(parted_site: Path) -> None:
    assert broken_links(parted_site) == []
