"""When data last changed, from git history."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from playbook.history import changed_on, last_changed


def commit(repo: Path, message: str, date: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{date}T12:00:00",
        "GIT_COMMITTER_DATE": f"{date}T12:00:00",
    }
    for args in (
        ["add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", message],
    ):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_the_newest_commit_of_each_file_and_folder(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    data = tmp_path / "data"
    (data / "personas").mkdir(parents=True)
    (data / "personas" / "exec.yml").write_text("a\n")
    (data / "personas" / "champion.yml").write_text("a\n")
    commit(tmp_path, "first", "2026-09-01")
    (data / "personas" / "exec.yml").write_text("b\n")
    commit(tmp_path, "second", "2026-10-15")

    dates = last_changed(data)

    assert dates[(data / "personas" / "exec.yml").resolve()] == dt.date(2026, 10, 15)
    assert dates[(data / "personas" / "champion.yml").resolve()] == dt.date(2026, 9, 1)
    assert changed_on(data / "personas", dates) == dt.date(2026, 10, 15)
    assert changed_on(data / "roles.yml", dates) is None


def test_outside_a_repository_there_are_no_dates(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    assert last_changed(tmp_path / "data") == {}
