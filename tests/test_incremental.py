"""Validating again after an edit reads only the edited file, and finds what a fresh run finds."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

import playbook.validate.one_file as one_file
from playbook.site import SiteCache, render_page
from playbook.validate import CheckedFiles, validate
from tests.conftest import TODAY, Edit, formatted


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files read from now on."""
    read, seen = one_file.read, []

    def reading(path: Path) -> object:
        seen.append(path)
        return read(path)

    monkeypatch.setattr(one_file, "read", reading)
    return seen


def _touch(path: Path) -> None:
    """Make sure the file's time moves on, however coarse the file system's clock."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_only_an_edited_file_is_read_again_and_the_findings_are_a_fresh_runs(
    data_copy: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = CheckedFiles()
    first = validate(data_copy, check=checked)
    assert first[0] is not None and first == validate(data_copy)
    reads = _reads(monkeypatch)
    assert validate(data_copy, check=checked) == first
    assert reads == []  # nothing changed: nothing read
    edit("personas/exec.yml", "  - Fragmented toolset", "  - Fragmented toolset, edited")
    _touch(data_copy / "personas" / "exec.yml")
    again = validate(data_copy, check=checked)
    assert reads == [data_copy / "personas" / "exec.yml"]
    assert again == validate(data_copy) and again != first
    # A file broken and fixed again: its problems come and go as in a fresh run.
    edit("personas/exec.yml", "priority: primary", "priority: sometimes")
    _touch(data_copy / "personas" / "exec.yml")
    broken = validate(data_copy, check=checked)
    assert broken[0] is None and broken[1]
    assert formatted(broken[1], data_copy) == formatted(validate(data_copy)[1], data_copy)
    assert validate(data_copy, check=checked) == broken  # the problems are kept whole
    edit("personas/exec.yml", "priority: sometimes", "priority: primary")
    _touch(data_copy / "personas" / "exec.yml")
    assert validate(data_copy, check=checked) == again


def test_a_site_made_again_after_an_edit_renders_as_a_new_one(data_copy: Path, edit: Edit) -> None:
    today = dt.date.fromisoformat(TODAY)
    sites = SiteCache()
    before = sites.load(data_copy, today)
    assert sites.load(data_copy, today) is before  # unchanged: the same site
    edit("personas/exec.yml", "  - Fragmented toolset", "  - Fragmented toolset, edited")
    _touch(data_copy / "personas" / "exec.yml")
    after = sites.load(data_copy, today)
    assert after is not before and after.renderer is before.renderer  # one Jinja environment
    fresh = SiteCache().load(data_copy, today)
    assert [render_page(after, page) for page in after.pages] == [
        render_page(fresh, page) for page in fresh.pages
    ]
    assert "Fragmented toolset, edited" in render_page(
        after, after.page_by_path["personas/exec.md"]
    )
