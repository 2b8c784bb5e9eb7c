"""Simulation and policies: walks are the engine's own play, exact figures match the analysis,
frequencies fall inside the intervals that `journey simulate` states, and policies do what their
documentation says."""

from __future__ import annotations

from statistics import NormalDist

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journey.engine import catalog
from journey.engine.exact.analysis import analyse
from journey.engine.exact.exploration import explore
from journey.engine.exact.odds import journeys
from journey.engine.exact.order import topological_order
from journey.engine.loader import load_scenario, load_text
from journey.engine.kinds import HARMFUL
from journey.engine.policies import POLICIES, PolicyError
from journey.engine.simulation import (
    PARALLEL_FROM, RUN_STRIDE, play_run, run_seed, run_walks, walk, walk_table, wilson,
)

from .strategies import ENDING_SHAPES, scenarios


@pytest.fixture(scope="module")
def tutorial():
    return explore(load_scenario(catalog.resolve("tutorial")))


def _chosen(space, name, resource="money"):
    policy = POLICIES[name]
    return policy.pick(space, resource) if policy.pick else None


def exact(space, chosen) -> tuple[list[float], float]:
    """(each ending's exact probability, in the scenario's order, and the expected choices per
    journey) under `chosen`: the exact column `journey simulate` sets beside the walks."""
    run = journeys(space, topological_order(space), chosen)
    return [run.odds.endings[e.id] for e in space.scenario.endings], run.expected_steps


def _harm(space, probabilities) -> float:
    return sum(p for ending, p in zip(space.scenario.endings, probabilities)
               if ending.kind in HARMFUL)


def _resource(scenario) -> str:
    return scenario.variables[0].id if scenario.variables else "money"


class TestWalksAreEnginePlay:
    """A compiled walk ends exactly where the engine's own play of the same run ends."""

    @given(scenarios(ENDING_SHAPES), st.integers(-3, 2**40), st.sampled_from(tuple(POLICIES)))
    def test_every_run_matches_its_replay(self, generated, seed, name):
        space = explore(generated.scenario)
        try:
            chosen = _chosen(space, name, _resource(generated.scenario))
        except PolicyError:
            assert name == "cheapest" and not generated.scenario.variables
            return
        table = walk_table(space, chosen)
        first_ending = len(generated.scenario.scenes)
        for i in range(20):
            played = list(play_run(space, chosen, seed, i))
            final = played[-1][2] if played else None
            counts, steps = walk(table, seed, i, i + 1)
            assert final is not None and generated.scenario.nodes[final.node].is_ending
            assert counts[final.node - first_ending] == 1 and sum(counts) == 1
            assert steps == len(played)

    def test_tutorial_runs_match_their_replay(self, tutorial):
        table = walk_table(tutorial, None)
        for i in range(300):
            *_, (_, _, final, _) = play_run(tutorial, None, 7, i)
            counts, _ = walk(table, 7, i, i + 1)
            assert counts[final.node - len(tutorial.scenario.scenes)] == 1


