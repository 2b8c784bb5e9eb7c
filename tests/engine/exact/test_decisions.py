"""Decisions (`decisions.py`): each decision's weight, spreads and options are what a plain loop
over its states adds up from the chance after each option; the weightiest come first; a
scenario built with one decisive and one cosmetic choice is ranked so, by `journey check
--decisions` in text and JSON.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from hypothesis import given

from journey.engine.exact.chances import by_kind, chances
from journey.engine.exact.decisions import COSMETIC, decisions

from ..strategies import ENDING_SHAPES, scenarios
from .test_chances import close, explored

TWO_DECISIONS = """\
format: 1
id: two_decisions
title: One decision that matters and one that does not
summary: A test.
content_note: A test.
start: station
stages:
  - {id: road, title: The road, place: Somewhere}
scenes:
  station:
    stage: road
    text: How to get to the border town?
    choices:
      - {label: Take the bus, goto: border}
      - {label: Take the train, goto: border}
  border:
    stage: road
    text: At the border.
    choices:
      - label: Pay a guide
        outcomes:
          - {weight: 4, text: Across., goto: safe}
          - {weight: 1, text: Caught., goto: caught}
      - label: Go alone
        outcomes:
          - {weight: 1, text: Across., goto: safe}
          - {weight: 4, text: Caught., goto: caught}
endings:
  safe: {kind: asylum, title: Safe, text: Safe., context: Safe., sources: [src]}
  caught: {kind: repatriation, title: Caught, text: Caught., context: Caught., sources: [src]}
sources:
  src: {title: A source, publisher: Publisher, year: 2020, url: "https://example.org/"}
"""


@given(scenarios(ENDING_SHAPES))
def test_each_decision_adds_up_its_states_as_a_plain_loop_does(generated):
    scenario = generated.scenario
    space, order, run = explored(scenario)
    found = chances(space, order, by_kind(scenario))
    met, weight, widest = defaultdict(float), defaultdict(float), defaultdict(float)
    picked: defaultdict[tuple[str, int], float] = defaultdict(float)
    for u in range(len(space)):
        slots = space.slots(u)
        if len(slots) < 2:
            continue
        rows = [found.option[c] for c in slots]
        spread = max(max(r[k] for r in rows) - min(r[k] for r in rows)
                     for k in range(len(found.columns)))
        scene = scenario.nodes[space.node[u]].id
        met[scene] += run.reach[u]
        for c in slots:  # a random player takes each open option alike
            picked[(scene, space.column("choice")[c])] += run.reach[u] / len(slots)
        weight[scene] += run.reach[u] * spread
        if run.reach[u] > 0:
            widest[scene] = max(widest[scene], spread)
    found_decisions = decisions(space, run, found)
    assert {d.scene for d in found_decisions} == {s for s, m in met.items() if m > 0}
    for d in found_decisions:
        assert close(d.met, met[d.scene]) and close(d.weight, weight[d.scene])
        assert d.widest == widest[d.scene]
        assert d.cosmetic == (d.widest < COSMETIC)
        assert 0 <= d.spread <= max(d.spreads.values()) + 1e-12 <= 1 + 1e-12
        for option in d.options:  # every path ends: each option's kinds share all journeys
            assert close(sum(option.kinds.values()), 1.0)
            assert close(option.share, picked[(d.scene, option.position)] / met[d.scene])
        assert close(sum(option.share for option in d.options), 1.0)
    assert [d.weight for d in found_decisions] == sorted(
        (d.weight for d in found_decisions), reverse=True)


def test_check_ranks_the_decisive_choice_first_and_calls_the_other_cosmetic(tmp_path: Path):
    path = tmp_path / "two_decisions.yaml"
    path.write_text(TWO_DECISIONS, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "journey", "check", "--decisions", str(path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    top = next(i for i, line in enumerate(lines) if line.lstrip().startswith("1. "))
    assert lines[top].split() == ["1.", "border", "weight", "60.0", "met", "100.0%", "spread",
                                  "60.0", "points", "(asylum)"]
    assert lines[top + 1].split() == ["asylum", "repatriation"]
    assert lines[top + 2].split() == ["Pay", "a", "guide", "80.0%", "20.0%"]
    assert lines[top + 3].split() == ["Go", "alone", "20.0%", "80.0%"]
    cosmetic = lines.index("  cosmetic decisions: wherever met, no option moves the chance of "
                           "any kind of ending by 1 point or more:")
    assert lines[cosmetic + 1].split() == ["station", "met", "100.0%", "widest", "spread",
                                           "0.00", "points"]
    data = json.loads(subprocess.run(
        [sys.executable, "-m", "journey", "check", "--decisions", "--json", str(path)],
        capture_output=True, text=True, timeout=120).stdout)
    border, station = data["decisions"]
    assert (border["scene"], border["cosmetic"], station["scene"], station["cosmetic"]) == (
        "border", False, "station", True)
    assert math.isclose(border["weight"], 0.6) and station["weight"] == 0.0
    assert [(o["label"], round(o["kinds"]["asylum"], 9)) for o in border["options"]] == [
        ("Pay a guide", 0.8), ("Go alone", 0.2)]
