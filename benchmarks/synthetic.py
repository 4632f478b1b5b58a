"""Synthetic playbooks for the benchmark: the example's shape at any size, valid by construction.

Deterministic: the same size always gives the same files, so runs can be compared.
Organisation-wide files are the example's. Personas are the example's five, repeated and
renumbered. Each program targets a fixed number of personas, so a program's pages stay the
same size as the playbook grows: the benchmark measures growth in the number of things, not
in how much each page holds.
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as Dumper
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

ORGANISATION_FILES = (
    "playbook.yml",
    "channels.yml",
    "roles.yml",
    "tagging.yml",
    "clusters.yml",
    "icp.yml",
    "templates.yml",
)
AUDIENCE = 10
SCHEMA_LINE = "# yaml-language-server: $schema="
"""How a data file points its editor at its schema (the example's files each do)."""
"""Personas each program is for."""
WORDS = (
    "Data",
    "Pipelines",
    "Governance",
    "Streaming",
    "Lakehouse",
    "Quality",
    "Lineage",
    "Cost",
    "Security",
    "Adoption",
    "Roadmap",
    "Platform",
    "Analytics",
    "Observability",
    "Migration",
    "Catalog",
    "Sharing",
    "Compliance",
    "Reliability",
    "Scale",
)


@dataclass(frozen=True)
class Size:
    """How many of each thing a synthetic playbook holds."""

    name: str
    personas: int
    programs: int
    sessions: int
    snippets: int


SIZES = {
    "M": Size("M", personas=20, programs=4, sessions=600, snippets=2000),
    "L": Size("L", personas=60, programs=12, sessions=2400, snippets=8000),
    "XL": Size("XL", personas=240, programs=48, sessions=9600, snippets=32000),
}


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def _dump(path: Path, data: Any, like: Path | None = None) -> None:
    """Write `data` to `path`, pointing the editor at its schema as the file `like` does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
    if like is not None:
        first = like.read_text(encoding="utf-8").partition("\n")[0]
        text = f"{first}\n{text}" if first.startswith(SCHEMA_LINE) else text
    path.write_text(text, encoding="utf-8")


def synthesize(example: Path, out: Path, size: Size) -> Path:
    """Write a playbook of `size` into `out` (replaced if it exists), shaped like `example`."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for name in ORGANISATION_FILES:
        shutil.copy(example / name, out / name)
    settings = _load(out / "playbook.yml")
    settings["featured_program"] = "program-01"
    settings["lint"]["waivers"] = []
    # The personas are renumbered copies of five, so each shares most of its words with a fifth
    # of the others; a real playbook's differ. Flag only identical ones, or the health page would
    # list a finding per pair of copies, a number that grows with the square of the personas.
    settings["lint"]["overlap_percent"] = 100
    _dump(out / "playbook.yml", settings, example / "playbook.yml")
    channels = {c["id"]: c for c in _load(example / "channels.yml")["channels"]}
    clusters = [c["id"] for c in _load(example / "clusters.yml")["clusters"]]

    personas = _personas(example, out, size)
    templates = _load(out / "templates.yml")
    letter_for = set(templates["convince_your_manager"]["applies_to"])
    templates["convince_your_manager"]["applies_to"] = [
        p["id"] for p in personas if p["base"] in letter_for
    ]
    _dump(out / "templates.yml", templates, example / "templates.yml")
    programs = _programs(example, out, size, personas, clusters)
    _snippets(example, out, size, personas, programs, channels)
    return out


def _personas(example: Path, out: Path, size: Size) -> list[dict[str, Any]]:
    paths = sorted((example / "personas").glob("*.yml"))
    bases = [_load(path) for path in paths]
    personas = []
    for number in range(1, size.personas + 1):
        data = copy.deepcopy(bases[(number - 1) % len(bases)])
        base = paths[(number - 1) % len(bases)].stem
        data["name"] = f"{data['name']} {number}"
        data["short_name"] = f"{data['short_name']} {number}"
        data["rank"] = number
        for job in data["jtbd"]:  # each persona's own jobs, as a real playbook's are
            job["want"] = f"{job['want']} for team {number}"
        data["priority"] = "primary" if number <= 5 else "secondary"
        persona_id = f"persona-{number:03d}"
        data["goals"] = [f"{goal} ({persona_id})" for goal in data["goals"]]
        _dump(out / "personas" / f"{persona_id}.yml", data, paths[0])
        personas.append({**data, "id": persona_id, "base": base})
    return personas


def _programs(
    example: Path, out: Path, size: Size, personas: list[dict[str, Any]], clusters: list[str]
) -> list[dict[str, Any]]:
    source = example / "programs" / "connect-2027"
    base, timeline = _load(source / "program.yml"), _load(source / "timeline.yml")
    kpis = _load(source / "kpis.yml")
    for kpi in kpis["kpis"]:
        kpi.update(personas=[], by_persona={}, target=kpi.get("target") or "> 10%")
    ids = [persona["id"] for persona in personas]
    per_program = size.sessions // size.programs
    programs = []
    for number in range(1, size.programs + 1):
        program_id = f"program-{number:02d}"
        audience = [ids[(number * 7 + k) % len(ids)] for k in range(min(AUDIENCE, len(ids)))]
        data = copy.deepcopy(base)
        data["name"] = f"{base['name']} {number}"
        data["audiences"] = [
            {"persona": pid, "focus": ["Sessions, labs and meetings for this persona"]}
            for pid in audience
        ]
        for offer in data["offers"]:
            offer["personas"] = []
        folder = out / "programs" / program_id
        _dump(folder / "program.yml", data, source / "program.yml")
        _dump(folder / "timeline.yml", timeline, source / "timeline.yml")
        _dump(folder / "kpis.yml", kpis, source / "kpis.yml")
        tracks = [track["id"] for track in data["tracks"]]
        by_track: dict[str, list[dict[str, Any]]] = {track: [] for track in tracks}
        for n in range(per_program):
            session = _session(program_id, n, tracks[n % len(tracks)], audience, clusters)
            by_track[session["track"]].append(session)
        for track, sessions in by_track.items():
            like = next((source / "sessions").glob("*.yml"))
            _dump(folder / "sessions" / f"{track}.yml", {"sessions": sessions}, like)
        programs.append({"id": program_id, "audience": audience})
    return programs


FORMATS = ("session", "lab", "panel", "workshop", "clinic", "roundtable", "briefing")


def _session(
    program_id: str, n: int, track: str, audience: list[str], clusters: list[str]
) -> dict[str, Any]:
    primary = audience[n % len(audience)]
    secondary = audience[(n + 3) % len(audience)]
    title = " ".join(WORDS[(n * k + k) % len(WORDS)] for k in (1, 3, 7))
    served = [primary] if secondary == primary else [primary, secondary]
    return {
        "id": f"{program_id}-session-{n + 1:04d}",
        "title": f"{title}: Session {n + 1}",
        "track": track,
        "format": FORMATS[n % len(FORMATS)],
        "abstract": f"What {title.lower()} means for the teams in the room, with examples.",
        "personas": {"primary": [primary], "secondary": served[1:]},
        "clusters": [clusters[n % len(clusters)]],
        "proof": ["Customer story", "Live demo"],
        "cta": {pid: f"Book a follow-up on {title.lower()}" for pid in served},
        "day": 1 + n % 2,
        "start": f"{9 + n % 8:02d}:{(n % 4) * 15:02d}",
        "duration": 45,
        "room": f"Room {1 + n % 12}",
    }


def _snippets(
    example: Path,
    out: Path,
    size: Size,
    personas: list[dict[str, Any]],
    programs: list[dict[str, Any]],
    channels: dict[str, dict[str, Any]],
) -> None:
    like = next((example / "messaging").glob("*.yml"))
    home: dict[str, str] = {}
    for program in programs:
        for pid in program["audience"]:
            home.setdefault(pid, program["id"])
    for position, persona in enumerate(personas):
        pid = persona["id"]
        used = [tactic["channel"] for tactic in persona["channels"]]
        snippets = []
        count = size.snippets // size.personas + (position < size.snippets % size.personas)
        for n in range(count):
            channel = channels[used[n % len(used)]]
            snippet: dict[str, Any] = {
                "id": f"{pid}-snippet-{n + 1:04d}",
                "persona": pid,
                "channel": channel["id"],
            }
            if pid in home:
                snippet["program"] = home[pid]
            if channel.get("subject"):
                snippet["subject"] = f"{WORDS[n % len(WORDS)]} for teams like yours {n + 1}"
            snippet.update(
                body=f"{WORDS[(n + 5) % len(WORDS)]} without the rework: see how peers did it, "
                f"and bring your questions. Message {n + 1} for {persona['short_name']}.",
                cta="Register now",
                cta_url=f"https://connect.lumora.example/register?m={n + 1}",
                status="live" if n % 3 else "approved",
                owner="product-marketing",
            )
            snippets.append(snippet)
        _dump(out / "messaging" / f"{pid}.yml", {"snippets": snippets}, like)
