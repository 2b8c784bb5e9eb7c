"""A loaded scenario as plain JSON data for the JavaScript runtime (`journey/web/runtime.js`), as
inkjs reads ink's compiled JSON: the page plays the scenario without Python, draw for draw as
the engine does. (The front-end layer makes it from the engine's model, so the web front end
never reads the engine itself.)

Expressions go over as the trees the engine's own parse made (`expressions.tree_of`), never as
source text to evaluate: a tree is an integer or a list `[op, ...operands]` (see
engine/expressions.py), and every condition in the data, wherever it stands, is one such tree.
A player-facing text (a scene's text, a label, an outcome's text, an ending's text and context)
is a string when it reads the same in every state, else a TEXT (engine/text.py reads the same).

The data (FORMAT 1):

    {"format": 1, "id", "title", "summary", "language", "contentNote", "contentHash",
     "start": NODE, "values": [start value of each slot: variables, then flags as 0 or 1],
     "variables": [{"id", "label", "min", "max", "scale", "suffix", "names": {"VALUE": NAME},
                    "show"}],
     "flags": [{"id", "label", "shown": [TEXT FOR 0, TEXT FOR 1], "show"}],
     "stages": [{"id", "title", "place"}],
     "sources": {ID: {"title", "publisher", "year", "url", "note"}},
     "nodes": [SCENE or ENDING, scenes first, by index]}
    SCENE   {"id", "stage": STAGE INDEX, "text", "sources": [ID], "choices": [CHOICE]}
    ENDING  {"id", "ending": true, "kind", "title", "text", "context", "sources": [ID]}
    CHOICE  {"label", "if"?: TREE, "unavailable"?: REASON, "effects": [EFFECT],
             then "goto": DESTINATION (a fixed destination), or "outcomes": [OUTCOME] (a risk)}
    OUTCOME {"weight": TREE, "text", "sources": [ID], "effects": [EFFECT],
             "goto": DESTINATION}
    EFFECT  {"slot", "add" or "set": TREE, "min", "max"}: computed from the values before
            the effects, then clamped to min..max
    DESTINATION  NODE, or [{"if": TREE, "goto": NODE}, ..., {"goto": NODE}] (the first whose
            condition holds on the values after the step's effects, else the last)
    TEXT    {"join": null or the text between parts, "parts": [{"if"?: TREE, "text": [PIECE]}]}:
            with "join" null, the one part's pieces as they are; else the parts whose condition
            holds, each without spaces, tabs and line breaks at its ends, empty ones left
            out, joined by "join". A PIECE is a string, or a SLOT whose value reads in its
            place as the status panel shows it. A scene's text and its labels are read on the
            values at the scene, an outcome's text on the values after the step, an ending's
            on the values at the end.

"show" is "always", "when-set" (shown while not 0) or "never" (changes to it are not told).

Every integer in the data is within ±10^15 (`limits.MAX_INTEGER` bounds every integer a file
writes, and values stay within their variable's bounds), so JSON numbers carry them exactly; the
runtime turns them into BigInts.

A variable's value reads as its name when it has one, else as `value * scale` with thousands
separated by commas, then `suffix` (the unit after a space, or nothing), as
`VariableSpec.display` gives it.
"""

from __future__ import annotations

from typing import Callable

from journey.engine.expressions import Tree, tree_of
from journey.engine.model import (Choice, Effects, Ending, FlagSpec, Outcome, Route, Scenario,
                                  Scene, Text, Values, VariableSpec)

FORMAT = 1
"""The data's format; runtime.js refuses any other."""

Json = dict[str, object]


def scenario_data(scenario: Scenario) -> Json:
    """Everything the runtime needs to play `scenario`, as JSON-ready data."""
    return {
        "format": FORMAT, "id": scenario.id, "title": scenario.title,
        "summary": scenario.summary, "language": scenario.language,
        "contentNote": scenario.content_note, "contentHash": scenario.content_hash,
        "start": scenario.start, "values": list(scenario.start_values),
        "variables": [_variable(spec) for spec in scenario.variables],
        "flags": [_flag(spec) for spec in scenario.flags],
        "stages": [{"id": s.id, "title": s.title, "place": s.place} for s in scenario.stages],
        "sources": {key: {"title": s.title, "publisher": s.publisher, "year": s.year,
                          "url": s.url, "note": s.note} for key, s in scenario.sources.items()},
        "nodes": [_ending(node) if isinstance(node, Ending) else _scene(node)
                  for node in scenario.nodes],
    }


def _variable(spec: VariableSpec) -> Json:
    # display() writes f"{shown} {unit}".strip() and `shown` has no space at either end, so
    # what follows the number is exactly this suffix.
    return {"id": spec.id, "label": spec.label, "min": spec.low, "max": spec.high,
            "scale": spec.scale, "suffix": f" {spec.unit}".rstrip(),
            "names": {str(value): name for value, name in spec.names.items()}, "show": spec.show}


def _flag(spec: FlagSpec) -> Json:
    return {"id": spec.id, "label": spec.label, "shown": [spec.display(0), spec.display(1)],
            "show": spec.show}


def _scene(scene: Scene) -> Json:
    return {"id": scene.id, "stage": scene.stage, "text": _text(scene.text),
            "sources": list(scene.sources), "choices": [_choice(c) for c in scene.choices]}


def _ending(ending: Ending) -> Json:
    return {"id": ending.id, "ending": True, "kind": ending.kind, "title": ending.title,
            "text": _text(ending.text), "context": _text(ending.context),
            "sources": list(ending.sources)}


def _text(text: Text) -> str | Json:
    """A string when the text reads the same in every state, else a TEXT."""
    pieces = text.parts[0].pieces
    if text.joiner is None and all(isinstance(piece, str) for piece in pieces):
        return "".join(str(piece) for piece in pieces)
    parts: list[Json] = []
    for part in text.parts:
        data: Json = {"text": list(part.pieces)}
        if part.condition is not None:
            data["if"] = _tree(part.condition)
        parts.append(data)
    return {"join": text.joiner, "parts": parts}


def _choice(choice: Choice) -> Json:
    data: Json = {"label": _text(choice.label)}
    if choice.condition is not None:
        data["if"] = _tree(choice.condition)
    if choice.unavailable is not None:
        data["unavailable"] = choice.unavailable
    data["effects"] = _effects(choice.effects)
    if choice.risky:
        data["outcomes"] = [_outcome(outcome) for outcome in choice.outcomes]
    else:  # one outcome of weight 1, without effects or text: only its destination counts
        data["goto"] = _destination(choice.outcomes[0])
    return data


def _outcome(outcome: Outcome) -> Json:
    return {"weight": _tree(outcome.weight), "text": _text(outcome.text),
            "sources": list(outcome.sources), "effects": _effects(outcome.effects),
            "goto": _destination(outcome)}


def _effects(effects: Effects) -> list[Json]:
    return [{"slot": slot, "add" if is_add else "set": _tree(evaluate), "min": low, "max": high}
            for slot, is_add, evaluate, low, high in effects.plan]


def _destination(outcome: Outcome) -> int | list[Json]:
    if not outcome.routes:
        return outcome.target
    return [*(_route(route) for route in outcome.routes), {"goto": outcome.target}]


def _route(route: Route) -> Json:
    return {"if": _tree(route.condition), "goto": route.target}


def _tree(evaluate: Callable[[Values], int]) -> Tree:
    """The parsed tree behind an evaluator of the loaded scenario (every one has one)."""
    tree = tree_of(evaluate)
    if tree is None:
        raise ValueError(f"{evaluate!r} was not compiled from an expression")
    return tree
