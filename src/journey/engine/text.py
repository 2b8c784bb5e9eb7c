"""What a player reads of a journey at one moment: a text made of the parts whose condition
holds, with `${name}` showing a value as the status panel does; and which variables and flags
the status panel and the "what changed" lines show (`show:`). Pure functions of a state's
values, so every front end (and runtime.js, tests/web/test_runtime_parity.py) reads alike.

Which values a text is read on (docs/scenario-format.md, "Text that follows the journey"): a
scene's text and its choices' labels, the values at the scene; an outcome's text, the values
after the step (the ones the journey arrives with, on which its destination is chosen too); an
ending's text and context, the values at the end.
"""

from __future__ import annotations

from .model import FlagSpec, Part, Scenario, Text, Values, VariableSpec

PARAGRAPH = "\n\n"
"""Between the parts of a text that are shown: a blank line."""
SPACE = " "
"""Between the parts of a choice's label, which is one line."""
TRIMMED = " \t\n"
"""What a part loses at either end before the parts are joined (never other characters, so
that runtime.js trims the very same)."""


def shown(scenario: Scenario, text: Text, values: Values) -> str:
    """The text a player reads with `values`: written as one string, exactly as written with
    its values in place; written as parts, the parts whose condition holds, each without the
    spaces and line breaks at its ends, empty ones left out, joined by `text.joiner`."""
    if text.joiner is None:
        return _words(scenario, text.parts[0], values)
    found = (_words(scenario, part, values).strip(TRIMMED) for part in text.parts
             if part.condition is None or part.condition(values))
    return text.joiner.join(words for words in found if words)


def _words(scenario: Scenario, part: Part, values: Values) -> str:
    pieces = part.pieces
    if len(pieces) == 1 and isinstance(pieces[0], str):
        return pieces[0]
    return "".join(piece if isinstance(piece, str) else
                   scenario.value_text(piece, values[piece]) for piece in pieces)


def visible(scenario: Scenario, slot: int, value: int) -> bool:
    """Whether the status panel shows the variable or flag in `slot` when it holds `value`."""
    show = _spec(scenario, slot).show
    return show == "always" or (show == "when-set" and value != 0)


def told(scenario: Scenario, slot: int) -> bool:
    """Whether a change of the variable or flag in `slot` is told ("was ..., now ..."): unless
    it is never shown. (A `when-set` one is shown before or after any change of it.)"""
    return _spec(scenario, slot).show != "never"


def _spec(scenario: Scenario, slot: int) -> VariableSpec | FlagSpec:
    variables = scenario.variables
    return variables[slot] if slot < len(variables) else scenario.flags[slot - len(variables)]
