"""The class's turning points (`frontend.class_turning`): on a scenario with one decisive and one
cosmetic decision, a class that always pays the guide gains exactly what paying is worth
against choosing at random, its draws move the rest, and the decision row sets the class
beside a random player; on the tutorial, what the choices and draws changed adds up, journey
by journey, to where the class ended; a route that does not fit is counted apart."""

from __future__ import annotations

import dataclasses
import math
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from journey.engine import catalog, rules
from journey.engine.exact.odds import summarise
from journey.engine.loader import load_scenario
from journey.engine.turning import turning_points
from journey.frontend.class_record import SERVE, Entry, RouteStep
from journey.frontend.class_turning import analyse, class_turning
from journey.frontend.playthrough import Playthrough

from engine.exact.test_decisions import TWO_DECISIONS

WHEN = datetime(2026, 3, 2, 9, tzinfo=UTC)


def entries(scenario, seeds, picks) -> list[Entry]:
    """A class's journeys: from each seed, the open choices numbered `picks`, then the first."""
    found = []
    for seed in seeds:
        journey = Playthrough(scenario, seed)
        wanted = list(picks)
        while not journey.over:
            open_ = [v.index for v in rules.choice_views(scenario, journey.state) if v.enabled]
            journey.take(open_[wanted.pop(0) - 1 if wanted else 0])
        found.append(Entry.of(journey, "test", SERVE, WHEN))
    return found


def test_a_class_that_always_pays_the_guide_gains_what_paying_is_worth(tmp_path: Path):
    path = tmp_path / "two.yaml"
    path.write_text(TWO_DECISIONS, encoding="utf-8")
    scenario = load_scenario(path)
    odds, analysis = summarise(scenario), analyse(scenario)
    assert odds is not None and odds.chances is not None and analysis is not None
    assert analysis.longest == 2
    class_ = entries(scenario, range(20), [1, 1])  # the bus, then pay a guide
    safe = sum(entry.ending == "safe" for entry in class_)
    found = class_turning(scenario, class_, odds.chances, analysis)
    assert (found.goal, found.journeys, found.unfollowed) == ("asylum", 20, 0)
    # At the border a random player has 50%: paying makes it 80%, for every journey.
    assert math.isclose(found.choices, 30.0)
    assert math.isclose(found.luck, 100 * (safe / 20 - 0.8))
    places = {(place.scene, place.by): place for place in found.places}
    assert set(places) == {("border", "choice"), ("border", "draw")}  # the bus changed nothing
    choice, draw = places[("border", "choice")], places[("border", "draw")]
    assert (choice.met, choice.lost) == (20, 0.0) and math.isclose(choice.won, 20 * 30.0)
    assert (draw.label, draw.met) == ("Pay a guide", 20)
    assert math.isclose(draw.won, 20.0 * safe) and math.isclose(draw.lost, -80.0 * (20 - safe))
    (row,) = found.decisions  # the station's decision is cosmetic
    assert (row.scene, row.stage, row.met) == ("border", "The road", 20)
    assert math.isclose(row.gain or 0, 30.0)
    pay, alone = row.options
    assert (pay.label, pay.count, pay.share, pay.random_share) == ("Pay a guide", 20, 1.0, 0.5)
    assert (alone.count, alone.share, alone.random_share) == (0, 0.0, 0.5)
    assert math.isclose(pay.chance, 0.8) and math.isclose(alone.chance, 0.2)


@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=12),
       st.lists(st.integers(1, 4), max_size=6))
def test_choice_and_luck_add_up_to_where_the_class_ended(seeds, picks):
    scenario = load_scenario(catalog.resolve("tutorial"))
    odds, analysis = summarise(scenario), analyse(scenario)
    assert odds is not None and odds.chances is not None and analysis is not None
    picks = [min(p, 2) for p in picks]  # every scene of the tutorial has two open choices
    class_ = entries(scenario, seeds, picks)
    found = class_turning(scenario, class_, odds.chances, analysis)
    total = Fraction(0)
    for entry in class_:
        journey = Playthrough(scenario, entry.seed)
        for step in entry.route:
            journey.take(step.choice)
        points = turning_points(scenario, odds.chances, entry.seed, journey.state.history)
        total += Fraction(points.outcome.hopeful) - Fraction(points.start.hopeful)
    assert math.isclose(found.choices + found.luck, float(100 * total / len(class_)),
                         abs_tol=1e-9)
    for row in found.decisions:
        assert sum(option.count for option in row.options) == row.met
        assert math.isclose(sum(option.random_share for option in row.options), 1.0)


def test_a_route_that_does_not_fit_is_counted_apart():
    scenario = load_scenario(catalog.resolve("tutorial"))
    odds, analysis = summarise(scenario), analyse(scenario)
    assert odds is not None and odds.chances is not None and analysis is not None
    good, bad = entries(scenario, [1, 2], [])
    wrong = dataclasses.replace(bad, route=(RouteStep("nowhere", 0, "?"),) + bad.route[1:])
    found = class_turning(scenario, [good, wrong], odds.chances, analysis)
    assert (found.journeys, found.unfollowed) == (1, 1)
