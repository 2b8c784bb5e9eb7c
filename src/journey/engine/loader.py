"""Load a scenario file: safe YAML -> shape validation -> cross-field rules -> runtime model.

Every problem is reported at once as FILE:LINE:COL: message; nothing here lets a traceback reach
an author.
"""

from __future__ import annotations

import hashlib
import types
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Union, get_args, get_origin, get_type_hints

from typing_extensions import NotRequired, Required, is_typeddict

from . import collector_paused
from .diagnostics import Diagnostic, ScenarioError
from .limits import MAX_PROBLEMS
from .model import Scenario
from .reading import read_text
from .compiler import compile_scenario
from .text_rules import Spot
from .textsafety import quoted
from .yamlsource import Document, YamlSourceError, read_yaml, within

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from .schema import ScenarioFile

_TYPE_NAMES = {
    "string_type": "text", "int_type": "an integer", "bool_type": "true or false",
    "dict_type": "a mapping (key: value lines)", "list_type": "a list (lines starting with -)",
    "model_type": "a mapping (key: value lines)", "int_from_float": "an integer",
    "int_parsing": "an integer",
}

Location = tuple[int | str, ...]  # keys and list positions from the file's root to a value
Unlocated = tuple[Location, str | None, bool, Spot | None]
"""path, message (None: not described), at the key, where inside the string"""


