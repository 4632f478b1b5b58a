"""The fast preview: `mkdocs serve --dirty` rebuilds only the generated pages an edit changes."""

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

from playbook.site import PageTimes
from tests.conftest import ROOT, TODAY


def test_page_times_keep_the_first_time_while_the_text_is_unchanged() -> None:
    times = PageTimes()
    first = times.since("personas/a.md", "# A\n")
    time.sleep(0.001)
    assert times.since("personas/a.md", "# A\n") == first
    changed = times.since("personas/a.md", "# A, edited\n")
    assert changed > first
    assert times.since("personas/a.md", "# A, edited\n") == changed
    assert times.since("personas/b.md", "# A, edited\n") > first
    assert PageTimes().since("personas/a.md", "# A\n") > first  # each owner keeps its own


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


@pytest.mark.build
def test_the_fast_preview_shows_an_edit_and_stays_strict(data_copy: Path, tmp_path: Path) -> None:
    port = _free_port()
    temp = tmp_path / "temp"  # where `mkdocs serve` makes its site folder
    temp.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(temp),
        "PLAYBOOK_DATA": str(data_copy),
        "PLAYBOOK_TODAY": TODAY,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
    }
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []
    served, rebuilt = threading.Event(), threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            served.set() if "Serving on" in line else None
            rebuilt.set() if "Reloading browsers" in line and served.is_set() else None

    threading.Thread(target=read, daemon=True).start()
    try:
        assert served.wait(120), "".join(lines)
        base = f"http://127.0.0.1:{port}"
        assert "edited in the preview" not in _get(f"{base}/personas/exec.html")
        persona = data_copy / "personas" / "exec.yml"
        text = persona.read_text(encoding="utf-8")
        first = "  - Fragmented toolset"  # the first pain point
        (site,) = (path for path in temp.glob("mkdocs_*") if "gen_files" not in path.name)
        edited_at = time.time()
        persona.write_text(text.replace(first, first + " edited in the preview", 1), "utf-8")
        assert rebuilt.wait(120), "".join(lines)
        assert "edited in the preview" in _get(f"{base}/personas/exec.html")
    finally:
        process.terminate()
        process.wait(30)
    log = "".join(lines)
    assert "WARNING" not in log and "Aborted" not in log, log
    assert "A 'dirty' build is being performed" in log  # logged as information
    # The one-pager was rebuilt; pages that do not show the pain point were left as they were.
    assert (site / "personas/exec.html").stat().st_mtime > edited_at
    assert (site / "programs/connect-2027/sessions.html").stat().st_mtime < edited_at
    assert (site / "guides/index.html").stat().st_mtime < edited_at


class _Preview:
    """`mkdocs serve --dirty` on a data folder, and the lines it has logged."""

    def __init__(self, data: Path, temp: Path) -> None:
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
        command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", address]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def reloads(self) -> int:
        return sum("Reloading browsers" in line for line in self.lines)

    def wait(self, condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 120
        while not condition():
            assert time.monotonic() < deadline, "".join(self.lines)
            time.sleep(0.05)

    def get(self, path: str) -> str:
        return _get(f"http://127.0.0.1:{self.port}/{path}")

    def stop(self) -> str:
        self.process.terminate()
        self.process.wait(30)
        return "".join(self.lines)


@pytest.mark.build
def test_the_fast_preview_shows_the_edited_page_first_then_the_rest_and_searches_each_once(
    data_copy: Path, tmp_path: Path
) -> None:
    preview = _Preview(data_copy, tmp_path)
    try:
        preview.wait(lambda: any("Serving on" in line for line in preview.lines))
        before = preview.reloads()
        persona = data_copy / "personas" / "exec.yml"
        text = persona.read_text(encoding="utf-8")
        renamed = "name: Executive Decision-Maker, renamed"
        persona.write_text(text.replace("name: Executive Decision-Maker", renamed, 1), "utf-8")
        # First the page drawn from the file; then, in a build of its own, every other page.
        preview.wait(lambda: preview.reloads() > before)
        assert "Decision-Maker, renamed" in preview.get("personas/exec.html")
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
