"""The vector twin of a compiled expression gives, for every column of values at once, what its
evaluator gives for each column: checked over every combination of values of random trees."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journey.engine.expressions import (INT, Symbol, VECTOR_LIMIT, compile_expression,
                                        vector_of)

from .strategies import render
from .test_expressions import drawn_expression


def every_column(compiled, spans) -> tuple[list, list]:
    """(the evaluator's result for each combination of values, the twin's, column by column)."""
    rows = list(itertools.product(*spans))
    values = np.array(rows, dtype=np.int64).reshape(len(rows), -1).T
    found = np.broadcast_to(vector_of(compiled.evaluate)(values), (len(rows),))
    return [int(compiled.evaluate(row)) for row in rows], [int(x) for x in found.tolist()]


@settings(max_examples=5 * settings().max_examples)  # cheap: a few milliseconds each
@given(st.data())
def test_the_twin_agrees_with_the_evaluator_on_every_combination_of_values(data):
    _, tree, _, symbols, spans = drawn_expression(data)
    compiled = compile_expression(render(tree), symbols)
    expected, found = every_column(compiled, spans)
    assert found == expected


@pytest.mark.parametrize("source", [7, -3, True, False])
def test_constants_written_in_yaml_have_twins(source):
    compiled = compile_expression(source, {})
    assert every_column(compiled, [range(2)]) == ([int(source)] * 2, [int(source)] * 2)


def test_a_bare_name_has_a_twin():
    compiled = compile_expression("a", {"a": Symbol(0, INT, -2, 2)})
    assert every_column(compiled, [range(-2, 3)]) == ([-2, -1, 0, 1, 2], [-2, -1, 0, 1, 2])


LARGE = {"x": Symbol(0, INT, -10**15, 10**15), "y": Symbol(1, INT, 0, 10)}


@pytest.mark.parametrize("source, twin", [
    ("x + x - y", True),          # stays far inside 64 bits
    ("x * y", True),              # 10^16 at most
    ("x * x", False),             # 10^30 could overflow
    ("x * x // (y + 1)", False),  # the product on the way could overflow
    ("x * x > 0 or y > 2", False),
    ("if(y > 2, x, x * x)", False),
])
def test_an_expression_whose_values_could_leave_64_bits_has_no_twin(source, twin):
    compiled = compile_expression(source, LARGE)
    assert (vector_of(compiled.evaluate) is not None) == twin
    if twin:  # and where there is one, it is right at the ends of the ranges too
        extremes = [(-10**15, 10**15 - 1, 10**15), (0, 7, 10)]
        expected, found = every_column(compiled, extremes)
        assert found == expected and max(map(abs, found)) < VECTOR_LIMIT
