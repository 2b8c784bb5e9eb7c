"""The Textual-free pieces both front ends share: text bars, percentages, the journal's words,
the route timeline, and the debrief's sections, odds and sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journey.engine import catalog, rules
from journey.engine.loader import load_scenario, load_text
from journey.engine.exact.odds import summarise
from journey.frontend import debrief
from journey.frontend.charts import Row, bar, bar_chart
from journey.frontend.chance_words import in_words, percent
from journey.frontend.debrief import kind_chart, timeline
from journey.frontend.odds_cache import ScenarioOdds
from journey.frontend.narration import narrate
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
    assert narrate(step, show_odds=False, compact=True) == ["You chose: Wait a night"]
    step = journey.take(0)
    assert narrate(step, show_odds=False) == [
        "You chose: Cross [dim]now[/dim]", "What happened: You reach [b]the far bank[/b]."]
    assert narrate(step, show_odds=True)[2:] == [
        "The odds were:", "    75%  You reach [b]the far bank[/b]. (this happened)",
        "    25%  A patrol sees you."]
    assert narrate(step, show_odds=True, compact=True) == [
        "You chose: Cross [dim]now[/dim]",
        "What happened (75% chance): You reach [b]the far bank[/b]."]


def test_the_timeline_lists_each_step_then_the_end(scenario):
    journey = Playthrough(scenario, 4)
    journey.take(0)
    journey.take(1)
    assert timeline(journey) == [
        ("1.", "The [b]border[/b]: Cross [dim]now[/dim]"),
        ("", "What happened: You reach [b]the far bank[/b]."),
        ("2.", "China: Stay hidden"),
        ("", "End: Hidden")]


def test_odds_per_kind_sum_the_endings_of_each_kind_and_rank_no_journey(scenario):
    summary = summarise(scenario)
    assert summary.odds.kinds == {"asylum": 0.375, "hiding": 0.375, "repatriation": 0.25}
    assert kind_chart(summary.odds) == [
        "Asylum        ████████████████████████  38%",
        "Hiding        ████████████████████████  38%",
        "Repatriation  ████████████████░░░░░░░░  25%"]


@pytest.mark.parametrize("p, words", [(1.0, "all"), (0.97, "almost all"), (0.915, "9 in 10"),
                                      (0.389, "4 in 10"), (0.1, "1 in 10"), (0.05, "1 in 20"),
                                      (0.028, "1 in 36"), (0.004, "fewer than 1 in 100"),
                                      (0.0, "none")])
def test_chances_in_words_a_student_reads_easily(p, words):
    assert in_words(p) == words


def ended(scenario, seed, choices):
    journey = Playthrough(scenario, seed)
    for index in choices:
        journey.take(index)
    assert journey.over
    return journey


GLOSSARY = """
glossary:
  - term: "Years in [b]hiding[/b]"
    text: Living without papers, afraid of every check.
    sources: [src_a]
    kinds: [hiding]
  - term: Repatriation
    text: Being sent back to North Korea.
    sources: [src_b]
    kinds: [repatriation]
