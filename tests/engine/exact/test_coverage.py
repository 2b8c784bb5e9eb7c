"""Coverage: the chance that a random player reaches each scene and takes each choice.

Checked against a reference that follows every journey with the set of scenes and choices it
has used so far, so a scene visited twice on one journey (a loop with a counter) is counted
once, as the analysis claims to do.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict

import pytest
from hypothesis import assume, given

from journey.engine import rules
from journey.engine.exact.analysis import analyse
from journey.engine.loader import load_text
from journey.engine.model import Scenario

from ..strategies import ENDING_SHAPES, scenarios


def reference_coverage(scenario: Scenario) -> tuple[dict, dict]:
    """Exact reach probabilities by carrying, for every journey, what it has used so far."""
    start = ((scenario.start,) + scenario.start_values, frozenset())
    frontier, used = {start: 1.0}, defaultdict(float)
    while frontier:
        following: dict = defaultdict(float)
        for (key, seen), p in frontier.items():
            node, values = key[0], key[1:]
            if scenario.nodes[node].is_ending:
                for item in seen:
                    used[item] += p
                continue
            seen = seen | {("scene", node)}
            open_choices = rules.available(scenario, node, values)
            for c in open_choices:
                found = rules.branches(scenario, node, values, c)
                total = sum(b.weight for b in found)
                for b in found:
                    following[((b.target,) + b.values, seen | {("choice", node, c)})] += (
                        p / len(open_choices) * b.weight / total)
        frontier = following
    scenes = {s.id: used[("scene", s.index)] for s in scenario.scenes}
    choices = {(s.id, c): used[("choice", s.index, c)]
               for s in scenario.scenes for c in range(len(s.choices))}
    return scenes, choices


@given(scenarios(ENDING_SHAPES))
def test_coverage_is_the_exact_chance_of_reaching_each_scene_and_choice(generated):
    report = analyse(generated.scenario)
    assume(report.ok and report.states <= 400)
    scenes, choices = reference_coverage(generated.scenario)
    assert report.coverage_exact
    assert report.scene_reach == pytest.approx(scenes, abs=1e-9)
    assert report.choice_reach == pytest.approx(choices, abs=1e-9)


def test_a_scene_on_a_loop_is_counted_once_per_journey():
    # The tutorial's riverbank can be visited up to three times (waiting a night loops back).
    from journey.engine import catalog
    from journey.engine.loader import load_scenario

    report = analyse(load_scenario(catalog.resolve("tutorial")))
    assert report.scene_reach["riverbank"] == pytest.approx(1.0)
    # Paying the guard: 1/4 on the first night, then after one or two waits (1/4, 1/3 open).
    assert report.choice_reach[("riverbank", 1)] == pytest.approx(1 / 4 + 1 / 16 + 1 / 48)


RARE_CHAIN = """
format: 1
id: rare
title: Rare
summary: A chain of seven coin tosses.
content_note: A test.
start: s0
stages: [{{id: all, title: All, place: Here}}]
scenes:
{scenes}
  far:
    stage: all
    text: Reached by one player in 128.
    choices: [{{label: Go home, goto: home}}]
endings:
  home: {{kind: turned_back, title: Home, text: Home., context: Context.}}
"""


def rare_chain() -> str:
    scenes = []
    for k in range(7):
        onward = f"s{k + 1}" if k < 6 else "far"
        scenes.append(f"  s{k}:\n    stage: all\n    text: Step {k}.\n    choices:\n"
                      f"      - {{label: Onward, goto: {onward}}}\n"
                      f"      - {{label: Stop, goto: home}}")
    return RARE_CHAIN.format(scenes="\n".join(scenes))


def run_check(tmp_path, *args: str) -> subprocess.CompletedProcess:
    path = tmp_path / "rare.yaml"
    path.write_text(rare_chain())
    return subprocess.run([sys.executable, "-m", "journey", "check", *args, str(path)],
                          capture_output=True, text=True, timeout=120)


def test_check_lists_what_fewer_than_one_percent_reach(tmp_path):
    assert analyse(load_text(rare_chain())).scene_reach["far"] == pytest.approx(1 / 128)
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    start = lines.index("  coverage, reached by fewer than 1% of random players:")
    shown = [line.split() for line in lines[start + 1:]]
    assert shown == [["scene", "s6", "1.562%"],
                     ["choice", "1:", "Onward", "0.781%"], ["choice", "2:", "Stop", "0.781%"],
                     ["scene", "far", "0.781%"], ["choice", "1:", "Go", "home", "0.781%"]]


def test_check_lists_every_scene_with_coverage_and_in_json(tmp_path):
    full = run_check(tmp_path, "--coverage").stdout
    assert "scene s0" in full and "100.000%" in full
    assert all(f"scene s{k}" in full for k in range(7))
    data = json.loads(run_check(tmp_path, "--json").stdout)
    assert data["coverage"]["exact"] is True
    assert data["coverage"]["scenes"]["s3"] == pytest.approx(1 / 8)
    assert data["coverage"]["choices"]["s3#2"] == pytest.approx(1 / 16)


def many_choices_on_a_loop(count: int) -> str:
    """A scene that can be visited four times, with `count` ways to come back to it: the
    sets of choices a journey can have taken there multiply past any pass's budget."""
    choices = "\n".join(f"      - {{label: Wait {k}, if: nights < 3, effects: {{add: {{nights: 1}}}}, "
                        f"goto: camp}}" for k in range(count))
    return f"""
format: 1
id: waits
title: Waits
summary: Many ways to wait.
content_note: A test.
start: camp
variables: {{nights: {{label: Nights, min: 0, max: 3, start: 0}}}}
stages: [{{id: all, title: All, place: Here}}]
scenes:
  camp:
    stage: all
    text: Another night.
    choices:
      - {{label: Leave, goto: home}}
{choices}
endings:
  home: {{kind: turned_back, title: Home, text: Home., context: Context.}}
"""


def test_a_loop_with_too_many_choices_to_count_exactly_gives_upper_bounds():
    # Exact first-visit figures would need a pass per choice; the budget allows a few passes'
    # worth, after which the expected number of visits stands in: an upper bound on each chance.
    report = analyse(load_text(many_choices_on_a_loop(300)))
    assert report.ok and not report.coverage_exact
    assert report.scene_reach["camp"] > 1.0  # visits per journey, not a probability
    leave = report.choice_reach[("camp", 0)]
    assert leave == pytest.approx(1.0)  # every journey leaves once: here the bound is exact
    few = analyse(load_text(many_choices_on_a_loop(3)))
    assert few.coverage_exact and few.scene_reach["camp"] == pytest.approx(1.0)
