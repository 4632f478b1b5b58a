"""The few git commands the playbook needs: where the repository is, and running git in it."""

from __future__ import annotations

import subprocess
from pathlib import Path

GitError = (OSError, subprocess.CalledProcessError)
"""What a git call raises when git or the repository is not there, or the command fails."""


def git(args: list[str], cwd: Path) -> bytes:
    """The output of `git ARGS` run in `cwd`; raises one of GitError if it fails."""
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True).stdout


def toplevel(path: Path) -> Path:
    """The root of the git repository `path` lies in; raises one of GitError outside one."""
    return Path(git(["rev-parse", "--show-toplevel"], path).decode().strip()).resolve()
