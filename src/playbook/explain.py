"""Turn pydantic's validation errors into problems a content lead can act on."""

from __future__ import annotations

import datetime as dt
import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from playbook.dates import impossible_date
from playbook.document import Document
from playbook.problems import FieldPath, Problem, did_you_mean, one_of


def explain(error: ValidationError, document: Document, model: type[BaseModel]) -> list[Problem]:
    """One problem per error in `error`, located in `document`, which `model` validated."""
    problems = []
    details = error.errors(include_url=False)
    misspelt = _misspelt_fields(details, model)
    for detail in details:
        loc = tuple(detail["loc"])
        if detail["type"] == "missing" and loc in misspelt:
            continue  # the misspelt key's "did you mean" already says what to write
        on_key = bool(loc) and loc[-1] == "[key]"
        path: FieldPath = loc[:-1] if on_key else loc
        if any(path[:end] in document.unreadable for end in range(len(path) + 1)):
            continue  # the reader has already reported this value
        message = _message(detail, path, document, model, on_key)
        at_key = on_key or detail["type"] == "extra_forbidden"
        problems.append(document.problem(path, message, key=at_key))
    return problems


def _misspelt_fields(details: list[ErrorDetails], model: type[BaseModel]) -> set[FieldPath]:
    """Paths of missing fields that an unknown key beside them was probably meant to be."""
    meant = set()
    for detail in details:
        if detail["type"] == "extra_forbidden":
            path = tuple(detail["loc"])
            suggestion = did_you_mean(str(path[-1]), fields_at(model, path[:-1]))
            if suggestion:
                meant.add((*path[:-1], suggestion))
    return meant


def _message(
    detail: ErrorDetails, path: FieldPath, document: Document, model: type[BaseModel], on_key: bool
) -> str:
    kind = detail["type"]
    value = detail.get("input")
    raw = document.plain.get(path)
    context = detail.get("ctx") or {}
    shown = raw if raw is not None else value

    if on_key:
        if kind == "literal_error":
            return f"the key {_not_a_choice(value, str(context.get('expected', '')))}"
        said = _strip(detail["msg"]).removeprefix(f"`{value}` ")
        return f"the key `{value}` {said}"
    if kind == "missing":
        return _missing(model, path)
    if kind == "extra_forbidden":
        return _unknown_field(model, path)
    if kind == "string_type":
        return _not_text(value, raw)
    if kind in ("list_type", "tuple_type"):
        return _not_a_list(value)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _not_a_mapping(value, path)
    if kind == "literal_error":
        return _not_a_choice(shown, str(context.get("expected", "")))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"`{shown}` is not a whole number; write only the number, e.g. 45"
    if kind == "finite_number":
        return f"`{shown}` is not a number that can be counted; write the number, e.g. 250000"
    if kind in ("float_type", "float_parsing"):
        return f"`{shown}` is not a number; write only the number, e.g. 2.5"
    if kind in ("bool_type", "bool_parsing"):
        return f"`{shown}` is not true or false; write true or false"
    if kind.startswith(("date_", "datetime_")):
        return impossible_date(str(value)) or (
            f"`{shown}` is not a date; write it as YYYY-MM-DD, e.g. 2026-09-14"
        )
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return _out_of_range(kind, shown, context)
    if kind == "too_short":
        count = context.get("min_length", 1)
        return f"needs at least {count} item{'s' if count != 1 else ''}"
    if kind == "string_pattern_mismatch":
        return f"`{shown}` does not have the expected form; see the field's description"
    return _strip(detail["msg"])


def _strip(message: str) -> str:
    message = message.removeprefix("Value error, ")
    return message[:1].lower() + message[1:]


def _missing(model: type[BaseModel], path: FieldPath) -> str:
    name = path[-1]
    info = field_info(model, path)
    if info and info.description:
        about = info.description.rstrip(".")
        return f"is missing: add `{name}:`, {about[:1].lower()}{about[1:]}"
    return f"is missing: add `{name}:`"


