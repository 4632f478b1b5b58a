"""What a hand-written page may do with macros: call the playbook's macros, with plain values.

Pages that opt in to macros (`render_macros: true`) are Jinja templates, and Jinja can reach
Python from inside a template (`{{ cycler.__init__.__globals__.os }}`). So before such a page
runs, its template is read and allowed only text, comments and `{{ macro(...) }}` calls of the
playbook's own macros, each argument a plain string, number or true/false. Anything else, an
attribute, a filter, a loop, a variable, an import, stops the build with the line it is on.
"""

from __future__ import annotations

from collections.abc import Collection

from jinja2 import Environment, TemplateSyntaxError, nodes

_PARSER = Environment()
_PLAIN = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Const, nodes.Keyword)


def refusal(source: str, macros: Collection[str]) -> str | None:
    """Why `source` may not run as a page's template, or None when it only calls `macros`."""
    try:
        tree = _PARSER.parse(source)
    except TemplateSyntaxError:
        return None  # the render reports it, with its own line
    callees = {
        id(call.node)
        for call in tree.find_all(nodes.Call)
        if isinstance(call.node, nodes.Name) and call.node.name in macros
    }
    offences = [
        node
        for node in tree.find_all(nodes.Node)
        if not (isinstance(node, _PLAIN) or id(node) in callees)
        and not (isinstance(node, nodes.Call) and _plain_call(node, macros))
    ]
    # Name what the call is made of rather than the call itself, where there is such a part.
    parts = [node for node in offences if not isinstance(node, nodes.Call)]
    if offences:
        node = (parts or offences)[0]
        return (
            f"line {node.lineno} below the front matter uses {_described(node)}, and a page "
            f"may only call the playbook's macros ({', '.join(sorted(macros))}) with plain "
            "values, e.g. `{{ persona_cards() }}`; write anything else as text, e.g. inside a "
            "code block"
        )
    return None


def _plain_call(call: nodes.Call, macros: Collection[str]) -> bool:
    return (
        isinstance(call.node, nodes.Name)
        and call.node.name in macros
        and call.dyn_args is None
        and call.dyn_kwargs is None
        and all(isinstance(arg, nodes.Const) for arg in call.args)
        and all(isinstance(kwarg.value, nodes.Const) for kwarg in call.kwargs)
    )


_KINDS = {
    nodes.Filter: "a filter (`|`)",
    nodes.Test: "a test (`is`)",
    nodes.For: "a loop (`{% for %}`)",
    nodes.If: "a condition (`{% if %}`)",
    nodes.Assign: "a variable (`{% set %}`)",
    nodes.AssignBlock: "a variable (`{% set %}`)",
    nodes.Import: "an import (`{% import %}`)",
    nodes.FromImport: "an import (`{% from %}`)",
    nodes.Include: "an include (`{% include %}`)",
    nodes.Extends: "a base template (`{% extends %}`)",
    nodes.Macro: "a macro of its own (`{% macro %}`)",
    nodes.Getitem: "an index (`[…]`)",
    nodes.BinExpr: "arithmetic",
    nodes.Compare: "a comparison",
}


def _described(node: nodes.Node) -> str:
    if isinstance(node, nodes.Getattr):
        return f"the attribute `.{node.attr}`"
    if isinstance(node, nodes.Name):
        return f"the name `{node.name}`"
    if isinstance(node, nodes.Call):
        return "a call of something other than a macro by name"
    for kind, description in _KINDS.items():
        if isinstance(node, kind):
            return description
    return f"an expression ({type(node).__name__})"
