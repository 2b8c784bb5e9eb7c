"""The page's controller (web/page/game.js) shows a journey exactly as the terminal's front end
does, in node and in Debian's Chromium: before every step the stage, the step's number, the
scene's text, the choices numbered from 1 (closed ones with their reason) with their texts,
the status, the citations behind the scene; after it, what it did (with and without the odds,
in full and compact) and its journal entry; at an ending the whole debrief, line for line
(the era's odds and funnel line, the arrivals, the route and the turning points, with every
figure and every rounding). Journey i of a scenario types numbers drawn from random.Random(i),
so a failure names a journey that can be played again.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from engine.strategies import scenarios  # tests/engine's
from hypothesis import given, settings
from hypothesis import strategies as st

from journey.engine import catalog
from journey.engine.loader import load_scenario
from journey.engine.model import Scenario
from journey.frontend.odds_cache import ScenarioOdds, work_out
from journey.web.page import words

from .page_parity import as_json, numbers, page_chromium, page_node, pages, python_page
from .runtime_parity import first_difference

SCENARIOS = {**catalog.bundled(), "parity_rules": Path(__file__).with_name("parity_rules.yaml")}
JOURNEYS = 60
"""Journeys played per scenario, in each place the controller runs."""


@pytest.fixture(scope="module", params=["node", "chromium"])
def controller(request) -> Iterator[Any]:
    """The page's controller in node, or in a blank page of Chromium."""
    place = page_node() if request.param == "node" else page_chromium(
        request.getfixturevalue("browser"))
    yield place
    place.close()


@cache
def loaded(name: str) -> tuple[Scenario, ScenarioOdds]:
    scenario = load_scenario(SCENARIOS[name])
    return scenario, work_out(scenario)


def compare(controller, scenario: Scenario, odds: ScenarioOdds,
            journeys: list[tuple[int, list[int]]]) -> int:
    """Play `journeys` ((seed, numbers typed)) through both; return how many ended."""
    found = controller.ask({"kind": "page", "pages": pages(scenario, odds),
                            "cases": [{"seed": str(seed), "numbers": typed}
                                      for seed, typed in journeys]})
    assert len(found) == len(journeys)
    ended = 0
    for (seed, typed), answer in zip(journeys, found):
        expected = as_json(python_page(scenario, odds, seed, typed))
        difference = first_difference(expected, answer)
        assert difference is None, f"seed {seed}, typed {typed}: they differ at {difference}"
        ended += expected["over"]
    return ended


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_bundled_scenarios_read_alike_to_the_end(controller, name):
    scenario, odds = loaded(name)
    journeys = [(seed, numbers(scenario, seed, random.Random(seed), limit=200))
                for seed in range(JOURNEYS)]
    assert compare(controller, scenario, odds, journeys) == JOURNEYS


def test_every_era_and_every_kind_of_ending_is_met(controller):
    """Enough long road journeys that the debriefs compared cover each era and each kind of
    ending the long road has (so the embedded odds of each are read somewhere)."""
    scenario, odds = loaded("long_road")
    journeys = [(seed, numbers(scenario, seed, random.Random(10_000 + seed), limit=200))
                for seed in range(200)]
    found = controller.ask({"kind": "page", "pages": pages(scenario, odds),
                            "cases": [{"seed": str(s), "numbers": t} for s, t in journeys]})
    headings = {section["heading"] for answer in found for section in answer["debrief"]
                if section["key"] == "ending"}
    kinds = {e.kind for e in scenario.endings}
    ended = {e.kind for e in scenario.endings if f"The journey ends: {e.title}" in headings}
    assert ended == kinds
    bases = {section["lines"][0]["text"].split(" would ")[0]
             for answer in found for section in answer["debrief"] if section["key"] == "odds"}
    assert bases == {"If you had chosen at random every time, in this game, journeys before "
                     "the 2020 border closure",
                     "If you had chosen at random every time, in this game, journeys after "
                     "the 2020 border closure"}
    for (seed, typed), answer in list(zip(journeys, found))[::10]:
        assert first_difference(as_json(python_page(scenario, odds, seed, typed)), answer) is None


@settings(max_examples=25, deadline=None)
@given(scenarios(continuity=True), st.lists(st.tuples(st.integers(-(2**70), 2**70),
                                                      st.integers(0, 2**32)),
                                            min_size=1, max_size=3))
def test_generated_scenarios_read_alike(controller, generated, drawn):
    scenario = generated.scenario
    odds = work_out(scenario)
    journeys = [(seed, numbers(scenario, seed, random.Random(pick), limit=30))
                for seed, pick in drawn]
    compare(controller, scenario, odds, journeys)


@settings(max_examples=200)
@given(st.text(alphabet="0123456789_+- \t\n\x0b\x0c\r\x1cxe.", max_size=12))
def test_a_seed_in_the_address_reads_as_int_does(controller, text):
    """Whatever ASCII text the address gives, the page takes it as a seed exactly when int()
    does, with the same value; and says what is wrong otherwise."""
    [answer] = controller.ask({"kind": "seeds", "texts": [text], "words": words()})
    try:
        value = int(text)
    except ValueError:
        assert answer == {"refused": "The seed must be a whole number, such as 42, not "
                                     f"\u201c{text}\u201d."}
    else:
        assert answer == {"value": str(value)}


@given(st.lists(st.tuples(st.floats(min_value=-1e6, max_value=1e6), st.integers(0, 3)),
                min_size=1, max_size=20))
def test_numbers_are_written_as_python_writes_them(controller, cases):
    """f"{x:.Nf}" and round(x), halves to even on the exact value of the double."""
    cases += [(0.25, 1), (12.5, 0), (0.125, 2), (2.5, 0), (-0.5, 0), (1e-7, 3)]
    assert controller.ask({"kind": "fixed", "cases": cases}) == [f"{x:.{n}f}" for x, n in cases]
    xs = [x for x, _ in cases]
    assert controller.ask({"kind": "round", "cases": xs}) == [round(x) for x in xs]
