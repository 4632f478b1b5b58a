"""Render pages from Jinja templates: one environment, built once, where data is always inert.

Every `{{ value }}` a template prints passes through `finalize`, which escapes it unless it is
`Markup` made by this module's own filters, by a macro or by a `{% set %}` block (see
`TemplateOutput`). Escaping turns each character that
means something in Markdown, HTML, attribute lists or Jinja into a numeric character reference,
so text from the data files shows exactly as written and never becomes markup, a link, a heading
or a template.
"""

from __future__ import annotations

import functools
import html
import math
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, nodes, pass_context
from jinja2.ext import Extension
from jinja2.lexer import TOKEN_BLOCK_BEGIN, TOKEN_BLOCK_END, TOKEN_NAME, Token, TokenStream
from jinja2.parser import Parser
from jinja2.runtime import Context
from markupsafe import Markup

from playbook import ab_tests
from playbook.charts import gantt
from playbook.dates import long_date, short_date, week_label, week_start, weeks_label, zone_label
from playbook.results.targets import mark_text
from playbook.talk_track import talk_track

_SPECIAL = "\\`*_{}[]()#+-!|<>&\"'~=:^$%@"
_ESCAPES = {ord(char): f"&#{ord(char)};" for char in _SPECIAL} | {ord("\n"): " ", ord("\r"): " "}
_DIGIT_DOT = re.compile(r"(?<=\d)\.")


def escape(value: object) -> Markup:
    """`value` as inline text that renders literally in Markdown, HTML and Jinja."""
    if isinstance(value, Markup):
        return value
    return _escape_text(str(value))


@functools.lru_cache(maxsize=65536)
def _escape_text(text: str) -> Markup:
    # Names, labels and calls to action repeat across pages: each is escaped once.
    escaped = text.translate(_ESCAPES)
    return Markup(_DIGIT_DOT.sub("&#46;", escaped) if "." in escaped else escaped)


def paragraphs(value: str) -> Markup:
    """Multi-line text as escaped paragraphs: blank lines separate them, other breaks join."""
    blocks = re.split(r"\n\s*\n", value.strip())
    return Markup("\n\n").join(escape(" ".join(block.split())) for block in blocks if block.strip())


def one_line(value: str) -> Markup:
    """Multi-line text as one escaped line, for table cells and quotes."""
    return escape(" ".join(value.split()))


_ANCHOR = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def anchor(value: str) -> Markup:
    """An id for an HTML anchor or a URL; only validated ids pass."""
    if not _ANCHOR.match(value):
        raise ValueError(f"{value!r} is not an id")
    return Markup(value)


def copyable(value: str) -> Markup:
    """`value` in a code block, shown exactly as written, with Material's copy button.

    A raw HTML block: Markdown leaves it alone, so HTML-escaping is all the text needs, and
    the copy button puts exactly `value` on the clipboard.
    """
    return Markup(f'<pre class="pb-copy"><code>{html.escape(value, quote=False)}</code></pre>')


def _finalize(value: object) -> object:
    if value is None:
        raise ValueError("a template printed None; guard optional values with `if`")
    return escape(value)


def theme_text(value: str) -> str:
    """Text the theme prints into its HTML unescaped: the site name, navigation and page titles.

    Themes put these in text and in attributes (`aria-label="{{ config.site_name }}"`), so the
    escaping covers both, in either kind of quotes.
    """
    return html.escape(value, quote=True)


def front_matter_string(value: str) -> Markup:
    """A string for YAML front matter: a double-quoted YAML string of printable ASCII alone.

    Every other character is written as an escape (`\\u2028`, `\\U0001F600`), so no value can
    end the line or the front matter (YAML reads U+2028 and U+0085 as line breaks), and the
    value is HTML-escaped first because MkDocs themes print titles into HTML unescaped.
    """
    return Markup(f'"{_yaml_escaped(theme_text(value))}"')


