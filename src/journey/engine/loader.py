"""Load a scenario file: safe YAML -> shape validation -> cross-field rules -> runtime model.

Every problem is reported at once as FILE:LINE:COL: message; nothing here lets a traceback reach
an author.
"""

from __future__ import annotations

import hashlib
import types
from difflib import get_close_matches
from pathlib import Path
from typing import Annotated, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from . import schema
from .diagnostics import Diagnostic, ScenarioError
from .model import Scenario
from .scenario_rules import compile_scenario
from .yamlsource import MAX_BYTES, Document, YamlSourceError, read_yaml

_TYPE_NAMES = {
    "string_type": "text", "int_type": "an integer", "bool_type": "true or false",
    "dict_type": "a mapping (key: value lines)", "list_type": "a list (lines starting with -)",
    "model_type": "a mapping (key: value lines)", "int_from_float": "an integer",
    "int_parsing": "an integer",
}


def _found(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    return {str: "text", int: "an integer", float: "a decimal number", list: "a list",
            dict: "a mapping"}.get(type(value), type(value).__name__)


def _step_into(annotation, part):
    """The annotation reached from `annotation` by following one step of an error's location."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _step_into(get_args(annotation)[0], part)
    if origin in (Union, types.UnionType):
        for option in get_args(annotation):
            if option is not type(None) and (found := _step_into(option, part)) is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, field in annotation.model_fields.items():
            if part in (name, field.alias):
                return field.annotation
        return None
    if origin is list and isinstance(part, int):
        return get_args(annotation)[0]
    if origin is dict:
        return get_args(annotation)[1]
    return None


def _model_of(annotation):
    origin = get_origin(annotation)
    if origin is Annotated:
        return _model_of(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return next(filter(None, (_model_of(a) for a in get_args(annotation))), None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _fields_at(root: type[BaseModel], loc: tuple) -> list[str]:
    annotation = root
    for part in loc:
        annotation = _step_into(annotation, part)
    found = _model_of(annotation)
    return [f.alias or n for n, f in found.model_fields.items()] if found else []


def _describe(error: dict, root: type[BaseModel], loc: tuple) -> tuple[tuple, str, bool]:
    """Turn one pydantic error into (path, plain message, point at key)."""
    kind, ctx = error["type"], error.get("ctx") or {}
    name = next((p for p in reversed(loc) if isinstance(p, str)), "value")
    if kind == "missing":
        return loc[:-1], f"missing required field '{loc[-1]}'", True
    if kind == "extra_forbidden":
        known = _fields_at(root, loc[:-1])
        close = get_close_matches(str(loc[-1]), known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (expected one of: {', '.join(known)})"
        return loc, f"unknown field '{loc[-1]}'{hint}", True
    if loc and loc[-1] == "[key]":
        return loc[:-1], (f"'{loc[-2]}' is not a valid id: use lowercase letters, digits and _, "
                          "starting with a letter"), True
    if kind in _TYPE_NAMES:
        return loc, f"'{name}' should be {_TYPE_NAMES[kind]}, not {_found(error['input'])}", False
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == schema.ID_PATTERN:
            return loc, (f"'{error['input']}' is not a valid id: use lowercase letters, digits "
                         "and _, starting with a letter"), False
        return loc, f"'{name}' should be a web address starting with http:// or https://", False
    if kind == "literal_error":
        return loc, f"'{name}' should be {ctx.get('expected')}, not {error['input']!r}", False
    if kind in ("too_short", "string_too_short"):
        what = "at least one item" if kind == "too_short" else "some text"
        return loc, f"'{name}' needs {what}", False
    return loc, f"'{name}': {error['msg']}", False


def _validate(model: type[BaseModel], data, prefix: tuple, problems: list):
    try:
        return model.model_validate(data)
    except ValidationError as failure:
        for error in failure.errors(include_url=False):
            problems.append(_describe(error, schema.ScenarioFile, prefix + tuple(error["loc"])))
        return None


def _valid_items(raw: dict) -> dict:
    """Section -> the items whose own shape is valid, so later rules can still check them."""
    parsed: dict = {}
    for section, model in schema.SECTION_MODELS.items():
        items = raw.get(section)
        parsed[section] = {}
        if isinstance(items, dict):
            for key, item in items.items():
                found = _validate(model, item, (section, key), [])
                if found is not None:
                    parsed[section][key] = found
    stages = raw.get("stages")
    parsed["stages"] = [s for s in (_validate(schema.Stage, item, (), [])
                                    for item in (stages if isinstance(stages, list) else []))
                        if s is not None]
    return parsed


def _diagnostic(name: str, document: Document, path: tuple, message: str,
                at_key: bool) -> Diagnostic:
    line, column = document.where_key(path) if at_key else document.where(path)
    return Diagnostic(name, line, column, message)


def load_text(text: str, name: str = "<scenario>") -> Scenario:
    """Load a scenario from YAML text. Raises ScenarioError listing every problem."""
    try:
        document = read_yaml(text)
    except YamlSourceError as failure:
        raise ScenarioError([Diagnostic(name, p.line, p.column, p.message)
                             for p in failure.problems]) from None
    diagnostics = [Diagnostic(name, p.line, p.column, p.message) for p in document.problems]
    raw = document.data
    if not isinstance(raw, dict):
        diagnostics.append(Diagnostic(name, 1, 1, "a scenario file is a mapping of fields "
                                      "(format:, id:, title:, ...); see docs/scenario-format.md"))
        raise ScenarioError(diagnostics)
    problems: list = []
    file = _validate(schema.ScenarioFile, raw, (), problems)
    if file is not None:
        parsed = {section: getattr(file, section) for section in schema.SECTION_MODELS}
        parsed["stages"] = file.stages
    else:
        parsed = _valid_items(raw)
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    scenario, rule_problems = compile_scenario(raw, parsed, file, content_hash, name)
    problems.extend(rule_problems)
    diagnostics.extend(_diagnostic(name, document, *p) for p in problems)
    if diagnostics or scenario is None:
        raise ScenarioError(diagnostics)
    return scenario


def load_scenario(path: str | Path) -> Scenario:
    """Load a scenario file. Raises ScenarioError (problems in the file) or OSError (unreadable)."""
    path = Path(path)
    if path.stat().st_size > MAX_BYTES:
        raise ScenarioError([Diagnostic(str(path), 1, 1, f"the file is larger than "
                                        f"{MAX_BYTES // (1024 * 1024)} MiB; it is refused")])
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ScenarioError([Diagnostic(str(path), line, 1,
                                        "the file is not UTF-8 text")]) from None
    return load_text(text, str(path))
