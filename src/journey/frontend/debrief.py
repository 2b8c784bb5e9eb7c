"""The debrief's content, decided once for the app and plain mode, which only draw it.

Its sections come in the order a player should meet them: how the journey ended, what happens
in reality, questions for reflection, then the figures (the odds inside the game for the
player's own era, with how journeys that got as far as hers end; the real arrivals in South
Korea, her era's years marked), and last her route, step by step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journey.engine.model import Ending, Scenario, Values
from journey.engine.text import shown
from journey.frontend.charts import Row, bar_chart
from journey.frontend.narration import percent
from journey.frontend.playthrough import Playthrough

if TYPE_CHECKING:
    from journey.data.arrivals import ArrivalsTable
    from journey.engine.exact.summary import Group, StageOdds
    from journey.frontend.odds_cache import ScenarioOdds

YOUR_ENDING = "(your ending)"
YOUR_ERA = "◀ your era"
FIRST_YEAR, LAST_YEAR = 1998, 2025
CHART_WIDTH = 24
HOPEFUL_KINDS = frozenset({"asylum"})
"""Endings after which the debrief may offer to play again first. After any other, the player
meets the ending's own words first, and nothing invites her to try again before she has read
them."""
KIND_WORDS = {"hiding": "years in hiding", "turned_back": "turning back"}
"""How a kind reads in a sentence ('end in ...'), where its label does not."""
INSIDE_THE_GAME = ("These are the odds inside this game, worked out exactly from the scenario "
                   "for a player who picks at random among the choices open to them. They are "
                   "not real-world statistics.")
WORKING = "Working out the exact odds for this scenario..."


@dataclass(frozen=True)
class Line:
    """A line of the debrief. In a list, `lead` (a number, a bullet, or "" to go on from the
    line above) stands before the text, and lines that wrap are indented past it; a `marked`
    line is emphasised, and says so in its words too."""

    text: str
    lead: str | None = None
    marked: bool = False


@dataclass(frozen=True)
class Section:
    """A part of the debrief: `key` names it for a front end that draws one differently."""

    key: str
    heading: str
    lines: tuple[Line, ...]


def harmful(ending: Ending) -> bool:
    return ending.kind not in HOPEFUL_KINDS


def kind_label(kind: str) -> str:
    """'turned_back' -> 'Turned back'."""
    return kind.replace("_", " ").capitalize()


def in_words(probability: float) -> str:
    """A chance as a student reads it easily: 'all', '9 in 10', '1 in 20', 'none'."""
    if probability >= 1 - 1e-9:
        return "all"
    if probability >= 0.95:
        return "almost all"
    if probability >= 0.095:
        return f"{int(probability * 10 + 0.5)} in 10"
    if probability >= 0.01:
        return f"1 in {round(1 / probability)}"
    return "fewer than 1 in 100" if probability > 0 else "none"


def sections(journey: Playthrough, odds: ScenarioOdds | None) -> list[Section]:
    """The whole debrief of a journey that has ended; `odds` None while they are being worked
    out (the odds section then says so)."""
    ending = journey.ending
    assert ending is not None, "the debrief follows an ending"
    scenario = journey.scenario
    values = journey.state.values
    found = [Section("ending", f"The journey ends: {ending.title}",
                     (Line(shown(scenario, ending.text, values).strip()),)),
             Section("reality", "What happens in reality",
                     reality_lines(ending, scenario, values))]
    questions = scenario.questions.for_kind(ending.kind)
    if questions:
        found.append(Section("questions", "Questions for reflection",
                             tuple(Line(" ".join(q.split()), f"{n}.")
                                   for n, q in enumerate(questions, 1))))
    return found + [odds_section(journey, odds), arrivals_section(journey),
                    Section("route", "Your route", tuple(Line(text, number)
                                                         for number, text in timeline(journey)))]


def era_of(journey: Playthrough) -> tuple[int, str] | None:
    """The value and name of the journey's era (its `eras.by` at the end), if it has eras."""
    scenario = journey.scenario
    if scenario.eras is None:
        return None
    slot = scenario.slot(scenario.eras.by)
    value = journey.state.values[slot]
    return value, scenario.value_text(slot, value)


def odds_heading(journey: Playthrough) -> str:
    era = era_of(journey)
    return "How journeys in this scenario end" if era is None else \
        f"Journeys {era[1]} end like this"


def odds_section(journey: Playthrough, odds: ScenarioOdds | None) -> Section:
    """The odds of each kind of ending in the journey's own era (or the whole scenario's), and
    how journeys that got as far as hers end."""
    heading = odds_heading(journey)
    if odds is None:
        return Section("odds", heading, (Line(WORKING),))
    summary = odds.summary
    if summary is None:
        return Section("odds", heading, (Line(f"The odds could not be worked out: "
                                              f"{odds.reason}."),))
    era = era_of(journey)
    mine = summary.era(era[0]) if era is not None else None
    group, funnel = (mine.odds, mine.funnel) if mine is not None else (summary.odds,
                                                                       summary.funnel)
    kind = journey.ending.kind if journey.ending else ""
    lines = [Line(INSIDE_THE_GAME), Line("")] + [Line(row) for row in kind_chart(group, kind)]
    reached = furthest_stage(journey)
    stage = next((s for s in funnel if s.stage == reached), None)
    if stage is not None:
        lines += [Line(""), Line(reached_line(journey.scenario, stage, kind))]
    return Section("odds", heading, tuple(lines))


