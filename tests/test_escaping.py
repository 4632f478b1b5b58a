"""Each output context's escaping function, against a real reader of that context.

Data reaches a page, a job summary, a CI log, CODEOWNERS or front matter only through the one
function for its context; these tests feed each one hostile values and read the result back the
way GitHub or MkDocs would.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt

from playbook.lint import Finding
from playbook.problems import Problem, markdown_text, workflow_command
from playbook.site import edit_url

HOSTILE = [
    "[Approve](https://evil.example/approve)",
    "![x](https://evil.example/pixel.png)",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "https://evil.example/a and www.evil.example and mail@evil.example",
    "| injected | cells |",
    "**bold** _em_ ~~gone~~ `code` $x^2$",
    "@org/everyone please approve",
    "line one\nline two\r\n# heading\n- item",
    "&lt;b&gt; &amp; &#60;",
    "\\[escaped\\](x)",
    "Executive Decision-Maker, 1. 2. (v2)",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_job_summary_text_stays_text_in_a_table_and_a_sentence(value: str) -> None:
    gfm = MarkdownIt("gfm-like")
    table = f"| Field | Problem |\n| --- | --- |\n| name | {markdown_text(value)} |\n"
    sentence = f"- Changed exec ({markdown_text(value)}):\n"
    for rendered in (gfm.render(table), gfm.render(sentence)):
        assert not re.search(r"<(a|img|script|b|em|strong|s|del|code|h\d)\b", rendered), rendered
        text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
        assert " ".join(value.split()) in " ".join(text.split())
    assert gfm.render(table).count("<td>") == 2  # no extra cells


@pytest.mark.parametrize(
    "value",
    [
        "x\n::error file=x.yml::approved",
        "%0A::add-mask::secret",
        "x\r::stop-commands::token",
        "a:b,c=d",
    ],
)
def test_a_workflow_command_carries_data_on_one_line_that_github_decodes_back(
    value: str,
) -> None:
    command = workflow_command("warning", value, 3, 4, value, value)
    assert "\n" not in command and "\r" not in command
    head, _, message = command.partition("::")[2].partition("::")
    # One line: GitHub reads a command from `::` at a line's start, so only a line break could
    # start another; within the line, the message runs to its end whatever it holds.
    assert command.startswith("::warning ")
    decoded = message.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
    assert decoded == value
    properties = dict(part.split("=", 1) for part in head.removeprefix("warning ").split(","))
    assert set(properties) == {"file", "line", "col", "title"}
    for key in ("file", "title"):
        decoded = properties[key]
        for code, char in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
            decoded = decoded.replace(code, char)
        assert decoded == value


@pytest.mark.parametrize(
    "brk", ["\n", "\r", "\r\n", "\v", "\f", "\x85", "\u2028", "\u2029", "\x1e"]
)
def test_a_problem_or_finding_is_one_log_line_whatever_its_data(brk: str) -> None:
    message = f"name `x{brk}::error file=a.yml::approved{brk}::add-mask::secret` is unknown"
    problem = Problem(Path("data/a b.yml"), 1, 2, f"f{brk}::warning::", message)
    assert len(problem.format().splitlines()) == 1
    finding = Finding("warning", "rule", "x", problem, f"hint{brk}::notice::x")
    assert len(finding.format().splitlines()) == 1
    for text in (problem.format(), finding.format(), problem.github(), finding.github()):
        assert not any(line.startswith("::") for line in text.splitlines()[1:])


@pytest.mark.parametrize(
    "name", ['a" onmouseover="alert(1).yml', "a b#c?.yml", "x'><script>.yml", "é%20.yml"]
)
def test_an_edit_link_is_a_url_whatever_the_file_name(tmp_path: Path, name: str) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    source = tmp_path / "data" / name
    source.write_text("x: 1\n")
    url = edit_url(source, "https://github.com/o/r/edit/main/docs/", tmp_path, tmp_path / "docs")
    assert url is not None
    assert re.fullmatch(r"https://github\.com/o/r/edit/main/data/[A-Za-z0-9._~%-]+", url), url
    assert unquote(url.rsplit("/", 1)[1]) == name
