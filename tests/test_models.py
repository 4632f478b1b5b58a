"""The models' own rules: ids, text, targets, links, times, jobs to be done, cross-field checks."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from playbook.models.common import (
    LINE_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    ClockTime,
    Date,
    Id,
    Line,
    Target,
    Text,
    TimeZone,
    Url,
)
from playbook.models.messaging import SendResults
from playbook.models.org import TagField
from playbook.models.persona import JobStatement, Persona, Review
from playbook.models.program import Event


def error_of(annotation: Any, value: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(annotation).validate_python(value)
    return str(caught.value.errors()[0]["msg"])


def model_error(model: type[BaseModel], data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return str(caught.value.errors()[0]["msg"])


@pytest.mark.parametrize("value", ["exec", "pilot-to-production", "tier-1", "a"])
def test_valid_ids(value: str) -> None:
    assert TypeAdapter(Id).validate_python(value) == value


@pytest.mark.parametrize(
    ("value", "suggestion"),
    [("Exec", "exec"), ("pilot_to_production", "pilot-to-production"), ("a--b", "a-b")],
)
def test_invalid_ids_suggest_a_valid_one(value: str, suggestion: str) -> None:
    assert f"for example `{suggestion}`" in error_of(Id, value)


@pytest.mark.parametrize("value", ["../x", "/etc/passwd", "-x", "x-", "", "ex\u200bec"])
def test_ids_that_could_escape_or_hide_are_refused(value: str) -> None:
    error_of(Id, value)


def test_long_ids_are_refused() -> None:
    assert "longer than 60" in error_of(Id, "a" * 61)


def test_a_line_is_stripped_and_single() -> None:
    assert TypeAdapter(Line).validate_python("  CTO peers  ") == "CTO peers"
    assert "one line" in error_of(Line, "first\nsecond")
    assert "is empty" in error_of(Line, "   ")


def test_text_may_span_lines() -> None:
    assert TypeAdapter(Text).validate_python("first\nsecond\n") == "first\nsecond"


@pytest.mark.parametrize(
    ("char", "what"),
    [
        ("\u202e", "the invisible direction mark U+202E"),
        ("\u2066", "the invisible direction mark U+2066"),
        ("\u200e", "the invisible direction mark U+200E"),  # left-to-right mark
        ("\u200f", "the invisible direction mark U+200F"),  # right-to-left mark
        ("\u200b", "the invisible character U+200B"),
        ("\ufeff", "the invisible character U+FEFF"),
        ("\x07", "the invisible control character U+0007"),
        ("\x85", "the invisible control character U+0085"),
        ("\u2028", "the invisible line break U+2028"),
        ("\u2029", "the invisible line break U+2029"),
        ("\ufffe", "the non-character U+FFFE"),
        ("\ufdd0", "the non-character U+FDD0"),
        ("\U0010ffff", "the non-character U+10FFFF"),
    ],
)
@pytest.mark.parametrize("kind", [Line, Text, Target], ids=["Line", "Text", "Target"])
def test_characters_that_hide_or_break_text_are_refused_by_code_point(
    char: str, what: str, kind: object
) -> None:
    assert error_of(kind, f"Exec{char}utive") == (
        f"contains {what}; delete it (retype the text around it)"
    )


@pytest.mark.parametrize(
    ("kind", "limit"), [(Line, LINE_MAX_LENGTH), (Target, LINE_MAX_LENGTH), (Text, TEXT_MAX_LENGTH)]
)
def test_text_has_a_length_cap(kind: object, limit: int) -> None:
    assert TypeAdapter(kind).validate_python("x" * limit) == "x" * limit
    assert error_of(kind, "x" * (limit + 1)) == (
        f"is {limit + 1:,} characters long, over the {limit:,} this field may hold; shorten it"
    )


@pytest.mark.parametrize("value", ["1999-12-31", "2101-01-01", "9999-12-20", "0001-01-01"])
def test_dates_outside_2000_to_2100_are_refused(value: str) -> None:
    assert error_of(Date, value) == f"{value} is outside the years 2000 to 2100; check the year"


@pytest.mark.parametrize("kind", [Line, Text, Target], ids=["Line", "Text", "Target"])
def test_a_huge_value_is_refused_quickly(kind: object) -> None:
    start = time.perf_counter()
    assert "characters long, over the" in error_of(kind, "9" * 2_000_000 + "%")
    at_cap = "9" * (LINE_MAX_LENGTH - 1) + "%"
    assert "is not a percentage" in error_of(Target, at_cap)
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize("value", ["75%", "> 2.5%", "8–10%", "100%", "8+", "4.5/5"])
def test_targets(value: str) -> None:
    assert TypeAdapter(Target).validate_python(value) == value


def test_a_target_percentage_must_lie_in_0_to_100() -> None:
    assert "120%" in error_of(Target, "> 120%")


@pytest.mark.parametrize(
    "value",
    ["https://connect.lumora.example/vip", "mailto:events@lumora.example", "../personas/exec/"],
)
def test_allowed_links(value: str) -> None:
    assert TypeAdapter(Url).validate_python(value) == value


@pytest.mark.parametrize(
    ("value", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JavaScript:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("data:text/html,<script>", "data"),
        ("vbscript:msgbox", "vbscript"),
        ("http://example.com", "http"),
    ],
)
def test_refused_links(value: str, scheme: str) -> None:
    assert f"`{scheme}:` links are not allowed" in error_of(Url, value)


def test_protocol_relative_links_are_refused() -> None:
    assert "https://" in error_of(Url, "//evil.example/x")


def test_clock_time() -> None:
    assert TypeAdapter(ClockTime).validate_python("09:30") == "09:30"
    assert "HH:MM" in error_of(ClockTime, "9.30")
    assert "HH:MM" in error_of(ClockTime, "24:00")


def test_time_zone() -> None:
    assert TypeAdapter(TimeZone).validate_python("America/Chicago") == "America/Chicago"
    assert "IANA" in error_of(TimeZone, "Chicago time")


@pytest.mark.parametrize(
    ("field", "value", "lead_in"),
    [
        ("when", "When evaluating platforms", "When"),
        ("want", "I want to see proof", "I want to"),
        ("want", "to see proof", "to"),
        ("so_that", "so I can justify it", "so I can"),
        ("so_that", "so that I can justify it", "so that"),
    ],
)
def test_job_statements_refuse_the_words_the_page_adds(
    field: str, value: str, lead_in: str
) -> None:
    job = {"when": "evaluating platforms", "want": "see proof", "so_that": "justify it"}
    assert f'starts with "{lead_in}"' in model_error(JobStatement, {**job, field: value})


def test_job_statement_words_inside_the_text_are_fine() -> None:
    job = JobStatement(when="a team wants to adopt", want="tomorrow's patterns", so_that="ship")
    assert job.want == "tomorrow's patterns"


def test_event_end_before_start() -> None:
    event = {
        "name": "Connect",
        "start_date": dt.date(2027, 2, 10),
        "end_date": dt.date(2027, 2, 9),
        "time_zone": "America/Chicago",
        "format": "hybrid",
    }
    assert "before start_date" in model_error(Event, event)
    event["end_date"] = dt.date(2027, 2, 11)
    assert Event.model_validate(event).days == 2


def test_test_results_cannot_exceed_sent() -> None:
    assert "clicks (11) is more than sent (10)" in model_error(
        SendResults, {"sent": 10, "clicks": 11}
    )


def test_tag_field_takes_values_or_values_from() -> None:
    assert "either" in model_error(TagField, {"id": "persona", "name": "Persona"})
    both = {"id": "p", "name": "P", "values": ["A"], "values_from": "personas"}
    assert "either" in model_error(TagField, both)


def test_review_due_follows_the_cadence() -> None:
    review = Review(
        owner="product-marketing", last_reviewed=dt.date(2026, 1, 1), cadence="quarterly"
    )
    assert review.last_reviewed + dt.timedelta(days=92) == dt.date(2026, 4, 3)
    persona = Persona.model_construct(review=review)
    assert persona.review_due == dt.date(2026, 4, 3)


def test_models_are_frozen() -> None:
    job = JobStatement(when="evaluating", want="see proof", so_that="justify it")
    with pytest.raises(ValidationError):
        job.when = "changed"  # type: ignore[misc]


def test_the_persona_id_is_not_in_the_schema() -> None:
    assert "id" not in Persona.model_json_schema()["properties"]
