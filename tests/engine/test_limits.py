"""The limits on expressions and numbers: the inputs a fuzz of the loader found (deep nesting,
long chains, huge numbers and weights, non-ASCII digits) each get a plain message at their
place, quickly, and never a RecursionError or an overflow."""

from __future__ import annotations

import inspect
import sys

import pytest

from journey.engine import rules
from journey.engine.diagnostics import ScenarioError
from journey.engine.expressions import BOOL, INT, ExpressionError, Symbol, compile_expression
from journey.engine.limits import MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, MAX_INTEGER
from journey.engine.loader import load_text
from journey.engine.exact.exploration import explore

SYMBOLS = {"a": Symbol(0, INT, 0, 5), "f": Symbol(1, BOOL, 0, 1)}
DEEP = ("the expression nests more than 20 levels deep (brackets, 'not' and '-'); write it more "
        "simply")
TOO_LARGE = "is too large: a scenario's integers stay within ±1,000,000,000,000,000 (10^15)"


def error(text) -> tuple[str, int]:
    with pytest.raises(ExpressionError) as failure:
        compile_expression(text, SYMBOLS)
    return failure.value.message, failure.value.column


@pytest.mark.parametrize("text, column", [
    ("(" * 100 + "1" + ")" * 100, 20),
    ("(" * 21 + "a" + ")" * 21, 20),
    ("not " * 21 + "f", 80),
    ("-" * 21 + "1", 20),
    ("max(1, " * 21 + "a" + ")" * 21, 140),
])
def test_nesting_past_the_limit_is_refused_where_it_goes_too_deep(text, column):
    assert error(text) == (DEEP, column)


@pytest.mark.parametrize("text", [
    "not " * 1000 + "f", "-" * 1000 + "1", "+".join(["1"] * 1000),
    "*".join(["9" * 4000] * 40),  # 160 KB of 4,000-digit numbers: refused at once
])
def test_expressions_longer_than_the_limit_are_refused(text):
    assert error(text) == (f"the expression is {len(text):,} characters long; an expression "
                           f"may be at most {MAX_EXPRESSION_LENGTH:,}", 0)


DEEPEST = [
    "(" * MAX_EXPRESSION_DEPTH + "a + 1" + ")" * MAX_EXPRESSION_DEPTH,
    "not (" * (MAX_EXPRESSION_DEPTH // 2) + "f" + ")" * (MAX_EXPRESSION_DEPTH // 2),
    "-(" * (MAX_EXPRESSION_DEPTH // 2) + "a" + ")" * (MAX_EXPRESSION_DEPTH // 2),
    "max(1, " * MAX_EXPRESSION_DEPTH + "a" + ")" * MAX_EXPRESSION_DEPTH,
    "if(f, " * MAX_EXPRESSION_DEPTH + "a" + ", 1)" * MAX_EXPRESSION_DEPTH,
]


@pytest.mark.parametrize("text", DEEPEST)
def test_the_deepest_accepted_expressions_parse_and_evaluate_in_a_few_hundred_frames(text):
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 400)  # far below Python's default 1,000
    try:
        compiled = compile_expression(text, SYMBOLS)
        compiled.evaluate((2, 1))
    finally:
        sys.setrecursionlimit(limit)


def test_a_long_chain_is_evaluated_in_a_loop():
    text = " + ".join(["a"] * 200) + " - " + " * ".join(["2"] * 40)  # 999 characters
    assert len(text) <= MAX_EXPRESSION_LENGTH
    compiled = compile_expression(text, SYMBOLS)
    assert compiled.evaluate((3, 0)) == 600 - 2**40
    assert (compiled.low, compiled.high) == (-(2**40), 1000 - 2**40)


@pytest.mark.parametrize("text, shown, column", [
    ("1 + 1000000000000001", "'1000000000000001'", 4),
    ("a * " + "7" * 300, "'" + "7" * 29 + "…'", 4),
])
def test_integer_literals_past_the_limit_are_refused(text, shown, column):
    assert error(text) == (f"the integer {shown} {TOO_LARGE}", column)


def test_integers_at_the_limit_are_fine():
    assert compile_expression(f"-{MAX_INTEGER} + 0{MAX_INTEGER}", SYMBOLS).evaluate((0, 0)) == 0
    assert compile_expression(MAX_INTEGER, SYMBOLS).high == MAX_INTEGER


@pytest.mark.parametrize("text", ["\u0661\u0662", "1\u00b2", "\uff11"])
def test_only_ascii_digits_are_numbers(text):
    assert error(text)[0].startswith("unexpected character")


SCENARIO = """\
format: 1
id: limits
title: Limits
summary: Numbers at and past the limits.
content_note: None.
start: river
variables:
  x: {{start: 0, min: 0, max: {x_max}, label: X}}
stages: [{{id: border, title: The border, place: Tumen river}}]
scenes:
  river:
    stage: border
    text: You reach the river.
    choices:
      - label: Cross
        outcomes: {outcomes}
endings:
  across: {{kind: asylum, title: Across, text: Across., context: Context.}}
"""


def problems(outcomes: str, x_max: int | str = 3) -> list[str]:
    with pytest.raises(ScenarioError) as failure:
        load_text(SCENARIO.format(outcomes=outcomes, x_max=x_max), "f.yaml")
    return [str(d).removeprefix("f.yaml:") for d in failure.value.diagnostics]


def test_a_weight_of_2_to_the_63_is_refused_where_it_is_written():
    assert problems(f"[{{weight: {2**63}, goto: across}}]") == [
        f"16:29: the integer '9223372036854775808' {TOO_LARGE}"]


def test_a_weight_that_can_grow_past_the_limit_is_refused():
    assert problems('[{weight: "1 + x * 1000000000", goto: across}]') == [
        "16:29: weight '1 + x * 1000000000' can be as large as 3,000,000,001; a weight may be "
        "at most 1,000,000,000 (10^9)"]


def test_weights_that_together_pass_the_limit_are_refused():
    many = "[" + ", ".join(["{weight: 1000000000, goto: across}"] * 1001) + "]"
    assert problems(many) == [
        "16:19: the weights of these outcomes can add up to 1,001,000,000,000; a choice's "
        "weights may add up to at most 1,000,000,000,000 (10^12)"]


def test_weights_at_the_limits_load_and_are_explored_without_overflow():
    at_limit = "[" + ", ".join(["{weight: 1000000000, goto: across}"] * 1000) + "]"
    scenario = load_text(SCENARIO.format(outcomes=at_limit, x_max=3))
    space = explore(scenario)
    assert list(space.total) == [10**12]
    state, _ = rules.step(scenario, rules.new_game(scenario, 2**64 - 1), 0)
    assert scenario.nodes[state.node].id == "across"


@pytest.mark.parametrize("field, value, column", [("min", -(10**16), 22), ("max", 10**16, 30),
                                                  ("start", 10**15 + 1, 14)])
def test_variable_bounds_past_the_limit_are_refused(field, value, column):
    text = SCENARIO.format(outcomes="[{weight: 1, goto: across}]", x_max=3)
    text = text.replace(f"{field}: {dict(min=0, max=3, start=0)[field]}", f"{field}: {value}", 1)
    with pytest.raises(ScenarioError) as failure:
        load_text(text, "f.yaml")
    assert [str(d) for d in failure.value.diagnostics] == [
        f"f.yaml:8:{column}: the integer '{value}' {TOO_LARGE}"]