def front_matter_number(value: float) -> Markup:
    """A number for YAML front matter (a search boost): finite, written plainly (`2`, `0.5`)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{value!r} is not a finite number")
    return Markup(f"{value:g}")


def _yaml_escaped(text: str) -> str:
    """`text` for inside a YAML double-quoted string, in printable ASCII alone."""
    escaped = []
    for char in text:
        code = ord(char)
        if char in '\\"':
            escaped.append("\\" + char)
        elif 0x20 <= code <= 0x7E:
            escaped.append(char)
        else:
            escaped.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return "".join(escaped)


@pass_context
def link_to(context: Context, target: str, anchor: str = "") -> Markup:
    """A relative link from the page being rendered (`page_path`) to the page `target`."""
    fragment = f"#{anchor}" if anchor else ""
    if anchor and target == context["page_path"]:
        return Markup(fragment)
    relative = _relative(posixpath.dirname(context["page_path"]) or ".", target)
    return Markup(f"{relative}{fragment}")


@functools.lru_cache(maxsize=4096)
def _relative(folder: str, target: str) -> str:
    return posixpath.relpath(target, folder)


def built_url(relative: str) -> Markup:
    """A relative link to a page's Markdown file as the link to its built HTML file, for raw
    HTML that MkDocs does not rewrite (the site uses `use_directory_urls: false`). Only links
    made by `link_to` from the site map's paths come here: they hold ids and slashes alone."""
    path, _, fragment = relative.partition("#")
    if not re.fullmatch(r"[a-z0-9./-]+\.md", path):
        raise ValueError(f"{relative!r} is not a link to a page")
    return Markup(path.removesuffix(".md") + ".html" + (f"#{fragment}" if fragment else ""))


def percent(numerator: int | None, denominator: int) -> str:
    """`12.5%`, or an em dash when there is nothing to divide."""
    if numerator is None or denominator == 0:
        return "—"
    return f"{100 * numerator / denominator:.1f}%"


_CODE_SPAN = re.compile(r"`([^`]+)`")


def with_code(message: str) -> Markup:
    """A problem's message or hint, whose `backticked` names are things to type: escaped text,
    each backticked name in `<code>` (escaped too)."""
    parts = _CODE_SPAN.split(message)  # text, code, text, code, ..., text
    return Markup("").join(
        Markup(f"<code>{escape(part)}</code>") if odd else escape(part)
        for odd, part in ((i % 2 == 1, part) for i, part in enumerate(parts))
    )


def points(value: float | None) -> str:
    """A difference of percentages, signed: `+1.2 pts`; an em dash for none."""
    if value is None:
        return "—"
    return f"{'+' if value >= 0 else '−'}{abs(value):.1f} pts"


def join_escaped(values: Iterable[object], separator: str = ", ") -> Markup:
    """Escaped values joined by `separator`."""
    return Markup(escape(separator)).join(escape(value) for value in values)


FILTERS: Mapping[str, Callable[..., Any]] = {
    "paragraphs": paragraphs,
    "oneline": one_line,
    "copyable": copyable,
    "anchor": anchor,
    "front_matter": front_matter_string,
    "front_matter_number": front_matter_number,
    "long_date": long_date,
    "short_date": short_date,
    "week": week_label,
    "weeks": weeks_label,
    "percent": percent,
    "built_url": built_url,
    "join": join_escaped,
    "with_code": with_code,
    "zone": zone_label,
    "rate": ab_tests.rate_text,
    "rate_interval": ab_tests.interval_text,
    "p_value": ab_tests.p_value_words,
    "points": points,
    "mark_text": mark_text,
}


def _markup(text: str) -> Markup:
    """What a `{% set %}` or `{% filter %}` block wrote: Markup, its values already escaped."""
    return Markup(text)


def _markup_macro(macro: Callable[..., str]) -> Callable[..., Markup]:
    """`macro`, returning what it writes as Markup: it escaped every value it printed."""

    def call(*args: Any, **kwargs: Any) -> Markup:
        return Markup(macro(*args, **kwargs))

    return call


_MARKUP, _MARKUP_MACRO = "playbook_markup", "playbook_markup_macro"
_START, _END = "start_of_template", "end_of_template"
_REFUSED: dict[type[nodes.Node], str] = {
    nodes.CallBlock: "`{% call %}` (a macro's `caller()` would return plain text)",
    nodes.ScopedEvalContextModifier: "`{% autoescape %}` (`finalize` escapes every value)",
}


