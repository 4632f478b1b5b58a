"""A valid playbook whose text is hostile: every value an attacker with a data pull request could
write that validation accepts, aimed at each output context. Built once per test run; the HTML
tests (test_hostile.py) and a browser journey read the result."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import mkdocs_build

TITLE = 'Lumora " onmouseover="alert(\'title\')" data-x="<b>'
ORGANISATION = "<img src=x onerror=alert('org')>"
EXEC_NAME = (
    "Exec</title><script>alert('name')</script> [x](javascript:alert('md')) "
    "![i](https://evil.example/i.png) {{ 7*7 }} <!-- --> &amp;"
)
CHAMPION_NAME = "Champion' onfocus='alert(1)' autofocus='"
PROGRAM_NAME = 'Connect " onload="alert(2)'
TRACK_NAME = "<svg onload=alert('track')> `code` **bold**"
CHANNEL_NAME = "Email\" onclick=\"alert('channel')"
SNIPPET_BODY = "<img src=x onerror=alert('body')> ]]> --> {% raw %} ${x} ::error::boom"
TEST_NAME = "Hook</p><script>alert('test')</script> | cell | [x](javascript:alert('t')) {{ 7*7 }}"


@dataclass(frozen=True)
class HostileSite:
    project: Path
    data: Path
    site: Path


def _set(path: Path, pattern: str, value: str) -> None:
    """Replace the value of the first line matching `pattern` (`key: value`) with `value`,
    written as a JSON string (which YAML reads as the same text)."""
    text = path.read_text(encoding="utf-8")
    line = re.search(pattern, text, re.MULTILINE)
    assert line, f"{pattern!r} is not in {path}"
    key = line.group(0).split(":", 1)[0]
    end = line.end()
    if line.group(0).rstrip().endswith(("|", ">", "|-", ">-")):  # a block: drop its lines too
        indent = len(key) - len(key.lstrip()) + 1
        block = re.compile(rf"\n(?: {{{indent},}}[^\n]*|[ ]*)(?=\n)")
        while match := block.match(text, end):
            end = match.end()
    text = text[: line.start()] + f"{key}: {json.dumps(value)}" + text[end:]
    path.write_text(text, encoding="utf-8")


def write_hostile_project(target: Path) -> HostileSite:
    """The MkDocs project with the example's data made hostile, in `target`."""
    from tests.test_build import project_copy  # a test module: imported when first needed

    data = project_copy(target) / "data"
    _set(data / "playbook.yml", r"^title: .*$", TITLE)
    _set(data / "playbook.yml", r"^organisation: .*$", ORGANISATION)
    _set(data / "personas" / "exec.yml", r"^name: .*$", EXEC_NAME)
    _set(data / "personas" / "champion.yml", r"^name: .*$", CHAMPION_NAME)
    program = data / "programs" / "connect-2027" / "program.yml"
    _set(program, r"^name: .*$", PROGRAM_NAME)
    _set(program, r"^    name: Main Stage$", TRACK_NAME)
    _set(data / "channels.yml", r"^    name: Email$", CHANNEL_NAME)
    _set(data / "messaging" / "exec.yml", r"^    body: .*$", SNIPPET_BODY)
    from tests.test_message_tests import RESULTS, with_results  # a test module, as above

    with_results(
        data, RESULTS.replace('"Exec invitation: peers or <b>diligence</b>"', json.dumps(TEST_NAME))
    )
    return HostileSite(target, data, target / "site")


def build_hostile_site(target: Path) -> HostileSite:
    hostile = write_hostile_project(target)
    result = mkdocs_build(hostile.project, hostile.site, hostile.data)
    assert result.returncode == 0, result.stdout + result.stderr
    return hostile
