"""The odds taken apart (by era, by stage) add up, and match every path counted one by one.

The reference here enumerates every path from the start with its probability, using only
`rules.available` and `rules.branches`, and reads off where each path stops, the stages it
passes through and the values it ends with. Stages are reassigned at random so that journeys
leave a stage and come back to it, which the funnel must count once.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from journey.engine import catalog, rules
from journey.engine.exact.analysis import analyse
from journey.engine.loader import load_scenario
from journey.engine.model import Eras, Scenario, Stage
from journey.engine.exact.odds import summarise
from journey.engine.exact.summary import OddsSummary

from ..strategies import ENDING_SHAPES, scenarios

PATH_BUDGET = 20_000


class TooManyPaths(Exception):
    pass


def every_path(scenario: Scenario) -> list[tuple[float, tuple, frozenset[int]]]:
    """(probability, state where it stops, stages passed through) for every path."""
    found = []

    def follow(key: tuple, p: float, stages: frozenset[int]) -> None:
        node, values = key[0], key[1:]
        here = scenario.nodes[node]
        if not here.is_ending:
            stages = stages | {here.stage}
        options = rules.available(scenario, node, values)
        if not options:
            found.append((p, key, stages))
            if len(found) > PATH_BUDGET:
                raise TooManyPaths()
            return
        for c in options:
            results = rules.branches(scenario, node, values, c)
            total = sum(b.weight for b in results)
            for b in results:
                follow((b.target,) + b.values, p / len(options) * b.weight / total, stages)

    follow((scenario.start,) + scenario.start_values, 1.0, frozenset())
    return found


def reference(scenario: Scenario, slot: int) -> dict:
    """The figures the summary gives, from the paths: shares and ending chances, unconditioned
    (the test divides)."""
    era, funnel, funnel_by = defaultdict(float), defaultdict(float), defaultdict(float)
    endings, era_endings, stage_endings, by_endings = (defaultdict(float) for _ in range(4))
    for p, key, stages in every_path(scenario):
        node, value = scenario.nodes[key[0]], key[1 + slot]
        era[value] += p
        ending = node.id if node.is_ending else None
        endings[ending] += p
        era_endings[value, ending] += p
        for s in stages:
            funnel[s] += p
            funnel_by[value, s] += p
            stage_endings[s, ending] += p
            by_endings[value, s, ending] += p
    return {"era": era, "funnel": funnel, "funnel_by": funnel_by, "endings": endings,
            "era_endings": era_endings, "stage_endings": stage_endings, "by_endings": by_endings}


@st.composite
def staged(draw) -> tuple[Scenario, str]:
    """A generated scenario where every path ends, its scenes spread over one to three stages
    at random, and one of its flags or variables as the era."""
    scenario = draw(scenarios(ENDING_SHAPES)).scenario
    names = [v.id for v in scenario.variables] + [f.id for f in scenario.flags]
    assume(names)
    count = draw(st.integers(1, 3))
    stages = tuple(Stage(f"stage{k}", f"Stage {k}", "Somewhere") for k in range(count))
    nodes = tuple(node if node.is_ending else
                  dataclasses.replace(node, stage=draw(st.integers(0, count - 1)))
                  for node in scenario.nodes)
    by = draw(st.sampled_from(names))
    return dataclasses.replace(scenario, stages=stages, nodes=nodes, eras=Eras(by)), by


def assert_summary_matches_paths(scenario: Scenario, by: str) -> OddsSummary:
    summary = summarise(scenario)
    try:
        ref = reference(scenario, scenario.slot(by))
    except TooManyPaths:
        assume(False)
    approx = lambda x: pytest.approx(x, abs=1e-9)  # noqa: E731
    ids = [e.id for e in scenario.endings]
    assert summary.odds.endings == approx({e: ref["endings"][e] for e in ids})
    assert {e.value: e.odds.share for e in summary.eras} == approx(dict(ref["era"]))
    for era in summary.eras:
        share = ref["era"][era.value]
        assert era.odds.endings == approx({e: ref["era_endings"][era.value, e] / share
                                           for e in ids})
        for k, stage in enumerate(era.funnel):
            reached = ref["funnel_by"][era.value, k]
            assert stage.odds.share == approx(reached / share)
            assert stage.odds.endings == approx(
                {e: ref["by_endings"][era.value, k, e] / reached if reached else 0.0
                 for e in ids})
    for k, stage in enumerate(summary.funnel):
        reached = ref["funnel"][k]
        assert stage.stage == scenario.stages[k].id
        assert stage.odds.share == approx(reached)
        assert stage.odds.endings == approx(
            {e: ref["stage_endings"][k, e] / reached if reached else 0.0 for e in ids})
    return summary


def assert_figures_add_up(scenario: Scenario, summary: OddsSummary) -> None:
    approx = lambda x: pytest.approx(x, abs=1e-9)  # noqa: E731
    assert sum(e.odds.share for e in summary.eras) == approx(1.0)
    for ending, p in summary.odds.endings.items():
        assert sum(e.odds.share * e.odds.endings[ending] for e in summary.eras) == approx(p)
    for stage in summary.funnel:
        if stage.odds.share:
            assert sum(stage.odds.endings.values()) == approx(1.0)
            assert sum(stage.odds.kinds.values()) == approx(1.0)
    # Every journey passes through the stage it starts in: the very figures of the whole.
    start_stage = scenario.nodes[scenario.start].stage
    assert summary.funnel[start_stage].odds == summary.odds
    assert summary.odds.share == 1.0
    for era in summary.eras:
        assert era.funnel[start_stage].odds.share == 1.0
        assert era.funnel[start_stage].odds.endings == era.odds.endings


@given(staged())
def test_era_and_stage_odds_match_every_path_and_add_up(drawn):
    scenario, by = drawn
    report = analyse(scenario)
    assume(report.ok and report.states <= 300)
    summary = assert_summary_matches_paths(scenario, by)
    assert_figures_add_up(scenario, summary)


@pytest.mark.parametrize("by", ["has_broker", "nights", "money"])
def test_the_tutorials_odds_by_era_and_stage_match_every_path(by):
    scenario = load_scenario(catalog.resolve("tutorial"))
    scenario = dataclasses.replace(scenario, eras=Eras(by))
    summary = assert_summary_matches_paths(scenario, by)
    assert_figures_add_up(scenario, summary)
    assert [s.stage for s in summary.funnel] == [s.id for s in scenario.stages]


def test_a_summary_comes_back_equal_from_its_json():
    scenario = load_scenario(catalog.resolve("tutorial"))
    slot = scenario.slot("has_broker")
    flag = scenario.flags[slot - len(scenario.variables)]
    scenario = dataclasses.replace(
        scenario, eras=Eras("has_broker"),
        flags=tuple(dataclasses.replace(f, names={0: "alone", 1: "with a broker"})
                    if f is flag else f for f in scenario.flags))
    summary = summarise(scenario)
    again = OddsSummary.from_json(json.loads(json.dumps(summary.to_json())))
    assert again == summary
    assert [e.name for e in again.eras] == ["alone", "with a broker"]
    assert again.era(1).name == "with a broker" and again.era(2) is None
    assert again.stage("china", era=1) == again.era(1).funnel[2]
    assert again.stage("china").odds.share == pytest.approx(summary.funnel[2].odds.share)
    assert again.content_hash == scenario.content_hash


@pytest.mark.parametrize("damage", [
    lambda d: d.pop("funnel"), lambda d: d.update(format=99),
    lambda d: d["odds"].update(share="much"), lambda d: d.update(eras=[{"value": 1}])])
def test_a_damaged_summary_is_refused_with_a_value_error(damage):
    data = summarise(load_scenario(catalog.resolve("tutorial"))).to_json()
    damage(data)
    with pytest.raises(ValueError, match="malformed odds summary"):
        OddsSummary.from_json(data)
