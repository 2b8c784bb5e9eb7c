"""Destinations chosen by conditions: checked on the values after every effect of the step,
the first that holds wins, and every tool that reads the story sees every destination."""

from __future__ import annotations

import pytest

from journey.engine import rules
from journey.engine.exact.analysis import analyse
from journey.engine.loader import load_text

ROUTES = """\
format: 1
id: routes
title: Routes
summary: Where a step leads depends on the values it leaves behind.
content_note: None.
start: a
stages: [{id: s, title: S, place: P}]
flags: {closed: {label: Closed}}
variables: {money: {start: 2, min: 0, max: 5, label: Money}}
scenes:
  a:
    stage: s
    text: A.
    choices:
      - label: Spend two
        effects: {add: {money: -2}, set: {closed: true}}
        goto:
          - {if: "money > 0", goto: rich}
          - {if: closed, goto: closed_end}
          - goto: open_end
      - label: Earn, then maybe more
        effects: {add: {money: 1}}
        outcomes:
          - weight: 1
            effects: {add: {money: 9}}
            goto:
              - {if: "money == 5", goto: rich}
              - {goto: open_end}
          - weight: 1
            goto: [{if: "money == 3", goto: closed_end}, {goto: open_end}]
      - label: Both conditions hold
        goto: [{if: "money > 1", goto: closed_end}, {if: true, goto: rich}, {goto: open_end}]
  rich:
    stage: s
    text: Rich.
    choices:
      - {label: Go on, goto: open_end}
endings:
  closed_end: {kind: hiding, title: Closed, text: Closed., context: Context.}
  open_end: {kind: asylum, title: Open, text: Open., context: Context.}
"""


@pytest.fixture(scope="module")
def scenario():
    return load_text(ROUTES)


def destinations(scenario, choice: int) -> list[tuple[str, tuple]]:
    return [(scenario.nodes[b.target].id, b.values)
            for b in rules.branches(scenario, scenario.start, scenario.start_values, choice)]


def test_a_choices_conditions_see_the_values_after_its_effects(scenario):
    # money 2 -> 0 and closed becomes true: "money > 0" fails, "closed" holds.
    assert destinations(scenario, 0) == [("closed_end", (0, 1))]


def test_an_outcomes_conditions_see_its_own_effects_after_clamping(scenario):
    # 2 + 1 = 3, then + 9 clamped to 5: the first outcome reaches "rich"; the second sees 3.
    assert destinations(scenario, 1) == [("rich", (5, 0)), ("closed_end", (3, 0))]


def test_the_first_condition_that_holds_wins(scenario):
    assert destinations(scenario, 2) == [("closed_end", (2, 0))]


def test_targets_list_every_destination_in_order(scenario):
    ids = [[[scenario.nodes[t].id for t in o.targets] for o in c.outcomes]
           for c in scenario.nodes[0].choices]
    assert ids == [[["rich", "closed_end", "open_end"]],
                   [["rich", "open_end"], ["closed_end", "open_end"]],
                   [["closed_end", "rich", "open_end"]]]


def test_a_step_arrives_where_results_say(scenario):
    state, events = rules.step(scenario, rules.new_game(scenario, 3), 1, outcome=0)
    assert scenario.nodes[state.node].id == "rich" == events[-1].node_id


def test_the_analysis_follows_the_conditions(scenario):
    report = analyse(scenario)
    assert report.ok
    odds = {ending: p for ending, (_, p) in report.endings.items()}
    # A third of players spend (closed_end), a third earn (rich then open_end, or closed_end),
    # a third take the third choice (closed_end).
    assert odds == pytest.approx({"closed_end": 1 / 3 + 1 / 6 + 1 / 3, "open_end": 1 / 6})
