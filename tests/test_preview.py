"""The fast preview: `mkdocs serve --dirty`, and `run.py preview`, which runs it noticing saves
sooner, rebuild only the generated pages an edit changes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from run import COMMANDS

from playbook_mkdocs.preview import Preview
from playbook_mkdocs.search import latest_entries
from playbook_mkdocs.serve import BUILD_DELAY, POLLING_INTERVAL, make_server
from tests.conftest import ROOT, TODAY


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _primary_navigation(page: str) -> str:
    """The site navigation in the page's left sidebar, as Material prints it."""
    start = page.index('<nav class="md-nav md-nav--primary"')
    return page[start : page.index('<div class="md-sidebar md-sidebar--secondary"', start)]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def _command(step: list[str]) -> list[str]:
    """A command of run.py's, with this environment's Python and scripts."""
    program = (
        sys.executable if step[0] == "python" else str(Path(sys.executable).with_name(step[0]))
    )
    return [program, *step[1:]]


(_RUN_PY_PREVIEW,) = COMMANDS["preview"]
PREVIEWS = [
    pytest.param([sys.executable, "-m", "mkdocs", "serve", "--dirty"], id="mkdocs serve --dirty"),
    pytest.param(_command(_RUN_PY_PREVIEW), id="run.py preview"),
]
"""The fast preview as MkDocs runs it, and as `run.py preview` does (`playbook_mkdocs.serve`)."""


