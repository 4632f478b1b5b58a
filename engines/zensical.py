"""The playbook as a Zensical project: `python -m engines.zensical OUT_DIR [--build]`.

Zensical, Material for MkDocs' successor, reads MkDocs' settings but runs neither the playbook's
MkDocs plugin nor gen-files; it emulates mkdocs-macros. So this writes a project it builds as it
is:

- OUT_DIR/zensical.toml: mkdocs.yml's settings less the playbook plugin and gen-files, with the
  site name and the navigation the plugin takes from the data, and Material's classic look;
- OUT_DIR/docs/: the hand-written pages and every generated page (as `playbook generate` writes
  them), each with its edit link in its front matter;
- OUT_DIR/overrides/: one theme partial that shows that edit link (Zensical makes edit links
  from repo_url and edit_uri alone, which would send a generated page's to a Markdown file that
  is not in the repository);
- OUT_DIR/macros/ and OUT_DIR/data/: the macros adapter and a copy of the data, for the
  hand-written pages that opt in (`render_macros: true`): Zensical's emulation runs them.

With --build it then runs `zensical build --strict` there, which builds into OUT_DIR/site. Run it
from the repository root; `PLAYBOOK_DATA` and `PLAYBOOK_TODAY` work as for `mkdocs build`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from playbook.pages import navigation
from playbook.render import theme_text
from playbook.site import (
    InvalidPlaybook,
    RenderError,
    Site,
    data_dir,
    download_content,
    edit_url,
    load_site,
    rendered_pages,
)
from playbook_mkdocs.plugin import GUIDES, HOME, NAME

ROOT = Path(__file__).resolve().parent.parent
THEME = Path(__file__).resolve().parent / "zensical_theme"
CONFIG = "zensical.toml"
HEADER = "# Written by `python -m engines.zensical` from mkdocs.yml and the data: do not edit.\n"


class ProjectError(Exception):
    """The project cannot be written where asked."""


def settings(root: Path, site: Site) -> dict[str, Any]:
    """mkdocs.yml's settings in `root`, as Zensical takes them, with what the plugin adds."""
    config = mkdocs_settings(root)
    for key in ("hooks", "watch", "docs_dir", "site_dir"):
        config.pop(key, None)  # no hooks run; the project has docs/ and builds into site/
    config["plugins"] = {
        name: options
        for name, options in _entries(config.get("plugins", []))
        if name not in ("gen-files", NAME)  # this writes the pages and sets what it sets
    }
    config["markdown_extensions"] = dict(_entries(config.get("markdown_extensions", [])))
    # As the plugin does: the theme prints the site name as it is.
    config["site_name"] = theme_text(site.playbook.settings.title)
    config["nav"] = navigation(site.sections, before=HOME, after=GUIDES)
    theme = config.get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else theme
    config["theme"] = {**theme, "variant": "classic", "custom_dir": "overrides"}
    return config


class _MkDocsSettings(yaml.SafeLoader):
    """YAML as MkDocs reads mkdocs.yml: `!ENV [NAME, …, default]` is the first variable set."""


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = (
        loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else [
            loader.construct_scalar(node)  # type: ignore[arg-type]
        ]
    )
    for name in names[:-1] if len(names) > 1 else names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return names[-1] if len(names) > 1 else None


_MkDocsSettings.add_constructor("!ENV", _environment)


def mkdocs_settings(root: Path) -> dict[str, Any]:
    """mkdocs.yml in `root`, read as MkDocs reads it (its `!ENV` values resolved)."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    settings: dict[str, Any] = yaml.load(text, Loader=_MkDocsSettings)
    return settings


def _entries(items: list[str | dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """MkDocs' list of plugins or Markdown extensions (`name` or `{name: options}`) as pairs."""
    for item in items:
        if isinstance(item, str):
            yield item, {}
        else:
            for name, options in item.items():
                yield name, options or {}


