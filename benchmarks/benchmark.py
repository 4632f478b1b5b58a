"""The build benchmark: `python3 run.py benchmark [--sizes S,M,L] [--xl]`. Not part of the tests.

For each size it times, in one run:
- `playbook validate` on the data;
- the full `mkdocs build --strict` (the playbook plugin, gen-files, macros: the real thing), cold:
  with nothing kept from an earlier build (an empty $PLAYBOOK_CACHE), and its peak memory (the
  largest resident set of its processes);
- the floor: `mkdocs build` of the same generated Markdown, written out as plain files, with the
  generation plugins off. The difference is what generation, validation and macros cost;
- the warm build: after one persona's pain point is reworded, the full build again with what the
  cold build kept (README, "Performance");
- with --rebuild, the preview rebuild after one persona file changes: under `run.py serve`
  (`mkdocs serve`, every page rebuilt) and `run.py preview` (`mkdocs serve --dirty` noticing
  saves sooner, `playbook_mkdocs.serve`: the pages drawn from that file, then in another build
  the others whose text changed), each run as run.py runs it, the medians of five edits;
- with --engines, the same site by the other engines (README, "Engines"): `properdocs build
  --strict`, and Zensical: writing its project and building it (`python -m engines.zensical
  OUT --build`), and the `zensical build --strict` of that project alone;
- with --check, what the pull-request check runs on that edit at S and L, step by step, in a
  copy of the project holding that size's data (`benchmarks/check.py`).
XL (four times L) is built only when asked for (`--xl`). It prints a table and writes it, with the
raw figures, to benchmarks/results.md and .json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import yaml
from engines.zensical import mkdocs_settings
from run import COMMANDS

from benchmarks.check import pr_check
from benchmarks.synthetic import SIZES, synthesize
from playbook.pages import navigation
from playbook.site import build_site
from playbook_mkdocs.plugin import GUIDES, HOME, NAME

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data"
TODAY = "2026-11-23"
BIN = Path(sys.executable).parent
ENV = {
    **os.environ,
    "PLAYBOOK_TODAY": TODAY,
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
}


def _timed(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> float:
    return _measured(command, env, cwd)[0]


def _measured(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, int]:
    """Seconds `command` took, and the peak resident set of its largest process, in MB."""
    with tempfile.TemporaryFile("w+") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=output)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{output.read()}")
    return elapsed, usage.ru_maxrss // 1024  # Linux counts it in KB


def _floor_project(data: Path, work: Path) -> Path:
    """The same pages as plain Markdown files, with the generation plugins off."""
    project = work / "floor"
    shutil.copytree(ROOT / "docs", project / "docs")
    subprocess.run(
        [str(BIN / "playbook"), "generate", str(project / "docs"), "--data", str(data)],
        env=ENV,
        check=True,
        capture_output=True,
    )
    config = mkdocs_settings(ROOT)
    site = build_site(data, dt.date.fromisoformat(TODAY), history=False)
    config.pop("watch", None)
    config["plugins"] = [
        p
        for p in config["plugins"]
        if p != NAME and (not isinstance(p, dict) or not ({"gen-files", "macros"} & set(p)))
    ]
    config["site_name"] = site.playbook.settings.title
    config["nav"] = navigation(site.sections, before=HOME, after=GUIDES)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return project


def _items(data: Path) -> int:
    """Personas, programs, sessions and snippets: the things the playbook is made of."""
    from playbook.validate import validate

    playbook, _ = validate(data)
    assert playbook is not None
    sessions = sum(len(program) for program in playbook.sessions.values())
    return len(playbook.personas) + len(playbook.programs) + sessions + len(playbook.snippets)


def _site_size(site: Path) -> tuple[int, int]:
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    return len(pages), sum(p.stat().st_size for p in pages)


def _guide_size(site: Path) -> float:
    """KB per guide page: the same text at every size, so any growth is the navigation's."""
    guides = list((site / "guides").glob("*.html"))
    return round(sum(p.stat().st_size for p in guides) / len(guides) / 1024, 1)


