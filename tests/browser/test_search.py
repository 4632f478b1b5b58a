"""Search that finds: fifteen queries a reader would type, each with the page it must put first.

A content check: every query and its expected page come from the playbook in data/ (its
personas' names, tag values, jobs and titles, its KPIs, sessions, programs, snippets and tracks),
so the table holds for any valid playbook. Each kind of query is a function yielding candidates;
the table takes them in turn, kind after kind, until it has fifteen rows.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from playbook.index import Index
from playbook.models.persona import Persona
from playbook.models.playbook import Playbook
from playbook.pages import urls
from playbook.pages.parts import Places, locate
from tests.browser.conftest import distinctive_job, has_own_word, preview_from_disk
from tests.conftest import EXAMPLE, valid_playbook

pytestmark = [pytest.mark.browser, pytest.mark.search]

ROWS = 15
PLACEHOLDER = "Type to start searching"  # the search box's prompt while it is empty (English)


@dataclass(frozen=True)
class Query:
    """A query, what kind of query it is, and where its first result must lead."""

    kind: str
    text: str
    page: str
    """The built page the first result must be, e.g. `personas/exec.html`."""
    anchor: str = ""
    """The section the first result must lead with on that page, if it is one section's."""


@dataclass(frozen=True)
class Result:
    """One result of a search: a page and the first of its sections shown under it."""

    page: str
    section: str


def html(page: str, anchor: str = "") -> tuple[str, str]:
    """A page of the site map (`personas/exec.md`) as the built page's path, and `anchor`."""
    return page.removesuffix(".md") + ".html", anchor


def drop_a_letter(word: str) -> str:
    """`word` lower-cased with its middle letter dropped: a typo."""
    middle = len(word) // 2
    return (word[:middle] + word[middle + 1 :]).lower()


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


Kind = Callable[[Playbook, Places], Iterator[Query]]


def persona_names(playbook: Playbook, places: Places) -> Iterator[Query]:
    """A persona's name with a word of its own among the other personas' names."""
    for pid, persona in playbook.personas.items():
        if has_own_word(persona.name, (other.name for _, other in _others(playbook, pid))):
            yield Query("a persona's name", persona.name, *html(urls.persona(pid)))


def misspelt_tag_values(playbook: Playbook, places: Places) -> Iterator[Query]:
    """A persona's tag value (or, if that is short, the longest word of its name) with a letter
    dropped, as typed in a hurry; only words of six letters or more, and only one persona's."""
    words = {
        pid: max([persona.short_name, *_words(persona.name)], key=len)
        for pid, persona in playbook.personas.items()
    }
    for pid, word in words.items():
        shared = any(word.lower() in other.name.lower() for _, other in _others(playbook, pid))
        if len(word) >= 6 and word.isalpha() and not shared:
            yield Query(
                "a persona's tag value, a letter dropped",
                drop_a_letter(word),
                *html(urls.persona(pid)),
            )


def job_phrases(playbook: Playbook, places: Places) -> Iterator[Query]:
    for pid in playbook.personas:
        phrase = distinctive_job(pid, playbook)
        if phrase is not None:
            yield Query("a phrase from a persona's job", phrase, *html(urls.persona(pid)))


def kpi_names(playbook: Playbook, places: Places) -> Iterator[Query]:
    """A KPI's name, lower-cased, where only one program has a KPI of that name."""
    counts = Counter(kpi.metric.lower() for kpis in playbook.kpis.values() for kpi in kpis.kpis)
    for program_id, kpis in playbook.kpis.items():
        for kpi in kpis.kpis:
            if counts[kpi.metric.lower()] == 1:
                yield Query("a KPI's name", kpi.metric.lower(), *html(urls.kpis(program_id)))


def hyphenated_session_titles(playbook: Playbook, places: Places) -> Iterator[Query]:
    """A session title with a hyphenated word, lower-cased as people type, that no other
    session's title (in any program) holds: a title another one begins with is ambiguous."""
    titles = [s.title.lower() for sessions in playbook.sessions.values() for s in sessions]
    for program_id, sessions in playbook.sessions.items():
        for session in sessions:
            title = session.title.lower()
            if "-" in title and sum(title in other for other in titles) == 1:
                yield Query(
                    "a session title with a hyphen, lower-cased",
                    session.title.lower(),
                    *html(places.session(program_id, session.id), urls.session_anchor(session.id)),
                )


