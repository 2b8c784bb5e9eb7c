"""What the web page's debrief needs that does not depend on the journey, worked out once when
the page is made (`journey export`, `journey serve`) and embedded in it as JSON: the exact odds
of each era with the funnel line for every stage a journey can reach and every kind of ending,
each kind's words (her ending named, its glossary entry), the arrivals chart of each era, the
questions per kind, every source's citation, and the
chance table the turning points read. Each figure comes from the same functions the terminal's
debrief uses (frontend.debrief), so the page says what the terminal says; what depends on the
journey (its route, its turning points) the page works out itself, and the parity tests prove
it equal (tests/web/test_page_parity.py).

The data (FORMAT 1), beside the rules of frontend/scenario_data.py:

    {"format": 1,
     "bars": [SLOT]: the variables the status shows with a bar (Playthrough.status),
     "citations": {SOURCE ID: "Publisher (year), Title. URL"},
     "endings": {NODE INDEX: {"harmful": bool}},
     "questions": {KIND: [LINE]},
     "kinds": {KIND: {"ended": "Your journey ended in ...", "meaning": the glossary's
                      explanation of the kind (debrief.explained), or null}},
     "eras": null or {"slot": SLOT},
     "odds": {"problem": null or why there are no odds,
              "all": ODDS, "byEra": {VALUE: ODDS}},
     "arrivals": {"heading", "tail": [LINE], "all": ARRIVALS, "byEra": {VALUE: ARRIVALS}},
     "turning": {"measure": "hopeful" or "harmful", "goal": words for it,
                 "problem": null or why there are no turning points,
                 "table": ChanceTable.to_json() or null,
                 "coder": {"lows": [int], "strides": [str], "nodeStride": str}}}
    ODDS      {"rows": [{"kind", "label", "value", "shown"}], largest first,
               "funnel": {STAGE ID: {KIND: the funnel line}}}
    ARRIVALS  {"header": [LINE], "rows": [{"label", "value", "shown", "note"}]}
    LINE      {"text", "lead": null or str, "marked": bool}, as debrief.Line

An era VALUE is one the era's flag or variable holds at the end of some journey, or one the
scenario gives years for; a journey ending with another value reads "all", as the terminal's
debrief does. Strides can pass 2^53, so they go as decimal strings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from journey.data import arrivals
from journey.engine.exact.codes import Coder
from journey.engine.exact.summary import Group, OddsSummary, StageOdds
from journey.engine.model import Era, Scenario
from journey.frontend import debrief
from journey.frontend.charts import Row
from journey.frontend.odds_cache import ScenarioOdds
from journey.frontend.playthrough import has_bar
from journey.frontend.scenario_data import scenario_data

FORMAT = 1
"""The data's format; the page's game.js refuses any other."""

Json = dict[str, object]


@dataclass(frozen=True)
class PageContent:
    """What a page of one scenario holds, made in this layer so that the page's maker (a front
    end) never reads the engine's model: its title and language, the rules for runtime.js, and
    the debrief's figures."""

    title: str
    language: str
    rules: Json
    figures: Json


def page_content(scenario: Scenario, odds: ScenarioOdds) -> PageContent:
    return PageContent(scenario.title, scenario.language or "en", scenario_data(scenario),
                       page_data(scenario, odds))


def page_data(scenario: Scenario, odds: ScenarioOdds) -> Json:
    """Everything the page's debrief reads that is the same for every journey."""
    kinds = list(dict.fromkeys(ending.kind for ending in scenario.endings))
    era_values = _era_values(scenario, odds.summary)
    return {
        "format": FORMAT,
        "bars": [slot for slot, spec in enumerate(scenario.variables) if has_bar(spec)],
        "citations": {key: source.citation() for key, source in scenario.sources.items()},
        "endings": {str(e.index): {"harmful": debrief.harmful(e)} for e in scenario.endings},
        "questions": {kind: [_line(line) for line in debrief.question_lines(scenario, kind)]
                      for kind in kinds},
        "kinds": {kind: {"ended": debrief.ended_in(kind),
                         "meaning": debrief.explained(scenario, kind)} for kind in kinds},
        "eras": None if scenario.eras is None else {"slot": scenario.slot(scenario.eras.by)},
        "odds": _odds(scenario, odds, kinds, era_values),
        "arrivals": _arrivals(scenario, era_values),
        "turning": _turning(scenario, odds),
    }


def _era_values(scenario: Scenario, summary: OddsSummary | None) -> list[int]:
    if scenario.eras is None:
        return []
    found = {era.value for era in summary.eras} if summary is not None else set()
    return sorted(found | set(scenario.eras.years))


def _odds(scenario: Scenario, odds: ScenarioOdds, kinds: list[str],
          era_values: list[int]) -> Json:
    summary = odds.summary
    if summary is None:
        return {"problem": odds.reason, "all": None, "byEra": {}}

    def figures(group: Group, funnel: tuple[StageOdds, ...]) -> Json:
        return {"rows": [{"kind": kind, **_row(debrief.kind_row(kind, p))}
                         for kind, p in debrief.kind_odds(group)],
                "funnel": {stage.stage: {kind: debrief.reached_line(scenario, stage, kind)
                                         for kind in kinds} for stage in funnel}}

    by_era = {}
    for value in era_values:
        era = summary.era(value)
        if era is not None:
            by_era[str(value)] = figures(era.odds, era.funnel)
    return {"problem": None, "all": figures(summary.odds, summary.funnel), "byEra": by_era}


def _arrivals(scenario: Scenario, era_values: list[int]) -> Json:
    table = arrivals.load()

    def figures(era: Era | None) -> Json:
        years = era.years if era is not None else None
        return {"header": [_line(line) for line in debrief.arrivals_header(table, era)],
                "rows": [_row(row) for row in debrief.arrival_chart(table, years)]}

    return {"heading": debrief.arrivals_heading(table),
            "tail": [_line(line) for line in debrief.arrivals_notes(table)],
            "all": figures(None),
            "byEra": {str(value): figures(scenario.era_at(value)) for value in era_values}}


def _turning(scenario: Scenario, odds: ScenarioOdds) -> Json:
    measure, goal = debrief.turning_measure(scenario)
    table = odds.summary.chances if odds.summary is not None else None
    coder = Coder.of(scenario)
    return {"measure": measure, "goal": goal,
            "problem": None if table is not None else (odds.reason or debrief.TOO_MANY_STATES),
            "table": table.to_json() if table is not None else None,
            "coder": {"lows": list(coder.lows), "strides": [str(s) for s in coder.strides],
                      "nodeStride": str(coder.node_stride)}}


def _line(line: debrief.Line) -> Json:
    return asdict(line)


def _row(row: Row) -> Json:
    return asdict(row)