def _unknown_field(model: type[BaseModel], path: FieldPath) -> str:
    name = str(path[-1])
    allowed = fields_at(model, path[:-1])
    suggestion = did_you_mean(name, allowed)
    if suggestion:
        return f"unknown field `{name}`; did you mean `{suggestion}`?"
    return f"unknown field `{name}`; the fields here are {one_of(allowed, limit=30)}"


def _not_text(value: Any, raw: str | None) -> str:
    if value is None:
        return "has no value; write the text, or remove the line"
    if raw is not None:
        quoted = f'put it in quotes: "{raw}"'
        if isinstance(value, bool):
            return (
                f"`{raw}` was read as {str(value).lower()}, not as text (YAML reads yes, no, "
                f"on, off, true and false that way); {quoted}"
            )
        if isinstance(value, int) and ":" in raw:
            return (
                f"`{raw}` was read as the number {value} (YAML reads numbers with colons as "
                f"minutes and seconds); {quoted}"
            )
        if isinstance(value, int | float):
            return f"`{raw}` was read as a number, not as text; {quoted}"
        if isinstance(value, dt.date):
            return f"`{raw}` was read as a date, not as text; {quoted}"
    if isinstance(value, dict):
        return "should be text, not a mapping; write the text on the same line, after the colon"
    if isinstance(value, list):
        return "should be text, not a list; write the text on the same line, after the colon"
    return f"`{value}` should be text; put it in quotes"


def _not_a_list(value: Any) -> str:
    if value is None:
        return "has no items; add them on the lines below, each starting with `- `"
    if isinstance(value, dict):
        return "should be a list, not a mapping: start each item with `- `"
    return "should be a list: put each item on its own line, starting with `- `"


def _not_a_mapping(value: Any, path: FieldPath) -> str:
    where = "at the top of the file" if not path else "indented beneath it"
    if value is None:
        return f"is empty; it needs `key: value` lines {where}"
    if isinstance(value, list):
        return f"should be `key: value` lines {where}, not a list (drop the `- `)"
    return f"should be `key: value` lines {where}, not a single value"


_CHOICE = re.compile(r"'((?:[^'\\]|\\.)*)'|(-?\d+)")


def _not_a_choice(value: Any, expected: str) -> str:
    choices = [quoted or number for quoted, number in _CHOICE.findall(expected)]
    message = f"`{value}` is not allowed here; use {one_of(choices, limit=20)}"
    suggestion = did_you_mean(str(value), choices)
    return f"{message}. Did you mean `{suggestion}`?" if suggestion else message


def _out_of_range(kind: str, value: Any, context: dict[str, Any]) -> str:
    words = {
        "greater_than_equal": ("ge", "at least"),
        "greater_than": ("gt", "more than"),
        "less_than_equal": ("le", "at most"),
        "less_than": ("lt", "less than"),
    }
    key, phrase = words[kind]
    return f"is {value}; it must be {phrase} {context.get(key):g}"


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _type_at(model: type[BaseModel], path: FieldPath) -> Any:
    annotation: Any = model
    for part in path:
        annotation = _unwrap(annotation)
        origin = get_origin(annotation)
        if origin in (list, tuple) and isinstance(part, int):
            annotation = get_args(annotation)[0]
        elif origin is dict:
            annotation = get_args(annotation)[1]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(str(part))
            if field is None:
                return None
            annotation = field.annotation
        else:
            return None
    return _unwrap(annotation)


def fields_at(model: type[BaseModel], path: FieldPath) -> list[str]:
    """The fields a mapping at `path` may have, in the model's order (injected ids left out)."""
    annotation = _type_at(model, path)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [name for name, info in annotation.model_fields.items() if not info.exclude]
    return []


def field_info(model: type[BaseModel], path: FieldPath) -> FieldInfo | None:
    """The declaration of the field at `path`, if `path` names a model field."""
    parent = _type_at(model, path[:-1])
    if isinstance(parent, type) and issubclass(parent, BaseModel):
        return parent.model_fields.get(str(path[-1]))
    return None