class TestExactFigures:
    """The tables' exact figures for random play are the analysis's own."""

    @given(scenarios(ENDING_SHAPES))
    def test_random_policy_matches_the_analysis(self, generated):
        report = analyse(generated.scenario)
        space = explore(generated.scenario)
        probabilities, expected = exact(space, None)
        assert len(space) == report.states
        assert expected == report.expected_steps  # the same kernel: the same floats
        for ending, p in zip(generated.scenario.endings, probabilities):
            assert p == report.endings[ending.id][1]

    @given(scenarios(ENDING_SHAPES))
    def test_safest_is_never_more_harmful_than_another_policy(self, generated):
        space = explore(generated.scenario)
        safest = _harm(space, exact(space, _chosen(space, "safest"))[0])
        others = ["random", "cautious"] + (["cheapest"] if generated.scenario.variables else [])
        for name in others:
            chosen = _chosen(space, name, _resource(generated.scenario))
            assert safest <= _harm(space, exact(space, chosen)[0]) + 1e-9

    @given(scenarios(ENDING_SHAPES))
    def test_determined_reaches_asylum_at_least_as_often_as_another_policy(self, generated):
        space = explore(generated.scenario)

        def asylum(chosen) -> float:
            return sum(p for ending, p in zip(space.scenario.endings, exact(space, chosen)[0])
                       if ending.kind == "asylum")

        best = asylum(_chosen(space, "determined"))
        others = ["random", "cautious", "safest"] + (
            ["cheapest"] if generated.scenario.variables else [])
        for name in others:
            assert best >= asylum(_chosen(space, name, _resource(generated.scenario))) - 1e-9

    @given(scenarios(ENDING_SHAPES),
           st.sampled_from(("cautious", "safest", "determined", "cheapest")))
    def test_a_rule_picks_one_open_choice_in_every_scene_state(self, generated, name):
        space = explore(generated.scenario)
        if name == "cheapest" and not generated.scenario.variables:
            return
        chosen = _chosen(space, name, _resource(generated.scenario))
        for u in range(len(space)):
            if space.choice_row[u] < space.choice_row[u + 1]:
                assert chosen[u] in space.slots(u)
            else:
                assert chosen[u] == -1


class TestAgreementWithExact:
    """Frequencies agree with exact probabilities within the interval `journey simulate` states."""

    def test_every_ending_inside_its_interval(self, tutorial):
        report = analyse(tutorial.scenario)
        endings = tutorial.scenario.endings
        runs = 200_000
        counts, _ = run_walks(walk_table(tutorial, None), 0, runs)
        # Five 95% intervals all covering their values would happen only ~77% of the time; the
        # family-wise check (Bonferroni: each at 1 - 5%/5) makes "all inside" a 95% statement.
        confidence = 1 - 0.05 / len(endings)
        for ending, count in zip(endings, counts):
            low, high = wilson(count, runs, confidence)
            assert low <= report.endings[ending.id][1] <= high, ending.id

    def test_the_95_percent_interval_covers_about_95_percent_of_the_time(self, tutorial):
        exact_p = analyse(tutorial.scenario).endings["reached_seoul"][1]
        table = walk_table(tutorial, None)
        k = [e.id for e in tutorial.scenario.endings].index("reached_seoul")
        trials, runs = 400, 400
        covered = 0
        for seed in range(trials):
            counts, _ = run_walks(table, 1000 + seed, runs)
            low, high = wilson(counts[k], runs)
            covered += low <= exact_p <= high
        # 95% expected: 380 of 400 (sd 4.4); fewer than 368 would mean the interval is too
        # narrow, more than 392 that it is too wide (99% intervals cover 394 of these 400).
        assert 368 <= covered <= 392


class TestDeterminism:
    """The same seed gives the same totals on any number of processes; run i is seeded (S, i)."""

    def test_same_totals_for_one_and_two_processes(self, tutorial):
        table = walk_table(tutorial, None)
        runs = PARALLEL_FROM + 7_777
        assert run_walks(table, 5, runs, jobs=1) == run_walks(table, 5, runs, jobs=2)

    def test_totals_are_the_sum_of_single_runs(self, tutorial):
        table = walk_table(tutorial, _chosen(tutorial, "cheapest"))
        whole, _ = run_walks(table, 3, 500)
        singles = [walk(table, 3, i, i + 1)[0] for i in range(500)]
        assert whole == [sum(c[k] for c in singles) for k in range(len(whole))]

    def test_run_seeds_follow_the_documented_layout(self):
        assert [run_seed(0, i) for i in range(3)] == [0, 1, 2]
        assert run_seed(2, 5) == 2 * RUN_STRIDE + 5

    def test_different_seeds_give_different_runs(self, tutorial):
        table = walk_table(tutorial, None)
        assert run_walks(table, 1, 2_000) != run_walks(table, 2, 2_000)


