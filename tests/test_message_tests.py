"""A/B message test results: validated like all data, judged by the statistics, shown on the
snippet pages, and a winner marked without significance warned about."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html import unescape
from pathlib import Path

import jsonschema
import pytest

from playbook.ab_tests import outcomes
from playbook.diff import compare, version
from playbook.exports import json_file
from playbook.index import Index
from playbook.lint import lint
from playbook.site import build_site, render_page
from tests.conftest import problems_in, strict_build, valid_playbook

TODAY = dt.date(2026, 11, 23)
TESTS_FILE = "programs/connect-2027/results/message-tests.yml"

RESULTS = """\
as_of: 2026-11-20
tests:
  - test: exec-invite-hook
    name: "Exec invitation: peers or <b>diligence</b>"
    decided_by: clicks
    variants:
      - snippet: exec-invite-peers-a
        sent: 2400
        opens: 936
        clicks: 91
        registrations: 23
      - snippet: exec-invite-diligence-b
        sent: 2400
        opens: 792
        clicks: 58
        registrations: 12
  - test: procurement-inmail-hook
    decided_by: replies
    variants:
      - snippet: procurement-tco-inmail-a
        sent: 900
        replies: 9
      - snippet: procurement-straight-answers-b
        sent: 900
        replies: 14
  - test: champion-kpi-subject
    decided_by: clicks
    variants:
      - snippet: champion-kpi-playbook-a
        sent: 5
        clicks: 3
      - snippet: champion-stalled-pilot-b
        sent: 5
        clicks: 0
"""


def with_results(data: Path, text: str = RESULTS) -> Path:
    """`data` with `text` as connect-2027's message test results, and the variants' own
    `results:` taken off their snippets (the counts live in one place)."""
    for name in ("exec", "procurement", "champion"):
        path = data / "messaging" / f"{name}.yml"
        snippets = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"    results:\n(?:      .*\n)+", "", snippets), encoding="utf-8")
    target = data / TESTS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return data


def test_results_are_read_and_judged(data_copy: Path) -> None:
    playbook = valid_playbook(with_results(data_copy))
    judged = outcomes(playbook)

    exec_test = judged["exec-invite-hook"]
    assert exec_test.name == "Exec invitation: peers or <b>diligence</b>"
    assert exec_test.winner is not None and exec_test.winner.label == "A"
    assert exec_test.comparison.p_value == pytest.approx(0.006, abs=0.0005)
    assert exec_test.metrics == ("opens", "clicks", "registrations")

    replies = judged["procurement-inmail-hook"]
    assert replies.name == "Procurement inmail hook"  # no name given: the id in words
    assert replies.winner is None
    assert replies.leader.label == "B"
    assert replies.needed_per_variant is not None and replies.needed_per_variant > 900
    assert replies.more_per_variant == replies.needed_per_variant - 900
    assert replies.more_about == 5_600 and replies.needed_about == 6_500

    tiny = judged["champion-kpi-subject"]
    assert tiny.comparison.p_value < 0.05  # what a naive test would call a winner
    assert tiny.winner is None


def test_three_variants_share_the_significance_level(data_copy: Path) -> None:
    # A third variant: p ≈ 0.034 between the two leaders passes 0.05 but not 0.05 / 2.
    text = RESULTS.replace(
        "        registrations: 12\n",
        "        registrations: 12\n      - snippet: exec-linkedin-inmail\n"
        "        sent: 2400\n        clicks: 10\n",
    ).replace("clicks: 58", "clicks: 65")
    data = with_results(data_copy, text)
    exec_yml = data / "messaging/exec.yml"
    snippets = exec_yml.read_text(encoding="utf-8")
    marker = "  - id: exec-linkedin-inmail\n    persona: exec\n    channel: linkedin\n"
    assert marker in snippets
    # Move the InMail onto email as variant C, with a subject as email asks.
    exec_yml.write_text(
        snippets.replace(
            marker,
            "  - id: exec-linkedin-inmail\n    persona: exec\n    channel: email\n"
            "    variant:\n      test: exec-invite-hook\n      label: C\n",
        ),
        encoding="utf-8",
    )
    outcome = outcomes(valid_playbook(data))["exec-invite-hook"]
    assert outcome.alpha == pytest.approx(0.025)
    assert 0.025 < outcome.comparison.p_value < 0.05
    assert outcome.winner is None


BROKEN = """\
as_of: 2026-11-20
tests:
  - test: exec-invite-hok
    decided_by: clicks
    variants:
      - snippet: exec-invite-peers-a
        sent: 10
        clicks: 1
      - snippet: exec-invite-diligence-b
        sent: 10
        clicks: 1
  - test: exec-invite-hook
    decided_by: clicks
    variants:
      - snippet: exec-invite-peers
        sent: 100
        opens: 50
        clicks: 60
      - snippet: exec-linkedin-inmail
        sent: 100
        opens: 40
        registrations: 41
      - snippet: procurement-tco-inmail-a
        sent: 100
        clicks: 1
      - snippet: exec-invite-diligence-b
        sent: 100
        replies: 101
  - test: champion-kpi-subject
    decided_by: opens
    variants:
      - snippet: champion-kpi-playbook-a
        sent: 1
        opens: 1
      - snippet: champion-kpi-playbook-a
        sent: 1
        opens: 1
  - test: exec-invite-hook
    decided_by: opens
    variants:
      - snippet: exec-invite-peers-a
        sent: 1
      - snippet: exec-invite-diligence-b
        sent: 1
