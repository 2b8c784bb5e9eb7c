"""The debrief's turning points as a player reads them (`frontend.debrief.turning_section`): a
small journey word for word; on the long road, a chart row per step, her choice marked among
the options, and the split into choice and luck in whole points that add up to where she
ended, whatever the journey; what it says while the odds are worked out or cannot be used; and
a scenario with no hopeful ending, followed by its chance of harm."""

from __future__ import annotations

import dataclasses
import random
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journey.engine import catalog, rules
from journey.engine.exact.odds import summarise
from journey.engine.loader import load_scenario
from journey.engine.model import Scenario
from journey.frontend import debrief
from journey.frontend.chance_words import whole
from journey.frontend.odds_cache import ScenarioOdds
from journey.frontend.playthrough import Playthrough

BRACKETS = Path(__file__).parents[1] / "fixtures" / "brackets.yaml"


@cache
def long_road() -> tuple[Scenario, ScenarioOdds]:
    scenario = load_scenario(catalog.resolve("long_road"))
    return scenario, ScenarioOdds(summarise(scenario))


def played(scenario: Scenario, seed: int, choices: list[int]) -> Playthrough:
    journey = Playthrough(scenario, seed)
    for index in choices:
        journey.take(index)
    return journey


def test_a_small_journey_word_for_word():
    scenario = load_scenario(BRACKETS)
    journey = played(scenario, 4, [0, 1])  # across the river, then stay hidden
    lines = debrief.turning_section(journey, ScenarioOdds(summarise(scenario))).lines
    assert [(line.lead, line.text) for line in lines[2:]] == [
        (None, "The chance of asylum, at the start and after each step:"),
        (None, "Start                  █████████░░░░░░░░░░░░░░░  38%"),
        (None, " 1. The [b]border[/b]  ████████████░░░░░░░░░░░░  50%"),
        (None, " 2. China              ░░░░░░░░░░░░░░░░░░░░░░░░   0%  ◀ the end"),
        (None, ""),
        ("1.", "The [b]border[/b]. Chance before this step: asylum 38%, harmful ending 62%."),
        ("-", "Cross [dim]now[/dim]: 38%  ◀ your choice"),
        ("-", "Wait a night: 38%"),
        ("", "Your choice did not change the chance."),
        ("", "What happened, with a chance of 75%: You reach [b]the far bank[/b]."),
        ("", "That draw changed the chance by +12 points, from 38% to 50%."),
        ("2.", "China. Chance before this step: asylum 50%, harmful ending 50%."),
        ("-", "Ask for help: 100%"),
        ("-", "Stay hidden: 0%  ◀ your choice"),
        ("", "Your choice changed the chance by -50 points, from 50% to 0%."),
        (None, ""),
        (None, "Choice and luck, added up. At the start, the chance of asylum was 38%. Your "
               "choices changed it by -50 points in all, and the draws, which were luck, by "
               "+12 points."),
        (None, "38 - 50 + 12 = 0: your journey did not end in asylum. (Rounded to whole "
               "points; unrounded, they add up exactly.)"),
        (None, ""),
        (None, "Your chance moved most at step 2 (China), by a choice, from 50% to 0%: Stay "
               "hidden."),
        (None, ""),
        (None, debrief.NOT_A_JUDGEMENT)]
    assert lines[0].text == debrief.GAME_NOT_WORLD.format(goal="asylum")
    assert [line.text for line in lines if line.marked] == [
        "Cross [dim]now[/dim]: 38%  ◀ your choice", "Stay hidden: 0%  ◀ your choice"]


def test_a_step_where_nothing_could_change_the_chance_is_one_line():
    scenario = load_scenario(BRACKETS)
    journey = played(scenario, 4, [3, 0, 0])  # wait a night first: it changes nothing
    lines = debrief.turning_section(journey, ScenarioOdds(summarise(scenario))).lines
    first = next(i for i, line in enumerate(lines) if line.lead == "1.")
    assert lines[first].text == ("The [b]border[/b]. Chance: asylum 38%, harmful ending 62%. "
                                 "None of the options here changed it (you chose: Wait a "
                                 "night).")
    assert lines[first + 1].lead == "2."


