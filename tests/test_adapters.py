"""The MkDocs adapters: the hook's whole-build work on a real MkDocs configuration."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

import playbook
from tests.conftest import EXAMPLE, ROOT


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "playbook_hooks", ROOT / "hooks/playbook_hooks.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_on_config_takes_name_and_nav_from_the_data_and_watches_it() -> None:
    config = _hooks().on_config(load_config(str(ROOT / "mkdocs.yml")))
    assert config.site_name == "Lumora Persona Playbook"
    assert config.nav[0] == {"Home": "index.md"}
    personas = next(entry["Personas"] for entry in config.nav if "Personas" in entry)
    assert {"Executive Decision-Maker": "personas/exec.md"} in personas
    # `mkdocs serve --livereload` rebuilds when a data file or a page template changes.
    assert str(EXAMPLE) in config.watch
    assert str(Path(playbook.__file__).parent / "templates") in config.watch


def test_on_config_stops_the_build_on_invalid_data(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (data_copy / "roles.yml").unlink()
    monkeypatch.setenv("PLAYBOOK_DATA", str(data_copy))
    with pytest.raises(PluginError, match="Nothing was built"):
        _hooks().on_config(load_config(str(ROOT / "mkdocs.yml")))
    assert "roles.yml:1:1: is missing" in caplog.text


@pytest.mark.parametrize(
    "meta",
    [{}, {"title": "x"}, {"title": "x", "render_macros": True}, {"render_macros": False}],
)
def test_a_generated_page_whose_front_matter_was_lost_fails_the_build(
    meta: dict[str, object],
) -> None:
    hooks = _hooks()
    hooks.on_config(load_config(str(ROOT / "mkdocs.yml")))
    hooks.stop_rendering_ahead()
    page = SimpleNamespace(file=SimpleNamespace(src_uri="personas/exec.md"), meta=meta)
    with pytest.raises(PluginError, match="front matter did not come through"):
        hooks.on_page_markdown("# x", page)
    page.meta = {"title": "x", "render_macros": False}
    assert hooks.on_page_markdown("# x", page) == "# x"
    hand_written = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"), meta={})
    assert hooks.on_page_markdown("# x", hand_written) == "# x"
