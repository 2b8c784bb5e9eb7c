"""Player-facing text as the loader reads it: one string, or a list of parts (a string, or
`{if: CONDITION, text: ...}`), each string with `${name}` where a value is shown and `$${`
where it means `${` itself. Names are checked against the variables and flags, and a problem
inside a string is reported at the column where it stands (`Spot`). `compiler` calls
`compile_text` for every text; `engine.text` reads the result for a state.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from . import model
from .expressions import BOOL, Compiled, Symbol
from .presentation_rules import did_you_mean
from .salvage import Path

_VALUE = re.compile(r"\$\$\{|\$\{(?P<name>[^}\n]*)(?P<closed>\})?")
"""`$${` (a literal `${`), or `${name}`, or a `${` left open (up to the line's end)."""
_NAME = re.compile(r"[a-z][a-z0-9_]*")

Spot = tuple[str, int, int]
"""Where a problem stands inside a string: (the text written there, which of its occurrences
in the string from 0, how many characters into it), so the loader can find its column."""


class Compiling(Protocol):
    """What compiling a text needs of the scenario's compiler."""

    symbols: dict[str, Symbol]

    def problem(self, path: Path, message: str, at_key: bool = False,
                within: Spot | None = None) -> None:
        """Report a problem at the value at `path` (inside it, at `within`), or at its key."""

    def expression(self, source: str | int | bool | None, wanted: str,
                   path: Path) -> Compiled | None: ...


def compile_text(compiler: Compiling, written: object, path: Path, joiner: str) -> model.Text:
    """The text written at `path` (a string, a list of parts, or None when missing or broken),
    its parts to be joined by `joiner` when it is a list."""
    if isinstance(written, str):
        return model.Text(written, (model.Part(None, "", _pieces(compiler, written, path)),))
    if not isinstance(written, list):
        return model.NO_TEXT
    parts, shown = [], []
    for k, item in enumerate(written):
        where = path + (k,)
        if isinstance(item, str):
            parts.append(model.Part(None, "", _pieces(compiler, item, where)))
            shown.append(item.strip())
        elif isinstance(item, dict):
            text = item.get("text", "")
            pieces = _pieces(compiler, text, where + ("text",))
            compiled = compiler.expression(item.get("if"), BOOL, where + ("if",))
            evaluate: Callable[[model.Values], int] | None = (
                compiled.evaluate if compiled is not None else None)
            source = compiled.source if compiled is not None else str(item.get("if", ""))
            parts.append(model.Part(evaluate or _never, source, pieces, where + ("if",)))
            shown.append(f"{{if {source}}} {text.strip()}")
    return model.Text(joiner.join(shown), tuple(parts), joiner)


def _never(values: model.Values) -> int:
    """The condition of a part whose own condition is broken (and reported): the scenario
    does not load, so it is never read."""
    return 0


def _pieces(compiler: Compiling, written: str, path: Path) -> tuple[str | int, ...]:
    """The words of `written` and, as integers, the slots of the values shown in it."""
    if "${" not in written:
        return (written,)
    pieces: list[str | int] = []
    words, last = "", 0
    for found in _VALUE.finditer(written):
        words += written[last:found.start()]
        last = found.end()
        name = found.group("name")
        if name is None:  # $${
            words += "${"
            continue
        token = found.group()
        spot = (token, _occurrence(written, token, found.start()), 2)
        if found.group("closed") is None:
            compiler.problem(path, "'${' is not closed: write ${name} to show a value, or $${ "
                             "for the characters ${ themselves", within=(token, spot[1], 0))
            continue
        slot = _slot(compiler, name, path, spot)
        if slot is not None:
            pieces += [words, slot] if words else [slot]
            words = ""
    words += written[last:]
    if words:
        pieces.append(words)
    return tuple(pieces)


def _occurrence(written: str, token: str, start: int) -> int:
    """How many times `token` is written in `written` before `start`."""
    count, at = 0, written.find(token)
    while 0 <= at < start:
        count += 1
        at = written.find(token, at + 1)
    return count


def _slot(compiler: Compiling, name: str, path: Path, spot: Spot) -> int | None:
    """The slot of the variable or flag `name` shows, or None after reporting the problem (or
    when the name's own definition is broken, and reported)."""
    if not _NAME.fullmatch(name):
        compiler.problem(path, f"'${{{name}}}': write the id of a variable or flag between ${{ "
                         "and }, without spaces", within=spot)
        return None
    symbol = compiler.symbols.get(name)
    if symbol is None:
        compiler.problem(path, f"unknown variable or flag '{name}' in ${{{name}}}"
                         + did_you_mean(name, compiler.symbols), within=spot)
        return None
    return symbol.index if symbol.index >= 0 else None
