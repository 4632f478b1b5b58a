"""The fast preview: `mkdocs serve --dirty` rebuilds only the generated pages an edit changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
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