class TestWilson:
    """The Wilson interval: known closed forms and symmetry."""

    def test_no_successes(self):
        z = NormalDist().inv_cdf(0.975)
        assert wilson(0, 100) == (0.0, pytest.approx(z * z / (100 + z * z)))

    def test_symmetric_and_contains_the_share(self):
        for count in (1, 17, 50, 99):
            low, high = wilson(count, 100)
            mirror_low, mirror_high = wilson(100 - count, 100)
            assert low == pytest.approx(1 - mirror_high) and high == pytest.approx(1 - mirror_low)
            assert low < count / 100 < high

    def test_narrows_with_more_runs(self):
        assert (lambda a, b: b - a)(*wilson(500, 1000)) < (lambda a, b: b - a)(*wilson(50, 100))


CHOOSING = """
format: 1
id: choosing
title: Choosing
summary: Three ways across, for testing policies.
content_note: A test scenario.
start: bank
variables:
  money: {start: 5, min: 0, max: 9, label: Money}
stages:
  - {id: route, title: Route, place: Somewhere}
scenes:
  bank:
    stage: route
    text: A river bank.
    choices:
      - label: Cross with a guide
        effects: {add: {money: -4}}
        outcomes:
          - {weight: 1, goto: caught}
          - {weight: 9, goto: far_bank}
      - label: Swim across
        outcomes:
          - {weight: 3, goto: caught}
          - {weight: 7, goto: far_bank}
      - label: Walk to the bridge
        effects: {add: {money: -1}}
        goto: bridge
      - label: Go home
        goto: home
  bridge:
    stage: route
    text: A guarded bridge.
    choices:
      - label: Cross the bridge
        outcomes:
          - {weight: 1, goto: caught}
          - {weight: 1, goto: far_bank}
  far_bank:
    stage: route
    text: The far bank.
    choices:
      - label: Go on
        goto: arrived
endings:
  arrived: {kind: asylum, title: Arrived, text: You arrive., context: Context.}
  caught: {kind: repatriation, title: Caught, text: You are caught., context: Context.}
  home: {kind: turned_back, title: Home, text: You go home., context: Context.}
"""


@pytest.fixture(scope="module")
def space():
    return explore(load_text(CHOOSING))


class TestPolicyRules:
    """Each rule picks what its documentation says, on a scenario small enough to check by hand."""

    def _first_pick(self, space, name) -> str:
        chosen = _chosen(space, name)
        return space.scenario.nodes[space.scenario.start].choices[space.choice[chosen[0]]].label

    def test_cautious_takes_no_immediate_risk(self, space):
        # Only the bridge comes to no harm at this step (its risk comes one step later): going
        # home ends at once in turning back, which is no safety (engine.kinds).
        assert self._first_pick(space, "cautious") == "Walk to the bridge"

    def test_safest_looks_ahead_and_does_not_count_going_home_as_safety(self, space):
        # Harm overall (caught, or home): guide 10%, swimming 30%, bridge 50%, home 100%.
        assert self._first_pick(space, "safest") == "Cross with a guide"
        probabilities = exact(space, _chosen(space, "safest"))[0]
        home = [e.id for e in space.scenario.endings].index("home")
        assert probabilities[home] == 0
        assert _harm(space, probabilities) == pytest.approx(0.1)

    def test_determined_goes_for_asylum(self, space):
        # Asylum overall: guide 90%, swimming 70%, bridge 50%, home 0%.
        assert self._first_pick(space, "determined") == "Cross with a guide"
        arrived = [e.id for e in space.scenario.endings].index("arrived")
        assert exact(space, _chosen(space, "determined"))[0][arrived] == pytest.approx(0.9)

    def test_cheapest_keeps_the_most_money(self, space):
        # Swimming and going home both keep 5; swimming is listed first.
        assert self._first_pick(space, "cheapest") == "Swim across"

    def test_cheapest_needs_the_variable(self, space):
        with pytest.raises(PolicyError, match="no variable 'food'"):
            _chosen(space, "cheapest", "food")
