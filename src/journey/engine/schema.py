"""Scenario format v1 as typed models: the single definition behind validation and `journey schema`.

These models check the shape and types of a scenario file (pydantic collects every error at once
and generates the JSON Schema). Rules that span fields (destinations exist, expressions type-check,
weights can be positive) are checked afterwards in `scenario_rules.py`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

FORMAT_VERSION = 1
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
ENDING_KINDS = ("asylum", "repatriation", "deportation", "trafficking", "hiding", "death",
                "turned_back")

Id = Annotated[str, Field(pattern=ID_PATTERN)]
Text = Annotated[str, Field(min_length=1)]


def _expression(*allowed: type):
    """A field holding a literal of the allowed types, or an expression written as a string."""
    names = {int: "an integer", bool: "true or false"}
    wanted = " or ".join([names[t] for t in allowed] + ["an expression in quotes"])
    schema_types = [{"type": {int: "integer", bool: "boolean"}[t]} for t in allowed]

    def check(value: Any) -> Any:
        ok = isinstance(value, str) or (
            isinstance(value, bool) if bool in allowed else False) or (
            int in allowed and isinstance(value, int) and not isinstance(value, bool))
        if not ok:
            raise PydanticCustomError("expression_type", "should be {wanted}", {"wanted": wanted})
        return value

    return Annotated[Any, PlainValidator(check),
                     WithJsonSchema({"anyOf": schema_types + [{"type": "string"}]})]


IntExpression = _expression(int)
BoolExpression = _expression(bool)
ValueExpression = _expression(int, bool)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class Source(Strict):
    """A publication that facts in the scenario rest on."""

    title: Text
    publisher: Text
    year: int
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]
    note: str = ""


class Variable(Strict):
    """An integer that the story tracks; effects are clamped to [min, max]."""

    start: int
    min: int
    max: int
    label: Text
    unit: str = Field("", description="Shown after the value, e.g. 'US$'.")
    scale: int = Field(1, ge=1, description="Displayed value = value x scale (e.g. 100 when "
                       "money is kept in hundreds of dollars).")


class Flag(Strict):
    """A yes/no fact that the story tracks."""

    start: bool = False
    label: Text


class Stage(Strict):
    """One leg of the route, in order, so a front end can draw progress."""

    id: Id
    title: Text
    place: Text


class Effects(Strict):
    """Changes to variables and flags, all computed from the values before any of them apply."""

    add: dict[Id, IntExpression] = Field(default_factory=dict,
                                         description="Variable -> amount to add (may be negative).")
    set: dict[Id, ValueExpression] = Field(default_factory=dict,
                                           description="Variable or flag -> new value.")


class Outcome(Strict):
    """One way a risky choice can turn out."""

    weight: IntExpression = Field(description="Relative likelihood, evaluated after the "
                                  "choice's effects.")
    text: str = ""
    effects: Effects = Field(default_factory=Effects)
    goto: Id
    sources: list[Id] = Field(default_factory=list)


class Choice(Strict):
    """Something the player can do in a scene."""

    label: Text
    if_: BoolExpression | None = Field(None, alias="if",
                                       description="Condition for the choice to be available.")
    unavailable: str | None = Field(None, description="When the condition fails: show the "
                                    "choice disabled with this reason. Omit to hide it.")
    effects: Effects = Field(default_factory=Effects)
    goto: Id | None = None
    outcomes: Annotated[list[Outcome], Field(min_length=1)] | None = None


class Scene(Strict):
    """A place in the story where the player reads and decides."""

    stage: Id
    text: Text
    choices: Annotated[list[Choice], Field(min_length=1)]
    sources: list[Id] = Field(default_factory=list)


class Ending(Strict):
    """Where a journey ends, stated plainly, followed by what really happens to people."""

    kind: Literal[ENDING_KINDS]  # type: ignore[valid-type]
    title: Text
    text: Text
    context: Text
    sources: list[Id] = Field(default_factory=list)


class ScenarioFile(Strict):
    """A whole scenario file, format version 1."""

    format: Literal[1]
    id: Id
    title: Text
    summary: Text
    language: str = "en"
    content_note: Text
    start: Id
    variables: dict[Id, Variable] = Field(default_factory=dict)
    flags: dict[Id, Flag] = Field(default_factory=dict)
    stages: Annotated[list[Stage], Field(min_length=1)]
    scenes: Annotated[dict[Id, Scene], Field(min_length=1)]
    endings: Annotated[dict[Id, Ending], Field(min_length=1)]
    sources: dict[Id, Source] = Field(default_factory=dict)


SECTION_MODELS: dict[str, type[Strict]] = {
    "variables": Variable, "flags": Flag, "scenes": Scene, "endings": Ending, "sources": Source,
}


def json_schema() -> dict:
    """The JSON Schema of format v1, for editors' YAML language servers."""
    schema = ScenarioFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "journey scenario (format 1)"
    return schema
