"""Every text of a scenario a player reads, under a key that names where it is written, so
that a table of another language can give its words key by key (designed, not yet read: see
"Translating a scenario" in docs/scenario-format.md).

A key is the ids and list positions from the top of the file, joined by dots:
`scene.river.text`, `scene.river.choice.2.label`, `scene.river.choice.2.outcome.0.text`,
`ending.asylum_seoul.context`, `variable.money.unit`, `flag.closure.name.true`,
`questions.asylum.0`, `glossary.3.text`. Positions count from 0, as in the loader's messages. A text written as
a list of parts has a key per part (`scene.yanji.text.1`), its condition left out: a
translation gives the words, never the rules. A text is given as written: `${money}` stays
`${money}` (and `$${` stays `$${`), so each language places values where its grammar wants.

Keys stay the same as long as the ids and the order of choices and outcomes do; the text they
hold may change (a table then says which keys have new English). Empty texts have no key.
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import Part, Scenario, Text


def text_keys(scenario: Scenario) -> list[tuple[str, str]]:
    """Every key of the scenario's player-facing text with its English, in the file's order
    (`dict()` of it is the table a language would override)."""
    return [(key, text) for key, text in _all(scenario) if text]


def _all(scenario: Scenario) -> Iterator[tuple[str, str]]:
    yield "scenario.title", scenario.title
    yield "scenario.summary", scenario.summary
    yield "scenario.content_note", scenario.content_note
    for variable in scenario.variables:
        yield f"variable.{variable.id}.label", variable.label
        yield f"variable.{variable.id}.unit", variable.unit
        for value, name in variable.names.items():
            yield f"variable.{variable.id}.name.{value}", name
    for flag in scenario.flags:
        yield f"flag.{flag.id}.label", flag.label
        for value, name in flag.names.items():
            yield f"flag.{flag.id}.name.{'true' if value else 'false'}", name
    for stage in scenario.stages:
        yield f"stage.{stage.id}.title", stage.title
        yield f"stage.{stage.id}.place", stage.place
    for node in scenario.nodes:
        if node.is_ending:
            yield f"ending.{node.id}.title", node.title
            yield from _text(scenario, f"ending.{node.id}.text", node.text)
            yield from _text(scenario, f"ending.{node.id}.context", node.context)
            continue
        yield from _text(scenario, f"scene.{node.id}.text", node.text)
        for i, choice in enumerate(node.choices):
            key = f"scene.{node.id}.choice.{i}"
            yield from _text(scenario, f"{key}.label", choice.label)
            yield f"{key}.unavailable", choice.unavailable or ""
            if choice.risky:
                for j, outcome in enumerate(choice.outcomes):
                    yield from _text(scenario, f"{key}.outcome.{j}.text", outcome.text)
    for source in scenario.sources.values():
        yield f"source.{source.id}.note", source.note
    for i, question in enumerate(scenario.questions.general):
        yield f"questions.general.{i}", question
    for kind, questions in scenario.questions.by_kind.items():
        for i, question in enumerate(questions):
            yield f"questions.{kind}.{i}", question
    for i, entry in enumerate(scenario.glossary):
        yield f"glossary.{i}.term", entry.term
        yield f"glossary.{i}.text", entry.text


def _text(scenario: Scenario, key: str, text: Text) -> Iterator[tuple[str, str]]:
    """One key for a text written as one string; one per part (`key.N`) for a list of parts."""
    if text.joiner is None:
        yield key, written(scenario, text.parts[0])
        return
    for n, part in enumerate(text.parts):
        yield f"{key}.{n}", written(scenario, part).strip()


def written(scenario: Scenario, part: Part) -> str:
    """A part's words as its author wrote them: values as `${name}`, a literal `${` as `$${`."""
    names = [spec.id for spec in scenario.variables] + [flag.id for flag in scenario.flags]
    return "".join(piece.replace("${", "$${") if isinstance(piece, str) else
                   "${" + names[piece] + "}" for piece in part.pieces)