class TemplateOutput(Extension):
    """What a template writes itself comes out as Markup, with Jinja's autoescape off.

    With autoescape on, Jinja compiles `{{ value }}` to `escape(finalize(value))`, and our
    `finalize` already returns escaped Markup, which `escape` would only copy again: a quarter
    of the rendering time. With it off, `{{ value }}` is `str(finalize(value))`, but macros and
    `{% set %}` blocks would return plain text, which a page printing them would escape again.
    So this extension reads each template whole (between two tags it adds to the token stream)
    and has each macro, once defined, return Markup, and each `{% set %}` or `{% filter %}`
    block start from Markup. What would decide escaping out of its sight is refused when the
    template compiles: `{% call %}`, recursive loops and `{% autoescape %}`. `~` joins text:
    Markup joined with `~` is escaped with the rest (print the pieces side by side instead).
    """

    tags = {_START}

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters[_MARKUP] = _markup
        environment.filters[_MARKUP_MACRO] = _markup_macro

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        yield from _tag(1, _START)
        lineno = 1
        for token in stream:
            lineno = token.lineno
            yield token
        yield from _tag(lineno, _END)

    def parse(self, parser: Parser) -> list[nodes.Node]:
        next(parser.stream)
        body: list[nodes.Node] = parser.parse_statements((f"name:{_END}",), drop_needle=True)
        for node in [node for top in body for node in (top, *top.find_all(nodes.Node))]:
            refused = _REFUSED.get(type(node))
            if refused is None and isinstance(node, nodes.For) and node.recursive:
                refused = "a recursive loop (`loop()` would return plain text)"
            if refused:
                parser.fail(f"the playbook's templates cannot use {refused}", node.lineno)
            if isinstance(node, nodes.AssignBlock | nodes.FilterBlock):
                node.filter = _from_markup(node.filter, node.lineno)
            for field in node.fields:
                value = getattr(node, field)
                if isinstance(value, list) and any(isinstance(n, nodes.Macro) for n in value):
                    setattr(node, field, _with_markup_macros(value))
        return _with_markup_macros(body)


def _tag(lineno: int, name: str) -> Iterator[Token]:
    yield Token(lineno, TOKEN_BLOCK_BEGIN, "{%")
    yield Token(lineno, TOKEN_NAME, name)
    yield Token(lineno, TOKEN_BLOCK_END, "%}")


def _from_markup(block_filter: nodes.Filter | None, lineno: int) -> nodes.Filter:
    """A block's filters (`{% set x | upper %}`), applied to its text as Markup first."""
    markup = nodes.Filter(None, _MARKUP, [], [], None, None, lineno=lineno)
    if block_filter is None:
        return markup
    innermost = block_filter
    while isinstance(innermost.node, nodes.Filter):
        innermost = innermost.node
    innermost.node = markup
    return block_filter


def _with_markup_macros(body: list[nodes.Node]) -> list[nodes.Node]:
    """`body` with `{% set name = name | playbook_markup_macro %}` after each macro."""
    marked = []
    for node in body:
        marked.append(node)
        if isinstance(node, nodes.Macro):
            name, lineno = node.name, node.lineno
            macro = nodes.Name(name, "load", lineno=lineno)
            wrapped = nodes.Filter(macro, _MARKUP_MACRO, [], [], None, None, lineno=lineno)
            target = nodes.Name(name, "store", lineno=lineno)
            marked.append(nodes.Assign(target, wrapped, lineno=lineno))
    return marked


def environment() -> Environment:
    """The Jinja environment for the templates in `playbook/templates`.

    Templates link to pages through `url`, the functions of `playbook.pages.urls`:
    `link_to(url.persona(pid))`, never a path of their own.
    """
    # Imported here: the pages package uses this module's `theme_text`.
    from playbook.pages import result_charts, urls

    env = Environment(
        loader=PackageLoader("playbook", "templates"),
        undefined=StrictUndefined,
        finalize=_finalize,
        # `finalize` escapes every printed value; what templates write themselves is Markup
        # (see TemplateOutput).
        autoescape=False,
        extensions=[TemplateOutput],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals["link_to"] = link_to
    env.globals["url"] = urls
    env.globals["gantt"] = gantt
    env.globals["talk_track"] = talk_track
    env.globals["result_charts"] = result_charts
    env.globals["week_date"] = week_start
    return env


class Renderer:
    """Renders templates by name with a context; holds the one environment."""

    def __init__(self) -> None:
        self.env = environment()

    def render(self, template: str, context: Mapping[str, Any]) -> str:
        """The template's output for `context`."""
        return self.env.get_template(template).render(context)
