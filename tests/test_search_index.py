"""The built site's search index: what weighs more, and text that reads as words.

The browser journeys in tests/browser/test_search.py check what search puts first; these check,
without a browser, the index those results come from.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from playbook.models.playbook import Playbook
from playbook.pages import urls
from playbook.pages.sitemap import SearchBoost
from playbook.render import front_matter_number

pytestmark = pytest.mark.build

# Where the text a reader reads as two words runs on with nothing between: these elements start
# and end a block of their own (or a line, for <br>).
BLOCK = re.compile(
    r"address|article|aside|blockquote|br|dd|details|dialog|div|dl|dt|fieldset|figcaption|"
    r"figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|option|p|pre|section|select|summary|"
    r"table|tbody|td|tfoot|th|thead|tr|ul"
)
VOID = re.compile(r"area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr")


def search_index(site: Path) -> dict[str, Any]:
    index: dict[str, Any] = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    return index


def entries_by_page(index: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    pages: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in index["docs"]:
        pages[entry["location"].partition("#")[0]].append(entry)
    return pages


class _Words(HTMLParser):
    """A page's main content as a reader tells its words apart: a block, a line break, or one
    element ending where the next begins (two labels side by side) separates two words."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <article> (Material's page content) when above 0
        self.parts: list[str] = []
        self.ended = False  # the last thing read was an end tag
        self.permalink = False  # inside a heading's ¶ link, which search leaves out

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" or self.depth:
            self.depth += not VOID.fullmatch(tag)
            if BLOCK.fullmatch(tag) or self.ended:
                self.parts.append(" ")
            self.permalink = tag == "a" and dict(attrs).get("class") == "headerlink"
        self.ended = False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth and (BLOCK.fullmatch(tag) or self.ended):
            self.parts.append(" ")
        self.ended = True

    def handle_endtag(self, tag: str) -> None:
        self.permalink = False
        if self.depth:
            self.depth -= 1
            if BLOCK.fullmatch(tag):
                self.parts.append(" ")
        self.ended = True

    def handle_data(self, data: str) -> None:
        if self.depth and not self.permalink:
            self.parts.append(data)
        self.ended = False


def words(text: str, separator: str) -> set[str]:
    return {word.lower() for word in re.split(separator, text) if word}


def page_words(page: Path, separator: str) -> set[str]:
    parser = _Words()
    parser.feed(page.read_text(encoding="utf-8"))
    return words("".join(parser.parts), separator)


def indexed_text(entry: dict[str, Any]) -> str:
    """An index entry's title and text as plain text (the index keeps some tags, escaped)."""
    return html.unescape(re.sub(r"<[^>]*>", " ", entry["title"] + " " + entry["text"]))


def test_search_reads_every_page_as_the_words_a_reader_sees(site: Path) -> None:
    """Labels side by side (a persona's rank and tag value), a line break in a table cell
    (a session's title and its angle) or a filter's options must not run together in the index:
    "Rank 4Tag value" is no word a reader types."""
    index = search_index(site)
    separator = index["config"]["separator"]
    run_on: list[str] = []
    for page, entries in entries_by_page(index).items():
        seen = page_words(site / page, separator)
        for entry in entries:
            text = indexed_text(entry)
            for word in sorted(words(text, separator) - seen):
                at = text.lower().find(word)
                run_on.append(
                    f"{entry['location']}: {word!r} in …{text[max(at - 30, 0) : at + 40]}…"
                )
    assert not run_on, "words run together in the search index:\n" + "\n".join(run_on)


def test_the_index_splits_words_at_punctuation(site: Path) -> None:
    """Words end at punctuation as at spaces: "Days:" and "Procurement/Finance" index as words
    a reader types, not as tokens only the same punctuation would find."""
    index = search_index(site)
    separator = index["config"]["separator"]
    stuck = {
        word
        for entry in index["docs"]
        for word in words(indexed_text(entry), separator)
        if re.search(r"\w[,:;!?()/\"]|[,:;!?()/\"]\w", word)
    }
    assert not stuck


def test_each_kpi_is_a_section_of_its_programs_kpi_page(site: Path, example: Playbook) -> None:
    """Search weighs headings far above table cells: a KPI's name is a heading in its row, so a
    search for the KPI finds its row."""
    titles = {
        entry["location"]: html.unescape(entry["title"]) for entry in search_index(site)["docs"]
    }
    for program_id, kpis in example.kpis.items():
        page = urls.kpis(program_id).removesuffix(".md") + ".html"
        for stage in kpis.stages:
            in_stage = [kpi for kpi in kpis.kpis if kpi.stage == stage.id]
            for number, kpi in enumerate(in_stage, start=1):
                location = f"{page}#{urls.kpi_anchor(stage.id, number)}"
                assert titles.get(location) == kpi.metric, location


def test_one_pagers_weigh_more_in_search_and_pages_that_repeat_them_less(
    site: Path, example: Playbook
) -> None:
    def boosts(page: str) -> set[float]:
        return {entry.get("boost", 1) for entry in pages[page.removesuffix(".md") + ".html"]}

    pages = entries_by_page(search_index(site))
    for persona_id, persona in example.personas.items():
        assert boosts(urls.persona(persona_id)) == {SearchBoost.DESTINATION}
        assert boosts(urls.persona_agenda(persona_id)) == {SearchBoost.SUPPORTING}
        assert boosts(urls.messaging(persona_id)) == {1}
        for old in persona.formerly:  # a moved page sends readers on; search leaves it out
            assert urls.persona(old).removesuffix(".md") + ".html" not in pages
    for persona_id in (
        example.templates.convince_your_manager.applies_to if example.templates else []
    ):
        assert boosts(urls.letter(persona_id)) == {SearchBoost.SUPPORTING}
    for program_id in example.programs:
        assert boosts(urls.program(program_id)) == {SearchBoost.DESTINATION}
        assert boosts(urls.sessions(program_id)) == {1}
    assert SearchBoost.SUPPORTING < 1 < SearchBoost.DESTINATION


@pytest.mark.parametrize(("value", "written"), [(2.0, "2"), (0.5, "0.5"), (3, "3")])
def test_a_front_matter_number_is_written_plainly(value: float, written: str) -> None:
    assert front_matter_number(value) == written


@pytest.mark.parametrize("value", [math.nan, math.inf, True, "2"])
def test_a_front_matter_number_refuses_what_is_not_a_finite_number(value: Any) -> None:
    with pytest.raises(ValueError, match="is not a finite number"):
        front_matter_number(value)