def kind_chart(group: Group, own_kind: str) -> list[str]:
    """A bar per ending kind that happens, largest first, the player's own kind marked in
    words."""
    odds = sorted(((k, p) for k, p in group.kinds.items() if p > 0), key=lambda item: -item[1])
    return bar_chart([Row(kind_label(kind), p, percent(p), YOUR_ENDING if kind == own_kind
                          else "") for kind, p in odds], CHART_WIDTH)


def furthest_stage(journey: Playthrough) -> str | None:
    """The id of the furthest stage along the route that the journey reached."""
    stages = [step.scene.stage for step in journey.steps]
    return journey.scenario.stages[max(stages)].id if stages else None


def reached_line(scenario: Scenario, stage: StageOdds, own_kind: str) -> str:
    """'3 in 10 journeys get as far as the stage "Third countries", as yours did. Of those,
    9 in 10 end in asylum; 1 in 30 end in deportation, as yours did.'"""
    title = next(s.title for s in scenario.stages if s.id == stage.stage)
    kinds = stage.odds.kinds
    top = max(kinds, key=lambda k: kinds[k])
    if stage.odds.share >= 1 - 1e-9:
        said = f'Every journey passes through the stage "{title}". Of all journeys, '
    else:
        said = (f'{in_words(stage.odds.share).capitalize()} journeys get as far as the stage '
                f'"{title}", as yours did. Of those, ')
    said += f"{in_words(kinds[top])} end in {kind_words(top)}"
    if own_kind == top:
        return said + ", as yours did."
    return said + (f"; {in_words(kinds.get(own_kind, 0.0))} end in {kind_words(own_kind)}, "
                   "as yours did.")


def kind_words(kind: str) -> str:
    return KIND_WORDS.get(kind, kind_label(kind).lower())


def arrivals_section(journey: Playthrough) -> Section:
    """The real arrivals in 1998-2025, each year written out, the years of the journey's era
    marked in words and emphasised; then the source and its notes."""
    from journey.data import arrivals

    table = arrivals.load()
    era = era_of(journey)
    years = journey.scenario.eras.years.get(era[0]) if era and journey.scenario.eras else None
    lines: list[Line] = []
    if years is not None and era is not None:
        first, last = years
        total = sum(row.total for row in table.rows
                    if row.year is not None and first <= row.year <= last)
        lines += [Line(f"{YOUR_ERA[0]} marks {first}-{last}, the years of your journey's era "
                       f"({era[1]}): {total:,} people arrived in those years."), Line("")]
    lines += arrivals_rows(table, years)
    lines += [Line(""), Line(f"Source: {table.source}. {table.url}")]
    lines += [Line(note, "-") for note in table.notes]
    return Section("arrivals", f"{table.title}, {FIRST_YEAR}-{LAST_YEAR}", tuple(lines))


def arrivals_rows(table: ArrivalsTable, years: tuple[int, int] | None) -> list[Line]:
    """A bar per row in 1998-2025 (a bucket has no single year and is kept), those within
    `years` marked."""
    rows = [row for row in table.rows
            if row.year is None or FIRST_YEAR <= row.year <= LAST_YEAR]
    mine = [years is not None and row.year is not None and years[0] <= row.year <= years[1]
            for row in rows]
    chart = bar_chart([Row(row.label, row.total, f"{row.total:,}", YOUR_ERA if marked else "")
                       for row, marked in zip(rows, mine)], CHART_WIDTH)
    return [Line(text, marked=marked) for text, marked in zip(chart, mine)]


def timeline(journey: Playthrough) -> list[tuple[str, str]]:
    """The player's route as (number, text) rows: each step, what happened (unnumbered), and
    the end."""
    scenario, rows = journey.scenario, []
    for step in journey.steps:
        rows.append((f"{step.number}.", f"{scenario.stages[step.scene.stage].title}: "
                                         f"{step.choice}"))
        if step.risk is not None:
            rows.append(("", f"What happened: {step.risk.text}"))
    if journey.ending is not None:
        rows.append(("", f"End: {journey.ending.title}"))
    return rows


def sources_lines(scenario: Scenario, source_ids: Iterable[str]) -> list[str]:
    """A citation per source id, in the order given, without repeats."""
    seen = dict.fromkeys(source_ids)
    return [f"- {scenario.sources[s].citation()}" for s in seen if s in scenario.sources]


def reality_lines(ending: Ending, scenario: Scenario, values: Values) -> tuple[Line, ...]:
    """What happens in reality after such an ending (as it reads with the journey's last
    `values`), then the sources it rests on."""
    lines = [Line(shown(scenario, ending.context, values).strip())]
    cited = sources_lines(scenario, ending.sources)
    if cited:
        lines += [Line(""), Line("Sources:")] + [Line(c[2:], "-") for c in cited]
    return tuple(lines)
