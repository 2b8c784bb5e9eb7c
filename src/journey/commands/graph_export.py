"""A scenario as a diagram: Mermaid or Graphviz DOT text, for an educator to see a story whole.

Stages are clusters; endings sit in their own cluster, each labelled with its kind and drawn in
a shape by kind (so nothing rests on colour). Every edge is one outcome of one choice, labelled
with the choice's number, label and condition, and for a risky choice the chance of that outcome
(see `engine.exact.coverage` for exactly what the figure means). An outcome with a list of
destinations draws one edge to each, labelled with its condition ("otherwise" for the default).
Scenario text is escaped for each format, so no label can change the diagram's structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journey.engine.model import Outcome, Scenario
from journey.engine.exact.coverage import OutcomeOdds
from journey.engine.kinds import BY_NAME, HEXAGON, OCTAGON, ROUNDED

ODDS_NOTE = ("edge labels: choice number and label; for a risky choice, the chance of each "
             "outcome among random players who take it (with the range over situations when it "
             "varies); then, where the destination depends on a condition, that condition")
MERMAID_MAX_EDGES = 500  # Mermaid's default `maxEdges`
SHAPES = {ROUNDED: ('(["', '"])', "shape=ellipse, peripheries=2"),
          HEXAGON: ('{{"', '"}}', "shape=hexagon"),
          OCTAGON: ('[["', '"]]', "shape=octagon")}
"""Each shape of an ending's kind (engine.kinds): Mermaid's opening and closing, DOT's
attributes."""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str


def _percent(p: float) -> str:
    return f"{100 * p:.3g}%"


def _odds_text(odds: OutcomeOdds | None, weight: str) -> str:
    if odds is None:
        return f"weight {weight}"
    if odds.varies:
        return (f"{_percent(odds.average)} on average "
                f"({_percent(odds.low)} to {_percent(odds.high)})")
    return _percent(odds.average)


def edges(scenario: Scenario, odds: dict | None) -> list[Edge]:
    """One edge per outcome of every choice, in scene and choice order."""
    found = []
    for scene in scenario.scenes:
        for i, choice in enumerate(scene.choices):
            label = f"{i + 1}. {choice.label}"
            if choice.condition_source:
                label += f" [if {choice.condition_source}]"
            for k, outcome in enumerate(choice.outcomes):
                text = label
                if choice.risky:
                    chance = odds.get((scene.index, i, k)) if odds is not None else None
                    text += f": {_odds_text(chance, outcome.weight_source)}"
                found += [Edge(scene.id, scenario.nodes[target].id, text + condition)
                          for condition, target in _destinations(outcome)]
    return found


def _destinations(outcome: Outcome) -> list[tuple[str, int]]:
    """(the condition as an edge shows it, target) for every destination of an outcome."""
    if not outcome.routes:
        return [("", outcome.target)]
    return [(f"; if {route.condition_source}", route.target) for route in outcome.routes] + [
        ("; otherwise", outcome.target)]


def _ending_shape(kind: str) -> tuple[str, str, str]:
    return SHAPES[BY_NAME[kind].shape]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _mermaid_text(text: str) -> str:
    """Text inside a quoted Mermaid label: characters with a meaning become #code; entities.
    So does a `%` before another: Mermaid reads `%%{...}%%` anywhere in a diagram as a setting
    of the whole diagram, and `%%` as the start of a comment when it detects the diagram's type
    (a lone `%`, as in the odds, stays as it is)."""
    special = '"#&<>`|\\'
    line = _one_line(text)
    return "".join(f"#{ord(ch)};" if ch in special or line.startswith("%%", i) else ch
                   for i, ch in enumerate(line))


def _mermaid_comment(text: str) -> str:
    """A `%%` comment line holding `text`, which cannot contain a `%%` (and so no setting)."""
    return "%% " + re.sub("%(?=%)", "% ", _one_line(text))


def _dot_text(text: str) -> str:
    """Text inside a quoted DOT string, on one line, with backslashes and quotes escaped."""
    return _one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def _scenes_in(scenario: Scenario, stage: int) -> list:
    return [s for s in scenario.scenes if s.stage == stage]


def _title(scenario: Scenario, node) -> str:
    return node.id + (" (start)" if node.index == scenario.start else "")


def to_mermaid(scenario: Scenario, odds: dict | None, note: str = "") -> str:
    out = [_mermaid_comment(f"{scenario.title} - scenario {scenario.id}"),
           _mermaid_comment(ODDS_NOTE)]
    if note:
        out.append(_mermaid_comment(note))
    drawn = edges(scenario, odds)
    if len(drawn) > MERMAID_MAX_EDGES:
        out.append(f"%% {len(drawn)} edges: Mermaid draws at most {MERMAID_MAX_EDGES} unless "
                   "its maxEdges setting is raised")
    out.append("flowchart TD")
    for index, stage in enumerate(scenario.stages):
        scenes = _scenes_in(scenario, index)
        if not scenes:
            continue
        title = _mermaid_text(f"{stage.title} ({stage.place})")
        out.append(f'  subgraph stage_{stage.id}["{title}"]')
        out += [f'    n_{s.id}["{_mermaid_text(_title(scenario, s))}"]' for s in scenes]
        out.append("  end")
    out.append('  subgraph endings_group["Endings"]')
    for ending in scenario.endings:
        opening, closing, _ = _ending_shape(ending.kind)
        label = "<br/>".join(_mermaid_text(part) for part in
                             (ending.id, f"ending: {ending.kind}", ending.title))
        out.append(f"    n_{ending.id}{opening}{label}{closing}")
    out.append("  end")
    out += [f'  n_{e.source} -->|"{_mermaid_text(e.label)}"| n_{e.target}' for e in drawn]
    return "\n".join(out) + "\n"


def to_dot(scenario: Scenario, odds: dict | None, note: str = "") -> str:
    title = f"{scenario.title} - scenario {scenario.id}"
    out = [f'digraph "{_dot_text(scenario.id)}" {{',
           f'  graph [label="{_dot_text(title)}", labelloc=t, rankdir=TB];',
           "  node [shape=box];",
           f"  // {ODDS_NOTE}"]
    if note:
        out.append(f"  // {note}")
    for index, stage in enumerate(scenario.stages):
        scenes = _scenes_in(scenario, index)
        if not scenes:
            continue
        out.append(f'  subgraph "cluster_stage_{stage.id}" {{')
        out.append(f'    label="{_dot_text(f"{stage.title} ({stage.place})")}";')
        out += [f'    "{s.id}" [label="{_dot_text(_title(scenario, s))}"];' for s in scenes]
        out.append("  }")
    out.append('  subgraph "cluster_endings" {')
    out.append('    label="Endings";')
    for ending in scenario.endings:
        label = "\\n".join(_dot_text(part) for part in
                             (ending.id, f"ending: {ending.kind}", ending.title))
        out.append(f'    "{ending.id}" [label="{label}", {_ending_shape(ending.kind)[2]}];')
    out.append("  }")
    out += [f'  "{e.source}" -> "{e.target}" [label="{_dot_text(e.label)}"];'
            for e in edges(scenario, odds)]
    out.append("}")
    return "\n".join(out) + "\n"


FORMATS = {"mermaid": to_mermaid, "dot": to_dot}
