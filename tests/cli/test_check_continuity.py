"""Continuity an author can prove, on a copy of the tutorial: `journey check` with an `expect`
that fails on some journeys, a `${...}` typo, a text part that cannot be shown where it is
read (a warning, an error with --strict), and a flag the player never sees."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from journey.engine import catalog, rules
from journey.engine.loader import load_scenario
from journey.engine.text import shown

EXPECT = '    expect:\n      - if: "money >= 6"\n        because: she has spent nothing yet\n'


def journey(*args: str, stdin: str = "", home: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if home is not None:
        env |= {"XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache")}
    return subprocess.run([sys.executable, "-m", "journey", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def copy(tmp_path) -> Path:
    path = tmp_path / "mine.yaml"
    shutil.copy(catalog.bundled()["tutorial"], path)
    return path


def edited(path: Path, old: str, new: str) -> Path:
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))
    return path


def where(path: Path, written: str) -> str:
    """FILE:LINE:COL of the first `written` in the file, found by reading it."""
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if written in line:
            return f"{path}:{number}:{line.index(written) + 1}"
    raise AssertionError(f"{written!r} is not in {path}")


def arrivals(scenario, scene_id: str, fails) -> tuple[Fraction, Fraction, set, set]:
    """(the chance a random player arrives at the scene, the chance she arrives where `fails`
    holds, the values she can arrive with, those where it fails), by following every journey
    with exact fractions."""
    scene = scenario.node(scene_id).index
    found = [Fraction(0), Fraction(0)]
    states: set = set()

    def follow(node: int, values, chance: Fraction) -> None:
        if node == scene:
            found[0] += chance
            found[1] += chance if fails(values) else 0
            states.add(values)
        options = rules.available(scenario, node, values)
        for choice in options:
            branches = rules.branches(scenario, node, values, choice)
            total = sum(b.weight for b in branches)
            for b in branches:
                follow(b.target, b.values, chance * Fraction(b.weight, total * len(options)))

    follow(scenario.start, scenario.start_values, Fraction(1))
    return found[0], found[1], states, {values for values in states if fails(values)}


def test_an_expectation_that_fails_on_some_journeys_is_an_error_at_its_line(copy):
    edited(copy, "    sources: [smith_yanbian]\n", "    sources: [smith_yanbian]\n" + EXPECT)
    result = journey("check", str(copy))
    assert result.returncode == 1, result.stdout
    scenario = load_scenario(copy)
    reached, failing, states, wrong = arrivals(scenario, "yanji", lambda values: values[0] < 6)
    share = f"{100 * float(failing / reached):.2f}%"
    at = where(copy, 'if: "money >= 6"')
    line = next(line for line in result.stdout.splitlines() if "expected" in line)
    assert line == (f"  {at}: scene 'yanji': expected "
                    f"'money >= 6' (she has spent nothing yet), but it does not hold on {share} "
                    f"of arrivals at this scene ({len(wrong)} of {len(states)} reachable states); "
                    "the shortest journey "
                    "where it does not:")
    [problem] = json.loads(journey("check", "--json", str(copy)).stdout)["problems"]
    assert problem["at"] == at
    assert problem["share"] == pytest.approx(float(failing / reached), abs=1e-12)
    # The trace, replayed as the trace format's docs say, ends at the scene where it fails.
    state = rules.new_game(scenario)
    for step in problem["trace"]:
        scene = scenario.node(step["scene"])
        assert scenario.nodes[state.node] is scene
        assert shown(scenario, scene.choices[step["choice"]].label, state.values) == step["label"]
        state, _ = rules.step(scenario, state, step["choice"], step["outcome"])
        assert scenario.nodes[state.node].id == step["to"]
    expectation = scenario.node("yanji").expect[0]
    assert state.node == scenario.node("yanji").index and not expectation.condition(state.values)


def test_a_typo_in_a_value_is_an_error_at_its_line_with_a_did_you_mean(copy):
    edited(copy, "You have waited ${nights} on", "You have waited ${nigths} on")
    result = journey("check", str(copy))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{where(copy, 'nigths')}: unknown variable or flag 'nigths' in ${{nigths}} (did you "
        "mean 'nights'?)"]


def test_a_part_that_cannot_be_shown_where_it_is_read_is_a_warning_and_strict_an_error(copy):
    text = copy.read_text()
    start = text.index("    text: >\n      With the borders closed")
    end = text.index("    expect:", start)
    copy.write_text(text[:start] + "    text:\n      - The trip south cannot go on.\n"
                    "      - {if: not closure, text: The borders are open.}\n" + text[end:])
    warned = (f"{where(copy, 'not closure')}: scene 'long_wait': the text's part shown if "
              "'not closure' is never shown: its condition never holds where it would be read")
    result = journey("check", str(copy))
    assert result.returncode == 0, result.stdout
    assert f"  warning: {warned}" in result.stdout.splitlines()
    strict = journey("check", "--strict", str(copy))
    assert strict.returncode == 1
    assert strict.stdout.splitlines()[0] == (f"{copy}: every path ends, but 1 warning that "
                                             "--strict makes errors")
    assert f"  error: {warned}" in strict.stdout.splitlines()


def test_a_flag_never_shown_is_nowhere_in_a_plain_transcript(tmp_path):
    # The 2010s, leave tonight, pay the guard (with seed 3 a patrol comes): paid_guard, which
    # is never shown, is set.
    result = journey("play", "tutorial", "--plain", "--seed", "3", stdin="1\n1\n2\n1\n1\n1\n",
                     home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "You chose: Pay a border guard to look away" in result.stdout
    assert "Money: was 600 US$, now 300 US$" in result.stdout
    # Caught at the river: the ending's text reads the flag, as its author wrote it to.
    assert "The guard you paid says nothing, and the money is gone." in result.stdout
    scenario = load_scenario(catalog.resolve("tutorial"))
    hidden = next(flag for flag in scenario.flags if flag.show == "never")
    assert hidden.id == "paid_guard"
    assert hidden.label not in result.stdout and "paid_guard" not in result.stdout
    # forged_id is shown only once true: not before she buys one.
    assert "Has a forged ID" not in result.stdout.split("You chose: Pay for a forged ID")[0]
