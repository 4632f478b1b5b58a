"""The talk track: what a seller says first, at the top of each one-pager."""

from __future__ import annotations

import html
import re
from pathlib import Path

from playbook.index import Index
from playbook.models.playbook import Playbook
from playbook.talk_track import TOP_OBJECTIONS, best_snippet, talk_track


def test_the_best_snippet_is_live_before_approved_and_never_draft_or_retired(
    example: Playbook,
) -> None:
    snippets = [s for persona in example.personas for s in Index(example).snippets(persona)]
    by_status = {
        status: [s for s in snippets if s.status == status]
        for status in ("draft", "approved", "live", "retired")
    }
    assert by_status["live"] and by_status["retired"]
    order = by_status["retired"] + by_status["approved"] + by_status["draft"] + by_status["live"]
    assert best_snippet(order) == by_status["live"][0]
    assert best_snippet(by_status["retired"] + by_status["draft"]) is None
    if by_status["approved"]:
        assert best_snippet(by_status["draft"] + by_status["approved"]) == by_status["approved"][0]


def test_the_text_holds_the_value_proposition_asks_objections_and_snippet(
    example: Playbook,
) -> None:
    for persona in example.personas.values():
        track = talk_track(persona, Index(example))
        text = track.text()
        assert " ".join(persona.value_proposition.split()) in text
        for ask in persona.offers:
            assert f"- {ask}" in text
        assert track.objections == persona.objections[:TOP_OBJECTIONS]
        for objection in track.objections:
            assert objection.objection in text
            assert " ".join((objection.response or objection.root_cause).split()) in text
        if track.snippet is not None:
            assert track.snippet.body.strip() in text


def test_each_one_pager_opens_with_its_talk_track_to_copy(site: Path, example: Playbook) -> None:
    for persona_id, persona in example.personas.items():
        page = (site / "personas" / f"{persona_id}.html").read_text(encoding="utf-8")
        card = page.index('id="talk-track"')
        assert card < page.index('id="snapshot"')  # first, before the one-pager's sections
        copied = re.search(r'<pre class="pb-copy"><code>(.*?)</code></pre>', page[card:], re.S)
        assert copied, f"{persona_id}: no text to copy in the talk track"
        assert html.unescape(copied.group(1)) == talk_track(persona, Index(example)).text()
