"""Build the example and a size-M playbook into a folder, to diff two commits' sites byte for byte.

    python3 run.py snapshot OUT      # OUT/S and OUT/M: the built sites (OUT/M-data: M's data)
    diff -r BEFORE/S AFTER/S && diff -r BEFORE/M AFTER/M

A refactoring that changes no behaviour leaves both identical. Not part of the tests (an M build
takes a few seconds more than the suite should).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.synthetic import SIZES, synthesize

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PLAYBOOK_TODAY": "2026-11-23", "NO_MKDOCS_2_WARNING": "1"}


def snapshot(out: Path) -> int:
    """Build S (the example in data/) and M into `out`; the exit status of the first failure."""
    data = {"S": ROOT / "data", "M": synthesize(ROOT / "data", out / "M-data", SIZES["M"])}
    for size, folder in data.items():
        mkdocs = Path(sys.executable).parent / "mkdocs"
        command = [str(mkdocs), "build", "--strict", "--quiet", "--site-dir", str(out / size)]
        status = subprocess.call(command, cwd=ROOT, env={**ENV, "PLAYBOOK_DATA": str(folder)})
        if status != 0:
            return status
        print(f"Built {size} into {out / size}.")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to build into")
    return snapshot(parser.parse_args().out.resolve())


if __name__ == "__main__":
    sys.exit(main())
