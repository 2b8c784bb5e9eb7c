"""The scenario expression language: parsed once at load time, never passed to Python's eval.

Grammar (lowest precedence first; see docs/scenario-format.md):

    expr  := and ("or" and)*
    and   := not ("and" not)*
    not   := "not" not | cmp
    cmp   := sum [("<" | "<=" | ">" | ">=" | "==" | "!=") sum]
    sum   := term (("+" | "-") term)*
    term  := unary (("*" | "//") unary)*
    unary := "-" unary | atom
    atom  := INTEGER | "true" | "false" | NAME | "(" expr ")"
           | ("min" | "max") "(" expr ("," expr)+ ")" | "if" "(" expr "," expr "," expr ")"

Values are integers or booleans. Variables are integers, flags are booleans; in arithmetic
(+ - * //, unary -, min, max) a boolean counts as 0 or 1. A compiled expression is a function
of the state's value tuple (variables first, then flags as 0 or 1).

Every evaluator has a vector twin, built by the same parse: a function of a 2-D numpy array
(one row per slot of the value tuple, one column per state) that evaluates the expression for
every column at once, for the exact analysis's exploration in rounds (`exact/exploration.py`).
It gives what the evaluator gives, column by column (booleans as numpy booleans or 0/1). An
expression whose intermediate values could leave 64-bit integers (judged from the ranges the
parse computes) has no twin, and numpy is imported only when a twin first runs.

Every evaluator also carries the tree it was parsed into (`tree_of`), plain data for runtimes in
other languages (the web page's JavaScript, `journey.web.compiled`). A tree is an integer (a
literal; true and false are 1 and 0) or a tuple: ("get", slot); ("not", t); ("neg", t);
("and" | "or", t, t, ...); (COMPARISON, t, t) with COMPARISON one of < <= > >= == !=;
("arith", t, OP, t, OP, t, ...) with OP one of + - * //, left to right; ("min" | "max", t, t,
...); ("if", condition, then, else). Booleans are 0 and 1 throughout, as flags are stored.

Nothing here recurses without a bound: chains of one precedence (`a + b - c`, `p and q and r`)
compile to one node that loops over its operands, and the nesting that does recurse (brackets,
calls, `not`, unary `-`) is limited, as are the length of an expression and the size of its
numbers (see `limits.py`).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import reduce
from types import FunctionType, ModuleType
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

from .limits import (MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, MAX_INTEGER, integer_too_large,
                     plainly)
from .model import Values

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

INT = "integer"
BOOL = "boolean"
ARTICLE = {INT: "an integer", BOOL: "a boolean"}
KEYWORDS = frozenset({"and", "or", "not", "true", "false", "min", "max", "if"})

_TOKEN = re.compile(r"\s*(?:([0-9]+)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|//|[-+*<>(),]))",
                    re.ASCII)

_SPACE = " \t\n\r\f\v"  # what \s matches in ASCII mode: other spaces are unexpected characters

Evaluator = Callable[[Values], int]
Tree = int | tuple["str | Tree", ...]
"""A parsed expression as plain data (see the module's docstring)."""
VectorEvaluator = Callable[["NDArray[np.int64]"], Any]  # rows of values -> a row of results,
# or one result (numpy's booleans or integers, or a constant)

VECTOR_LIMIT = 2**62
"""Past this magnitude an intermediate value might not fit numpy's 64-bit integers: an
expression that can reach it has no vector twin (a variable's range is at most ±10^15, so only
products can)."""


class ExpressionError(ValueError):
    """A problem in an expression; `column` is the 0-based offset of the offending text."""

    def __init__(self, message: str, column: int = 0):
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass(frozen=True, slots=True)
class Symbol:
    """A name an expression may use: its slot in the value tuple, its type and its range.

    A negative `index` marks a name whose own definition is broken: its type is known, its
    range is not, so checks that rest on ranges are skipped where it is read."""

    index: int
    type: str
    low: int
    high: int


@dataclass(frozen=True, slots=True)
class Compiled:
    """A checked expression: its type, the range its value can take, and its evaluator.

    `range_known` is False when it reads a name whose definition is broken."""

    source: str
    type: str
    low: int
    high: int
    evaluate: Evaluator
    names: frozenset[str]
    range_known: bool = True


@dataclass(frozen=True, slots=True)
class _Node:
    """A parsed sub-expression. `number` evaluates a boolean as 0 or 1, when cheaper than
    converting the result of `evaluate`; `known` is False when a broken name is read; `vector`
    is the vector twin of `evaluate`, or None; `tree` is what was parsed."""

    type: str
    low: int
    high: int
    evaluate: Evaluator
    tree: Tree
    known: bool = True
    number: Evaluator | None = None
    vector: VectorEvaluator | None = None


def _numpy() -> ModuleType:
    """numpy, imported when a vector twin first runs: never at the game's start-up. A twin runs
    on numpy arrays, so whoever made them has imported numpy already (the exact analysis, as
    `exact/space.py` sets it up); this only looks it up."""
    import numpy

    return numpy


def vector_of(evaluate: Callable[..., object]) -> VectorEvaluator | None:
    """The vector twin of an evaluator compiled here; None for any other function, or for an
    expression without a twin."""
    return getattr(evaluate, "vector", None)


def _twins(*nodes: _Node) -> tuple[VectorEvaluator, ...] | None:
    """The vector twins of `nodes`, or None if one of them has none."""
    found = tuple(node.vector for node in nodes if node.vector is not None)
    return found if len(found) == len(nodes) else None


def _fits(*bounds: int) -> bool:
    return all(-VECTOR_LIMIT < bound < VECTOR_LIMIT for bound in bounds)


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    """Split into (kind, text, column) tokens, ending with an "end" token."""
    tokens, pos, end = [], 0, len(text.rstrip(_SPACE))
    while pos < end:
        match = _TOKEN.match(text, pos)
        if not match:
            start = len(text) - len(text[pos:].lstrip(_SPACE))
            raise ExpressionError(f"unexpected character {text[start]!r}", start)
        number, name, op = match.groups()
        assert match.lastindex is not None  # the one group of the three that matched
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


_In = TypeVar("_In")
_Out = TypeVar("_Out")
_Operand = Callable[[_In], _Out]  # an evaluator, or a vector twin
_Operator = Callable[[_Out, _Out], _Out]


def _fold(first: _Operand[_In, _Out], steps: tuple[tuple[_Operator[_Out], _Operand[_In, _Out]], ...]
          ) -> _Operand[_In, _Out]:
    """Evaluate `first op1 second op2 third ...` from left to right, in a loop (for an evaluator
    or a vector twin)."""
    if len(steps) == 1:
        ((fn, b),) = steps

        def pair(v: _In, fn: _Operator[_Out] = fn, a: _Operand[_In, _Out] = first,
                 b: _Operand[_In, _Out] = b) -> _Out:
            return fn(a(v), b(v))

        return pair

    def evaluate(v: _In, first: _Operand[_In, _Out] = first,
                 steps: tuple[tuple[_Operator[_Out], _Operand[_In, _Out]], ...] = steps) -> _Out:
        value = first(v)
        for fn, f in steps:
            value = fn(value, f(v))
        return value

    return evaluate


class _Parser:
    """Recursive descent over the token list, producing `_Node`s bottom-up."""

    def __init__(self, text: str, symbols: dict[str, Symbol]):
        self.text = text
        self.symbols = symbols
        self.tokens = _tokenize(text)
        self.pos = 0
        self.depth = 0
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

    def nested(self, parse: Callable[[], _Node], column: int) -> _Node:
        """`parse()` one level deeper, refusing nesting past the limit."""
        if self.depth == MAX_EXPRESSION_DEPTH:
            raise ExpressionError(f"the expression nests more than {MAX_EXPRESSION_DEPTH} levels "
                                  "deep (brackets, 'not' and '-'); write it more simply", column)
        self.depth += 1
        node = parse()
        self.depth -= 1
        return node

    def parse(self) -> _Node:
        node = self.parse_or()
        kind, text, column = self.peek()
        if kind != "end":
            raise ExpressionError(f"unexpected {text!r}", column)
        return node

    def need(self, node: _Node, wanted: str, what: str, column: int) -> None:
        if node.type != wanted:
            raise ExpressionError(f"{what} needs {ARTICLE[wanted]}, not {ARTICLE[node.type]}",
                                  column)

    @staticmethod
    def number(node: _Node) -> _Node:
        """`node` as an integer: a boolean counts as 0 or 1 in arithmetic."""
        if node.type == INT:
            return node
        a, av = node.evaluate, node.vector

        def as_number(v: Values, a: Evaluator = a) -> int:
            return 1 if a(v) else 0

        number = node.number or as_number
        vector = None if av is None else lambda v, a=av: a(v) * 1
        return _Node(INT, node.low, node.high, number, node.tree, node.known, vector=vector)

    def parse_logic(self, word: str, operand: Callable[[], _Node]) -> _Node:
        """A chain of `and` or of `or`, evaluated with short-circuit in one node."""
        column = self.peek()[2]
        nodes = [operand()]
        while self.peek()[1] == word:
            op_column = self.take()[2]
            self.need(nodes[-1], BOOL, f"'{word}'", column)
            nodes.append(operand())
            self.need(nodes[-1], BOOL, f"'{word}'", op_column)
        if len(nodes) == 1:
            return nodes[0]
        fs = tuple(n.evaluate for n in nodes)
        known = all(n.known for n in nodes)
        evaluate: Evaluator
        if len(fs) == 2:
            a, b = fs

            def both(v: Values, a: Evaluator = a, b: Evaluator = b) -> int:
                return a(v) and b(v)

            def either(v: Values, a: Evaluator = a, b: Evaluator = b) -> int:
                return a(v) or b(v)

            evaluate = both if word == "and" else either
        else:
            def every(v: Values, fs: tuple[Evaluator, ...] = fs) -> int:
                return all(f(v) for f in fs)

            def some(v: Values, fs: tuple[Evaluator, ...] = fs) -> int:
                return any(f(v) for f in fs)

            evaluate = every if word == "and" else some
        twins, logical = _twins(*nodes), "logical_and" if word == "and" else "logical_or"
        vector = None if twins is None else lambda v, fs=twins, name=logical: reduce(
            getattr(_numpy(), name), [f(v) for f in fs])
        tree = (word, *(n.tree for n in nodes))
        return _Node(BOOL, 0, 1, evaluate, tree, known, vector=vector)

    def parse_or(self) -> _Node:
        return self.parse_logic("or", self.parse_and)

    def parse_and(self) -> _Node:
        return self.parse_logic("and", self.parse_not)

    def parse_not(self) -> _Node:
        if self.peek()[1] == "not":
            column = self.take()[2]
            inner = self.nested(self.parse_not, column)
            self.need(inner, BOOL, "'not'", column)
            a, av = inner.evaluate, inner.vector
            vector = None if av is None else lambda v, a=av: _numpy().logical_not(a(v))

            def negation(v: Values, a: Evaluator = a) -> int:
                return not a(v)

            return _Node(BOOL, 0, 1, negation, ("not", inner.tree), inner.known, vector=vector)
        return self.parse_compare()

    def parse_compare(self) -> _Node:
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
        twins = _twins(left, right)
        vector = None if twins is None else lambda v, fn=fn, a=twins[0], b=twins[1]: fn(a(v),
                                                                                      b(v))

        def comparison(v: Values, fn: Callable[[int, int], bool] = fn, a: Evaluator = a,
                       b: Evaluator = b) -> int:
            return fn(a(v), b(v))

        return _Node(BOOL, 0, 1, comparison, (op, left.tree, right.tree),
                     left.known and right.known, vector=vector)

    def parse_sum(self) -> _Node:
        return self.parse_arithmetic(self.parse_term, ("+", "-"))

    def parse_term(self) -> _Node:
        return self.parse_arithmetic(self.parse_unary, ("*", "//"))

    def parse_arithmetic(self, operand: Callable[[], _Node], ops: tuple[str, ...]) -> _Node:
        """A chain of operators of one precedence, left to right, as one node."""
        first = operand()
        steps = []
        while self.peek()[0] == "op" and self.peek()[1] in ops:
            op = self.take()[1]
            column = self.peek()[2]
            steps.append((op, self.number(operand()), column))
        if not steps:
            return first
        first = self.number(first)
        low, high, known = first.low, first.high, first.known
        fits = _fits(low, high)
        for op, right, column in steps:
            if op == "//" and right.known and right.low <= 0 <= right.high:
                raise ExpressionError("the divisor can be zero; '//' needs a divisor that is "
                                      "never 0", column)
            low, high = _arith_range(op, low, high, right)
            known = known and right.known
            fits = fits and _fits(low, high)
        evaluate = _fold(first.evaluate, tuple((_ARITH[op], right.evaluate)
                                               for op, right, _ in steps))
        twins = _twins(first, *(right for _, right, _ in steps))
        vector = None if twins is None or not fits else _fold(
            twins[0], tuple((_ARITH[op], twin) for (op, _, _), twin in zip(steps, twins[1:])))
        tree = ("arith", first.tree, *(part for op, right, _ in steps
                                       for part in (op, right.tree)))
        return _Node(INT, low, high, evaluate, tree, known, vector=vector)

    def parse_unary(self) -> _Node:
        if self.peek()[1] == "-" and self.peek()[0] == "op":
            column = self.take()[2]
            inner = self.number(self.nested(self.parse_unary, column))
            a, av = inner.evaluate, inner.vector
            vector = None if av is None else lambda v, a=av: -a(v)

            def minus(v: Values, a: Evaluator = a) -> int:
                return -a(v)

            return _Node(INT, -inner.high, -inner.low, minus, ("neg", inner.tree), inner.known,
                         vector=vector)
        return self.parse_atom()

    def parse_atom(self) -> _Node:
        kind, text, column = self.take()
        if kind == "int":
            value = _literal(text, column)
            constant = lambda v, value=value: value  # its own vector twin
            return _Node(INT, value, value, constant, value, vector=constant)
        if text in ("true", "false"):
            value = text == "true"
            constant = lambda v, value=value: value

            def as_number(v: Values, n: int = int(value)) -> int:
                return n

            return _Node(BOOL, int(value), int(value), constant, int(value), number=as_number,
                         vector=constant)
        if text in ("min", "max", "if"):
            return self.nested(lambda: self.parse_call(text, column), column)
        if kind == "name":
            return self.parse_name(text, column)
        if text == "(":
            inner = self.nested(self.parse_or, column)
            self.expect(")")
            return inner
        found = "the end of the expression" if kind == "end" else repr(text)
        raise ExpressionError(f"expected a value but found {found}", column)

    def parse_name(self, name: str, column: int) -> _Node:
        symbol = self.symbols.get(name)
        if symbol is None:
            from difflib import get_close_matches

            close = get_close_matches(name, self.symbols, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ExpressionError(f"unknown name '{name}'{hint}", column)
        self.names.add(name)
        read = operator.itemgetter(symbol.index)  # flags are stored as 0 or 1; a row too
        return _Node(symbol.type, symbol.low, symbol.high, read, ("get", symbol.index),
                     symbol.index >= 0, read, read)

    def parse_call(self, name: str, column: int) -> _Node:
        """min(...), max(...) or if(condition, then, else)."""
        self.expect("(")
        args = []
        while True:
            args.append((self.peek()[2], self.parse_or()))
            if self.peek()[1] != ",":
                break
            self.take()
        self.expect(")")
        if name == "if":
            return self.conditional(args, column)
        if len(args) < 2:
            raise ExpressionError(f"'{name}' needs at least two values", column)
        nodes = [self.number(node) for _, node in args]
        fn = min if name == "min" else max
        low = fn(a.low for a in nodes)
        high = fn(a.high for a in nodes)
        known = all(a.known for a in nodes)
        tree = (name, *(a.tree for a in nodes))
        twins, pairwise = _twins(*nodes), "minimum" if name == "min" else "maximum"
        vector = None if twins is None else lambda v, fs=twins, name=pairwise: reduce(
            getattr(_numpy(), name), [f(v) for f in fs])
        if len(nodes) == 2:
            a, b = nodes[0].evaluate, nodes[1].evaluate

            def of_two(v: Values, fn: Callable[[int, int], int] = fn, a: Evaluator = a,
                       b: Evaluator = b) -> int:
                return fn(a(v), b(v))

            return _Node(INT, low, high, of_two, tree, known, vector=vector)
        evaluators = tuple(a.evaluate for a in nodes)

        def of_all(v: Values, fn: Callable[[Iterator[int]], int] = fn,
                   e: tuple[Evaluator, ...] = evaluators) -> int:
            return fn(f(v) for f in e)

        return _Node(INT, low, high, of_all, tree, known, vector=vector)

    def conditional(self, args: list[tuple[int, _Node]], column: int) -> _Node:
        if len(args) != 3:
            raise ExpressionError("'if' needs three values: if(condition, value when true, "
                                  "value when false)", column)
        (cond_column, cond), (_, yes), (no_column, no) = args
        self.need(cond, BOOL, "the condition of 'if'", cond_column)
        if yes.type != no.type:
            raise ExpressionError(f"the two values of 'if' must be of one type, not "
                                  f"{ARTICLE[yes.type]} and {ARTICLE[no.type]}", no_column)
        c, a, b = cond.evaluate, yes.evaluate, no.evaluate
        twins = _twins(cond, yes, no)
        vector = None if twins is None else lambda v, c=twins[0], a=twins[1], b=twins[2]: (
            _numpy().where(c(v), a(v), b(v)))

        def choice(v: Values, c: Evaluator = c, a: Evaluator = a,
                   b: Evaluator = b) -> int:
            return a(v) if c(v) else b(v)

        return _Node(yes.type, min(yes.low, no.low), max(yes.high, no.high), choice,
                     ("if", cond.tree, yes.tree, no.tree), cond.known and yes.known and no.known, vector=vector)


def _literal(text: str, column: int) -> int:
    """An integer literal within the limit; its length is checked before converting it."""
    digits = text.lstrip("0") or "0"
    if len(digits) > len(str(MAX_INTEGER)) or int(digits) > MAX_INTEGER:
        raise ExpressionError(integer_too_large(text), column)
    return int(digits)


def _arith_range(op: str, low: int, high: int, right: _Node) -> tuple[int, int]:
    """The range of `left op right` given the ranges of both sides (interval arithmetic)."""
    if op == "+":
        return low + right.low, high + right.high
    if op == "-":
        return low - right.high, high - right.low
    fn = _ARITH[op]
    corners = [fn(a, b) for a in (low, high) for b in (right.low, right.high)]
    return min(corners), max(corners)


def compile_expression(source: str | int | bool, symbols: dict[str, Symbol]) -> Compiled:
    """Parse and type-check `source` against `symbols`; raise ExpressionError on any problem.

    Integers and booleans written directly in YAML are accepted as constant expressions.
    """
    if isinstance(source, bool):
        constant = lambda v, s=source: s  # its own vector twin
        return Compiled(str(source).lower(), BOOL, int(source), int(source),
                        _twinned(constant, constant, int(source)), frozenset())
    if isinstance(source, int):
        if abs(source) > MAX_INTEGER:
            raise ExpressionError(integer_too_large(source))
        constant = lambda v, s=source: s
        return Compiled(str(source), INT, source, source,
                        _twinned(constant, constant, source), frozenset())
    if len(source) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(f"the expression is {len(source):,} characters long; an "
                              f"expression may be at most {plainly(MAX_EXPRESSION_LENGTH)}")
    parser = _Parser(source, symbols)
    node = parser.parse()
    return Compiled(source, node.type, node.low, node.high,
                    _twinned(node.evaluate, node.vector, node.tree), frozenset(parser.names),
                    node.known)


def _twinned(evaluate: Evaluator, vector: VectorEvaluator | None, tree: Tree) -> Evaluator:
    """`evaluate`, carrying its vector twin for `vector_of` and its tree for `tree_of` (a bare
    name's itemgetter takes no attributes, so it is wrapped)."""
    if not isinstance(evaluate, FunctionType):
        def read(v: Values, read: Evaluator = evaluate) -> int:
            return read(v)

        evaluate = read
    if vector is not None:
        setattr(evaluate, "vector", vector)
    setattr(evaluate, "tree", tree)
    return evaluate


def tree_of(evaluate: Callable[..., object]) -> Tree | None:
    """The tree an evaluator compiled here was parsed into; None for any other function."""
    tree: Tree | None = getattr(evaluate, "tree", None)
    return tree