@given(st.integers(0, 2**32 - 1))
def test_any_long_road_journey_reads_whole_and_adds_up(seed):
    scenario, odds = long_road()
    rng, journey = random.Random(seed), Playthrough(scenario, seed)
    while not journey.over:
        journey.take(rng.choice(rules.available(scenario, journey.state.node,
                                                 journey.state.values)))
    section = debrief.turning_section(journey, odds)
    texts = [line.text for line in section.lines]
    chart = texts[3:texts.index("", 3)]
    assert len(chart) == journey.state.step + 1 and chart[-1].endswith("◀ the end")
    asylum = journey.ending is not None and journey.ending.kind == "asylum"
    assert chart[-1].split()[-4] == ("100%" if asylum else "0%")
    assert [line.lead for line in section.lines if line.lead not in (None, "", "-")] == \
        [f"{n}." for n in range(1, journey.state.step + 1)]
    numbered = [i for i, line in enumerate(section.lines) if line.lead not in (None, "", "-")]
    for step, first, last in zip(journey.steps, numbered, numbered[1:] + [len(section.lines)]):
        listed = [line for line in section.lines[first + 1:last] if line.lead == "-"]
        if listed:  # her choice, marked once among the options
            assert [line.text.rpartition(": ")[0] for line in listed if line.marked] == \
                [step.choice]
    flat = " ".join(texts)
    start, sign1, choices, sign2, luck, end = re.search(
        r"(\d+) ([+-]) (\d+) ([+-]) (\d+) = (\d+): your journey", flat).groups()
    assert int(start) + int(sign1 + choices) + int(sign2 + luck) == int(end) == 100 * asylum
    assert f"{start}%" == chart[0].split()[-1]
    assert texts[-1] == debrief.NOT_A_JUDGEMENT
    assert not re.search(r"score|well played|game over|you won|you lost", flat, re.IGNORECASE)


def test_while_the_odds_are_worked_out_or_cannot_be_used_it_says_so():
    scenario = load_scenario(BRACKETS)
    journey = played(scenario, 4, [0, 1])

    def texts(odds: ScenarioOdds | None) -> list[str]:
        return [line.text for line in debrief.turning_section(journey, odds).lines]

    assert texts(None) == [debrief.TURNING_WORKING]
    assert texts(ScenarioOdds(None, "too many states")) == [
        "The turning points could not be worked out: too many states."]
    other = summarise(dataclasses.replace(scenario, start=scenario.node_index["town"]))
    [said] = texts(ScenarioOdds(other))
    assert said.startswith("The turning points could not be worked out: the chance table has "
                           "no entry for a state in scene river")


def test_without_a_hopeful_ending_it_follows_the_chance_of_harm():
    scenario = load_scenario(BRACKETS)
    scenario = dataclasses.replace(scenario, nodes=tuple(
        dataclasses.replace(node, kind="hiding") if node.is_ending and node.kind == "asylum"
        else node for node in scenario.nodes))
    journey = played(scenario, 4, [0, 1])
    texts = [line.text for line in debrief.turning_section(
        journey, ScenarioOdds(summarise(scenario))).lines]
    assert texts[0] == debrief.GAME_NOT_WORLD.format(goal="a harmful ending")
    assert texts[2] == "The chance of a harmful ending, at the start and after each step:"
    assert "100 + 0 + 0 = 100: your journey ended in a harmful ending." in " ".join(texts)


@pytest.mark.parametrize("p, shown", [(0.0, "0%"), (0.004, "under 1%"), (0.005, "0%"),
                                      (0.375, "38%"), (0.996, "over 99%"), (1.0, "100%")])
def test_a_chance_in_whole_percent_is_never_rounded_to_a_certainty(p, shown):
    assert whole(p) == shown
