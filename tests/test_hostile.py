"""Hostile and broken input: nothing executes, nothing leaks, nothing half-publishes.

Three tables, one row per case: text that must render literally wherever it reaches, files that
must be refused with a clear error, and faults that must lose nothing; then a valid playbook of
hostile text (tests/hostile.py), built and parsed.

Where each class of attack a data pull request could try is tested (issue 15):
1. attribute context in the theme: `test_hostile_text_puts_no_handler…` (site name, navigation
   titles), the browser journey `test_a_site_built_from_hostile_data_runs_none_of_it`;
2. front matter: `test_hostile_names_are_page_titles…`, test_render's front-matter values,
   test_models' line separators and non-characters, test_adapters' lost front matter;
3. file names: test_validate (ids, `.yaml`, messaging files), test_escaping's edit links and
   log lines;
4. Markdown in job summaries: test_escaping (a GitHub-flavoured renderer);
5. macros running Python: `test_a_page_that_reaches_for_python…`, test_macro_calls;
6. ownership: test_editing (catch-all, engineering paths, persona files, rule syntax);
7. denial of service: `test_two_megabytes_of_anything…`, `test_every_field_at_its_cap…`,
   test_models' caps, test_load's nesting and aliases;
8. crashes: `test_a_broken_link…`, `test_a_failed_build_leaves…` (`-d`), test_models' dates,
   test_mutations (Hypothesis);
9. workflows: test_workflows (pins, `env:`, persist-credentials, publishing main only).
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest

from playbook.cli import main
from playbook.models.common import LINE_MAX_LENGTH, TEXT_MAX_LENGTH
from playbook.site import InvalidPlaybook, RenderError, build_site, load_site, write_pages
from tests import hostile
from tests.conftest import EXAMPLE, ROOT, mkdocs_build, problems_in
from tests.hostile import HostileSite
from tests.test_build import project_copy, read

pytestmark = pytest.mark.build

# 1. Text that must render literally -------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    case: str
    text: str
    file: str
    old: str
    """A line of the example to replace; `{}` in `new` is where the hostile text goes."""
    new: str
    pages: tuple[str, ...]
    shown: str = ""
    """What a reader sees, when it differs from `text` (HTML collapses spaces)."""


CANARY = "CANARY-evaluated"
LITERALS = [
    Literal(
        "jinja-expression",
        "{{ 7*7 }} goal",
        "personas/exec.yml",
        "  - Validate 12–24 month roadmap alignment with business strategy\n",
        "  - {}\n",
        ("personas/exec.html", "personas/index.html"),
    ),
    Literal(
        "jinja-statement",
        "{% if true %}x{% endif %} pain",
        "personas/exec.yml",
        "  - Fragmented toolset\n",
        "  - {}\n",
        ("personas/exec.html", "personas/index.html"),
    ),
    Literal(
        "jinja-comment",
        "{# gone #} barrier",
        "personas/exec.yml",
        "  - Travel/time cost\n",
        "  - {}\n",
        ("personas/exec.html", "personas/index.html"),
    ),
    Literal(
        "jinja-raw-escape",
        "{% endraw %}{{ 6*7 }} motivation",
        "personas/exec.yml",
        "  - VIP peer access\n",
        "  - {}\n",
        ("personas/exec.html",),
    ),
    Literal(
        "python-internals-canary",
        "{{ cycler.__init__.__globals__.os.system('touch " + CANARY + "') }}",
        "personas/exec.yml",
        "  - Executive customer panels\n",
        "  - {}\n",
        ("personas/exec.html",),
    ),
    Literal(
        "script",
        "<script>alert('session')</script> title",
        "programs/connect-2027/sessions/use-cases.yml",
        '    title: "From Pilot to Production in 90 Days: A Customer Playbook"\n',
        "    title: {}\n",
        ("programs/connect-2027/sessions.html", "personas/champion.html", "jtbd/index.html"),
    ),
    Literal(
        "img-onerror",
        "<img src=x onerror=alert(1)> onsite",
        "personas/exec.yml",
        "  - Reserved seating\n",
        "  - {}\n",
        ("personas/exec.html",),
    ),
    Literal(
        "iframe",
        "<iframe src=//evil.example/x></iframe> cluster",
        "clusters.yml",
        "    name: Evaluate and De-risk Investment\n",
        "    name: {}\n",
        ("jtbd/index.html", "personas/exec.html"),
    ),
    Literal(
        "markdown-heading",
        "# heading offer",
        "personas/exec.yml",
        "  - “Bring your CFO” pass upgrade\n",
        "  - {}\n",
        ("personas/exec.html",),
    ),
    Literal(
        "markdown-table",
        "| a | b |",
        "personas/exec.yml",
        "  - Concierge scheduling\n",
        "  - {}\n",
        ("personas/exec.html",),
    ),
    Literal(
        "admonition",
        "!!! danger metric",
        "personas/exec.yml",
        "  - metric: VIP meetings\n",
        "  - metric: {}\n",
        ("personas/exec.html",),
    ),
    Literal(
        "indented-code",
        "first line\n\n    indented line",
        "personas/exec.yml",
        "value_proposition: >-\n",
        "value_proposition: {}\nold_value_proposition: >-\n",
        ("personas/exec.html",),
        shown="indented line",
    ),
    Literal(
        "attribute-list",
        "{: onclick=x } CTO",
        "personas/exec.yml",
        "  - CTO\n",
        "  - {}\n",
        ("personas/exec.html",),
    ),
    Literal(
        "entity-escaped-title",
        "Business &lt;/title&gt; Champion",
        "personas/champion.yml",
        "name: Business Champion\n",
        "name: {}\n",
        ("personas/champion.html", "personas/index.html", "personas/exec.html"),
    ),
]


def _inject(data: Path) -> None:
    for row in LITERALS:
        path = data / row.file
        text = path.read_text(encoding="utf-8")
        assert row.old in text, row.case
        text = text.replace(row.old, row.new.format(json.dumps(row.text)), 1)
        if row.case == "indented-code":  # drop the folded value the key now leaves behind
            text = re.sub(r"old_value_proposition: >-\n(  .*\n)+", "", text, count=1)
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(hostile site, the same project's clean site, the folder a canary would land in)."""
    clean_project = project_copy(tmp_path_factory.mktemp("clean"))
    clean = clean_project / "site"
    assert mkdocs_build(clean_project, clean, clean_project / "data").returncode == 0
    project = project_copy(tmp_path_factory.mktemp("hostile"))
    _inject(project / "data")
    (project / "docs" / "typed.md").write_text(
        "# Typed\n\nNo opt-in, so this stays text: {{ 7*7 }} {% if true %}x{% endif %}\n",
        encoding="utf-8",
    )
    site = project / "site"
    result = mkdocs_build(project, site, project / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    return site, clean, project


@pytest.mark.parametrize("row", LITERALS, ids=[row.case for row in LITERALS])
def test_text_renders_literally_on_every_page_it_reaches(
    row: Literal, built: tuple[Path, Path, Path]
) -> None:
    site = built[0]
    for page in row.pages:
        assert (row.shown or row.text) in read(site / page).text, page


def test_nothing_was_evaluated(built: tuple[Path, Path, Path]) -> None:
    site, _, project = built
    assert not list(project.rglob(CANARY)) and not Path(CANARY).exists()
    assert "{{ 7*7 }} {% if true %}x{% endif %}" in read(site / "typed.html").text
    exec_page = read(site / "personas" / "exec.html").text
    assert "49 goal" not in exec_page and "42 motivation" not in exec_page
    assert "x pain" not in exec_page.replace("{% if true %}x{% endif %} pain", "")


def test_no_page_has_an_event_handler_or_a_script_the_theme_did_not_ship(
    built: tuple[Path, Path, Path],
) -> None:
    site, clean, _ = built

    def scripts(root: Path) -> set[str]:
        found = set()
        for page in root.rglob("*.html"):
            source = page.read_text(encoding="utf-8")
            for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", source, re.S):
                src = re.search(r'src="([^"]+)"', attributes)
                found.add(re.sub(r"^(\.\./)+", "", src.group(1)) if src else _normalised(body))
        return found

    for page in site.rglob("*.html"):
        assert not read(page).event_attributes, page
    assert scripts(site) <= scripts(clean)


def _normalised(script: str) -> str:
    # The config script names the page's base path; everything else is the theme's own.
    return re.sub(r'"base":\s*"[^"]*"', '"base":""', script)


def test_titles_navigation_and_search_results_show_the_text(built: tuple[Path, Path, Path]) -> None:
    site = built[0]
    page = (site / "personas" / "champion.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and html.unescape(title.group(1)).startswith("Business &lt;/title&gt; Champion")
    nav = (site / "personas" / "exec.html").read_text(encoding="utf-8")
    assert "Business &amp;lt;/title&amp;gt; Champion" in nav  # the navigation, escaped
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script" not in index and "<img" not in index and "<iframe" not in index
    docs = json.loads(index)["docs"]
    titles = {doc["title"] for doc in docs if doc["location"] == "personas/champion.html"}
    assert "Business &amp;lt;/title&amp;gt; Champion" in titles  # shown as HTML: the text


@pytest.mark.parametrize("scheme", ["javascript:alert(1)", "data:text/html,<b>", "vbscript:msgbox"])
def test_links_other_than_https_mailto_or_relative_are_refused(
    scheme: str, data_copy: Path
) -> None:
    path = data_copy / "messaging" / "exec.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"cta_url: .*", f"cta_url: {json.dumps(scheme)}", text, count=1))
    problems = [p for p in problems_in(data_copy) if "cta_url" in p]
    assert problems and f"`{scheme.split(':')[0]}:` links are not allowed" in problems[0]


# 2. Files that must be refused ------------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    case: str
    place: str
    content: bytes
    message: str
    field: str = ""


PERSONA = (EXAMPLE / "personas" / "exec.yml").read_bytes()
SESSION = b"sessions:\n  - id: %s\n    title: T\n    track: labs\n    format: lab\n"
LAUGHS = (
    b"a: &a ["
    + b",".join([b'"lol"'] * 10)
    + b"]\n"
    + b"".join(
        b"%s: &%s [%s]\n"
        % (
            f"b{i}".encode(),
            f"b{i}".encode(),
            b",".join([(b"*a" if i == 0 else f"*b{i - 1}".encode())] * 10),
        )
        for i in range(40)
    )
)

REFUSED = [
    Refused(
        "duplicate-keys",
        "personas/dup.yml",
        PERSONA + b"goals:\n  - again\n",
        "`goals` appears twice in the same mapping",
        "goals",
    ),
    Refused(
        "yaml-1.1-boolean",
        "personas/yes.yml",
        PERSONA.replace(b"short_name: Exec", b"short_name: NO"),
        "was read as false, not as text",
        "short_name",
    ),
    Refused(
        "impossible-date",
        "personas/date.yml",
        PERSONA.replace(b"last_reviewed: 2026-10-28", b"last_reviewed: 2026-02-30"),
        "`2026-02-30` is not a real date",
        "review.last_reviewed",
    ),
    Refused(
        "tab",
        "personas/tab.yml",
        b"name: x\nsnapshot:\n\trole: y\n",
        "a tab is used for indentation",
    ),
    Refused(
        "unclosed-quote", "personas/quote.yml", b'name: "x\nshort_name: y\n', "is never closed"
    ),
    Refused("not-utf8", "personas/latin.yml", b"name: G\xe9n\xe9ral\n", "is not UTF-8 text"),
    Refused("empty", "personas/empty.yml", b"# nothing\n", "is empty"),
    Refused(
        "null-where-a-mapping-belongs",
        "personas/null.yml",
        PERSONA.replace(b"snapshot:\n", b"snapshot: null\nold_snapshot:\n"),
        "is empty; it needs `key: value` lines",
        "snapshot",
    ),
    Refused(
        "python-tag",
        "personas/tag.yml",
        b"name: !!python/object/apply:os.system ['id']\n",
        "uses the tag `!!python/object/apply:os.system`",
        "name",
    ),
    Refused("billion-laughs", "clusters.yml", LAUGHS, "aliases and anchors are not supported"),
    Refused(
        "too-large", "personas/big.yml", b"name: " + b"x" * 2_100_000 + b"\n", "over the 2 MB limit"
    ),
    Refused(
        "too-deep",
        "clusters.yml",
        b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        "nested more than 24 levels deep",
    ),
    Refused(
        "id-escaping-the-folder",
        "programs/connect-2027/sessions/x.yml",
        SESSION % b'"../x"',
        "`../x` is not a valid id",
        "sessions.0.id",
    ),
    Refused(
        "absolute-path-id",
        "programs/connect-2027/sessions/x.yml",
        SESSION % b'"/etc/passwd"',
        "is not a valid id",
        "sessions.0.id",
    ),
    Refused("reserved-id", "personas/index.yml", PERSONA, "a name the site uses for its own pages"),
    Refused("id-differing-in-case", "personas/Exec.yml", PERSONA, "`Exec` is not a valid id"),
    Refused(
        "control-character",
        "personas/bell.yml",
        PERSONA.replace(b"name: Executive Decision-Maker", b'name: "Exec\\x07utive"'),
        "invisible control character U+0007",
        "name",
    ),
    Refused(
        "zero-width-in-id",
        "programs/connect-2027/sessions/x.yml",
        SESSION % '"lab\u200bone"'.encode(),
        "invisible character U+200B",
        "sessions.0.id",
    ),
    Refused(
        "bidi-override",
        "personas/bidi.yml",
        PERSONA.replace(b"name: Executive Decision-Maker", 'name: "Exec\u202eevitucexE"'.encode()),
        "invisible direction mark U+202E",
        "name",
    ),
]


@pytest.mark.parametrize("row", REFUSED, ids=[row.case for row in REFUSED])
def test_a_bad_file_is_refused_quickly_with_file_line_and_field(
    row: Refused, data_copy: Path
) -> None:
    target = data_copy / row.place
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(row.content)
    start = time.perf_counter()
    problems = problems_in(data_copy)
    assert time.perf_counter() - start < 5
    mine = [p for p in problems if p.startswith(row.place + ":")]
    assert any(row.message in p for p in mine), problems
    if row.field:
        assert any(f": {row.field}: " in p for p in mine if row.message in p), mine


def test_a_broken_link_is_a_problem_for_every_command_never_a_traceback(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_copy / "personas" / "gone.yml").symlink_to(data_copy / "nowhere.yml")
    (data_copy / "messaging" / "old.yml").symlink_to(data_copy / "no-such-file.yml")
    expected = ["personas/gone.yml:1:1: is a symbolic link", "messaging/old.yml:1:1: is a symbolic"]
    problems = problems_in(data_copy)
    assert all(any(p.startswith(line) for p in problems) for line in expected), problems
    with pytest.raises(InvalidPlaybook):  # what the build hook reports, problem by problem
        load_site(data_copy)
    for command in (["lint", str(data_copy)], ["validate", str(data_copy)]):
        assert main(command) == 1
        assert "is a symbolic link" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("place", "content"),
    [
        ("personas/digits.yml", b"9" * 1_990_000 + b"\n"),
        ("personas/long.yml", b"name: " + b"9" * 1_990_000 + b"%\n"),
        ("clusters.yml", b"clusters:\n" + b"  - 99999999999999999999999999999999%\n" * 50_000),
        ("messaging/exec.yml", b"snippets:\n  - body: '" + b"\xe2\x80\x8b" * 600_000 + b"'\n"),
    ],
    ids=["digits", "one-long-field", "many-numbers", "invisible-characters"],
)
def test_two_megabytes_of_anything_validate_in_under_two_seconds(
    data_copy: Path, place: str, content: bytes
) -> None:
    (data_copy / place).write_bytes(content)
    start = time.perf_counter()
    problems = problems_in(data_copy)
    assert time.perf_counter() - start < 2
    assert any(p.startswith(place) for p in problems)


def test_every_field_at_its_cap_validates_in_under_two_seconds(data_copy: Path) -> None:
    at_cap = "9" * (LINE_MAX_LENGTH - 1) + "%"
    kpis = data_copy / "programs" / "connect-2027" / "kpis.yml"
    kpis.write_text(re.sub(r"target: .*", f'target: "{at_cap}"', kpis.read_text()))
    text = "x" * TEXT_MAX_LENGTH
    sessions = data_copy / "programs" / "connect-2027" / "sessions" / "labs.yml"
    sessions.write_text(
        re.sub(r"(?m)^(    title: ).*$", rf"\g<1>{'y' * LINE_MAX_LENGTH}", sessions.read_text())
    )
    persona = data_copy / "personas" / "exec.yml"
    persona.write_text(persona.read_text().replace("snapshot:", f"notes: {text}\nsnapshot:", 1))
    start = time.perf_counter()
    problems = problems_in(data_copy)
    assert time.perf_counter() - start < 2
    assert problems  # the percentages are over 100, and `notes` is no field of a persona


def test_a_linked_file_or_folder_is_refused(data_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text("password: hunter2\n")
    (data_copy / "personas" / "leak.yml").symlink_to(secret)
    (data_copy / "messaging" / "linked").symlink_to(tmp_path)
    problems = problems_in(data_copy)
    assert any(p.startswith("personas/leak.yml:1:1: is a symbolic link") for p in problems)
    assert any(p.startswith("messaging/linked:1:1: is a symbolic link") for p in problems)
    assert not any("hunter2" in p or "password" in p for p in problems)


def test_nothing_is_ever_written_outside_the_output(tmp_path: Path) -> None:
    site = build_site(EXAMPLE, __import__("datetime").date(2026, 11, 23), history=False)
    outside = []

    def open_page(path: str):  # type: ignore[no-untyped-def]
        target = (tmp_path / "out" / path).resolve()
        if not target.is_relative_to((tmp_path / "out").resolve()):
            outside.append(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target.open("w", encoding="utf-8")

    write_pages(site, open_page)
    assert outside == []
    assert len({page.path for page in site.pages}) == len(site.pages)  # no two pages collide


# 3. Faults that must lose nothing ---------------------------------------------------------------


def _run_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_script", ROOT / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_failed_build_leaves_the_last_good_site_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = project_copy(tmp_path / "project")
    run = _run_module()
    monkeypatch.setattr(run, "ROOT", project)
    monkeypatch.setattr(run, "_bin", lambda name: Path(sys.executable).parent / name)
    monkeypatch.setenv("PLAYBOOK_DATA", str(project / "data"))
    assert run.build([]) == 0
    good = (project / "site" / "personas" / "exec.html").read_text()

    persona = project / "data" / "personas" / "exec.yml"
    persona.write_text(persona.read_text().replace("priority: primary", "priority: first"))
    assert run.build([]) != 0
    assert (project / "site" / "personas" / "exec.html").read_text() == good
    assert not (project / ".site-new").exists()
    # Naming another site folder keeps the same promise, for that folder, and site/ is untouched.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("the last good site")
    assert run.build(["-d", str(elsewhere)]) != 0
    assert run.build([f"--site-dir={elsewhere}"]) != 0
    assert (elsewhere / "index.html").read_text() == "the last good site"
    assert (project / "site" / "personas" / "exec.html").read_text() == good
    assert run.build(["--site-dir"]) == 2
    assert run.build(["-d", str(project)]) == 2  # never into the project itself
    assert sorted(path.name for path in tmp_path.iterdir()) == ["elsewhere", "project"]


def test_a_failing_page_names_the_page_and_its_data_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = build_site(EXAMPLE, __import__("datetime").date(2026, 11, 23), history=False)

    def broken(template: str, context: dict[str, object]) -> str:
        if template == "persona.md.jinja":
            raise KeyError("boom")
        return ""

    monkeypatch.setattr(site.renderer, "render", broken)
    with pytest.raises(RenderError) as caught:
        write_pages(site, lambda path: (tmp_path / "x.md").open("w"))
    message = str(caught.value)
    assert "could not render personas/" in message
    assert f"(from {EXAMPLE.name}/personas/" in message
    assert "KeyError" in message


def test_a_failing_macro_fails_the_build_with_the_page_named_and_no_traceback(
    tmp_path: Path,
) -> None:
    project = project_copy(tmp_path / "project")
    (project / "docs" / "broken.md").write_text(
        "---\nrender_macros: true\n---\n# Broken\n\n{{ program_at_a_glance('nope') }}\n"
    )
    result = mkdocs_build(project, project / "site", project / "data")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Macro error in broken.md: there is no program `nope`" in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    "payload",
    [
        "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
        "{{ lipsum.__globals__['os'].system('touch MARKER') }}",
        "{% set x = joiner.__init__.__globals__.os.system('touch MARKER') %}",
    ],
)
def test_a_page_that_reaches_for_python_fails_the_build_and_runs_nothing(
    tmp_path: Path, payload: str
) -> None:
    project = project_copy(tmp_path / "project")
    marker = tmp_path / "pwned"
    page = f"---\nrender_macros: true\n---\n# Evil\n\n{payload.replace('MARKER', str(marker))}\n"
    (project / "docs" / "evil.md").write_text(page)
    result = mkdocs_build(project, project / "site", project / "data")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Macro error in evil.md: line 3 below the front matter uses " in output
    assert "may only call the playbook's macros" in output
    assert "Traceback" not in output
    assert not marker.exists()


def test_generate_reports_a_failing_page_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import playbook.site

    def broken(self: object, page: object) -> str:
        raise ValueError("a template bug")

    monkeypatch.setattr(playbook.site.Site, "render", broken)
    assert main(["generate", str(tmp_path / "out"), "--data", str(EXAMPLE)]) == 1
    assert "could not render" in capsys.readouterr().err


# 4. Hostile text in a valid playbook: it reaches the site, as text ------------------------------


class _Tags(HTMLParser):
    """Every start tag with its attributes, the text of <title>, and the text of <script>s."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.title = ""
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in = tag if tag in ("title", "script") else None
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.scripts[-1] += data


def _parsed(page: Path) -> _Tags:
    parser = _Tags()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.mark.build
def test_hostile_text_puts_no_handler_script_or_remote_url_on_any_page(
    hostile_site: HostileSite,
) -> None:
    pages = sorted(hostile_site.site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        parsed = _parsed(page)
        for tag, attrs in parsed.tags:
            for name, value in attrs:
                where = f"{page.relative_to(hostile_site.site)}: <{tag} {name}={value!r}>"
                assert not name.startswith("on"), where
                assert name not in ("autofocus", "data-x"), where
                if name in ("href", "src", "action", "formaction") and value:
                    compact = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                    assert not compact.startswith("javascript:"), where
                    assert "evil.example" not in compact, where
        assert not any("alert(" in script for script in parsed.scripts), page


@pytest.mark.build
def test_hostile_names_are_page_titles_exactly_as_written(hostile_site: HostileSite) -> None:
    site = hostile_site.site
    assert _parsed(site / "index.html").title.strip() == hostile.TITLE
    exec_title = _parsed(site / "personas" / "exec.html").title.strip()
    assert exec_title == f"{hostile.EXEC_NAME} - {hostile.TITLE}"
    text = html.unescape(re.sub(r"<[^>]+>", "", (site / "personas" / "exec.html").read_text()))
    assert "[x](javascript:alert('md'))" in text and "{{ 7*7 }}" in text
    assert "49" not in re.findall(r"\b49\b", text)  # the template was never evaluated


@pytest.mark.build
def test_a_hostile_test_name_shows_as_written_beside_its_variants(
    hostile_site: HostileSite,
) -> None:
    page = (hostile_site.site / "messaging" / "exec.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert text.count(f"A/B test: {hostile.TEST_NAME}, variant") == 2
    assert "alert('test')</script>" not in page