class _Preview:
    """A fast preview (`command`) of a data folder, and the lines it has logged; it makes its
    folders in `temp`."""

    def __init__(self, command: list[str], data: Path, temp: Path) -> None:
        self.port = _free_port()
        env = {
            **os.environ,
            "TMPDIR": str(temp),
            "PLAYBOOK_DATA": str(data),
            "PLAYBOOK_TODAY": TODAY,
            "NO_MKDOCS_2_WARNING": "1",
            "DISABLE_MKDOCS_2_WARNING": "true",
        }
        address = f"127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [*command, "-a", address],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def reloads(self) -> int:
        return sum("Reloading browsers" in line for line in self.lines)

    def serving(self) -> bool:
        return any("Serving on" in line for line in self.lines)

    def wait(self, condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 120
        while not condition():
            assert time.monotonic() < deadline, "".join(self.lines)
            assert self.process.poll() is None, "".join(self.lines)
            time.sleep(0.05)

    def get(self, path: str) -> str:
        return _get(f"http://127.0.0.1:{self.port}/{path}")

    def stop(self) -> str:
        self.process.terminate()
        self.process.wait(30)
        return "".join(self.lines)


@pytest.mark.build
@pytest.mark.parametrize("command", PREVIEWS)
def test_the_fast_preview_shows_an_edit_and_stays_strict(
    command: list[str], data_copy: Path, tmp_path: Path
) -> None:
    temp = tmp_path / "temp"  # where the preview makes its folders
    temp.mkdir()
    preview = _Preview(command, data_copy, temp)
    try:
        preview.wait(preview.serving)
        before = preview.reloads()
        assert "edited in the preview" not in preview.get("personas/exec.html")
        persona = data_copy / "personas" / "exec.yml"
        text = persona.read_text(encoding="utf-8")
        first = "  - Fragmented toolset"  # the first pain point
        (site,) = (path for path in temp.glob("mkdocs_*") if "gen_files" not in path.name)
        (docs,) = temp.glob("playbook-preview-*/docs")  # the generated pages' Markdown
        edited_at = time.time()
        persona.write_text(text.replace(first, first + " edited in the preview", 1), "utf-8")
        preview.wait(lambda: preview.reloads() > before)
        assert "edited in the preview" in preview.get("personas/exec.html")
        preview.wait(lambda: preview.reloads() > before + 1)  # the rest of the pages
        # The one-pager was rebuilt; pages that do not show the pain point were left as they
        # were, and of the generated pages' Markdown only the one-pager's was written again.
        assert (site / "personas/exec.html").stat().st_mtime > edited_at
        assert (site / "programs/connect-2027/sessions.html").stat().st_mtime < edited_at
        assert (site / "guides/index.html").stat().st_mtime < edited_at
        assert (docs / "personas/exec.md").stat().st_mtime > edited_at
        assert (docs / "programs/connect-2027/sessions.md").stat().st_mtime < edited_at
    finally:
        log = preview.stop()
    assert "WARNING" not in log and "Aborted" not in log, log
    assert "A 'dirty' build is being performed" in log  # logged as information
    if command == _command(_RUN_PY_PREVIEW):  # terminated, it cleans up as when interrupted
        assert not list(temp.iterdir()), "".join(preview.lines)


@pytest.mark.build
@pytest.mark.parametrize("command", PREVIEWS)
def test_the_fast_preview_shows_the_edited_page_first_then_the_rest_and_searches_each_once(
    command: list[str], data_copy: Path, tmp_path: Path
) -> None:
    preview = _Preview(command, data_copy, tmp_path)
    try:
        preview.wait(preview.serving)
        before = preview.reloads()
        persona = data_copy / "personas" / "exec.yml"
        text = persona.read_text(encoding="utf-8")
        renamed = "name: Executive Decision-Maker, renamed"
        persona.write_text(text.replace("name: Executive Decision-Maker", renamed, 1), "utf-8")
        # First the page drawn from the file; then, in a build of its own, every other page.
        preview.wait(lambda: preview.reloads() > before)
        page = preview.get("personas/exec.html")
        assert "Decision-Maker, renamed" in page
        # Its navigation names it as it is now, and marks it as the page shown.
        navigation = _primary_navigation(page)
        active = navigation.split('<a href="exec.html" class="md-nav__link md-nav__link--active">')
        assert len(active) == 2, navigation
        label = " ".join(active[1].split("</a>")[0].split())
        assert label == '<span class="md-ellipsis"> Executive Decision-Maker, renamed </span>'
        preview.wait(lambda: preview.reloads() > before + 1)
        assert "Decision-Maker, renamed" in preview.get("personas/index.html")
        assert "Decision-Maker, renamed" in preview.get("personas/exec/agenda.html")
        index = json.loads(preview.get("search/search_index.json"))["docs"]
        time.sleep(1.5)  # time enough for a third build, were one asked for
        assert preview.reloads() == before + 2
    finally:
        log = preview.stop()
    assert "Rebuilding the 1 pages drawn from the file you edited first" in log, log
    assert "WARNING" not in log and "Aborted" not in log, log
    # Every page's entries once, the newest: Material's merge would keep the old ones of every
    # page rebuilt but the first.
    locations = [entry["location"] for entry in index]
    assert len(locations) == len(set(locations))
    titles = [entry["title"] for entry in index if entry["location"] == "personas/exec.html"]
    assert titles == ["Executive Decision-Maker, renamed"]
    listed = [entry["text"] for entry in index if entry["location"].startswith("personas/index")]
    assert any("Decision-Maker, renamed" in text for text in listed)


def test_the_preview_writes_a_page_again_only_when_its_text_changes(tmp_path: Path) -> None:
    preview = Preview()
    try:
        preview.keep("personas/a.md", "# A\n")
        preview.keep("downloads/a.csv", b"a,b\n")
        written = preview.docs / "personas/a.md"
        os.utime(written, ns=(10**9, 10**9))  # long ago: a write would make it newer
        preview.keep("personas/a.md", "# A\n")
        assert written.stat().st_mtime_ns == 10**9
        preview.keep("personas/a.md", "# A, edited\n")
        assert written.stat().st_mtime_ns > 10**9
        assert written.read_text(encoding="utf-8") == "# A, edited\n"
        assert (preview.docs / "downloads/a.csv").read_bytes() == b"a,b\n"
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        files = {file.src_uri: file for file in preview.files(config, "playbook")}
        assert set(files) == {"personas/a.md", "downloads/a.csv"}
        assert files["personas/a.md"].abs_src_path == str(written)
        assert files["personas/a.md"].is_documentation_page()
        assert files["personas/a.md"].edit_uri is None  # no edit link of MkDocs' making
        preview.retain({"downloads/a.csv"})  # the page is no longer in the site
        assert not written.exists()
        assert [file.src_uri for file in preview.files(config, "playbook")] == ["downloads/a.csv"]
    finally:
        preview.close()
    assert not preview.docs.exists()


def _entry(location: str, title: str) -> dict[str, str]:
    return {"location": location, "title": title, "text": f"about {title}"}


def _written(docs: list[dict[str, str]], **dumps: object) -> str:
    config = {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": [], "fields": {}}
    return json.dumps({"config": config, "docs": docs}, **dumps)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "dumps",
    [
        pytest.param({"separators": (",", ":"), "default": str}, id="as Material writes it"),
        pytest.param({}, id="with spaces"),
    ],
)
def test_the_search_index_keeps_each_pages_newest_entries(dumps: dict[str, object]) -> None:
    # A dirty build keeps the old entries of every page it rebuilt but the first, and appends
    # the new ones: b.html's section was renamed, c.html's page rebuilt unchanged.
    old = [_entry("a.html", "A"), _entry("b.html", "B"), _entry("b.html#x", "X")]
    old += [_entry("c.html", "C"), _entry("d.html", "D")]
    new = [_entry("b.html", "B"), _entry("b.html#y", "Y"), _entry("c.html", "C")]
    index = latest_entries(_written([*old, *new], **dumps))
    kept = [_entry("a.html", "A"), _entry("d.html", "D"), *new]
    assert index == _written(kept, separators=(",", ":"), default=str)
    assert latest_entries(index) == index


def test_the_preview_server_looks_for_saves_five_times_as_often_and_waits_half_as_long(
    tmp_path: Path,
) -> None:
    def builder() -> None:
        return None

    ours = make_server(builder, "127.0.0.1", _free_port(), str(tmp_path))
    mkdocs = LiveReloadServer(builder, "127.0.0.1", _free_port(), str(tmp_path))
    for server in (ours, mkdocs):
        server.watch(str(tmp_path))
    ((looks,), (mkdocs_looks,)) = (
        [emitter.timeout for emitter in server.observer.emitters] for server in (ours, mkdocs)
    )
    assert looks == POLLING_INTERVAL == mkdocs_looks / 5
    assert ours.build_delay == BUILD_DELAY == mkdocs.build_delay / 2


@pytest.mark.build
def test_the_preview_of_invalid_data_says_what_to_fix_and_stops(
    data_copy: Path, tmp_path: Path
) -> None:
    (data_copy / "roles.yml").unlink()
    env = {
        **os.environ,
        "TMPDIR": str(tmp_path),
        "PLAYBOOK_DATA": str(data_copy),
        "PLAYBOOK_TODAY": TODAY,
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [*_command(_RUN_PY_PREVIEW), "-a", f"127.0.0.1:{_free_port()}"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "roles.yml:1:1: is missing" in output
    assert "Nothing was built" in output and "Aborted" in output
    assert "Traceback" not in output
    assert not list(tmp_path.glob("mkdocs_*")), "the site folder was left behind"
