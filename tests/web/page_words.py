"""The messages a script of the page asks the words table for, read from its source: the
first argument of every `say(...)` and `plural(...)` call, made of string literals and
constants (`const NAME = "..." + "...";`) joined with `+`, either side of a `? :`."""

from __future__ import annotations

import json
import re
from pathlib import Path

CALL = re.compile(r"\b(?:say|plural)\(")
TOKEN = re.compile(r'\s*(?:"((?:[^"\\\n]|\\.)*)"|([A-Za-z_$][\w$.]*)|(\S))')
CONSTANT = re.compile(r"\bconst ([A-Z_]+) = ((?:\"(?:[^\"\\\n]|\\.)*\"\s*\+?\s*)+);")


def first_argument(source: str, start: int) -> str:
    """The text of a call's first argument, from just after its '('."""
    depth, i, quote = 0, start, None
    while i < len(source):
        ch = source[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                return source[start:i]
            depth -= 1
        elif ch == "," and depth == 0:
            return source[start:i]
        i += 1
    raise ValueError("a call that does not end")


def _branches(argument: str, constants: dict[str, str]) -> list[str]:
    """The messages an argument can be: each `? :` branch made only of literals and constants
    joined with `+` (a condition before `?` is skipped)."""
    found, pieces, usable = [], [], True
    for literal, name, other in TOKEN.findall(argument):
        if other in ("?", ":"):
            if pieces and usable:
                found.append("".join(pieces))
            pieces, usable = [], True
        elif name in constants:
            pieces.append(constants[name])
        elif name or (other and other != "+"):
            usable = False
        elif not other:
            pieces.append(json.loads(f'"{literal}"'))
    if pieces and usable:
        found.append("".join(pieces))
    return found


def messages(source: str) -> set[str]:
    """Every message id written in a say() or plural() call of `source`."""
    constants = {name: "".join(json.loads(f'"{text}"') for text in
                               re.findall(r'"((?:[^"\\\n]|\\.)*)"', value))
                 for name, value in CONSTANT.findall(source)}
    found: set[str] = set()
    for call in CALL.finditer(source):
        found.update(_branches(first_argument(source, call.end()), constants))
    return found


def scripts_messages(*paths: Path) -> set[str]:
    return set().union(*(messages(path.read_text(encoding="utf-8")) for path in paths))
