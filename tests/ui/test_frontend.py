"""The Textual-free pieces both front ends share: text bars, percentages, the journal's words,
the route timeline and the odds per ending kind."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journey.engine.analysis import analyse
from journey.engine.loader import load_scenario
from journey.frontend.charts import Row, bar, bar_chart
from journey.frontend.debrief import kind_chart, kind_odds, timeline
from journey.frontend.narration import narrate, percent
from journey.frontend.playthrough import Playthrough

from .helpers import BRACKETS


@given(st.floats(0, 1), st.integers(1, 40))
def test_a_bar_is_always_its_width_and_grows_with_its_fraction(fraction, width):
    drawn = bar(fraction, width)
    assert len(drawn) == width
    assert drawn.count("█") == int(fraction * width * 8 + 0.5) // 8
    assert len(bar(min(1.0, fraction + 0.25), width).rstrip("░")) >= len(drawn.rstrip("░"))


def test_bars_are_full_empty_and_in_eighths():
    assert bar(1, 4) == "████"
    assert bar(0, 4) == "░░░░"
    assert bar(0.5, 3) == "█▌░"


def test_a_chart_scales_to_its_largest_row_and_writes_every_value():
    lines = bar_chart([Row("a", 2, "2"), Row("bb", 4, "4", "mine")], width=4)
    assert lines == ["a   ██░░  2", "bb  ████  4  mine"]


@pytest.mark.parametrize("p, shown", [(0.75, "75%"), (0.0739, "7.4%"), (0.003, "0.3%"),
                                      (0.05, "5%"), (1.0, "100%")])
def test_percent(p, shown):
    assert percent(p) == shown


@pytest.fixture
def scenario():
    return load_scenario(BRACKETS)


def test_the_journal_tells_choice_outcome_and_changes(scenario):
    journey = Playthrough(scenario, 4)
    step = journey.take(3)
    assert narrate(step, show_odds=True) == [
        "You chose: Wait a night", "Money: was 300 US$, now 200 US$", "Tries: was 0, now 1"]
    assert narrate(step, show_odds=False, compact=True) == [
        "You chose: Wait a night",
        "Changed: Money: was 300 US$, now 200 US$; Tries: was 0, now 1."]
    step = journey.take(0)
    assert narrate(step, show_odds=False) == [
        "You chose: Cross [dim]now[/dim]", "What happened: You reach [b]the far bank[/b]."]
    assert narrate(step, show_odds=True)[2:] == [
        "The odds were:", "    75%  You reach [b]the far bank[/b]. (this happened)",
        "    25%  A patrol sees you."]


def test_the_timeline_lists_each_step_then_the_end(scenario):
    journey = Playthrough(scenario, 4)
    journey.take(0)
    journey.take(1)
    assert timeline(journey) == [
        ("1.", "The [b]border[/b]: Cross [dim]now[/dim]"),
        ("", "What happened: You reach [b]the far bank[/b]."),
        ("2.", "China: Stay hidden"),
        ("", "End: Hidden")]


def test_odds_per_kind_sum_the_endings_of_each_kind(scenario):
    odds = kind_odds(analyse(scenario))
    assert odds == [("asylum", 0.375), ("hiding", 0.375), ("repatriation", 0.25)]
    assert kind_chart(odds, "hiding", width=8) == [
        "Asylum        ████████  38%",
        "Hiding        ████████  38%  (your ending)",
        "Repatriation  █████▍░░  25%"]
