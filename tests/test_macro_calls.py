"""What a hand-written page may do with macros: call the playbook's macros with plain values."""

from __future__ import annotations

import pytest

from playbook.macro_calls import refusal

MACROS = ("persona_cards", "program_at_a_glance")


@pytest.mark.parametrize(
    "page",
    [
        "# Home\n\n{{ persona_cards() }}\n",
        "{{ program_at_a_glance('connect-2027') }} {{ program_at_a_glance(program_id=\"x\") }}",
        "{# a comment #}Text with no macros at all, and a } brace.",
        "{{ program_at_a_glance(None) }}{{ program_at_a_glance(3) }}",
    ],
)
def test_calls_of_the_playbooks_macros_are_allowed(page: str) -> None:
    assert refusal(page, MACROS) is None


@pytest.mark.parametrize(
    ("page", "why"),
    [
        ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "the attribute `."),
        ("{{ persona_cards.__globals__ }}", "the attribute `.__globals__`"),
        ("x\n\n{{ lipsum.__globals__['os'] }}", "line 3 below the front matter uses"),
        ("{{ config.site_name }}", "the attribute `.site_name`"),
        ("{{ persona_cards() | safe }}", "a filter (`|`)"),
        ("{% for x in range(3) %}{{ x }}{% endfor %}", "a loop (`{% for %}`)"),
        ("{% set x = 1 %}", "a variable (`{% set %}`)"),
        ("{% import 'x' as y %}", "an import (`{% import %}`)"),
        ("{{ program_at_a_glance(page.title) }}", "the attribute `.title`"),
        ("{{ program_at_a_glance(*args) }}", "the name `args`"),
        ("{{ (persona_cards)() }}{{ x() }}", "the name `x`"),
        ("{{ undefined_macro() }}", "the name `undefined_macro`"),
        ("{{ 7 * 7 }}", "arithmetic"),
    ],
)
def test_anything_else_is_refused_with_its_line(page: str, why: str) -> None:
    reason = refusal(page, MACROS)
    assert reason is not None and why in reason, reason
    assert "may only call the playbook's macros (persona_cards, program_at_a_glance) with" in reason
