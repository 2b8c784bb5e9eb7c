"""Fuzzed scenario files: random bytes, and the bundled scenarios broken on purpose.

Every input is built from one `choose(n)` function that returns an integer in [0, n), so the same
code serves Hypothesis (tests/engine/test_fuzz_loading.py, which draws and shrinks the integers)
and the long run (benchmarks/fuzz_loader.py, where input i draws from `random.Random(i)`, so any
input it reports can be made again from its number).

Three kinds of input:
- random bytes;
- a bundled scenario's bytes with tokens spliced in, ranges cut or repeated (broken syntax,
  NUL bytes, invalid UTF-8, stray escapes, tags);
- a bundled scenario parsed to plain data, with a few nodes mutated (wrong types, integers past
  every limit, control and bidirectional characters, deep nesting, shared values that YAML writes
  as aliases, unknown and non-text keys, broken expressions, unknown ids), written back as YAML
  and sometimes broken further at the byte level.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml

from journey.engine import catalog
from journey.engine.exact.analysis import analyse
from journey.engine.exact.space import StateLimitExceeded
from journey.engine.diagnostics import ScenarioError
from journey.engine.limits import MAX_INTEGER
from journey.engine.loader import load_text
from journey.engine.reading import decode
from journey.engine.textsafety import REFUSED

Choose = Callable[[int], int]
"""choose(n) -> an integer in [0, n)."""

KINDS = ("bytes", "text", "tree")
_KIND_DRAWS = ("bytes", "text", "text", "tree", "tree", "tree")  # a tree input loads furthest
_YAML_BYTES = b" \n\t:-[]{}#&*!|>'\"\\,?%@`~.0123456789abexyz_"

_TOKENS = [
    b"\x00", b"\x1b", b"\x07", b"\x7f", b"\xc2\x9b", b"\xc2\x85", b"\xe2\x80\xae", b"\xff",
    b"\xed\xa0\x80", b"\xef\xbf\xbe", b"\r", b"\t", b"\n", b"\r\n", b" ", b"#", b"'", b'"',
    b"{", b"}", b"[", b"]", b",", b": ", b"- ", b"? ", b"|", b">", b"&a ", b"*a", b"<<: *a",
    b"---\n", b"...\n", b"%YAML 1.1\n", b"!!int ", b"!!float ", b"!!bool ", b"!!str ",
    b"!!binary ", b"!!set ", b"!!python/object/apply:os.system ['true'] ", b"!x ",
    b'"\\e]52;c;aGVsbG8=\\a"', b'"\\e]0;title\\a"', b'"\\e[2J"', b'"\\u009b31m"', b'"\\x00"',
    b'"\\u202e"', b"9" * 5000, b"0x" + b"f" * 200, b":".join([b"59"] * 400), b"1e999", b".nan",
    b"-" * 3, b"2024-01-01", b"~", b"yes", b"!!int ''", b"!!float ''", b"!!bool maybe",
    b"[" * 80, b"{a: " * 80, b"\xef\xbb\xbf",
]

_CONTROL_TEXT = ["\x1b]52;c;aGVsbG8=\x07", "\x1b]0;title\x07", "\x1b[2J", "\x9b31m", "\x00",
                 "\x7f", "\x85", "\r", "\u202e", "\u2066", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\"]

_EXPRESSION_PARTS = ["+", "-", "*", "//", "(", ")", "<", "==", "and", "or", "not", "min(",
                     "max(", ",", "money", "exposure", "nosuch", "true", "0", "1",
                     "99999999999999999999", "١٢", "²", "1_000", "0x10", " ", "", "\x1b"]


@cache
def bundled_texts() -> tuple[bytes, ...]:
    """The bundled scenarios, smallest first: most inputs start from the smallest."""
    return tuple(sorted((path.read_bytes() for path in catalog.bundled().values()), key=len))


def _pick(choose: Choose, items):
    return items[choose(len(items))]


def _base(choose: Choose) -> int:
    """The index of a bundled scenario: the smallest three times in four."""
    count = len(bundled_texts())
    return 0 if choose(4) or count == 1 else 1 + choose(count - 1)


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's, when PyYAML has it: 10x faster


@cache
def _parsed(index: int):
    return yaml.load(bundled_texts()[index], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


# --- bytes ----------------------------------------------------------------------------------
def mutate_bytes(data: bytes, choose: Choose, count: int) -> bytes:
    """`data` with `count` random edits: splice a token, cut or repeat a range, change a byte."""
    wild = choose(4) == 0
    for _ in range(count):
        at = choose(len(data) + 1)
        span = choose(200) + 1
        edit = choose(5)
        if edit == 0:
            data = data[:at] + _pick(choose, _TOKENS) + data[at:]
        elif edit == 1:
            data = data[:at] + data[at + span:]
        elif edit == 2:
            data = data[:at] + data[at:at + span] * (choose(20) + 2) + data[at + span:]
        elif edit == 3 and at < len(data):
            data = data[:at] + bytes([_random_byte(choose, wild)]) + data[at + 1:]
        else:
            data = data[:at]
    return data


def _random_byte(choose: Choose, wild: bool) -> int:
    """Any byte if `wild`, else one that means something to YAML (so most inputs are text)."""
    return choose(256) if wild else _pick(choose, _YAML_BYTES)


def random_bytes(choose: Choose) -> bytes:
    wild = choose(4) == 0
    return bytes(_random_byte(choose, wild) for _ in range(choose(300)))


# --- trees ----------------------------------------------------------------------------------
def _keys(node):
    if isinstance(node, dict):
        return list(node)
    return range(len(node)) if isinstance(node, list) else ()


def _places(tree) -> list[tuple[object, object]]:
    """(container, key or index) for every value in `tree`, each shared value once."""
    found, seen, stack = [], set(), [tree]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        for key in _keys(node):
            found.append((node, key))
            stack.append(node[key])
    return found


def _holds(tree, node) -> bool:
    """Whether `node` is `tree` or inside it (sharing it there would make a cycle)."""
    return any(container is node for container, _ in _places([tree]))


def _huge_integer(choose: Choose) -> int:
    return _pick(choose, [MAX_INTEGER + 1, -MAX_INTEGER - 1, MAX_INTEGER, 2**63, 2**64 + 1,
                          -(2**63) - 1, 10 ** (choose(4000) + 16), -(10 ** (choose(60) + 16))])


def _wrong_type(choose: Choose, value):
    return _pick(choose, [0, -1, 1, "text", "", True, False, None, [], {}, 1.5, [value],
                          {"x": value}, "yes", str(value)])


def _with_control(choose: Choose, value) -> str:
    text = value if isinstance(value, str) else str(value)
    at = choose(len(text) + 1)
    return text[:at] + _pick(choose, _CONTROL_TEXT) + text[at:]


def _expression(choose: Choose, value) -> str:
    text = value if isinstance(value, str) else str(value)
    shape = choose(5)
    if shape == 0:  # a long chain
        return " + ".join([text or "1"] * (choose(3000) + 1))
    if shape == 1:  # deep parentheses
        depth = choose(2000) + 1
        return "(" * depth + (text or "1") + ")" * depth
    if shape == 2:  # a huge literal
        return f"{text or '1'} + {'9' * (choose(40) + 1)}"
    parts = text.split(" ")
    for _ in range(choose(4) + 1):
        at = choose(len(parts) + 1)
        parts[at:at + choose(2)] = [_pick(choose, _EXPRESSION_PARTS)]
    return " ".join(parts)


def _new_key(choose: Choose, container: dict, key):
    text = str(key)
    return _pick(choose, [text + "x", text[:-1] or "x", text.upper(), 1, 10**20, True, None,
                          "", "k" * 1000, _with_control(choose, text), 1.5])


def mutate_tree(tree, choose: Choose, count: int):
    """`tree` (plain data) with `count` nodes changed in place; returns the (new) root."""
    root = [tree]  # a holder, so the root itself can be replaced
    for _ in range(count):
        places = _places(root)
        container, key = _pick(choose, places)
        value = container[key]
        edit = choose(12)
        if edit == 0:
            container[key] = _wrong_type(choose, value)
        elif edit == 1:
            container[key] = _huge_integer(choose)
        elif edit == 2:
            container[key] = _with_control(choose, value)
        elif edit == 3 and isinstance(container, dict):
            container[_new_key(choose, container, key)] = copy.deepcopy(value)
        elif edit == 4 and container is not root:
            del container[key]
        elif edit == 5:
            for _ in range(choose(100) + 1):
                value = [value] if choose(2) else {"x": value}
            container[key] = value
        elif edit == 6:  # a value shared with another place: YAML writes an anchor and aliases
            other_container, other_key = _pick(choose, places)
            shared = other_container[other_key]
            if not _holds(shared, container):
                container[key] = [shared] * (choose(50) + 1) if choose(2) else shared
        elif edit == 7 and isinstance(value, list) and value:
            container[key] = value * (choose(2000) + 2)  # one item repeated: many aliases
        elif edit == 8 and isinstance(value, list) and value:
            container[key] = [copy.deepcopy(value[0]) for _ in range(choose(300) + 2)]
        elif edit == 9:
            container[key] = _expression(choose, value)
        elif edit == 10:  # another id from the file, or a typo of this one
            other_container, other_key = _pick(choose, places)
            container[key] = str(other_key) if choose(2) else str(value)[:-1]
        elif edit == 11 and isinstance(container, dict):
            if isinstance(key, str) and key != "":
                container[key[:-1] + "_"] = container.pop(key)
    return root[0]


def _dump(tree, choose: Choose) -> bytes:
    flow = _pick(choose, [False, None, True])
    return yaml.dump(tree, Dumper=_DUMPER, allow_unicode=bool(choose(2)), sort_keys=False,
                     default_flow_style=flow, width=_pick(choose, [80, 10**6])).encode()


def tree_input(choose: Choose) -> bytes:
    tree = mutate_tree(copy.deepcopy(_parsed(_base(choose))), choose, choose(3) + 1)
    data = _dump(tree, choose)
    return mutate_bytes(data, choose, choose(3)) if choose(4) == 0 else data


def fuzz_input(choose: Choose) -> tuple[str, bytes]:
    """(kind, the file's bytes) for one fuzzed input."""
    kind = _pick(choose, _KIND_DRAWS)
    if kind == "bytes":
        return kind, random_bytes(choose)
    if kind == "text":
        return kind, mutate_bytes(bundled_texts()[_base(choose)], choose, choose(4) + 1)
    return kind, tree_input(choose)


# --- what every input must do ---------------------------------------------------------------
NAME = "fuzzed.yaml"


def exercise(data: bytes, max_states: int) -> str:
    """Load `data` as a scenario file, and analyse it (up to `max_states`) if it loads.

    Returns what happened: "refused", "analysed" or "state limit". Anything else the loader or
    the analysis raises propagates: that is a failure. A refusal must list at least one problem,
    each at a line and column, and its messages must hold nothing a terminal would act on.
    """
    try:
        scenario = load_text(decode(data, NAME), NAME)
    except ScenarioError as failure:
        assert failure.diagnostics, "a refusal with no problem listed"
        for diagnostic in failure.diagnostics:
            assert diagnostic.line >= 1 and diagnostic.column >= 1, str(diagnostic)
            assert not _UNPRINTABLE.search(str(diagnostic)), str(diagnostic)
        return "refused"
    try:
        analyse(scenario, max_states)
    except StateLimitExceeded:
        return "state limit"
    return "analysed"


_UNPRINTABLE = re.compile(f"[\t\n]|{REFUSED.pattern}")
