"""The content checks: what any valid playbook in data/ must pass, whatever it holds.

Content leads change data/ every day; these checks name nothing in it. The browser journeys
(tests/browser) are content checks too. Tool behaviour is tested on tests/fixtures/playbook.
"""

from __future__ import annotations

from html import unescape
from pathlib import Path, PurePosixPath

import pytest

from playbook.cli import main
from playbook.index import Index
from playbook.layout import kind_of
from playbook.models.playbook import Playbook
from playbook.pages import locate
from tests.conftest import DATA, ROOT
from tests.test_links import broken_links

pytestmark = pytest.mark.content


def test_the_data_validates(content: Playbook) -> None:
    assert content.personas  # the fixture asserts there is no problem


def test_the_quality_rules_find_no_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--data", str(DATA)]) == 0, capsys.readouterr().out


@pytest.mark.build
def test_the_site_builds_strictly_and_every_link_leads_somewhere(content_site: Path) -> None:
    assert broken_links(content_site) == []


@pytest.mark.build
def test_every_persona_and_program_has_its_page(content: Playbook, content_site: Path) -> None:
    pages = {path.relative_to(content_site).as_posix() for path in content_site.rglob("*.html")}
    for persona_id in content.personas:
        assert f"personas/{persona_id}.html" in pages
    for program_id in content.programs:
        assert f"programs/{program_id}/index.html" in pages or any(
            page.startswith(f"programs/{program_id}/") for page in pages
        )


def test_every_data_file_points_its_editor_at_its_schema() -> None:
    for path in sorted(DATA.rglob("*.yml")):
        relative = PurePosixPath(path.relative_to(DATA).as_posix())
        kind = kind_of(relative)
        assert kind is not None, relative
        # data/ and schemas/ are siblings: climb out of the file's folders, then out of data/.
        schema = "../" * len(relative.parts) + "schemas/" + kind.schema_file
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema={schema}", relative
        assert (ROOT / "schemas" / kind.schema_file).is_file()


@pytest.mark.build
def test_every_ab_test_shows_beside_its_variants_by_name(
    content: Playbook, content_site: Path
) -> None:
    index = Index(content)
    places = locate(content, index)
    for snippet in content.snippets:
        if snippet.variant is None:
            continue
        page = places.snippet(snippet.id).removesuffix(".md") + ".html"
        html = unescape((content_site / page).read_text(encoding="utf-8"))
        name = index.test_name(snippet.variant.test)
        assert f"A/B test: {name}, variant {snippet.variant.label}" in html, snippet.id
        outcome = index.test_outcome(snippet.variant.test)
        verdict = (
            "No results yet"
            if outcome is None
            else "No winner yet"
            if outcome.winner is None
            else f"Variant {outcome.winner.label} wins"
        )
        assert verdict in html, snippet.id


@pytest.mark.build
def test_every_one_pager_says_what_changed_since_the_last_event(
    content: Playbook, content_site: Path
) -> None:
    for persona_id in content.personas:
        html = (content_site / f"personas/{persona_id}.html").read_text(encoding="utf-8")
        assert 'id="since-last-event"' in html, persona_id
