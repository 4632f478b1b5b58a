"""JSON Schemas for the data files, generated from the models, for editors to check YAML."""

from __future__ import annotations

import json
from pathlib import Path

from playbook.layout import KINDS, Kind

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_text(kind: Kind) -> str:
    """The JSON Schema of `kind`, as the text written to its file."""
    schema = kind.model.model_json_schema()
    schema = {"$schema": SCHEMA_DIALECT, **schema}
    schema["description"] = f"{schema.get('description', '')}\n\nFile: data/{kind.pattern}".strip()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write one schema per data kind into `out_dir`; the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = out_dir / kind.schema_file
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(out_dir: Path) -> list[Path]:
    """The schema files in `out_dir` that are missing or differ from what the models give."""
    stale = []
    for kind in KINDS:
        path = out_dir / kind.schema_file
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(kind):
            stale.append(path)
    return stale