def _found(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    return {str: "text", int: "an integer", float: "a decimal number", list: "a list",
            dict: "a mapping"}.get(type(value), type(value).__name__)


def _hints(shape: object) -> dict[str, object]:
    return get_type_hints(shape, include_extras=True) if is_typeddict(shape) else {}


def _strip(annotation: object) -> object:
    """Remove the Annotated / NotRequired / Optional wrappers around an annotation."""
    while True:
        origin = get_origin(annotation)
        if origin in (Annotated, NotRequired, Required):
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation


def _step_into(annotation: object, part: int | str) -> object:
    """The annotation reached from `annotation` by following one step of an error's location."""
    annotation = _strip(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        found = (_step_into(option, part) for option in get_args(annotation))
        return next((f for f in found if f is not None), None)
    if is_typeddict(annotation) and isinstance(part, str):  # its fields have names
        return _hints(annotation).get(part)
    origin = get_origin(annotation)
    if origin is list and isinstance(part, int):
        return get_args(annotation)[0]
    if origin is dict:
        return get_args(annotation)[1]
    return None


def _fields_at(root: object, loc: Location) -> list[str]:
    annotation = root
    for part in loc:
        annotation = _step_into(annotation, part)
    annotation = _strip(annotation)
    if get_origin(annotation) in (Union, types.UnionType):  # a text's part: text or a mapping
        annotation = next((o for o in map(_strip, get_args(annotation)) if is_typeddict(o)), None)
    return list(_hints(annotation))


def _describe(error: ErrorDetails, root: object, loc: Location) -> tuple[Location, str, bool]:
    """Turn one pydantic error into (path, plain message, point at key).

    Names and values from the file are quoted with `quoted`: shortened, and escaped so that no
    character in them reaches the terminal.
    """
    from . import schema

    kind, ctx = error["type"], error.get("ctx") or {}
    name = quoted(next((p for p in reversed(loc) if isinstance(p, str)), "value"))
    if kind == "missing":
        return loc[:-1], f"missing required field {quoted(loc[-1])}", True
    if kind == "extra_forbidden":
        known = _fields_at(root, loc[:-1])
        close = get_close_matches(str(loc[-1]), known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (expected one of: {', '.join(known)})"
        return loc, f"unknown field {quoted(loc[-1])}{hint}", True
    if loc and loc[-1] == "[key]":
        return loc[:-1], (f"{quoted(loc[-2])} is not a valid id: use lowercase letters, digits "
                          "and _, starting with a letter"), True
    if kind in _TYPE_NAMES:
        return loc, f"{name} should be {_TYPE_NAMES[kind]}, not {_found(error['input'])}", False
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == schema.ID_PATTERN:
            return loc, (f"{quoted(error['input'])} is not a valid id: use lowercase letters, "
                         "digits and _, starting with a letter"), False
        return loc, f"{name} should be a web address starting with http:// or https://", False
    if kind == "literal_error":
        return loc, f"{name} should be {ctx.get('expected')}, not {quoted(error['input'])}", False
    if kind in ("too_short", "string_too_short"):
        what = "at least one item" if kind == "too_short" else "some text"
        return loc, f"{name} needs {what}", False
    return loc, f"{name}: {error['msg']}", False


def _not_text(loc: Location, found: object) -> str:
    """What a player-facing text (or one of its parts, at a list position) should be."""
    if isinstance(loc[-1], int):
        return (f"part {loc[-1] + 1} of {quoted(loc[-2])} should be text or {{if: CONDITION, "
                f"text: ...}}, not {_found(found)}")
    return (f"{quoted(loc[-1])} should be text, or a list of parts (text, or {{if: CONDITION, "
            f"text: ...}}), not {_found(found)}")


def _validate(raw: dict[str | int, object],
              problems: list[Unlocated]) -> tuple[ScenarioFile | None, list[Location]]:
    """The validated file, or None; adds a problem for each broken value and returns where
    each is, so the rest of the file can still be checked.

    Past MAX_PROBLEMS errors, the rest are kept with no message (None): describing one can take
    a did-you-mean search, and no one reads a hundred thousand of them.
    """
    # Imported on the first load, under its paused collector: pydantic's import is costly.
    from pydantic import ValidationError

    from . import schema

    try:
        return schema.adapter(schema.ScenarioFile).validate_python(raw), []
    except ValidationError as failure:
        broken = []
        for number, error in enumerate(failure.errors(include_url=False)):
            loc = tuple(p for p in error["loc"] if p not in schema.TAGS)
            if number < MAX_PROBLEMS and error["loc"][-1:] == schema.TEXT_TAGS[:1] \
                    and error["type"] == "string_type":  # a player-facing text, or a part
                problems.append((loc, _not_text(loc, error["input"]), False, None))
            elif number < MAX_PROBLEMS:
                problems.append((*_describe(error, schema.ScenarioFile, loc), None))
            else:
                problems.append((loc, None, True, None))
            broken.append(loc[:-1] if loc[-1:] == ("[key]",) else loc)
        return None, broken


Located = tuple[int, int, str | None]  # line, column, message (None: not described)


def _located(text: str, document: Document, path: Location, message: str | None,
             at_key: bool, spot: Spot | None) -> Located:
    if spot is not None:
        line, column = within(text, document, path, *spot)
    else:
        line, column = document.where_key(path) if at_key else document.where(path)
    return line, column, message


def _listed(name: str, found: list[Located], unplaced: int = 0) -> list[Diagnostic]:
    """The first MAX_PROBLEMS problems found, in file order, and then, if there are more (with
    `unplaced` more that were not even located), one line at the first left out saying how many.
    """
    listed: list[Diagnostic] = []
    first_left_out: tuple[int, int] | None = None
    for line, column, message in sorted(found, key=lambda f: (f[0], f[1], f[2] or "")):
        if message is not None and len(listed) < MAX_PROBLEMS:
            listed.append(Diagnostic(name, line, column, message))
        elif first_left_out is None:
            first_left_out = line, column
    more = len(found) + unplaced - len(listed)
    if more:
        line, column = first_left_out or (1, 1)
        listed.append(Diagnostic(name, line, column,
                                 f"{more:,} more problem{'s' if more != 1 else ''}, not listed; "
                                 "fix the ones listed and check again"))
    return listed


def load_text(text: str, name: str = "<scenario>") -> Scenario:
    """Load a scenario from YAML text. Raises ScenarioError listing every problem (up to
    MAX_PROBLEMS of them)."""
    with collector_paused():
        return _load_text(text, name)


def _load_text(text: str, name: str) -> Scenario:
    try:
        document = read_yaml(text, track=False)
    except YamlSourceError as failure:
        raise ScenarioError(_listed(name, [(p.line, p.column, p.message)
                                           for p in failure.problems])) from None
    found: list[Located] = [(p.line, p.column, p.message) for p in document.problems]
    raw = document.data
    if not isinstance(raw, dict):
        found.append((1, 1, "a scenario file is a mapping of fields (format:, id:, title:, "
                            "...); see docs/scenario-format.md"))
        raise ScenarioError(_listed(name, found))
    problems: list[Unlocated] = []
    file, broken = _validate(raw, problems)
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    scenario, rule_problems = compile_scenario(raw, file, broken, content_hash, name)
    problems.extend(rule_problems)
    unplaced = 0
    if problems:
        # Positions are only worth recording when there is something to point at. Of the
        # problems not described (past MAX_PROBLEMS), only the first is located.
        document = read_yaml(text, track=True)
        undescribed = [p for p in problems if p[1] is None]
        found.extend(_located(text, document, *p) for p in problems if p[1] is not None)
        found.extend(_located(text, document, *p) for p in undescribed[:1])
        unplaced = len(undescribed[1:])
    if found or scenario is None:
        raise ScenarioError(_listed(name, found, unplaced))
    return scenario


def load_scenario(path: str | Path) -> Scenario:
    """Load a scenario file. Raises ScenarioError (problems in the file) or OSError (no such
    file, or one that is not a regular file: see `reading`)."""
    return load_text(read_text(path), str(path))