def _preview_rebuild(
    data: Path, port: int, work: Path, *, dirty: bool, edits: int = 5
) -> tuple[float, float]:
    """Seconds from saving one persona file to `mkdocs serve` reloading the browsers, and to
    the build after that under `--dirty` (the rest of the pages, `playbook_mkdocs.preview`):
    the medians of `edits` edits, each made once the last has been built."""
    served = work / f"served-{port}"
    shutil.copytree(data, served / "data")
    persona = _first_persona(served / "data")
    (step,) = COMMANDS["preview" if dirty else "serve"]  # exactly what run.py runs
    command = [str(BIN / step[0]), *step[1:], "-a", f"127.0.0.1:{port}"]
    env = {**ENV, "PLAYBOOK_DATA": str(served / "data"), "PLAYBOOK_CACHE": str(served / "cache")}
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[tuple[float, str]] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append((time.perf_counter(), line))
            if "Serving on" in line:
                ready.set()

    def reloads(since: float) -> list[float]:
        return [t for t, line in list(lines) if t > since and "Reloading browsers" in line]

    def wait_for(count: int, since: float) -> list[float]:
        deadline = time.perf_counter() + 300
        while len(found := reloads(since)) < count:
            if time.perf_counter() > deadline:
                tail = "".join(line for _, line in lines[-30:])
                raise SystemExit(f"{' '.join(command)} did not rebuild after the edit:\n{tail}")
            time.sleep(0.01)
        return found

    threading.Thread(target=read, daemon=True).start()
    first, rest = [], []
    try:
        if not ready.wait(600):
            raise SystemExit("mkdocs serve did not start")
        for _ in range(edits):
            time.sleep(1)
            saved = time.perf_counter()
            _edit_pain_point(persona)
            found = wait_for(2 if dirty else 1, saved)
            time.sleep(1)  # no build after those
            if len(reloads(saved)) != len(found):
                raise SystemExit("mkdocs serve rebuilt more often than the edit asks")
            first.append(found[0] - saved)
            rest.append(found[-1] - saved)
        return statistics.median(first), statistics.median(rest)
    finally:
        process.terminate()
        process.wait(30)