def hyphenated_words(playbook: Playbook, places: Places) -> Iterator[Query]:
    """The hyphenated word of a session title (`90-day`), lower-cased, where no other session's
    title has it hyphenated. The hardest first: those whose parts another title has apart
    ("90 Days")."""
    found = []
    for program_id, sessions in playbook.sessions.items():
        for session in sessions:
            for word in re.findall(r"\w+(?:-\w+)+", session.title.lower()):
                others = [other.title.lower() for other in sessions if other != session]
                if any(word in other for other in others):
                    continue
                apart = re.compile(r"\b" + r"\s+".join(word.split("-")))
                query = Query(
                    "a hyphenated word of a session title",
                    word,
                    *html(places.session(program_id, session.id), urls.session_anchor(session.id)),
                )
                found.append((not any(apart.search(other) for other in others), query))
    yield from (query for _, query in sorted(found, key=lambda pair: pair[0]))


def program_names(playbook: Playbook, places: Places) -> Iterator[Query]:
    """A program's name with a word of its own among the other programs' names."""
    for program_id, program in playbook.programs.items():
        others = (other.name for pid, other in playbook.programs.items() if pid != program_id)
        if has_own_word(program.name, others):
            yield Query("a program's name", program.name, *html(urls.program(program_id)))


def snippet_subjects(playbook: Playbook, places: Places) -> Iterator[Query]:
    """The subject line of a snippet, where no other snippet has the same, and which names no
    program and no persona (their own pages would rightly come first)."""
    counts = Counter(s.subject.lower() for s in playbook.snippets if s.subject)
    named = (*playbook.programs.values(), *playbook.personas.values())
    names = [set(_words(thing.name.lower())) for thing in named]
    for snippet in playbook.snippets:
        subject = (snippet.subject or "").lower()
        if subject and counts[subject] == 1 and not any(n <= set(_words(subject)) for n in names):
            yield Query(
                "a snippet's subject line",
                snippet.subject or "",
                *html(places.snippet(snippet.id), urls.snippet_anchor(snippet.id)),
            )


def track_names(playbook: Playbook, places: Places) -> Iterator[Query]:
    """A track's name, where no word of it starts (or is the start of) a word of three letters or
    more of a session's title or another track's name: a name that names nothing else; and only
    one program's track of that name."""
    counts = Counter(
        track.name for program in playbook.programs.values() for track in program.tracks
    )
    for program_id, program in playbook.programs.items():
        titles = [s.title for s in playbook.sessions.get(program_id, ())]
        for track in program.tracks:
            others = [t.name for t in program.tracks if t != track]
            elsewhere = {w.lower() for t in (*titles, *others) for w in _words(t) if len(w) > 2}
            mine = {word.lower() for word in _words(track.name)}
            overlaps = any(a.startswith(b) or b.startswith(a) for a in mine for b in elsewhere)
            if counts[track.name] == 1 and not overlaps:
                yield Query(
                    "a track's name",
                    track.name,
                    *html(places.track(program_id, track.id), urls.track_anchor(track.id)),
                )


def _others(playbook: Playbook, persona_id: str) -> Iterator[tuple[str, Persona]]:
    return ((pid, p) for pid, p in playbook.personas.items() if pid != persona_id)


KINDS: list[Kind] = [
    persona_names,
    misspelt_tag_values,
    job_phrases,
    kpi_names,
    hyphenated_words,
    program_names,
    hyphenated_session_titles,
    snippet_subjects,
    track_names,
]


def query_table(playbook: Playbook, rows: int = ROWS) -> list[Query]:
    """`rows` queries, taking each kind's next candidate in turn; the kinds about personas start
    at different personas, so the rows spread over them."""
    places = locate(playbook, Index(playbook))
    candidates = [list(kind(playbook, places)) for kind in KINDS]
    for shift, found in enumerate(candidates):
        if found and found[0].page.startswith("personas/"):
            found[:] = found[shift % len(found) :] + found[: shift % len(found)]
    table: list[Query] = []
    for round_ in itertools.zip_longest(*candidates):
        table += [query for query in round_ if query is not None]
    unique = list(dict.fromkeys(table))
    return unique[:rows]


def search(page: Page, text: str) -> list[Result]:
    """The result groups for `text` typed into the open search box: one query, its answer."""
    meta = page.locator(".md-search-result__meta")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_function(
        "prompt => document.querySelector('.md-search-result__meta').textContent === prompt",
        arg=PLACEHOLDER,
    )
    # All but the last letter at once, then the last typed: one search, for the whole query.
    page.keyboard.insert_text(text[:-1])
    page.keyboard.type(text[-1])
    page.wait_for_function(
        """prompt => {
            const meta = document.querySelector('.md-search-result__meta').textContent;
            return meta !== prompt && (meta.startsWith('No matching')
                || document.querySelector('.md-search-result__item') !== null);
        }""",
        arg=PLACEHOLDER,
    )
    assert meta.text_content() != PLACEHOLDER
    groups = page.locator(".md-search-result__item").evaluate_all(
        """items => items.map(item => [...item.querySelectorAll(
            ':scope > .md-search-result__link')].map(link => link.href))"""
    )
    return [_result(page, links) for links in groups]


