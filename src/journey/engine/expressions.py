"""The scenario expression language: parsed once at load time, never passed to Python's eval.

Grammar (lowest precedence first; see docs/scenario-format.md):

    expr  := and ("or" and)*
    and   := not ("and" not)*
    not   := "not" not | cmp
    cmp   := sum [("<" | "<=" | ">" | ">=" | "==" | "!=") sum]
    sum   := term (("+" | "-") term)*
    term  := unary (("*" | "//") unary)*
    unary := "-" unary | atom
    atom  := INTEGER | "true" | "false" | NAME | ("min" | "max") "(" expr ("," expr)+ ")"
           | "(" expr ")"

Values are integers or booleans. Variables are integers, flags are booleans. A compiled expression
is a function of the state's value tuple (variables first, then flags as 0 or 1).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Callable

INT = "integer"
BOOL = "boolean"
ARTICLE = {INT: "an integer", BOOL: "a boolean"}
KEYWORDS = frozenset({"and", "or", "not", "true", "false", "min", "max"})

_TOKEN = re.compile(r"\s*(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|//|[-+*<>(),]))")

Evaluator = Callable[[tuple], int]


class ExpressionError(ValueError):
    """A problem in an expression; `column` is the 0-based offset of the offending text."""

    def __init__(self, message: str, column: int = 0):
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass(frozen=True, slots=True)
class Symbol:
    """A name an expression may use: its slot in the value tuple, its type and its range."""

    index: int
    type: str
    low: int
    high: int


@dataclass(frozen=True, slots=True)
class Compiled:
    """A checked expression: its type, the range its value can take, and its evaluator."""

    source: str
    type: str
    low: int
    high: int
    evaluate: Evaluator
    names: frozenset[str]


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    """Split into (kind, text, column) tokens, ending with an "end" token."""
    tokens, pos = [], 0
    while text[pos:].strip():
        match = _TOKEN.match(text, pos)
        if not match:
            start = len(text) - len(text[pos:].lstrip())
            raise ExpressionError(f"unexpected character {text[start]!r}", start)
        number, name, op = match.groups()
        start = match.start(match.lastindex)
        if number is not None:
            tokens.append(("int", number, start))
        elif name is not None:
            tokens.append(("kw" if name in KEYWORDS else "name", name, start))
        else:
            tokens.append(("op", op, start))
        pos = match.end()
    tokens.append(("end", "", len(text)))
    return tokens


_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "//": operator.floordiv}
_COMPARE = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt,
    ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
}


class _Parser:
    """Recursive descent over the token list, producing `Compiled` nodes bottom-up."""

    def __init__(self, text: str, symbols: dict[str, Symbol]):
        self.text = text
        self.symbols = symbols
        self.tokens = _tokenize(text)
        self.pos = 0
        self.names: set[str] = set()

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.pos]

    def take(self) -> tuple[str, str, int]:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expect(self, value: str) -> None:
        kind, text, column = self.take()
        if text != value:
            found = "the end" if kind == "end" else repr(text)
            raise ExpressionError(f"expected {value!r} but found {found}", column)

    def parse(self) -> Compiled:
        node = self.parse_or()
        kind, text, column = self.peek()
        if kind != "end":
            raise ExpressionError(f"unexpected {text!r}", column)
        return node

    def need(self, node: Compiled, wanted: str, what: str, column: int) -> None:
        if node.type != wanted:
            raise ExpressionError(f"{what} needs {ARTICLE[wanted]}, not {ARTICLE[node.type]}",
                                  column)

    def parse_or(self) -> Compiled:
        column = self.peek()[2]
        left = self.parse_and()
        while self.peek()[1] == "or":
            op_column = self.take()[2]
            right = self.parse_and()
            self.need(left, BOOL, "'or'", column)
            self.need(right, BOOL, "'or'", op_column)
            a, b = left.evaluate, right.evaluate
            left = self.make(BOOL, 0, 1, lambda v, a=a, b=b: a(v) or b(v))
        return left

    def parse_and(self) -> Compiled:
        column = self.peek()[2]
        left = self.parse_not()
        while self.peek()[1] == "and":
            op_column = self.take()[2]
            right = self.parse_not()
            self.need(left, BOOL, "'and'", column)
            self.need(right, BOOL, "'and'", op_column)
            a, b = left.evaluate, right.evaluate
            left = self.make(BOOL, 0, 1, lambda v, a=a, b=b: a(v) and b(v))
        return left

    def parse_not(self) -> Compiled:
        if self.peek()[1] == "not":
            column = self.take()[2]
            inner = self.parse_not()
            self.need(inner, BOOL, "'not'", column)
            a = inner.evaluate
            return self.make(BOOL, 0, 1, lambda v, a=a: not a(v))
        return self.parse_compare()

    def parse_compare(self) -> Compiled:
        column = self.peek()[2]
        left = self.parse_sum()
        kind, op, op_column = self.peek()
        if kind != "op" or op not in _COMPARE:
            return left
        self.take()
        right = self.parse_sum()
        if op in ("==", "!="):
            if left.type != right.type:
                raise ExpressionError(
                    f"'{op}' compares {ARTICLE[left.type]} with {ARTICLE[right.type]}", op_column)
        else:
            self.need(left, INT, f"'{op}'", column)
            self.need(right, INT, f"'{op}'", op_column)
        fn, a, b = _COMPARE[op], left.evaluate, right.evaluate
        return self.make(BOOL, 0, 1, lambda v, fn=fn, a=a, b=b: fn(a(v), b(v)))

    def parse_sum(self) -> Compiled:
        return self._binary(self.parse_term, ("+", "-"))

    def parse_term(self) -> Compiled:
        return self._binary(self.parse_unary, ("*", "//"))

    def _binary(self, operand: Callable[[], Compiled], ops: tuple[str, ...]) -> Compiled:
        column = self.peek()[2]
        left = operand()
        while self.peek()[0] == "op" and self.peek()[1] in ops:
            op, op_column = self.take()[1:]
            right_column = self.peek()[2]
            right = operand()
            self.need(left, INT, f"'{op}'", column)
            self.need(right, INT, f"'{op}'", right_column)
            low, high = _arith_range(op, left, right, right_column)
            fn, a, b = _ARITH[op], left.evaluate, right.evaluate
            left = self.make(INT, low, high, lambda v, fn=fn, a=a, b=b: fn(a(v), b(v)))
        return left

    def parse_unary(self) -> Compiled:
        if self.peek()[1] == "-" and self.peek()[0] == "op":
            column = self.take()[2]
            inner = self.parse_unary()
            self.need(inner, INT, "'-'", column)
            a = inner.evaluate
            return self.make(INT, -inner.high, -inner.low, lambda v, a=a: -a(v))
        return self.parse_atom()

    def parse_atom(self) -> Compiled:
        kind, text, column = self.take()
        if kind == "int":
            value = int(text)
            return self.make(INT, value, value, lambda v, value=value: value)
        if text in ("true", "false"):
            value = text == "true"
            return self.make(BOOL, int(value), int(value), lambda v, value=value: value)
        if text in ("min", "max"):
            return self.parse_call(text)
        if kind == "name":
            return self.parse_name(text, column)
        if text == "(":
            inner = self.parse_or()
            self.expect(")")
            return inner
        found = "the end of the expression" if kind == "end" else repr(text)
        raise ExpressionError(f"expected a value but found {found}", column)

    def parse_name(self, name: str, column: int) -> Compiled:
        symbol = self.symbols.get(name)
        if symbol is None:
            from difflib import get_close_matches

            close = get_close_matches(name, self.symbols, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ExpressionError(f"unknown name '{name}'{hint}", column)
        self.names.add(name)
        index = symbol.index
        if symbol.type == BOOL:
            return self.make(BOOL, 0, 1, lambda v, i=index: v[i] != 0)
        return self.make(INT, symbol.low, symbol.high, lambda v, i=index: v[i])

    def parse_call(self, name: str) -> Compiled:
        self.expect("(")
        args = []
        while True:
            column = self.peek()[2]
            arg = self.parse_or()
            self.need(arg, INT, f"'{name}'", column)
            args.append(arg)
            if self.peek()[1] != ",":
                break
            self.take()
        self.expect(")")
        if len(args) < 2:
            raise ExpressionError(f"'{name}' needs at least two values", column)
        fn = min if name == "min" else max
        low = fn(a.low for a in args)
        high = fn(a.high for a in args)
        evaluators = tuple(a.evaluate for a in args)
        return self.make(INT, low, high, lambda v, fn=fn, e=evaluators: fn(f(v) for f in e))

    def make(self, type_: str, low: int, high: int, evaluate: Evaluator) -> Compiled:
        return Compiled(self.text, type_, low, high, evaluate, frozenset())


def _arith_range(op: str, left: Compiled, right: Compiled, column: int) -> tuple[int, int]:
    """The range of `left op right` given the ranges of both sides (interval arithmetic)."""
    if op == "+":
        return left.low + right.low, left.high + right.high
    if op == "-":
        return left.low - right.high, left.high - right.low
    if op == "//" and right.low <= 0 <= right.high:
        raise ExpressionError("the divisor can be zero; '//' needs a divisor that is never 0",
                              column)
    fn = _ARITH[op]
    corners = [fn(a, b) for a in (left.low, left.high) for b in (right.low, right.high)]
    return min(corners), max(corners)


def compile_expression(source: str | int | bool, symbols: dict[str, Symbol]) -> Compiled:
    """Parse and type-check `source` against `symbols`; raise ExpressionError on any problem.

    Integers and booleans written directly in YAML are accepted as constant expressions.
    """
    if isinstance(source, bool):
        return Compiled(str(source).lower(), BOOL, int(source), int(source),
                        lambda v, s=source: s, frozenset())
    if isinstance(source, int):
        return Compiled(str(source), INT, source, source, lambda v, s=source: s, frozenset())
    parser = _Parser(source, symbols)
    node = parser.parse()
    return Compiled(source, node.type, node.low, node.high, node.evaluate,
                    frozenset(parser.names))