def _edited(data: Path, out: Path) -> Path:
    """A copy of `data` with one persona's first pain point reworded."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(data, out)
    _edit_first_persona(out)
    return out


def _edit_first_persona(data: Path) -> None:
    _edit_pain_point(_first_persona(data))


def _first_persona(data: Path) -> Path:
    return sorted((data / "personas").glob("*.yml"))[0]


def _edit_pain_point(persona: Path) -> None:
    """A content lead's typical edit: reword the persona's first pain point (in the text, as an
    editor does: the file's other lines, its comment among them, stay as they are)."""
    text = persona.read_text(encoding="utf-8")
    first = yaml.safe_load(text)["pain_points"][0]
    line = f"- {first}\n"
    if line not in text:
        raise SystemExit(f"{persona}: its first pain point is not written on one line")
    persona.write_text(text.replace(line, f"- {first} (edited)\n", 1), encoding="utf-8")


def _engine_commands(data: Path, work: Path) -> dict[str, tuple[list[str], Path]]:
    """The other engines' builds of `data`, by the column they are timed in: (command, cwd)."""
    python = str(BIN / "python")
    project = work / "zensical"
    properdocs = [str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml"]
    return {
        "properdocs_s": ([*properdocs, "-d", str(work / "site-properdocs")], ROOT),
        "zensical_s": (
            [python, "-m", "engines.zensical", str(project), "--data", str(data), "--build"],
            ROOT,
        ),
        "zensical_build_s": ([python, "-m", "zensical", "build", "--strict", "--clean"], project),
    }


def _data(name: str, work: Path) -> Path:
    if name == "S":
        data = work / "S" / "data"
        shutil.copytree(EXAMPLE, data)
        return data
    return synthesize(EXAMPLE, work / name / "data", SIZES[name])


def run(
    sizes: list[str],
    rebuild: bool,
    repeat: int,
    engines: bool = False,
    check: Path | None = None,
) -> list[dict[str, Any]]:
    """The table's rows; with `check`, the check's journeys' report is written there."""
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        for name in sizes:
            data = _data(name, work)
            edited = _edited(data, work / name / "edited" / "data")  # pages name the folder
            cache = work / name / "cache"
            env = {**ENV, "PLAYBOOK_DATA": str(data), "PLAYBOOK_CACHE": str(cache)}
            warm_env = {**env, "PLAYBOOK_DATA": str(edited)}
            validate_command = [str(BIN / "playbook"), "validate", str(data)]
            validate = statistics.median(_timed(validate_command, env) for _ in range(repeat))
            full_site = work / name / "site-full"
            build = [str(BIN / "mkdocs"), "build", "--strict", "-d"]
            floor_project = _floor_project(data, work / name)
            full_runs, floor_runs, warm_runs, memory = [], [], [], []
            engine_runs: dict[str, list[float]] = {}
            for _ in range(repeat):  # interleaved, so a slow spell of the machine hits all
                shutil.rmtree(cache, ignore_errors=True)  # cold: nothing kept
                seconds, peak = _measured([*build, str(full_site)], env)
                full_runs.append(seconds)
                memory.append(peak)
                floor_runs.append(
                    _timed(
                        [str(BIN / "mkdocs"), "build", "-d", str(work / name / "site-floor")],
                        ENV,
                        cwd=floor_project,
                    )
                )
                warm_runs.append(_timed([*build, str(work / name / "site-warm")], warm_env))
                if engines:  # in order: the Zensical build alone needs the project written
                    for column, (command, cwd) in _engine_commands(data, work / name).items():
                        engine_runs.setdefault(column, []).append(_timed(command, env, cwd=cwd))
            full, floor = statistics.median(full_runs), statistics.median(floor_runs)
            warm = statistics.median(warm_runs)
            pages, size = _site_size(full_site)
            items = _items(data)
            row = {
                "size": name,
                "pages": pages,
                "validate_s": round(validate, 2),
                "build_s": round(full, 2),
                "floor_s": round(floor, 2),
                "overhead": round(full / floor, 3),
                "warm_s": round(warm, 2),
                "warm_share": round(warm / floor, 3),
                "rss_mb": max(memory),
                "ms_per_page": round(1000 * full / pages, 1),
                "kb_per_page": round(size / pages / 1024, 1),
                "kb_per_guide": _guide_size(full_site),
                "validate_share": round(validate / full, 3),
                "items": items,
                "ms_per_item": round(1000 * full / items, 2),
                "kb_per_item": round(size / items / 1024, 2),
            }
            for column, runs in engine_runs.items():
                row[column] = round(statistics.median(runs), 2)
            if rebuild:
                port = 8700 + 2 * len(results)
                full_rebuild, _ = _preview_rebuild(data, port, work, dirty=False)
                fast, rest = _preview_rebuild(data, port + 1, work, dirty=True)
                row["rebuild_s"] = round(full_rebuild, 2)
                row["fast_rebuild_s"] = round(fast, 2)
                row["fast_rest_s"] = round(rest, 2)
            if check is not None and name in ("S", "L"):  # the example, and at scale
                report = check.with_name(f"{check.stem}-{name}.txt")
                row.update(pr_check(data, work / f"check-{name}", _edit_first_persona, report))
            print(_table([row], header=not results), flush=True)
            results.append(row)
    return results


COLUMNS = [
    ("size", "size"),
    ("pages", "pages"),
    ("validate_s", "validate (s)"),
    ("build_s", "full build (s)"),
    ("floor_s", "floor (s)"),
    ("overhead", "full / floor"),
    ("ms_per_page", "ms per page"),
    ("kb_per_page", "KB per page"),
    ("kb_per_guide", "KB per guide page"),
    ("validate_share", "validate / build"),
    ("warm_s", "warm build (s)"),
    ("warm_share", "warm / floor"),
    ("rss_mb", "peak memory (MB)"),
    ("rebuild_s", "serve rebuild (s)"),
    ("fast_rebuild_s", "preview rebuild (s)"),
    ("fast_rest_s", "preview, every page current (s)"),
    ("properdocs_s", "ProperDocs build (s)"),
    ("zensical_s", "Zensical project + build (s)"),
    ("zensical_build_s", "Zensical build alone (s)"),
    ("check_validate_s", "check: validate (s)"),
    ("check_lint_s", "check: lint (s)"),
    ("check_diff_s", "check: diff (s)"),
    ("check_build_s", "check: warm build (s)"),
    ("check_journeys_s", "check: content journeys (s)"),
    ("check_journeys", "check: journeys' outcome"),
    ("check_s", "check: end to end (s)"),
    ("items", "data items"),
    ("ms_per_item", "ms per item"),
    ("kb_per_item", "KB per item"),
]


def _table(rows: list[dict[str, Any]], header: bool = True) -> str:
    columns = [(key, title) for key, title in COLUMNS if any(key in row for row in rows)]
    lines = []
    if header:
        lines.append("| " + " | ".join(title for _, title in columns) + " |")
        lines.append("|" + "|".join(" ---: " for _ in columns) + "|")
    for row in rows:
        lines.append("| " + " | ".join(str(row.get(key, "")) for key, _ in columns) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,M,L", help="comma-separated: S, M, L, XL")
    parser.add_argument("--xl", action="store_true", help="also build XL, four times L (slow)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="also time the pull-request check's steps on a content change at S and L (README); "
        "pytest's report of the journeys goes to OUT-check-S.txt and OUT-check-L.txt",
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="also time preview rebuilds under mkdocs serve, with and without --dirty (slow)",
    )
    parser.add_argument(
        "--engines",
        action="store_true",
        help='also time the build by ProperDocs and by Zensical (README, "Engines")',
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="time each build this many times and report the median (default: 3)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "benchmarks" / "results",
        help="write OUT.md and OUT.json (default: benchmarks/results)",
    )
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",")]
    sizes += ["XL"] if args.xl and "XL" not in sizes else []
    check = args.out.with_name(f"{args.out.name}-check.txt") if args.check else None  # -S, -L
    rows = run(sizes, args.rebuild, args.repeat, engines=args.engines, check=check)
    machine = (
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.machine()}"
    )
    stamp = dt.datetime.now().isoformat(timespec="minutes")
    report = f"Benchmark of {stamp} on {machine}\n\n{_table(rows)}\n"
    args.out.with_suffix(".md").write_text(report, encoding="utf-8")
    args.out.with_suffix(".json").write_text(
        json.dumps({"when": stamp, "machine": machine, "results": rows}, indent=2) + "\n",
        encoding="utf-8",
    )
    print(f"\nwrote {args.out.with_suffix('.md')} and {args.out.with_suffix('.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
