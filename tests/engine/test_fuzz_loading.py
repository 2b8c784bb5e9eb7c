"""No file can crash the loader: fuzzed inputs, and files built to exhaust the machine.

Every input either loads (and then the analysis runs on it with a small state limit) or is
refused with a ScenarioError whose problems each have a line, a column and a printable message
(`fuzz_inputs.exercise`). The files that crashed every command with a traceback or sent escape
sequences to the terminal are in the corpus of tests/engine/broken/ (test_broken_corpus.py).
benchmarks/fuzz_loader.py runs the same inputs as these tests by the hundred thousand.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from journey.engine import catalog
from journey.engine.diagnostics import ScenarioError
from journey.engine.limits import MAX_EXPANDED_VALUES, MAX_PROBLEMS, MAX_VALUES
from journey.engine.loader import load_text

from .fuzz_inputs import KINDS, exercise, fuzz_input, tree_input

MAX_STATES = 500


@given(st.binary(max_size=3000))
def test_any_bytes_load_or_are_refused_with_located_problems(data):
    exercise(data, MAX_STATES)


@st.composite
def fuzzed(draw, kind: str | None = None) -> bytes:
    """One input of benchmarks/fuzz_loader.py, its random choices drawn by Hypothesis."""
    def choose(n: int) -> int:
        return draw(st.integers(0, n - 1))

    return tree_input(choose) if kind == "tree" else fuzz_input(choose)[1]


@given(fuzzed())
def test_broken_bundled_scenarios_load_or_are_refused_with_located_problems(data):
    exercise(data, MAX_STATES)


@given(fuzzed("tree"))
def test_mutated_scenario_trees_load_or_are_refused_with_located_problems(data):
    exercise(data, MAX_STATES)


def test_the_fuzzer_makes_inputs_of_every_kind_and_some_that_load():
    import random

    kinds, outcomes = set(), set()
    for index in range(30):
        kind, data = fuzz_input(random.Random(index).randrange)
        kinds.add(kind)
        outcomes.add(exercise(data, MAX_STATES))
    assert kinds == set(KINDS)
    assert {"refused", "analysed"} <= outcomes


# --- files built to exhaust the machine --------------------------------------------------------
def _refusal(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as failure:
        load_text(text, "f.yaml")
    return [str(d) for d in failure.value.diagnostics]


def test_a_list_of_millions_of_items_is_refused_at_the_value_limit():
    text = "stages: [" + "1," * 1_900_000 + "1]\n"  # 3.8 MB, within the size limit
    # The mapping, its key and the list are 3 values, so item k (written at column 8 + 2k) is
    # one too many when k is MAX_VALUES - 2.
    assert _refusal(text) == [
        f"f.yaml:1:{8 + 2 * (MAX_VALUES - 2)}: the file writes more than {MAX_VALUES:,} values (keys, "
        "items, lists and mappings); it is refused to protect the machine"]


def _tutorial_with_shared_choices(copies: int) -> str:
    """The tutorial with `copies` more scenes that share one list of 1,000 choices, which YAML
    writes once and then as `copies - 1` aliases."""
    tree = yaml.safe_load(catalog.bundled()["tutorial"].read_text(encoding="utf-8"))
    choices = [{"label": f"Choice {i}", "goto": "stayed_home"} for i in range(1000)]
    for copy in range(copies):
        tree["scenes"][f"crowd_{copy}"] = {"stage": "home", "text": "A crowd.",
                                           "choices": choices}
    return yaml.dump(tree, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False)


def test_aliases_of_a_large_list_are_refused_past_the_expanded_limit():
    # Each copy of the list is 1 + 1,000 x 5 values: a mapping, two keys and two texts.
    copies = MAX_EXPANDED_VALUES // 5_001 + 1
    text = _tutorial_with_shared_choices(copies)
    assert len(text) < 100_000  # a small file, far below the size limit
    [problem] = _refusal(text)
    assert problem.endswith(f"aliases expand the document past {MAX_EXPANDED_VALUES:,} values; "
                            "it is refused to protect the machine")
    scenes = len(load_text(_tutorial_with_shared_choices(0)).scenes)
    assert len(load_text(_tutorial_with_shared_choices(copies - 10)).scenes) == scenes + copies - 10


def test_past_the_problem_limit_one_line_says_how_many_more_there_are():
    tutorial = catalog.bundled()["tutorial"].read_text(encoding="utf-8")
    text = tutorial + "".join(f"unknown_{i}: 1\n" for i in range(MAX_PROBLEMS + 50))
    problems = _refusal(text)
    assert len(problems) == MAX_PROBLEMS + 1
    first_left_out = len(tutorial.splitlines()) + MAX_PROBLEMS + 1
    assert problems[-2].startswith(f"f.yaml:{first_left_out - 1}:1: unknown field "
                                   f"'unknown_{MAX_PROBLEMS - 1}'")
    assert problems[-1] == (f"f.yaml:{first_left_out}:1: 50 more problems, not listed; fix the "
                            "ones listed and check again")
