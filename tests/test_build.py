"""Real `mkdocs build --strict` runs, checked on the HTML a reader gets."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from playbook.models.playbook import Playbook
from tests.conftest import EXAMPLE, ROOT, TODAY, mkdocs_build

pytestmark = pytest.mark.build

PROGRAM = "connect-2027"
PROJECT_FILES = ["mkdocs.yml", "docs", "hooks", "macros"]


def project_copy(target: Path) -> Path:
    """The MkDocs project (config, docs, hooks, macros) copied to `target`, with its data."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    shutil.copytree(EXAMPLE, target / "data")
    return target


class _Text(HTMLParser):
    """The text a reader sees in the page's main content, and the resources the page loads."""

    RESOURCE_ATTRIBUTES = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "audio": "src",
        "video": "src",
        "embed": "src",
        "object": "data",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.resources: list[str] = []
        self.event_attributes: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag in self.RESOURCE_ATTRIBUTES and values.get(self.RESOURCE_ATTRIBUTES[tag]):
            self.resources.append(values[self.RESOURCE_ATTRIBUTES[tag]] or "")
        if tag == "link" and values.get("href") and values.get("rel") not in ("canonical",):
            self.resources.append(values["href"] or "")
        self.event_attributes += [name for name, _ in attrs if name.startswith("on")]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def read(page: Path) -> _Text:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def visible(page: Path) -> str:
    return read(page).text


def test_one_one_pager_per_persona_with_its_jobs(site: Path, example: Playbook) -> None:
    for persona_id, persona in example.personas.items():
        text = visible(site / "personas" / f"{persona_id}.html")
        assert persona.name in text
        for job in persona.jtbd:
            sentence = f"When {job.when}, I want to {job.want}, so I can {job.so_that}."
            assert sentence in text
        assert " ".join(persona.value_proposition.split()) in text


def test_the_session_map_gives_each_session_its_calls_to_action(
    site: Path, example: Playbook
) -> None:
    page = (site / "programs" / PROGRAM / "sessions.html").read_text(encoding="utf-8")
    sections = re.split(r'<h3 id="session-', page)[1:]
    found = {}
    for section in sections:
        session_id = section[: section.index('"')]
        parser = _Text()
        parser.feed(section)
        found[session_id] = parser.text
    for session in example.sessions[PROGRAM]:
        for persona, cta in session.cta.items():
            assert cta in found[session.id], (session.id, persona)
            assert example.personas[persona].name in found[session.id]


def test_snippets_are_copyable_code_blocks_with_their_length(site: Path, example: Playbook) -> None:
    assert any(snippet.status == "retired" for snippet in example.snippets)
    for snippet in example.snippets:
        page = site / "messaging" / f"{snippet.persona}.html"
        source = page.read_text(encoding="utf-8")
        code_blocks = [
            html.unescape(re.sub(r"<[^>]+>", "", block)).removesuffix("\n")
            for block in re.findall(r"<code>(.*?)</code>", source, flags=re.S)
        ]
        # A retired snippet is shown for reference, with nothing to copy.
        assert (snippet.body in code_blocks) == (snippet.status != "retired"), snippet.id
        limit = example.channels[snippet.channel].body_limit
        length = (
            f"{len(snippet.body)} / {limit} characters"
            if limit
            else f"{len(snippet.body)} characters"
        )
        assert length in visible(page), snippet.id
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', source)
    assert config and "content.code.copy" in json.loads(config.group(1))["features"]


def test_timeline_dates_are_computed_from_the_event_date(site: Path) -> None:
    text = visible(site / "programs" / PROGRAM / "timeline.html")
    # The event starts Tue 9 Feb 2027; T-12 weeks is 84 days earlier, Tue 17 Nov 2026.
    assert "T−12 to T−10 17 Nov – 7 Dec 2026 Define target segments" in text
    assert "Where we stand on Mon 23 Nov 2026" in text
    source = (site / "programs" / PROGRAM / "timeline.html").read_text(encoding="utf-8")
    assert source.count('class="pb-tl-bar"') == 7
    # The chart takes the width of the table of contents, which the page leaves out.
    assert re.search(r'<div class="md-sidebar md-sidebar--secondary"[^>]*\bhidden>', source)


