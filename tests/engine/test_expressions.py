"""The expression language: precedence, integer semantics, ranges, and errors with columns."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journey.engine.expressions import (BOOL, INT, ExpressionError, Symbol,
                                        compile_expression)

from .strategies import bool_trees, evaluate, int_trees, render

SYMBOLS = {"money": Symbol(0, INT, 0, 20), "debt": Symbol(1, INT, -5, 5),
           "broker": Symbol(2, BOOL, 0, 1)}
VALUES = (3, -3, 1)  # money = 3, debt = -3, broker = true


def value(text: str, values: tuple = VALUES):
    return compile_expression(text, SYMBOLS).evaluate(values)


@pytest.mark.parametrize("text, expected", [
    ("1 + 2 * 3", 7),
    ("(1 + 2) * 3", 9),
    ("10 - 3 - 2", 5),                 # left to right
    ("2 * 3 // 4", 1),                 # (2 * 3) // 4, not 2 * (3 // 4)
    ("-2 * 3", -6),
    ("- -2", 2),
    ("money * 2 - debt", 9),
    ("1 + 2 < 4", True),
    ("not true and false", False),     # (not true) and false
    ("true or false and false", True),  # true or (false and false)
    ("not money > 5", True),           # not (money > 5)
    ("broker == (money > 1)", True),
    ("broker != true", False),
])
def test_precedence_and_associativity(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("7 // 2", 3), ("-7 // 2", -4), ("7 // -2", -4), ("-7 // -2", 3), ("debt // 2", -2),
])
def test_integer_division_rounds_towards_minus_infinity(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("min(3, money, 5)", 3), ("max(debt, 0)", 0), ("max(1, min(money, 2))", 2),
    ("min(debt, money - 10, 4)", -7),
])
def test_min_and_max(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize("text, low, high", [
    ("money", 0, 20),
    ("money - debt", -5, 25),
    ("money * debt", -100, 100),
    ("-debt + 1", -4, 6),
    ("debt // 2", -3, 2),
    ("money // (debt - 6)", -20, 0),
    ("min(money, debt)", -5, 5),
    ("max(money, debt, 3)", 3, 20),
    ("max(0, debt)", 0, 5),
])
def test_ranges_from_interval_analysis(text, low, high):
    compiled = compile_expression(text, SYMBOLS)
    assert (compiled.type, compiled.low, compiled.high) == (INT, low, high)


@pytest.mark.parametrize("text, expected", [
    ("20 + 5 * broker", 25),
    ("-broker", -1),
    ("max(broker, 0) + min(2, broker)", 2),
    ("(money > 1) * 10 + not_broker_count", 10),
    ("broker // 1 - false", 1),
])
def test_a_boolean_counts_as_0_or_1_in_arithmetic(text, expected):
    symbols = SYMBOLS | {"not_broker_count": Symbol(1, INT, -5, 5)}
    compiled = compile_expression(text, symbols)
    result = compiled.evaluate((3, 0, 1))
    assert compiled.type == INT and result == expected and type(result) is int


def test_a_flag_alone_is_still_a_boolean():
    assert compile_expression("broker", SYMBOLS).type == BOOL
    assert compile_expression("if(broker, broker, false)", SYMBOLS).type == BOOL


@pytest.mark.parametrize("text, values, expected", [
    ("if(broker, 10, money)", VALUES, 10),
    ("if(broker, 10, money)", (3, -3, 0), 3),
    ("1 + if(money > 2, debt, 0) * 2", VALUES, -5),
    ("if(not broker, true, money == 3)", VALUES, True),
])
def test_if_gives_one_of_two_values(text, values, expected):
    assert value(text, values) == expected


@pytest.mark.parametrize("text, low, high", [
    ("if(broker, 10, money)", 0, 20),
    ("if(broker, debt, 7)", -5, 7),
    ("if(money > 3, 1, 2)", 1, 2),
    ("5 * broker", 0, 5),
    ("-broker", -1, 0),
])
def test_the_range_of_if_is_the_union_of_its_values(text, low, high):
    compiled = compile_expression(text, SYMBOLS)
    assert (compiled.low, compiled.high) == (low, high)


def test_literals_written_in_yaml_are_constant_expressions():
    assert (compile_expression(4, {}).low, compile_expression(4, {}).high) == (4, 4)
    assert compile_expression(True, {}).type == BOOL
    assert compile_expression(False, {}).evaluate(()) is False


def test_the_names_an_expression_reads_are_recorded():
    assert compile_expression("money > 2 and not broker", SYMBOLS).names == {"money", "broker"}


@pytest.mark.parametrize("text, message, column", [
    ("money +", "expected a value but found the end of the expression", 7),
    ("1 + * 2", "expected a value but found '*'", 4),
    ("(1 + 2", "expected ')' but found the end", 6),
    ("min(1, 2", "expected ')' but found the end", 8),
    ("1 < 2 < 3", "unexpected '<'", 6),
    ("money 1", "unexpected '1'", 6),
    ("money $ 2", "unexpected character '$'", 6),
    ("monye > 1", "unknown name 'monye' (did you mean 'money'?)", 0),
    ("1 + zzz", "unknown name 'zzz'", 4),
    ("money and broker", "'and' needs a boolean, not an integer", 0),
    ("broker or 1", "'or' needs a boolean, not an integer", 7),
    ("broker < 1", "'<' needs an integer, not a boolean", 0),
    ("not money", "'not' needs a boolean, not an integer", 0),
    ("money == broker", "'==' compares an integer with a boolean", 6),
    ("min(money)", "'min' needs at least two values", 0),
    ("if(broker, 1)", "'if' needs three values: if(condition, value when true, value when "
                      "false)", 0),
    ("2 * if(money, 1, 2)", "the condition of 'if' needs a boolean, not an integer", 7),
    ("if(broker, 1, broker)", "the two values of 'if' must be of one type, not an integer and "
                              "a boolean", 14),
    ("if(broker, 1, 2) and true", "'and' needs a boolean, not an integer", 0),
    ("money \u00a0> 1", "unexpected character '\\xa0'", 6),
    ("\u0661\u0662", "unexpected character '\u0661'", 0),
    ("6 // debt", "the divisor can be zero; '//' needs a divisor that is never 0", 5),
    ("3 // (debt - debt)", "the divisor can be zero; '//' needs a divisor that is never 0", 5),
    ("", "expected a value but found the end of the expression", 0),
    ("__import__('os')", "unexpected character \"'\"", 11),
])
def test_errors_say_what_is_wrong_and_where(text, message, column):
    with pytest.raises(ExpressionError) as failure:
        compile_expression(text, SYMBOLS)
    assert (failure.value.message, failure.value.column) == (message, column)


@st.composite
def environments(draw) -> dict[str, tuple[int, int]]:
    ranges = {}
    for name in ("a", "b"):
        low = draw(st.integers(-4, 4))
        ranges[name] = (low, low + draw(st.integers(0, 4)))
    return ranges


FLAGS = ["f", "g"]


def drawn_expression(data) -> tuple[dict, object, str, dict[str, Symbol], list]:
    """A random expression tree over random variable ranges and FLAGS: (ranges, tree, its
    wanted type, the symbols to compile it with, each slot's span of values)."""
    ranges = data.draw(environments(), label="ranges")
    wanted = data.draw(st.sampled_from((INT, BOOL)), label="type")
    trees = int_trees(ranges, 3, tuple(FLAGS)) if wanted == INT else bool_trees(ranges, FLAGS, 3)
    tree = data.draw(trees, label="tree")
    symbols = {name: Symbol(i, INT, low, high) for i, (name, (low, high)) in
               enumerate(ranges.items())}
    symbols.update({name: Symbol(len(ranges) + j, BOOL, 0, 1) for j, name in enumerate(FLAGS)})
    spans = [range(low, high + 1) for low, high in ranges.values()] + [(0, 1)] * len(FLAGS)
    return ranges, tree, wanted, symbols, spans


@settings(max_examples=5 * settings().max_examples)  # cheap: about a millisecond each
@given(st.data())
def test_compiled_expressions_agree_with_a_reference_and_stay_in_their_range(data):
    ranges, tree, wanted, symbols, spans = drawn_expression(data)
    compiled = compile_expression(render(tree), symbols)
    assert compiled.type == wanted
    for values in itertools.product(*spans):
        env = dict(zip(ranges, values)) | {f: bool(v) for f, v in zip(FLAGS, values[len(ranges):])}
        result = compiled.evaluate(values)
        assert result == evaluate(tree, env)
        assert compiled.low <= result <= compiled.high
