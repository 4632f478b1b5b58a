"""Rendering: data reaches pages only escaped, and templates cannot print raw data."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from jinja2 import TemplateSyntaxError, UndefinedError
from markupsafe import Markup
from mkdocs.utils.meta import get_data as mkdocs_meta

from playbook.render import (
    Renderer,
    anchor,
    copyable,
    escape,
    front_matter_string,
    paragraphs,
    with_code,
)

HOSTILE = [
    "{{ 7*7 }}",
    "{% if true %}x{% endif %}",
    "{# gone #}",
    "{% endraw %}{{ 6*7 }}",
    "{{ cycler.__init__.__globals__ }}",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**bold** and _italic_ and `code`",
    "# heading",
    "| a | b |",
    "!!! danger",
    "{: onclick=x }",
    "&lt;/title&gt;",
    "[link](javascript:alert(1))",
    "1. not a list",
    "- not a list",
    "    indented",
    "***",
    ":smile: $x$ ~~gone~~ ==mark== ^^ins^^",
]

EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc", "pymdownx.superfences"]


def _markdown(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def _visible(html_text: str) -> str:
    """The text a reader sees in a paragraph of rendered HTML."""
    assert html_text.startswith("<p>") and html_text.endswith("</p>"), html_text
    return html.unescape(html_text[3:-4])


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_literally_through_markdown(text: str) -> None:
    rendered = _markdown(f"Quote: {escape(text)}")
    assert _visible(rendered) == f"Quote: {text}"


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_keeps_no_character_that_means_something(text: str) -> None:
    escaped = str(escape(text))
    for char in "{}<>*_`#|![]()&:=~$^%":
        assert char not in escaped.replace("&#", "").replace(";", ""), char


def test_only_a_dot_after_a_digit_is_escaped() -> None:
    assert escape("1. Plan. Ship 2.5x") == "1&#46; Plan. Ship 2&#46;5x"


def test_markup_is_not_escaped_twice() -> None:
    assert escape(Markup("<b>")) == "<b>"


def test_paragraphs_keep_blank_lines_and_join_the_rest() -> None:
    assert paragraphs("one\ntwo\n\n# three") == "one two\n\n&#35; three"


def test_copyable_text_stays_exactly_as_written_through_markdown() -> None:
    text = "Say ```hi``` & <b>bye</b>\n\n    {{ 7*7 }} **x**"
    block = copyable(text)
    rendered = _markdown(f"Before\n\n{block}\n\nAfter")
    code = re.search(r'<pre class="pb-copy"><code>(.*?)</code></pre>', rendered, re.S)
    assert code and html.unescape(code.group(1)) == text


@pytest.mark.parametrize("text", [text for text in HOSTILE if "`" not in text])
def test_a_message_shows_its_backticked_names_as_code_and_every_part_literally(text: str) -> None:
    rendered = _markdown(str(with_code(f"set `{text}` in {text} then `b`")))
    spans = re.findall(r"<code>(.*?)</code>", rendered)
    assert [html.unescape(span) for span in spans] == [text, "b"]
    outside = re.sub(r"<code>.*?</code>", "", rendered)
    assert html.unescape(outside) == f"<p>set  in {text} then </p>"


def test_anchor_accepts_only_ids() -> None:
    assert anchor("pilot-to-production") == "pilot-to-production"
    with pytest.raises(ValueError, match="is not an id"):
        anchor('x" onmouseover="alert(1)')


def _render(source: str, **context: object) -> str:
    renderer = Renderer()
    return renderer.env.from_string(source).render(context)


def test_templates_escape_every_printed_value() -> None:
    assert _render("{{ value }}", value="<b>{{ x }}</b>") == (
        "&#60;b&#62;&#123;&#123; x &#125;&#125;&#60;/b&#62;"
    )


def test_macros_and_blocks_are_not_escaped_twice() -> None:
    source = "{% macro item(x) %}- {{ x }}{% endmacro %}{{ item('a*b') }}"
    assert _render(source) == "- a&#42;b"


def test_printed_values_are_escaped_once_by_finalize_not_again_by_autoescape() -> None:
    env = Renderer().env
    for name in env.list_templates():
        code = env.compile(env.loader.get_source(env, name)[0], name, raw=True)  # type: ignore[union-attr]
        assert "escape(environment.finalize(" not in code, name
    # Filters come out escaped, and Markup still passes as it is.
    assert _render("{{ value | upper }}", value="a<b") == "A&#60;B"
    assert _render("{{ value }}", value=Markup("<i>")) == "<i>"
    # `~` joins text: Markup joined to text is escaped with it, never the text left raw.
    assert _render("{{ a ~ b }}", a="<", b=Markup("<i>")) == "&#60;&#60;i&#62;"


@pytest.mark.parametrize(
    "source",
    [
        "{% set x %}- {{ v }}{% endset %}{{ x }}",
        "{% set x | trim %} - {{ v }}{% endset %}{{ x }}",
        "{% filter trim %} - {{ v }}{% endfilter %}",
        "{% for i in [1] %}{% macro item(x) %}- {{ x }}{% endmacro %}{{ item(v) }}{% endfor %}",
        "{% macro a(x) %}{{ x }}{% endmacro %}{% macro item(x) %}- {{ a(x) }}{% endmacro %}"
        "{{ item(v) }}",
        '{% import "_macros.md.jinja" as m %}{{ m.list([v]) | trim }}',
        '{% from "_macros.md.jinja" import list %}{{ list([v]) | trim }}',
    ],
)
def test_what_templates_write_themselves_is_not_escaped_again(source: str) -> None:
    assert _render(source, v="a*b") == "- a&#42;b"


@pytest.mark.parametrize(
    ("source", "refused"),
    [
        ("{% macro f() %}{{ caller() }}{% endmacro %}{% call f() %}x{% endcall %}", "call"),
        ("{% for i in [1] recursive %}{{ loop([]) }}{% endfor %}", "recursive loop"),
        ("{% autoescape true %}{{ 1 }}{% endautoescape %}", "autoescape"),
    ],
)
def test_what_would_decide_escaping_elsewhere_is_refused(source: str, refused: str) -> None:
    with pytest.raises(TemplateSyntaxError, match=refused):
        _render(source)


def test_undefined_names_are_errors() -> None:
    with pytest.raises(UndefinedError):
        _render("{{ missing }}")


def test_printing_none_is_an_error() -> None:
    with pytest.raises(ValueError, match="printed None"):
        _render("{{ value }}", value=None)


FRONT_MATTER_VALUES = [
    "Executive Decision-Maker",
    "Exec\u2028---\ntitle: pwned",  # a line separator, then a new document
    "Exec\u2029\u0085\u000b\ufeff\ufffe",  # other breaks YAML or HTML would act on
    '</title><script>alert(1)</script>"quoted" \\back\\slash',
    "Zoë — Ops 😀 “curly” ∑",  # astral and other non-ASCII characters
    "a: b # not a comment\n- not a list",
]


@pytest.mark.parametrize("value", FRONT_MATTER_VALUES)
def test_front_matter_values_come_through_mkdocs_as_escaped_text_and_nothing_else(
    value: str,
) -> None:
    written = front_matter_string(value)
    assert written.isascii() and written.isprintable() and "\n" not in written
    page = f"---\ntitle: {written}\ntags:\n  - {written}\nrender_macros: false\n---\n\n# Body\n"
    body, meta = mkdocs_meta(page)
    assert meta == {
        "title": html.escape(value, quote=True),
        "tags": [html.escape(value, quote=True)],
        "render_macros": False,
    }
    assert body == "# Body\n"
