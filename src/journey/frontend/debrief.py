"""The debrief's content, shared by the app and plain mode: the player's route, the exact odds of
each kind of ending for a random player, and the real arrivals in South Korea."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journey.engine.model import Ending, Scenario
from journey.frontend.charts import Row, bar_chart
from journey.frontend.narration import percent
from journey.frontend.playthrough import Playthrough

if TYPE_CHECKING:
    from journey.data.arrivals import ArrivalsTable
    from journey.engine.analysis import Report

YOUR_ENDING = "(your ending)"
FIRST_YEAR, LAST_YEAR = 1998, 2025
RANDOM_PLAYER = "For a player who chooses at random among the choices open to them (exact):"


def kind_label(kind: str) -> str:
    """'turned_back' -> 'Turned back'."""
    return kind.replace("_", " ").capitalize()


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


@dataclass(frozen=True)
class EndingOdds:
    """The exact chance of each kind of ending for a random player, largest first, or the
    reason there are none (`kinds` is None then)."""

    kinds: tuple[tuple[str, float], ...] | None
    reason: str = ""

    def lines(self, own_kind: str, width: int = 24) -> list[str]:
        """The chart with the player's own kind marked, or why it cannot be drawn."""
        if self.kinds is None:
            return [f"The odds could not be worked out: {self.reason}."]
        return [RANDOM_PLAYER, ""] + kind_chart(list(self.kinds), own_kind, width)


def ending_odds(scenario: Scenario) -> EndingOdds:
    """Run the exact analysis (it can take a while on a large scenario: front ends call this
    off their UI thread) and sum its endings by kind."""
    from journey.engine.analysis import StateLimitExceeded, analyse

    try:
        odds = kind_odds(analyse(scenario))
    except StateLimitExceeded as error:
        return EndingOdds(None, str(error).rstrip("."))
    if odds is None:
        return EndingOdds(None, "the scenario has problems (run journey check)")
    return EndingOdds(tuple(odds))


def kind_odds(report: Report) -> list[tuple[str, float]] | None:
    """The exact probability of each ending kind for a player choosing at random among the
    choices open to them, largest first; None when the analysis could not give figures."""
    totals: dict[str, float] = {}
    for kind, probability in report.endings.values():
        if probability is None:
            return None
        totals[kind] = totals.get(kind, 0.0) + probability
    return sorted(((k, p) for k, p in totals.items() if p > 0), key=lambda item: -item[1])


def kind_chart(odds: list[tuple[str, float]], own_kind: str, width: int = 24) -> list[str]:
    """A bar per ending kind, the player's own kind marked in words."""
    return bar_chart([Row(kind_label(kind), p, percent(p), YOUR_ENDING if kind == own_kind else "")
                      for kind, p in odds], width)


def arrivals_chart(table: ArrivalsTable, width: int = 30) -> list[str]:
    """A bar per row of the arrivals table in 1998-2025 (a bucket has no single year and is
    kept), each with its total written out."""
    return bar_chart([Row(row.label, row.total, f"{row.total:,}") for row in table.rows
                      if row.year is None or FIRST_YEAR <= row.year <= LAST_YEAR], width)


def sources_lines(scenario: Scenario, source_ids: Iterable[str]) -> list[str]:
    """A citation per source id, in the order given, without repeats."""
    seen = dict.fromkeys(source_ids)
    return [f"- {scenario.sources[s].citation()}" for s in seen if s in scenario.sources]


def context_lines(ending: Ending, scenario: Scenario) -> list[str]:
    """What happens in reality after such an ending, then the sources it rests on."""
    lines = [ending.context.strip()]
    cited = sources_lines(scenario, ending.sources)
    if cited:
        lines += ["", "Sources:"] + cited
    return lines
