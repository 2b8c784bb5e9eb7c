"""Scenario format v1 as typed dictionaries: the single definition behind validation and
`journey schema`.

pydantic checks the shape and types of a scenario file against these definitions, collecting
every error at once, and generates the JSON Schema from them. Typed dictionaries rather than
model classes keep validation fast (no object per scene). Rules that span fields (destinations
exist, expressions type-check, weights can be positive) are checked afterwards in
`compiler.py`, which also fills in the defaults written here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import (ConfigDict, Discriminator, Field, PlainValidator, Tag, TypeAdapter,
                      WithJsonSchema, with_config)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError
from typing_extensions import NotRequired, TypedDict

from . import kinds

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
ENDING_KINDS = kinds.NAMES
if TYPE_CHECKING:
    EndingKind = str
else:  # the table's names as one enum in the JSON Schema (Literal reads a tuple as its values)
    EndingKind = Literal[ENDING_KINDS]

Id = Annotated[str, Field(pattern=ID_PATTERN)]
Text = Annotated[str, Field(min_length=1)]
STRICT = ConfigDict(extra="forbid", strict=True)


def _expression(*allowed: type) -> tuple[PlainValidator, WithJsonSchema]:
    """How pydantic checks and describes a field holding a literal of the allowed types, or an
    expression written as a string."""
    names = {int: "an integer", bool: "true or false"}
    wanted = " or ".join([names[t] for t in allowed] + ["an expression in quotes"])
    schema_types = [{"type": {int: "integer", bool: "boolean"}[t]} for t in allowed]

    def check(value: object) -> object:
        ok = isinstance(value, str) or (
            isinstance(value, bool) if bool in allowed else False) or (
            int in allowed and isinstance(value, int) and not isinstance(value, bool))
        if not ok:
            raise PydanticCustomError("expression_type", "should be {wanted}", {"wanted": wanted})
        return value

    return (PlainValidator(check),
            WithJsonSchema({"anyOf": schema_types + [{"type": "string"}]}))


IntExpression = Annotated[int | str, *_expression(int)]
BoolExpression = Annotated[bool | str, *_expression(bool)]
ValueExpression = Annotated[int | bool | str, *_expression(int, bool)]


@with_config(STRICT)
class Source(TypedDict):
    """A publication that facts in the scenario rest on."""

    title: Text
    publisher: Text
    year: int
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]
    note: NotRequired[str]


def _value_table(keys: JsonSchemaValue, item_schema: JsonSchemaValue,
                 description: str) -> WithJsonSchema:
    """The JSON Schema of a mapping from values of a flag or variable to items. The keys are
    checked by the loader, which knows each variable's range; `keys` is their JSON Schema, for
    editors."""
    return WithJsonSchema({"type": "object", "propertyNames": keys,
                           "additionalProperties": item_schema, "description": description})


_NAME = {"type": "string", "minLength": 1}
_YEARS = {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}
_NAMES = "A name for some values, shown instead of {shown} (e.g. {example})."
FlagKeys = {"enum": [True, False, "true", "false"]}
"""A flag's values as keys: booleans, as the YAML language server reads `true:` (YAML 1.2), and
strings, as a validator of the JSON that YAML turns into reads them."""
IntegerKeys = {"pattern": "^-?[0-9]+$"}
"""Integers as keys: the language server reads `0:` as a number, which `pattern` lets by."""


Show = Annotated[Literal["always", "when-set", "never"], Field(description=(
    "What the player sees of it: always (the default); when-set, only while it is not 0 (a "
    "flag: while it is true); never, neither in the status panel nor in what changed."))]


@with_config(STRICT)
class Variable(TypedDict):
    """An integer that the story tracks; every change is clamped to [min, max]."""

    start: int
    min: int
    max: int
    label: Text
    unit: NotRequired[Annotated[str, Field(description="Shown after the value, e.g. 'US$'.")]]
    scale: NotRequired[Annotated[int, Field(ge=1, description=(
        "Displayed value = value x scale (e.g. 100 when money is kept in hundreds)."))]]
    names: NotRequired[Annotated[dict[object, Text], _value_table(
        IntegerKeys, _NAME, _NAMES.format(shown="the number", example="{0: very weak, 1: weak}"))]]
    show: NotRequired[Show]


@with_config(STRICT)
class Flag(TypedDict):
    """A yes/no fact that the story tracks (false at the start unless `start` says otherwise)."""

    start: NotRequired[bool]
    label: Text
    names: NotRequired[Annotated[dict[object, Text], _value_table(
        FlagKeys, _NAME, _NAMES.format(shown="yes and no",
                                       example="{false: Before 2020, true: After 2020}"))]]
    show: NotRequired[Show]


@with_config(STRICT)
class Stage(TypedDict):
    """One leg of the route, in order, so a front end can draw progress."""

    id: Id
    title: Text
    place: Text


@with_config(STRICT)
class Effects(TypedDict):
    """Changes to variables and flags, all computed from the values before any of them apply."""

    add: NotRequired[Annotated[dict[Id, IntExpression], Field(
        description="Variable -> amount to add (negative subtracts).")]]
    set: NotRequired[Annotated[dict[Id, ValueExpression], Field(
        description="Variable or flag -> new value.")]]


# "if" is a Python keyword, so these are written in the functional form (which a type checker
# reads only when assigned directly, so their configuration is set apart).
Route = TypedDict("Route", {
    "if": NotRequired[Annotated[BoolExpression, Field(
        description="Go to this item's destination when this is true (checked on the values "
                    "after all the effects of the step). The last item has no 'if'.")]],
    "goto": Id,
})
with_config(STRICT)(Route)
Route.__doc__ = "One item of a list of destinations: the first whose 'if' holds is taken."

# Which side of the union a value is checked against is decided by its type alone, so an error
# names one problem; the tags appear in error locations and the loader drops them.
DESTINATION_TAGS = ("<id>", "<routes>")
TEXT_TAGS = ("<text>", "<parts>", "<part>")
TAGS = DESTINATION_TAGS + TEXT_TAGS
Routes = Annotated[list[Route], Field(min_length=1)]
Destination = Annotated[
    Annotated[Id, Tag(DESTINATION_TAGS[0])] | Annotated[Routes, Tag(DESTINATION_TAGS[1])],
    Discriminator(lambda value: DESTINATION_TAGS[isinstance(value, list)]),
    Field(description="A scene or ending, or a list of {if: CONDITION, goto: ID} items ending "
                      "with a default {goto: ID}.")]


TextPart = TypedDict("TextPart", {
    "if": Annotated[BoolExpression, Field(
        description="Show this part only when this holds, in the state at that moment.")],
    "text": Text,
})
with_config(STRICT)(TextPart)
TextPart.__doc__ = "A part of a text shown only when its condition holds."


def _shown_text(single: object, what: str) -> object:
    """A player-facing text: one string (`single`: its type), or a list of parts, each text
    or {if: CONDITION, text: ...}, the parts shown joined as `what` says."""
    parts = Annotated[list[Annotated[
        Annotated[Text, Tag(TEXT_TAGS[0])] | Annotated[TextPart, Tag(TEXT_TAGS[2])],
        Discriminator(lambda value: TEXT_TAGS[2 if isinstance(value, dict) else 0])]],
        Field(min_length=1)]
    return Annotated[
        Annotated[single, Tag(TEXT_TAGS[0])] | Annotated[parts, Tag(TEXT_TAGS[1])],
        Discriminator(lambda value: TEXT_TAGS[1 if isinstance(value, list) else 0]),
        Field(description=f"Text, or a list of parts (text, or {{if: CONDITION, text: ...}}); "
                          f"the parts shown are {what}. ${{name}} shows a value, $${{ writes "
                          "${.")]


if TYPE_CHECKING:  # to a type checker, the text as written: a string or a list of parts
    ShownText = str | list[Any]
    OneLine = str | list[Any]
    MaybeEmpty = str | list[Any]
else:
    ShownText = _shown_text(Text, "joined as paragraphs, by a blank line")
    OneLine = _shown_text(Text, "joined by a space, on one line")
    MaybeEmpty = _shown_text(str, "joined as paragraphs, by a blank line")

Expect = TypedDict("Expect", {
    "if": Annotated[BoolExpression, Field(
        description="What holds in every state in which this is shown; journey check proves "
                    "it, or shows a journey where it does not.")],
    "because": Annotated[Text, Field(description="Why it must hold, in a few words.")],
})
with_config(STRICT)(Expect)
Expect.__doc__ = "An expectation journey check proves."
Expectations = Annotated[list[Expect], Field(
    min_length=1, description="Conditions that hold wherever this is shown; journey check "
                              "proves each, or reports the journeys where one fails.")]


@with_config(STRICT)
class Outcome(TypedDict):
    """One way a risky choice can turn out."""

    weight: Annotated[IntExpression, Field(
        description="Relative likelihood, evaluated after the choice's effects.")]
    text: NotRequired[MaybeEmpty]
    effects: NotRequired[Effects]
    goto: Destination
    sources: NotRequired[list[Id]]


Choice = TypedDict("Choice", {
    "label": OneLine,
    "if": NotRequired[Annotated[BoolExpression, Field(
        description="Condition for the choice to be available.")]],
    "unavailable": NotRequired[Annotated[str, Field(
        description="When the condition fails, show the choice disabled with this reason. "
                    "Omit it to hide the choice.")]],
    "effects": NotRequired[Effects],
    "goto": NotRequired[Destination],
    "outcomes": NotRequired[Annotated[list[Outcome], Field(
        min_length=1, description="Weighted outcomes (instead of goto).")]],
})
with_config(STRICT)(Choice)
Choice.__doc__ = "Something the player can do in a scene."


@with_config(STRICT)
class Scene(TypedDict):
    """A place in the story where the player reads and decides."""

    stage: Id
    text: ShownText
    choices: Annotated[list[Choice], Field(min_length=1)]
    sources: NotRequired[list[Id]]
    expect: NotRequired[Expectations]
    repeats: NotRequired[Annotated[bool, Field(
        description="true when its text may be shown twice, word for word, on one journey "
                    "(journey check warns otherwise).")]]


@with_config(STRICT)
class Ending(TypedDict):
    """Where a journey ends, stated plainly, followed by what really happens to people."""

    kind: EndingKind
    title: Text
    text: ShownText
    context: ShownText
    sources: NotRequired[list[Id]]
    expect: NotRequired[Expectations]


@with_config(STRICT)
class Eras(TypedDict):
    """Which flag or variable divides journeys into eras, by its value at the end of a
    journey, and the years each era covers (for the debrief's chart of arrivals)."""

    by: Annotated[Id, Field(description="A flag or variable; its value names name the eras.")]
    years: Annotated[dict[object, list[int]], _value_table(
        {"anyOf": [FlagKeys, IntegerKeys]}, _YEARS,
        "Each value of the flag or variable -> [first year, last year].")]


# One list of questions per ending kind, beside the general ones. A type checker cannot read
# keys made in a loop: to it, these are lists of questions by key.
if TYPE_CHECKING:
    Questions = dict[str, list[str]]
else:
    Questions = with_config(STRICT)(TypedDict("Questions", {
        "general": NotRequired[Annotated[list[Text], Field(
            description="Questions for reflection after every journey.")]],
        **{kind: NotRequired[Annotated[list[Text], Field(
            description=f"Questions after an ending of kind {kind}, before the general ones.")]]
           for kind in ENDING_KINDS},
    }))
    Questions.__doc__ = "Open questions for reflection that the debrief shows after a journey."


@with_config(STRICT)
class GlossaryEntry(TypedDict):
    """A word a student may not know, said plainly and sourced: `journey guide` prints the
    glossary, and the debrief explains each kind of ending by the entry that names it."""

    term: Annotated[Text, Field(description="The word or words explained, as a heading.")]
    text: Annotated[Text, Field(description="What it means, in a sentence or two.")]
    sources: Annotated[list[Id], Field(min_length=1, description="What the text rests on.")]
    kinds: NotRequired[Annotated[list[EndingKind], Field(
        min_length=1, description="The kinds of ending this entry explains: the debrief "
                                  "shows it where the kind first appears.")]]


@with_config(ConfigDict(**STRICT, title="journey scenario (format 1)"))
class ScenarioFile(TypedDict):
    """A whole scenario file, format version 1."""

    format: Literal[1]
    id: Id
    title: Text
    summary: Text
    language: NotRequired[str]
    content_note: Text
    start: Id
    variables: NotRequired[dict[Id, Variable]]
    flags: NotRequired[dict[Id, Flag]]
    stages: Annotated[list[Stage], Field(min_length=1)]
    scenes: Annotated[dict[Id, Scene], Field(min_length=1)]
    endings: Annotated[dict[Id, Ending], Field(min_length=1)]
    sources: NotRequired[dict[Id, Source]]
    eras: NotRequired[Eras]
    questions: NotRequired[Questions]
    glossary: NotRequired[Annotated[list[GlossaryEntry], Field(
        min_length=1, description="Words explained for players and teachers.")]]


_Shape = TypeVar("_Shape")
_adapters: dict[type, TypeAdapter[Any]] = {}


def adapter(shape: type[_Shape]) -> TypeAdapter[_Shape]:
    """The (cached) validator for one of the shapes above."""
    if shape not in _adapters:
        _adapters[shape] = TypeAdapter(shape)
    return _adapters[shape]


DRAFT = "http://json-schema.org/draft-07/schema#"
"""The draft the schema is written in: the one YAML language servers support."""


def _close_id_maps(node: object) -> None:
    """Mappings keyed by ids (scenes, endings, ...) refuse other keys, as the loader does."""
    if isinstance(node, dict):
        if "patternProperties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _close_id_maps(value)
    elif isinstance(node, list):
        for value in node:
            _close_id_maps(value)


def json_schema() -> JsonSchemaValue:
    """The JSON Schema of format v1, in draft-07, for editors' YAML language servers."""
    schema = adapter(ScenarioFile).json_schema(ref_template="#/definitions/{model}")
    schema["definitions"] = schema.pop("$defs")
    _close_id_maps(schema)
    return {"$schema": DRAFT, **schema}


def schema_text() -> str:
    """The schema as `journey schema` prints it and scenarios/journey.schema.json holds it."""
    import json

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
