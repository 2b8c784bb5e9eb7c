"""The debrief's content, shared by the app and plain mode: the player's route, the exact odds of
each kind of ending for a random player, and the real arrivals in South Korea."""

from __future__ import annotations

from journey.engine.analysis import Report
from journey.engine.model import Ending
from journey.frontend.charts import Row, bar_chart
from journey.frontend.playthrough import Playthrough, percent

YOUR_ENDING = "(your ending)"
FIRST_YEAR, LAST_YEAR = 1998, 2025


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
    if journey.over:
        rows.append(("", f"End: {journey.node.title}"))
    return rows


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


def arrivals_chart(table, width: int = 30) -> list[str]:
    """A bar per row of the arrivals table in 1998-2025 (a bucket has no single year and is
    kept), each with its total written out."""
    return bar_chart([Row(row.label, row.total, f"{row.total:,}") for row in table.rows
                      if row.year is None or FIRST_YEAR <= row.year <= LAST_YEAR], width)


def sources_lines(scenario, source_ids) -> list[str]:
    """A citation per source id, in the order given, without repeats."""
    seen = dict.fromkeys(source_ids)
    return [f"- {scenario.sources[s].citation()}" for s in seen if s in scenario.sources]


def context_lines(ending: Ending, scenario) -> list[str]:
    """What happens in reality after such an ending, then the sources it rests on."""
    lines = [ending.context.strip()]
    cited = sources_lines(scenario, ending.sources)
    if cited:
        lines += ["", "Sources:"] + cited
    return lines
