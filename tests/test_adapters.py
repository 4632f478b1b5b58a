"""The MkDocs adapters: the playbook plugin's whole-build work on a real MkDocs configuration."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import PluginCollection

import playbook
from playbook.site import build_site, rendered_pages
from playbook_mkdocs.plugin import NAME, PlaybookPlugin
from tests.conftest import EXAMPLE, ROOT, TODAY, child_processes


def _config() -> MkDocsConfig:
    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture
def config(monkeypatch: pytest.MonkeyPatch) -> Iterator[MkDocsConfig]:
    monkeypatch.setenv("PLAYBOOK_TODAY", TODAY)
    config = _config()
    yield config
    _plugin(config).on_shutdown()  # stop any rendering process


def _plugin(config: MkDocsConfig) -> PlaybookPlugin:
    plugin = config.plugins[NAME]
    assert isinstance(plugin, PlaybookPlugin)
    return plugin


def test_mkdocs_yml_lists_the_plugin_after_the_others() -> None:
    # Its events run after the other plugins', as the hook module's did.
    assert list(_config().plugins)[-1] == NAME


def test_on_config_takes_name_and_nav_from_the_data_and_watches_it(config: MkDocsConfig) -> None:
    config = _plugin(config).on_config(config)
    assert config.site_name == "Lumora Persona Playbook"
    assert config.nav[0] == {"Home": "index.md"}
    personas = next(entry["Personas"] for entry in config.nav if "Personas" in entry)
    assert {"Executive Decision-Maker": "personas/exec.md"} in personas
    # `mkdocs serve --livereload` rebuilds when a data file or a page template changes.
    assert str(EXAMPLE) in config.watch
    assert str(Path(playbook.__file__).parent / "templates") in config.watch


def test_on_config_stops_the_build_on_invalid_data(
    data_copy: Path,
    config: MkDocsConfig,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    (data_copy / "roles.yml").unlink()
    monkeypatch.setenv("PLAYBOOK_DATA", str(data_copy))
    with pytest.raises(PluginError, match="Nothing was built"):
        _plugin(config).on_config(config)
    assert "roles.yml:1:1: is missing" in caplog.text


@pytest.mark.parametrize("command", ["build", "serve"])
def test_the_plugin_hands_out_each_page_as_rendered_in_process(
    config: MkDocsConfig, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under `build` the pages come from the rendering process, under `serve` from this one."""
    # The plugin forks only while the build has one thread; other tests leave threads running.
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    expected = {
        page.path: text
        for page, text in rendered_pages(build_site(EXAMPLE, dt.date.fromisoformat(TODAY)))
    }
    plugin = _plugin(config)
    plugin.on_startup(command=command, dirty=False)
    before = child_processes()
    plugin.on_config(config)
    started = child_processes() - before
    assert len(started) == (1 if command == "build" else 0)
    assert {path: plugin.text(path) for path in sorted(expected, reverse=True)} == expected
    plugin.on_post_build(config=config)
    assert not started & child_processes()


def test_the_site_is_validated_again_only_when_the_data_changes(
    data_copy: Path, config: MkDocsConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAYBOOK_DATA", str(data_copy))
    plugin = _plugin(config)
    plugin.on_startup(command="serve", dirty=True)
    plugin.on_config(config)
    first = plugin.site
    plugin.on_config(_config())  # `mkdocs serve` rebuilds with a fresh config, the same plugin
    assert plugin.site is first
    persona = data_copy / "personas" / "exec.yml"
    persona.write_text(persona.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    plugin.on_config(_config())
    assert plugin.site is not first


@pytest.mark.parametrize(
    "meta",
    [{}, {"title": "x"}, {"title": "x", "render_macros": True}, {"render_macros": False}],
)
def test_a_generated_page_whose_front_matter_was_lost_fails_the_build(
    config: MkDocsConfig, meta: dict[str, object]
) -> None:
    plugin = _plugin(config)
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_config(config)
    plugins = PluginCollection()  # the plugin's page events as MkDocs runs them
    plugins["playbook"] = plugin
    page = SimpleNamespace(file=SimpleNamespace(src_uri="personas/exec.md"), meta=meta)
    with pytest.raises(PluginError, match="front matter did not come through"):
        plugins.on_page_markdown("# x", page=page, config=config, files=None)
    page.meta = {"title": "x", "render_macros": False}
    assert plugins.on_page_markdown("# x", page=page, config=config, files=None) == "# x"
    hand_written = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"), meta={})
    assert plugins.on_page_markdown("# x", page=hand_written, config=config, files=None) == "# x"