"""


@pytest.fixture
def glossed(scenario):
    """The brackets scenario with a glossary that explains two of its three kinds."""
    return load_text(BRACKETS.read_text(encoding="utf-8") + GLOSSARY, "glossed.yaml")


def test_the_debrief_puts_words_and_questions_before_the_figures(scenario):
    journey = ended(scenario, 4, [0, 1])
    odds = ScenarioOdds(summarise(scenario))
    found = debrief.sections(journey, odds)
    assert [s.key for s in found] == ["ending", "reality", "odds", "arrivals", "route",
                                      "turning"]
    assert found[0].heading == "The journey ends: Hidden"
    assert [line.text for line in found[0].lines] == ["You stay hidden."]  # no glossary
    assert found[2].heading == "The game's odds"
    odds_text = [line.text for line in found[2].lines]
    assert odds_text[0] == ("If you had chosen at random every time, in this game, journeys "
                            "would end like this. These are the game's odds, worked out "
                            "exactly from its choices; they are not real-world statistics.")
    assert "Hiding        ████████████████████████  38%" in odds_text
    assert odds_text[-3:] == [
        "Your journey ended in years in hiding.", "",
        'Your journey reached the stage "China". In this game, 8 in 10 journeys get that far. '
        'Of those, 5 in 10 end in asylum, and 5 in 10 in years in hiding.']


def test_nothing_in_the_debrief_reads_as_a_ranking(scenario):
    """Her ending is named, never marked among the others, and nothing says "as yours did"."""
    odds = ScenarioOdds(summarise(scenario))
    kinds = set()
    for seed in range(12):
        journey = Playthrough(scenario, seed)
        while not journey.over:
            journey.take(next(c.index for c in rules.choice_views(scenario, journey.state)
                              if c.enabled))
        kinds.add(journey.ending.kind)
        text = " ".join(line.text for section in debrief.sections(journey, odds)
                        for line in section.lines)
        assert "your ending" not in text and "as yours did" not in text
        assert f"Your journey ended in {debrief.kind_words(journey.ending.kind)}." in text
    assert len(kinds) > 1


def test_each_kind_is_explained_where_it_first_appears(glossed):
    """Her own kind under the ending's words; each other kind the chart shows, below it, once;
    a kind the glossary does not explain (asylum here) is only named."""
    journey = ended(glossed, 4, [0, 1])
    found = {s.key: s for s in debrief.sections(journey, ScenarioOdds(summarise(glossed)))}
    assert [(line.text, line.lead) for line in found["ending"].lines] == [
        ("You stay hidden.", None), ("", None),
        ("Years in [b]hiding[/b]: Living without papers, afraid of every check.", None)]
    odds_lines = [(line.text, line.lead) for line in found["odds"].lines]
    start = odds_lines.index(("Your journey ended in years in hiding.", None))
    assert odds_lines[start + 1:start + 3] == [
        ("What the other endings mean:", None),
        ("Repatriation: Being sent back to North Korea.", "-")]
    assert odds_lines[start + 3] == ("", None)
    text = " ".join(line.text for section in found.values() for line in section.lines)
    assert text.count("Living without papers") == 1


def test_the_arrivals_say_who_they_count_in_one_note(scenario):
    """The link to the game's odds first; after the chart its source and one note only."""
    lines = debrief.arrivals_section(ended(scenario, 4, [0, 1])).lines
    assert lines[0].text == ("The odds above are the game's. Nobody knows how many people tried "
                             "to leave; these are only the ones who arrived.")
    assert lines[-2].text.startswith("Source: Ministry of Unification")
    assert lines[-1] == debrief.Line("People are counted in the year they reach South Korea, "
                                     "which can be years after they left North Korea.")


def test_while_the_odds_are_worked_out_the_debrief_says_so(scenario):
    section = debrief.odds_section(ended(scenario, 4, [0, 1]), None)
    assert [line.text for line in section.lines] == [debrief.WORKING]
    section = debrief.odds_section(ended(scenario, 4, [0, 1]), ScenarioOdds(None, "too many"))
    assert [line.text for line in section.lines] == ["The odds could not be worked out: "
                                                     "too many."]


@pytest.fixture(scope="module")
def long_road():
    return load_scenario(catalog.resolve("long_road"))


@pytest.fixture(scope="module")
def long_road_odds(long_road):
    return ScenarioOdds(summarise(long_road))


@pytest.mark.parametrize("era, years", [(0, (2010, 2019)), (1, (2020, 2025))])
def test_each_era_of_the_long_road_gets_its_own_odds_funnel_and_years(long_road,
                                                                      long_road_odds, era,
                                                                      years):
    journey = Playthrough(long_road, 1)
    journey.take(era)  # the first scene picks the era
    while not journey.over:  # then the first open choice, to an ending
        journey.take(next(c.index for c in rules.choice_views(long_road, journey.state)
                          if c.enabled))
    name = ["before the 2020 border closure", "after the 2020 border closure"][era]
    mine = long_road_odds.summary.era(era)
    found = {s.key: s for s in debrief.sections(journey, long_road_odds)}
    chart = [line.text for line in found["odds"].lines]
    assert chart[0].startswith("If you had chosen at random every time, in this game, "
                               f"journeys {name} would end like this.")
    kind = journey.ending.kind
    assert f"Your journey ended in {debrief.kind_words(kind)}." in chart
    for k, p in mine.odds.kinds.items():
        if p > 0:
            assert any(line.startswith(debrief.kind_label(k)) and f"  {percent(p)}" in line
                       for line in chart)
    reached = debrief.furthest_stage(journey)
    stage = long_road_odds.summary.stage(reached, era=era)
    assert in_words(stage.odds.kinds[kind]) in chart[-1]
    # every kind of the long road is explained, hers under the ending, the others under the chart
    explained = {line.text for section in found.values() for line in section.lines
                 if any(line.text == debrief.explained(long_road, k) for k in mine.odds.kinds)}
    assert explained == {debrief.explained(long_road, k) for k, p in mine.odds.kinds.items()
                         if p > 0} | {debrief.explained(long_road, kind)}
    questions = [line.text for line in found["questions"].lines]
    assert questions == [" ".join(q.split()) for q in long_road.questions.for_kind(kind)]
    marked = [line.text for line in found["arrivals"].lines if line.marked]
    assert [line.split()[0] for line in marked] == [str(y) for y in range(years[0],
                                                                          years[1] + 1)]
    assert all(line.endswith(debrief.YOUR_ERA) for line in marked)
    assert found["arrivals"].lines[2].text.startswith(f"◀ marks {years[0]}-{years[1]}, the "
                                                      f"years of your journey's era ({name})")