def test_the_search_index_finds_a_job_phrase_on_its_one_pager(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    hits = {
        doc["location"].split("#")[0]
        for doc in index["docs"]
        if "credible peer proof and ROI benchmarks" in doc["title"] + doc["text"]
    }
    assert "personas/exec.html" in hits


def test_edit_links_open_the_yaml_a_page_comes_from(site: Path) -> None:
    base = "https://github.com/lumora/persona-playbook"
    data = EXAMPLE.relative_to(ROOT).as_posix()  # the data folder the site was built from
    expected = {
        "personas/exec.html": f"{base}/edit/main/{data}/personas/exec.yml",
        f"programs/{PROGRAM}/timeline.html": (
            f"{base}/edit/main/{data}/programs/{PROGRAM}/timeline.yml"
        ),
        f"programs/{PROGRAM}/sessions.html": (
            f"{base}/tree/main/{data}/programs/{PROGRAM}/sessions"
        ),
        "guides/writing-jtbd.html": f"{base}/edit/main/docs/guides/writing-jtbd.md",
    }
    for page, url in expected.items():
        assert f'href="{url}"' in (site / page).read_text(encoding="utf-8"), page


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        parsed = read(page)
        external = [url for url in parsed.resources if re.match(r"^(https?:)?//", url)]
        assert not external, (page, external)
    for stylesheet in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", stylesheet.read_text()), stylesheet


def test_the_home_page_shows_the_program_and_the_personas(site: Path) -> None:
    text = visible(site / "index.html")
    assert "Lumora Connect 2027 · Tue 9 Feb 2027 to Wed 10 Feb 2027 · Hybrid" in text
    assert "78 days to go" in text
    cards = text[text.index("Personas") :]
    assert cards.index("Executive Decision-Maker") < cards.index("Procurement/Finance Evaluator")


def test_tags_group_pages(site: Path) -> None:
    text = visible(site / "tags.html")
    for tag in ("Persona: Exec", "Channel: Email", "Track: Partner Day", "Buying stage: Evaluate"):
        assert tag in text


# Data that must render literally, everywhere it appears.
CANARY = "{{ cycler.__init__.__globals__ }}"
HOSTILE_QUOTE = "{{ 7*7 }} <script>alert('quote')</script> **bold** {% if true %}x{% endif %}"
HOSTILE_GOAL = "# Heading from data"
HOSTILE_SESSION = "<img src=x onerror=alert(1)> | a | b | !!! danger {: onclick=x }"
HOSTILE_SNIPPET = "{{ 6*7 }} ``` </code><script>alert('snippet')</script>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_copy(tmp_path_factory.mktemp("hostile"))
    data = project / "data"

    def replace(relative: str, old: str, new: str) -> None:
        path = data / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def replace_block(relative: str, key: str, value: str) -> None:
        """Replace the first folded block `key: >-` (and its lines) by a one-line value."""
        path = data / relative
        lines = path.read_text(encoding="utf-8").split("\n")
        start = next(i for i, line in enumerate(lines) if line.lstrip("- ") == f"{key}: >-")
        column = len(lines[start]) - len(lines[start].lstrip("- "))
        end = start + 1
        while lines[end].startswith(" " * (column + 1)):
            end += 1
        lines[start:end] = [lines[start].replace(">-", json.dumps(value))]
        path.write_text("\n".join(lines), encoding="utf-8")

    replace_block("personas/exec.yml", "quote", f"{HOSTILE_QUOTE} {CANARY}")
    replace(
        "personas/exec.yml",
        "  - Validate 12–24",
        f"  - {json.dumps(HOSTILE_GOAL)}\n  - Validate 12–24",
    )
    replace(
        f"programs/{PROGRAM}/sessions/use-cases.yml",
        'title: "From Pilot to Production in 90 Days: A Customer Playbook"',
        f"title: {json.dumps(HOSTILE_SESSION)}",
    )
    replace_block("messaging/exec.yml", "body", HOSTILE_SNIPPET)
    (project / "docs" / "literal.md").write_text(
        "# Literal\n\nA hand-written page that does not opt in: {{ 7*7 }} stays as typed.\n"
    )

    out = project / "site"
    result = mkdocs_build(project, out, data)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_hostile_text_renders_literally_on_the_one_pager(hostile_site: Path) -> None:
    page = hostile_site / "personas" / "exec.html"
    text = visible(page)
    assert HOSTILE_QUOTE in text
    assert CANARY in text
    assert HOSTILE_GOAL in text
    source = page.read_text(encoding="utf-8")
    assert "<script>alert" not in source
    assert "<strong>bold</strong>" not in source
    assert "Heading from data</h1>" not in source and "Heading from data</h2>" not in source
    assert "__globals__" in text and "<module" not in text


def test_hostile_text_renders_literally_on_the_session_map(hostile_site: Path) -> None:
    for page in ("programs/connect-2027/sessions.html", "personas/champion.html"):
        parsed = read(hostile_site / page)
        assert HOSTILE_SESSION in parsed.text, page
        assert not parsed.event_attributes, page
        assert "<img src=x" not in (hostile_site / page).read_text(encoding="utf-8")


def test_hostile_text_stays_literal_in_a_copyable_snippet(hostile_site: Path) -> None:
    source = (hostile_site / "messaging" / "exec.html").read_text(encoding="utf-8")
    assert "<script>alert('snippet')" not in source
    blocks = [
        html.unescape(re.sub(r"<[^>]+>", "", b)).removesuffix("\n")
        for b in re.findall(r"<code>(.*?)</code>", source, flags=re.S)
    ]
    assert HOSTILE_SNIPPET in blocks


def test_hostile_text_is_literal_in_the_search_index(hostile_site: Path) -> None:
    raw = (hostile_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script" not in raw and "<img" not in raw
    # Material shows search results as HTML: the index must hold the data HTML-escaped.
    docs = json.loads(raw)["docs"]
    one_pager = " ".join(d["text"] for d in docs if d["location"].startswith("personas/exec.html"))
    assert html.escape(HOSTILE_QUOTE, quote=False) in one_pager


def test_a_page_that_does_not_opt_in_shows_jinja_as_typed(hostile_site: Path) -> None:
    assert "{{ 7*7 }} stays as typed" in visible(hostile_site / "literal.html")


def test_an_undefined_name_in_a_macro_page_fails_the_build(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    (project / "docs" / "broken.md").write_text(
        "---\nrender_macros: true\n---\n# Broken\n\n{{ no_such_macro() }}\n"
    )
    result = mkdocs_build(project, project / "site", project / "data")
    assert result.returncode != 0
    assert "no_such_macro" in result.stdout + result.stderr


def test_invalid_data_fails_the_build_with_every_problem_and_no_traceback(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    persona = project / "data" / "personas" / "exec.yml"
    persona.write_text(persona.read_text().replace("pain_points:", "pain_point:", 1))
    sessions = project / "data" / "programs" / PROGRAM / "sessions" / "labs.yml"
    sessions.write_text(sessions.read_text().replace("format: lab", "format: labb", 1))
    result = mkdocs_build(project, project / "site", project / "data")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert "data/personas/exec.yml:" in output and "did you mean `pain_points`?" in output
    assert f"data/programs/{PROGRAM}/sessions/labs.yml:" in output
    assert "the playbook has 2 problems in 2 files" in output
    assert not (project / "site" / "index.html").exists()


def test_pages_show_their_source_when_it_last_changed_and_the_owner(site: Path) -> None:
    last_commit = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", str(EXAMPLE / "personas" / "exec.yml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    text = visible(site / "personas" / "exec.html")
    expected = f"From {EXAMPLE.name}/personas/exec.yml"
    if last_commit:  # a checkout with history; a bare copy of the files has none
        day = dt.date.fromisoformat(last_commit)
        expected += f", last changed {day:%a} {day.day} {day:%b %Y}"
    assert f"{expected}." in text
    # The owner once: in the review line at the foot of the one-pager.
    assert text.count("Product Marketing (Dana Whitfield)") == 1
    assert "Owner: Product Marketing (Dana Whitfield)." in text
    messaging = visible(site / "messaging" / "exec.html")
    assert "Persona owner: Product Marketing (Dana Whitfield)." in messaging


def test_the_health_page_and_the_home_badge_show_the_lint_findings(site: Path) -> None:
    from playbook.index import Index
    from playbook.lint import lint
    from playbook.validate import validate

    playbook, _ = validate(EXAMPLE)
    assert playbook is not None
    found = lint(playbook, Index(playbook), dt.date.fromisoformat(TODAY))
    text = visible(site / "health.html")
    for finding in found:
        assert finding.problem.message.replace("`", "") in text, finding.rule
    warnings = sum(f.severity == "warning" for f in found)
    assert f"Playbook health: 0 errors, {warnings} warnings" in visible(site / "index.html")
    assert "Executive Decision-Maker · 6 of 8" in text
    assert "4,200 contacts · 1,350 accounts" in text


def _links(page: Path) -> set[Path]:
    """The site pages `page` links to."""
    hrefs = re.findall(r'<a [^>]*href="([^"#:?]+\.html)', page.read_text(encoding="utf-8"))
    return {(page.parent / html.unescape(href)).resolve() for href in hrefs}


def test_every_page_is_reachable_from_the_home_page_by_links(site: Path) -> None:
    """Pages left out of the navigation are linked from their section's index page."""
    pages = {page.resolve() for page in site.rglob("*.html") if page.name != "404.html"}
    seen, queue = {(site / "index.html").resolve()}, [(site / "index.html").resolve()]
    while queue:
        for target in _links(queue.pop()) & pages - seen:
            seen.add(target)
            queue.append(target)
    assert sorted(str(p.relative_to(site.resolve())) for p in pages - seen) == []
    assert len(seen) == len(pages) > 30


ACRONYMS = ("JTBD", "ICP", "RACI", "TCO", "MDF", "CAM", "POC", "CTA", "KPI", "ROI")


def test_every_acronym_the_issue_named_is_explained_on_hover(site: Path) -> None:
    definitions = (ROOT / "docs" / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    defined = re.findall(r"(?m)^\*\[([^\]]+)\]: ", definitions)
    assert len(defined) == len(set(defined)), "an acronym is defined twice"
    pages = "".join(page.read_text(encoding="utf-8") for page in site.rglob("*.html"))
    for acronym in ACRONYMS:
        assert acronym in defined, acronym
        assert re.search(rf'<abbr title="[^"]+">{acronym}</abbr>', pages), acronym


def test_the_glossary_is_in_the_navigation(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="glossary.html"' in home
    assert "<h1" in (site / "glossary.html").read_text(encoding="utf-8")


def test_a_page_outside_the_nav_highlights_the_page_it_belongs_under(
    site: Path, example: Playbook
) -> None:
    active = re.compile(r'<li class="md-nav__item md-nav__item--active">\s*<a href="([^"]+)"')
    persona_id = next(iter(example.personas))
    snippets = (site / "messaging" / f"{persona_id}.html").read_text(encoding="utf-8")
    assert active.findall(snippets) == ["index.html"]  # the snippet library's front page
    agenda = (site / "personas" / persona_id / "agenda.html").read_text(encoding="utf-8")
    assert active.findall(agenda) == [f"../{persona_id}.html"]  # the persona's one-pager