def _result(page: Page, links: list[str]) -> Result:
    root = urlsplit(page.url.rsplit("/", 1)[0] + "/").path
    first, *sections = (urlsplit(link) for link in links)
    section = sections[0].fragment if sections else first.fragment
    return Result(first.path.removeprefix(root), section)


def passes(query: Query, results: list[Result]) -> bool:
    if not results:
        return False
    first = results[0]
    return first.page == query.page and (not query.anchor or first.section == query.anchor)


def describe(results: list[Result]) -> str:
    top = [f"{r.page}#{r.section}" if r.section else r.page for r in results[:3]]
    return "; ".join(top) or "nothing"


def run_table(page: Page, table: list[Query]) -> list[tuple[Query, list[Result]]]:
    page.get_by_role("textbox", name="Search").click()
    return [(query, search(page, query.text)) for query in table]


def report(outcomes: list[tuple[Query, list[Result]]]) -> str:
    lines = ["| kind | query | expected first | pass | top 3 |", "| --- | --- | --- | --- | --- |"]
    for query, results in outcomes:
        expected = f"{query.page}#{query.anchor}" if query.anchor else query.page
        mark = "yes" if passes(query, results) else "NO"
        lines.append(
            f"| {query.kind} | `{query.text}` | {expected} | {mark} | {describe(results)} |"
        )
    return "\n".join(lines)


def test_the_example_offers_queries_of_five_kinds_and_more() -> None:
    """The table spans what readers search for; a playbook of copied personas offers fewer
    kinds (the content check then tries what it offers), the tool's own example all of them."""
    table = query_table(valid_playbook(EXAMPLE))
    assert len(table) == ROWS
    assert len({query.kind for query in table}) >= 5


def test_fifteen_realistic_queries_each_find_their_page_first(
    page: Page, example: Playbook, artifacts: Path
) -> None:
    table = query_table(example)
    assert table, "the playbook offers no query to try"
    page.goto("index.html")
    outcomes = run_table(page, table)
    summary = report(outcomes)
    (artifacts / "search-queries.md").write_text(summary + "\n", encoding="utf-8")
    failed = [
        f"- {query.kind}: `{query.text}` should put {query.page}"
        + (f"#{query.anchor}" if query.anchor else "")
        + f" first; the top 3 were: {describe(results)}"
        for query, results in outcomes
        if not passes(query, results)
    ]
    assert not failed, f"{len(failed)} of {len(table)} queries missed:\n" + "\n".join(failed)


def test_the_downloaded_preview_forgives_a_typo_too(
    browser: Browser, example_offline_site: Path
) -> None:
    """Opened from disk, as a reviewer unzips the pull request's preview: a misspelt tag value
    still finds its persona's one-pager first."""
    playbook = valid_playbook(EXAMPLE)
    query = next(misspelt_tag_values(playbook, locate(playbook, Index(playbook))))
    with preview_from_disk(browser, example_offline_site) as (page, watch):
        results = search(page, query.text)
    assert passes(query, results), f"`{query.text}`: {describe(results)}"
    assert not watch.errors, watch.errors
    assert not watch.off_disk, watch.off_disk


def test_the_query_search_gets_forgives_typos_and_weighs_hyphenated_words_whole(
    browser: Browser, example_offline_site: Path
) -> None:
    """docs/javascripts/search.js rewrites each query before Material's search worker sees it;
    on the tool's own playbook (the preview build, opened from disk)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((example_offline_site / "index.html").as_uri())
        page.get_by_role("textbox", name="Search").click()  # from disk, search starts on opening
        search(page, "procurement")  # the index has reached the worker, and the script
        rewritten = page.evaluate(
            """queries => queries.map(query => window.playbookSearch.rewrite(query))""",
            list(REWRITES),
        )
    finally:
        context.close()
    assert dict(zip(REWRITES, rewritten, strict=True)) == REWRITES


REWRITES = {
    "procurment": "procurement",  # a letter dropped
    "Procuremnet evaluator": "procurement evaluator",  # two swapped; the next word known
    "practioner": "practitioner",  # two dropped, in a word of eight letters or more
    "procur": "procur",  # the start of an indexed word: the reader is still typing
    "qwertyuiop": "qwertyuiop",  # nothing near it: left for search to find nothing
    "90-day": "90 day 90^5 day^5",  # the parts of a hyphenated word, and each as written
    "head of analytics": "head analytics",  # a common word left out
    "of": "of",  # unless it is all there is
    "keynote: roi": "keynote roi",  # punctuation ends a word, as in the index
    '"roi clinic"': '"roi clinic"',  # phrases and search syntax are left alone
    "+roi -clinic title:clinic": "+roi -clinic title:clinic",
}
