"""The compiled scenario: what the engine, the analysis and the front ends read.

Everything here is immutable and indexed by small integers: a state's place in the story is a
node index (scenes first, then endings) and its variables and flags are one tuple of ints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Literal

Values = tuple[int, ...]
Where = tuple[str | int, ...]
"""Keys and list positions from the root of the scenario file to a value, for messages that
point at it."""

SHOW = ("always", "when-set", "never")
"""What the player sees of a variable or flag (`show:`): always; only while it is not 0 (a flag:
while it is true); never (kept for the story's rules and the analysis only)."""


@dataclass(frozen=True, slots=True)
class VariableSpec:
    """An integer the story tracks, kept within [low, high]."""

    id: str
    label: str
    start: int
    low: int
    high: int
    unit: str = ""
    scale: int = 1
    names: dict[int, str] = field(default_factory=dict)
    """A name for some values, shown instead of the number (e.g. 0 -> 'very weak')."""
    show: str = "always"
    """One of SHOW: when the status panel and the "what changed" lines show it."""

    def display(self, value: int) -> str:
        """The value as a player reads it, e.g. '1,500 US$', or its name when it has one."""
        if value in self.names:
            return self.names[value]
        shown = f"{value * self.scale:,}"
        return f"{shown} {self.unit}".strip()


@dataclass(frozen=True, slots=True)
class FlagSpec:
    """A yes/no fact the story tracks."""

    id: str
    label: str
    start: bool
    names: dict[int, str] = field(default_factory=dict)
    """A name for each value (0 or 1), shown instead of yes/no (e.g. the era's name)."""
    show: str = "always"
    """One of SHOW: when the status panel and the "what changed" lines show it."""

    def display(self, value: int) -> str:
        """The value as a player reads it: its name when it has one, else 'yes' or 'no'."""
        return self.names.get(int(value), "yes" if value else "no")


@dataclass(frozen=True, slots=True)
class Part:
    """A paragraph of player-facing text, shown when `condition` holds (always, without one).
    `pieces` are its words and, as integers, the slots whose value is shown in their place
    (`${name}`)."""

    condition: Callable[[Values], int] | None
    condition_source: str
    pieces: tuple[str | int, ...]
    where: Where = ()
    """Where its `if` is written (empty without one)."""


class Text(str):
    """Player-facing text: as a string, the text as written (what tools that show no journey
    read: graphs, reports, traces' headings); its `parts`, what a journey's values make of it
    (`engine.text.shown`). `joiner` joins the parts shown; None for text written as one string,
    shown exactly as written."""

    parts: tuple[Part, ...]
    joiner: str | None

    def __new__(cls, written: str, parts: tuple[Part, ...] | None = None,
                joiner: str | None = None) -> Text:
        text = super().__new__(cls, written)
        text.parts = (Part(None, "", (written,) if written else ()),) if parts is None else parts
        text.joiner = joiner
        return text


NO_TEXT = Text("")


@dataclass(frozen=True, slots=True)
class Expectation:
    """What an author states holds wherever a scene or ending is shown (`expect:`), and why;
    `journey check` proves it or shows where it fails."""

    condition: Callable[[Values], int]
    condition_source: str
    because: str
    where: Where


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    title: str
    place: str


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str
    year: int
    url: str
    note: str = ""

    def citation(self) -> str:
        return f"{self.publisher} ({self.year}), {self.title}. {self.url}"


@dataclass(frozen=True, slots=True)
class Effects:
    """Assignments computed together from the values before them, then clamped.

    `plan` holds (slot, is_add, evaluate, low, high) for every assignment.
    """

    plan: tuple[tuple[int, bool, Callable[[Values], int], int, int], ...] = ()

    def apply(self, values: Values) -> Values:
        if not self.plan:
            return values
        new = list(values)
        for slot, is_add, evaluate, low, high in self.plan:
            value = evaluate(values)
            if is_add:
                value += values[slot]
            new[slot] = low if value < low else high if value > high else int(value)
        return tuple(new)


NO_EFFECTS = Effects()


@dataclass(frozen=True, slots=True)
class Route:
    """A destination taken when its condition holds (on the values after the step's effects)."""

    condition: Callable[[Values], int]  # holds when not 0 (a flag is read as 0 or 1)
    condition_source: str
    target: int          # node index
    where: Where = ()    # where its `if` is written


@dataclass(frozen=True, slots=True)
class Outcome:
    """One way a choice can turn out. A choice with a fixed destination has a single outcome.

    The journey goes to the target of the first of `routes` whose condition holds, else to
    `target` (with no routes, always to `target`)."""

    number: int          # global index, for coverage and traces
    weight: Callable[[Values], int]
    weight_source: str
    text: Text
    effects: Effects
    target: int          # node index: the destination, or the default after `routes`
    sources: tuple[str, ...] = ()
    routes: tuple[Route, ...] = ()

    @property
    def targets(self) -> tuple[int, ...]:
        """Every node this outcome can lead to, for readers of the story's shape (coverage,
        graphs); only `rules.results` decides which one a journey takes."""
        return tuple(dict.fromkeys([route.target for route in self.routes] + [self.target]))


@dataclass(frozen=True, slots=True)
class Choice:
    number: int          # global index
    label: Text
    condition: Callable[[Values], int] | None
    condition_source: str
    unavailable: str | None   # reason shown when disabled; None hides the choice
    effects: Effects
    outcomes: tuple[Outcome, ...]
    risky: bool          # written with weighted outcomes rather than a fixed goto


@dataclass(frozen=True, slots=True)
class Scene:
    index: int
    id: str
    stage: int
    text: Text
    choices: tuple[Choice, ...]
    sources: tuple[str, ...] = ()
    is_ending: Literal[False] = False
    expect: tuple[Expectation, ...] = ()
    repeats: bool = False
    """The author says its text may be shown twice, word for word, on one journey."""


@dataclass(frozen=True, slots=True)
class Ending:
    index: int
    id: str
    kind: str
    title: str
    text: Text
    context: Text
    sources: tuple[str, ...] = ()
    is_ending: Literal[True] = True
    expect: tuple[Expectation, ...] = ()


@dataclass(frozen=True)
class Eras:
    """The flag or variable whose value at the end of a journey divides journeys into eras (its
    value names are the eras' names), and the years each era covers, for the arrivals chart."""

    by: str
    years: dict[int, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Era:
    """One era: the value of `eras.by` that marks it, its name, and its years (if given)."""

    value: int
    name: str
    years: tuple[int, int] | None


@dataclass(frozen=True)
class Questions:
    """Questions for reflection that the debrief shows: for every journey, and per ending kind."""

    general: tuple[str, ...] = ()
    by_kind: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def for_kind(self, kind: str) -> tuple[str, ...]:
        """The questions after an ending of `kind`: its own first, then the general ones."""
        return self.by_kind.get(kind, ()) + self.general


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary entry: a word, what it means, its sources, and the kinds of ending it
    explains."""

    term: str
    text: str
    sources: tuple[str, ...]
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """A loaded, validated scenario ready to play and analyse."""

    id: str
    title: str
    summary: str
    language: str
    content_note: str
    variables: tuple[VariableSpec, ...]
    flags: tuple[FlagSpec, ...]
    stages: tuple[Stage, ...]
    nodes: tuple[Scene | Ending, ...]
    start: int
    sources: dict[str, Source]
    content_hash: str
    path: str = ""
    node_index: dict[str, int] = field(default_factory=dict)
    eras: Eras | None = None
    """What divides journeys into eras, if anything does."""
    questions: Questions = field(default_factory=Questions)
    glossary: tuple[Term, ...] = ()
    """Words explained, in the file's order."""

    def explaining(self, kind: str) -> Term | None:
        """The glossary entry that explains endings of `kind`, if one does."""
        return next((term for term in self.glossary if kind in term.kinds), None)

    @property
    def start_values(self) -> Values:
        return tuple(v.start for v in self.variables) + tuple(int(f.start) for f in self.flags)

    @property
    def scenes(self) -> tuple[Scene, ...]:
        return tuple(n for n in self.nodes if not n.is_ending)

    @property
    def endings(self) -> tuple[Ending, ...]:
        return tuple(n for n in self.nodes if n.is_ending)

    def slot(self, name: str) -> int:
        """The position of a variable or flag in a state's values. Raises KeyError."""
        for i, spec in enumerate(self.variables):
            if spec.id == name:
                return i
        for j, flag in enumerate(self.flags):
            if flag.id == name:
                return len(self.variables) + j
        raise KeyError(name)

    def value_text(self, slot: int, value: int) -> str:
        """How the value in `slot` reads: its name, or the number or yes/no."""
        if slot < len(self.variables):
            return self.variables[slot].display(value)
        return self.flags[slot - len(self.variables)].display(value)

    def era_at(self, value: int) -> Era:
        """The era marked by this value of `eras.by` (the scenario has eras)."""
        assert self.eras is not None, "only a scenario with eras has them"
        return Era(value, self.value_text(self.slot(self.eras.by), value),
                   self.eras.years.get(value))

    def era(self, values: Values) -> Era | None:
        """The era of a journey that ends with these values (None when there are no eras):
        the one place that looks it up."""
        if self.eras is None:
            return None
        return self.era_at(values[self.slot(self.eras.by)])

    def node(self, node_id: str) -> Scene | Ending:
        return self.nodes[self.node_index[node_id]]

    def choices(self) -> list[Choice]:
        return [c for scene in self.scenes for c in scene.choices]

    def outcomes(self) -> list[tuple[Scene, Choice, Outcome]]:
        return [(s, c, o) for s in self.scenes for c in s.choices for o in c.outcomes]