"""


def test_every_problem_names_its_line_field_and_fix(data_copy: Path) -> None:
    data = with_results(data_copy, BROKEN)
    exec_yml = data / "messaging/exec.yml"
    exec_yml.write_text(
        exec_yml.read_text(encoding="utf-8")
        .replace("label: B\n", "label: B\n      winner: true\n")
        .replace("label: A\n", "label: A\n      winner: true\n"),
        encoding="utf-8",
    )
    champion = data / "messaging/champion.yml"
    champion.write_text(
        champion.read_text(encoding="utf-8").replace(
            "    status: live\n", "    status: live\n    results:\n      sent: 5\n", 1
        ),
        encoding="utf-8",
    )
    found = problems_in(data)
    assert [p for p in found if p.startswith(TESTS_FILE)] == [
        f"{TESTS_FILE}:3:11: tests.0.test: no snippet is a variant of A/B test "
        "`exec-invite-hok` (`variant: test:` in messaging/); did you mean `exec-invite-hook`?",
        f"{TESTS_FILE}:15:18: tests.1.variants.0.snippet: there is no snippet "
        "`exec-invite-peers`; did you mean `exec-invite-peers-a`?",
        f"{TESTS_FILE}:18:17: tests.1.variants.0.clicks: clicks (60) cannot be more than opens "
        "(50): check the numbers against the platform's export",
        f"{TESTS_FILE}:19:9: tests.1.variants.1: the test is decided by clicks (`decided_by`), "
        "and this variant reports none: add `clicks:`",
        f"{TESTS_FILE}:19:18: tests.1.variants.1.snippet: snippet `exec-linkedin-inmail` is not "
        "a variant of any A/B test: name one of this test's variants (`exec-invite-diligence-b`, "
        "`exec-invite-peers-a`), or give the snippet `variant: test: exec-invite-hook`",
        # No clicks reported: registrations are held to the stage before that is.
        f"{TESTS_FILE}:22:24: tests.1.variants.1.registrations: registrations (41) cannot be "
        "more than opens (40): check the numbers against the platform's export",
        f"{TESTS_FILE}:23:18: tests.1.variants.2.snippet: snippet `procurement-tco-inmail-a` is "
        "a variant of A/B test `procurement-inmail-hook`, not of `exec-invite-hook`: name one "
        "of this test's variants (`exec-invite-diligence-b`, `exec-invite-peers-a`), or give "
        "the snippet `variant: test: exec-invite-hook`",
        f"{TESTS_FILE}:26:9: tests.1.variants.3: the test is decided by clicks (`decided_by`), "
        "and this variant reports none: add `clicks:`",
        f"{TESTS_FILE}:28:18: tests.1.variants.3.replies: replies (101) cannot be more than sent "
        "(100): check the numbers against the platform's export",
        f"{TESTS_FILE}:35:18: tests.2.variants.1.snippet: snippet `champion-kpi-playbook-a` is "
        "already a variant of this test; keep one entry",
        f"{TESTS_FILE}:38:11: tests.3.test: the results of A/B test `exec-invite-hook` are "
        "already on line 12; keep one entry per test",
    ]
    others = [p for p in found if not p.startswith(TESTS_FILE)]
    assert others[0].startswith(
        "messaging/champion.yml:18:5: snippets.0.results: the A/B test results of "
        "`champion-kpi-playbook-a` are in "
    )
    assert others[0].endswith(
        f"{TESTS_FILE}: remove `results` here, so each count is kept in one place"
    )
    assert others[1:] == [
        "messaging/exec.yml:28:15: snippets.1.variant.winner: A/B test `exec-invite-hook` "
        "already has a winner (`exec-invite-peers-a`); one variant wins: remove "
        "`winner: true` from all but one"
    ]


def test_a_results_file_is_checked_against_its_model(data_copy: Path) -> None:
    data = with_results(
        data_copy, RESULTS.replace("decided_by: clicks", "decided_by: click", 1) + "  - test: x\n"
    )
    found = problems_in(data)
    assert any(
        p.startswith(f"{TESTS_FILE}:5:17: tests.0.decided_by:") and "`clicks`" in p for p in found
    ), found
    assert any(p.startswith(f"{TESTS_FILE}:") and "variants" in p for p in found), found


def test_the_snippet_page_shows_rates_intervals_and_the_verdict(data_copy: Path) -> None:
    site = build_site(with_results(data_copy), TODAY, history=False)
    pages = {page.path: page for page in site.pages}
    exec_page = render_page(site, pages["messaging/exec.md"])
    # The test by its name, escaped, never by its id.
    assert "A/B test: Exec invitation&#58; peers or &#60;b&#62;diligence&#60;/b&#62;" in exec_page
    assert "exec-invite-hook" not in exec_page
    assert '<span class="pb-badge pb-winner">Winner</span>' in exec_page
    assert '!!! success "Variant A wins"' in exec_page
    # Each rate with its 95% interval: 91 of 2,400 is 3.8% (3.1–4.6%).
    assert '3&#46;8&#37;<br><span class="pb-note">3&#46;1–4&#46;6&#37;</span>' in exec_page
    assert "(p &#61; 0&#46;006)" in exec_page

    procurement = render_page(site, pages["messaging/procurement.md"])
    assert '!!! info "No winner yet"' in procurement
    assert "A/B test: Procurement inmail hook" in procurement
    assert "**about 5,600 more per variant**" in procurement
    assert "Winner</span>" not in procurement

    champion = render_page(site, pages["messaging/champion.md"])
    assert '!!! info "No winner yet"' in champion
    assert "too few messages were sent to judge" in champion


def test_a_test_without_results_says_so(data_copy: Path) -> None:
    text = RESULTS[: RESULTS.index("  - test: procurement-inmail-hook")]
    site = build_site(with_results(data_copy, text), TODAY, history=False)
    page = next(page for page in site.pages if page.path == "messaging/procurement.md")
    markdown = render_page(site, page)
    assert "A/B test: Procurement inmail hook, variant A" in markdown
    assert "No results yet" in markdown


def test_lint_warns_of_a_winner_marked_without_significance(data_copy: Path) -> None:
    data = with_results(data_copy)
    for name, label in (("procurement", "B"), ("exec", "B"), ("champion", "A")):
        path = data / "messaging" / f"{name}.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace(f"label: {label}\n", f"label: {label}\n      winner: true\n", 1),
            encoding="utf-8",
        )
    playbook = valid_playbook(data)
    found = {
        f.subject: f
        for f in lint(playbook, Index(playbook), TODAY)
        if f.rule == "winner-not-significant"
    }
    assert set(found) == {
        "procurement-straight-answers-b",  # leads, but p = 0.29
        "exec-invite-diligence-b",  # variant A won
        "champion-kpi-playbook-a",  # leads, on five messages each
    }
    assert (
        "no variant has won yet (p = 0.29)"
        in found["procurement-straight-answers-b"].problem.message
    )
    assert "about 5,600 more sends per variant" in found["procurement-straight-answers-b"].hint
    assert "move `winner: true` to `exec-invite-peers-a`" in found["exec-invite-diligence-b"].hint
    assert found["exec-invite-diligence-b"].problem.field == "snippets.1.variant.winner"


def test_a_significant_winner_marked_as_such_is_fine(data_copy: Path) -> None:
    data = with_results(data_copy)
    path = data / "messaging/exec.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("label: A\n", "label: A\n      winner: true\n", 1), encoding="utf-8"
    )
    playbook = valid_playbook(data)
    assert not [
        f for f in lint(playbook, Index(playbook), TODAY) if f.rule == "winner-not-significant"
    ]


def test_playbook_json_carries_the_counts_and_validates(data_copy: Path) -> None:
    playbook = valid_playbook(with_results(data_copy))
    data = json.loads(json_file.playbook_json(playbook, "test"))
    schema = json.loads(json_file.playbook_schema())
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    tests = data["programs"]["connect-2027"]["message_tests"]
    assert tests["as_of"] == "2026-11-20"
    assert tests["tests"][0]["variants"][0] == {
        "snippet": "exec-invite-peers-a",
        "sent": 2400,
        "opens": 936,
        "clicks": 91,
        "registrations": 23,
        "replies": None,
    }


@pytest.mark.build
def test_the_built_snippet_pages_show_each_test(data_copy: Path, tmp_path: Path) -> None:
    site = strict_build(tmp_path / "site", with_results(data_copy))
    html = (site / "messaging/exec.html").read_text(encoding="utf-8")
    badges = re.findall(r'<span class="pb-badge pb-test">(.*?)</span>', html)
    assert [unescape(badge) for badge in badges] == [
        f"A/B test: Exec invitation: peers or <b>diligence</b>, variant {label}" for label in "AB"
    ]
    assert "<b>diligence" not in html
    assert html.count('class="admonition success"') == 2  # beside each of the two variants
    assert "Variant A wins" in html
    tables = re.findall(r"<table>.*?</table>", html, flags=re.S)
    rows = [table for table in tables if "Clicked (decides)" in table]
    assert len(rows) == 2
    assert "<strong>A</strong> (this one)" in rows[0] and "<strong>B</strong> (this one)" in rows[1]
    assert 'href="#snippet-exec-invite-diligence-b"' in rows[0]
    procurement = (site / "messaging/procurement.html").read_text(encoding="utf-8")
    assert "No winner yet" in procurement
    assert "about 5,600 more per variant" in procurement


@pytest.mark.parametrize(
    ("a", "b", "says"),
    [
        ((0, 0), (0, 0), "no number of sends would tell them apart"),
        ((50, 50), (50, 50), "no number of sends would tell them apart"),
        ((2, 40), (0, 0), "more per variant"),
        ((100, 100), (0, 100), "Variant A wins"),
    ],
)
def test_any_counts_validation_accepts_render(
    data_copy: Path, a: tuple[int, int], b: tuple[int, int], says: str
) -> None:
    (clicks_a, sent_a), (clicks_b, sent_b) = a, b
    text = RESULTS.replace(
        "        sent: 2400\n        opens: 936\n        clicks: 91\n        registrations: 23\n",
        f"        sent: {sent_a}\n        clicks: {clicks_a}\n",
    ).replace(
        "        sent: 2400\n        opens: 792\n        clicks: 58\n        registrations: 12\n",
        f"        sent: {sent_b}\n        clicks: {clicks_b}\n",
    )
    site = build_site(with_results(data_copy, text), TODAY, history=False)
    page = next(page for page in site.pages if page.path == "messaging/exec.md")
    assert says in render_page(site, page)


def test_playbook_diff_says_what_changed_in_a_tests_counts(data_copy: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    shutil.copytree(with_results(data_copy), before)
    edit = data_copy / TESTS_FILE
    edit.write_text(edit.read_text(encoding="utf-8").replace("clicks: 91", "clicks: 95"))
    changes = compare(
        version(build_site(before, TODAY, history=False)),
        version(build_site(data_copy, TODAY, history=False)),
    )
    tests = next(group for group in changes.groups if group.title == "A/B test results")
    assert tests.changed == {
        "`exec-invite-hook` (Exec invitation&#58; peers or &#60;b&#62;diligence&#60;/b&#62;)": [
            "changed the clicks of variant 1: “91” → “95”"
        ]
    }
    assert "messaging/exec.md" in changes.pages_changed