def write_project(
    out: Path, root: Path = ROOT, data: Path | None = None, today: dt.date | None = None
) -> Path:
    """Write the Zensical project of the playbook in `root` into `out`; return its config file.

    `out` must be empty, missing, or a project this function wrote, which it replaces.
    Raises InvalidPlaybook or RenderError as `playbook generate` does.
    """
    data = data or data_dir(root)
    site = load_site(data, today)
    config = settings(root, site)
    docs = root / (mkdocs_settings(root).get("docs_dir") or "docs")
    _clear(out)
    shutil.copytree(docs, out / "docs")
    edit_uri = config.get("edit_uri")
    if edit_uri:
        for written in (out / "docs").rglob("*.md"):  # the hand-written pages, as MkDocs links them
            if written.relative_to(out / "docs").parts[0] == "includes":
                continue  # not pages: text other pages include (the abbreviations)
            text = written.read_text(encoding="utf-8")
            url = urljoin(edit_uri, written.relative_to(out / "docs").as_posix())
            written.write_text(with_edit_url(text, url), encoding="utf-8")
    for page, text in rendered_pages(site):
        url = edit_url(page.source, edit_uri, root, docs) if page.source and edit_uri else None
        target = out / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(with_edit_url(text, url) if url else text, encoding="utf-8")
    for download in site.downloads.files:  # JSON, CSV, iCalendar, as the plugin adds them
        target = out / "docs" / download.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(download_content(download))
    shutil.copytree(root / "macros", out / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data, out / "data")
    shutil.copytree(THEME, out / "overrides")
    (out / CONFIG).write_text(HEADER + toml(config), encoding="utf-8")
    return out / CONFIG


def _clear(out: Path) -> None:
    if (out / CONFIG).is_file() and (out / CONFIG).read_text("utf-8").startswith(HEADER):
        shutil.rmtree(out)
    elif out.exists() and any(out.iterdir()):
        raise ProjectError(f"{out} is not empty: give a new folder, or one this command wrote")
    out.mkdir(parents=True, exist_ok=True)


def with_edit_url(text: str, url: str) -> str:
    """`text` (Markdown, with or without front matter) with `edit_url: url` in its front matter."""
    line = f"edit_url: {json.dumps(url)}\n"  # a JSON string is a YAML string
    if text.startswith("---\n"):
        return f"---\n{line}{text[4:]}"
    return f"---\n{line}---\n\n{text}"


def toml(settings: Mapping[str, Any]) -> str:
    """`settings` as TOML under [project]: one [project.KEY] table per setting that is a table."""
    text = _table("project", {k: v for k, v in settings.items() if not _is_table(v)})
    for key, value in settings.items():
        if _is_table(value):
            text += "\n" + _table(f"project.{_key(key)}", value)
    return text


def _is_table(value: object) -> bool:
    return isinstance(value, Mapping) and bool(value)


def _table(name: str, values: Mapping[str, Any]) -> str:
    lines = [f"[{name}]"]
    lines += [f"{_key(key)} = {_value(v, top=True)}" for key, v in values.items() if v is not None]
    return "\n".join(lines) + "\n"


def _key(key: object) -> str:
    text = str(key)
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else _string(text)


def _string(text: str) -> str:
    # JSON's escapes are TOML's; TOML also wants DEL escaped.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value: object, top: bool = False) -> str:
    """A TOML value: tables inline; an array at the top one item a line. TOML has no null."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, Mapping):
        items = [f"{_key(k)} = {_value(v)}" for k, v in value.items() if v is not None]
        return "{ " + ", ".join(items) + " }" if items else "{}"
    if isinstance(value, list | tuple):
        items = [_value(item) for item in value]
        if top and items:
            return "[\n" + "".join(f"  {item},\n" for item in items) + "]"
        return "[" + ", ".join(items) + "]"
    raise TypeError(f"TOML has no value like {value!r}")


def build(project: Path) -> int:
    """`zensical build --strict` in `project`; its exit status."""
    command = [sys.executable, "-m", "zensical", "build", "--strict"]
    return subprocess.call(command, cwd=project)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder to write to")
    parser.add_argument("--data", type=Path, help="the data folder (default: as mkdocs build)")
    parser.add_argument(
        "--build", action="store_true", help="then build it with `zensical build --strict`"
    )
    args = parser.parse_args(argv)
    try:
        config = write_project(args.out_dir, data=args.data)
    except InvalidPlaybook as invalid:
        for problem in invalid.problems:
            print(problem.format(), file=sys.stderr)
        print(f"\n{invalid}. Nothing was written.", file=sys.stderr)
        return 1
    except (RenderError, ProjectError) as error:
        print(f"engines.zensical: {error}", file=sys.stderr)
        return 1
    print(f"wrote {config}")
    return build(args.out_dir) if args.build else 0


if __name__ == "__main__":
    sys.exit(main())
