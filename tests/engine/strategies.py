"""Hypothesis strategies: random expressions, and random valid scenarios loaded by the real loader.

Expressions are drawn as small trees, rendered to text with the fewest parentheses the grammar
allows (so rendering exercises precedence and associativity) and evaluated by `evaluate`, a
reference written independently of the engine.

Scenarios are drawn as plain data, written out with `yaml.safe_dump` and loaded with
`loader.load_text`, so every draw also checks that a valid file loads. Shapes:

- "dag": destinations only go forward (to a later scene or an ending) and every scene keeps one
  choice without a condition, so every path ends by construction;
- "counted": "dag" plus loops back to the same or an earlier scene, each guarded by
  `laps < N` and adding 1 to `laps`: the progress that makes every loop end;
- "free": any destination and any condition, so cycles, dead ends and traps happen by chance.

In every shape, a third of the `goto`s are lists of destinations chosen by conditions (among
the destinations that shape allows), flags appear in arithmetic, and variables and flags may
have names for their values, a flag may divide journeys into eras, and questions may be asked.

`plant=` adds a problem on purpose, in a scene called `planted` reached from the start (and, in
"free" scenarios, from anywhere): a dead end (every condition is always false), a trap (it only
leads back to itself) or a cycle (it leads back to the start with the start's values).

`continuity=True` writes what players read as the format allows it to follow the journey: texts
and labels as lists of parts with conditions, `${name}` values and `$${` in them, `show:` on
variables and flags, `expect:` (often false somewhere) on scenes and endings, and `repeats:`.
`plain_text` takes all of it out again, leaving the same rules.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import yaml
from hypothesis import strategies as st

from journey.engine.diagnostics import ScenarioError
from journey.engine.loader import load_text
from journey.engine.model import Scenario
from journey.engine.schema import ENDING_KINDS

SHAPES = ("dag", "counted", "free")
ENDING_SHAPES = ("dag", "counted")  # shapes in which every path ends by construction
PLANTS = ("dead_end", "trap", "cycle")
PLANTED = "planted"

Tree = tuple  # ("int", n) ("var", x) ("flag", f) ("bool", b) ("neg", t) ("arith", op, a, b)
#               ("call", "min"|"max", (t, ...)) ("cmp", op, a, b) ("not", t) ("and"|"or", a, b)
#               ("if", condition, a, b)

_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "//": operator.floordiv}
_COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
            "==": operator.eq, "!=": operator.ne}


# --- expressions -------------------------------------------------------------------------------
def render(tree: Tree) -> str:
    """The expression as an author would write it, with parentheses only where needed."""
    return _render(tree)[0]


def _wrap(tree: Tree, needed: int) -> str:
    text, level = _render(tree)
    return f"({text})" if level < needed else text


def _render(tree: Tree) -> tuple[str, int]:
    """(text, precedence): or 1, and 2, not 3, comparison 4, + - 5, * // 6, unary 7, atom 8."""
    kind = tree[0]
    if kind == "int":
        return (str(tree[1]), 8) if tree[1] >= 0 else (f"-{-tree[1]}", 7)
    if kind in ("var", "flag"):
        return tree[1], 8
    if kind == "bool":
        return ("true" if tree[1] else "false"), 8
    if kind == "neg":
        return "-" + _wrap(tree[1], 7), 7
    if kind == "arith":
        level = 5 if tree[1] in ("+", "-") else 6
        return f"{_wrap(tree[2], level)} {tree[1]} {_wrap(tree[3], level + 1)}", level
    if kind == "call":
        return f"{tree[1]}({', '.join(_wrap(a, 1) for a in tree[2])})", 8
    if kind == "if":
        return f"if({', '.join(_wrap(a, 1) for a in tree[1:])})", 8
    if kind == "cmp":
        return f"{_wrap(tree[2], 5)} {tree[1]} {_wrap(tree[3], 5)}", 4
    if kind == "not":
        return "not " + _wrap(tree[1], 3), 3
    if kind == "and":
        return f"{_wrap(tree[1], 2)} and {_wrap(tree[2], 3)}", 2
    assert kind == "or", tree
    return f"{_wrap(tree[1], 1)} or {_wrap(tree[2], 2)}", 1


def evaluate(tree: Tree, env: dict[str, int | bool]) -> int | bool:
    """Reference evaluation with Python's own integer semantics (// rounds towards -inf)."""
    kind = tree[0]
    if kind in ("int", "bool"):
        return tree[1]
    if kind in ("var", "flag"):
        return env[tree[1]]
    if kind == "neg":
        return -evaluate(tree[1], env)
    if kind == "arith":
        return _ARITH[tree[1]](evaluate(tree[2], env), evaluate(tree[3], env))
    if kind == "call":
        return (min if tree[1] == "min" else max)(evaluate(a, env) for a in tree[2])
    if kind == "if":
        return evaluate(tree[2] if evaluate(tree[1], env) else tree[3], env)
    if kind == "cmp":
        return _COMPARE[tree[1]](evaluate(tree[2], env), evaluate(tree[3], env))
    if kind == "not":
        return not evaluate(tree[1], env)
    if kind == "and":
        return evaluate(tree[1], env) and evaluate(tree[2], env)
    return evaluate(tree[1], env) or evaluate(tree[2], env)


@st.composite
def int_trees(draw, variables: dict[str, tuple[int, int]], depth: int = 2,
              flags: tuple[str, ...] = ()) -> Tree:
    """An integer expression over `variables` (name -> (min, max)) whose divisors are never 0;
    `flags` and true/false may appear as operands of arithmetic, where they count as 0 or 1."""
    kinds = ["int"] + (["var", "var"] if variables else [])
    if depth > 0:
        kinds += ["neg", "arith", "arith", "divide", "call", "if"]
    kind = draw(st.sampled_from(kinds))
    if kind == "int":
        return ("int", draw(st.integers(-3, 4)))
    if kind == "var":
        return ("var", draw(st.sampled_from(sorted(variables))))
    inner = int_trees(variables, depth - 1, flags)
    operand = st.one_of(inner, st.sampled_from(flags).map(lambda f: ("flag", f)),
                        st.booleans().map(lambda b: ("bool", b))) if flags else inner
    if kind == "neg":
        return ("neg", draw(operand))
    if kind == "arith":
        return ("arith", draw(st.sampled_from(("+", "-", "*"))), draw(operand), draw(operand))
    if kind == "divide":
        divisor = draw(st.one_of(
            st.sampled_from((1, 2, 3, -1, -2)).map(lambda n: ("int", n)),
            inner.map(lambda t: ("call", "max", (("int", 1), t))),
            inner.map(lambda t: ("call", "min", (t, ("int", -1))))))
        return ("arith", "//", draw(operand), divisor)
    if kind == "if":
        return ("if", draw(bool_trees(variables, list(flags), depth - 1)), draw(inner),
                draw(inner))
    args = draw(st.lists(operand, min_size=2, max_size=3))
    return ("call", draw(st.sampled_from(("min", "max"))), tuple(args))


@st.composite
def bool_trees(draw, variables: dict[str, tuple[int, int]], flags: list[str],
               depth: int = 2) -> Tree:
    """A true/false expression over integer `variables` and boolean `flags`."""
    kinds = ["bool", "compare", "compare"] + (["flag", "flag"] if flags else [])
    if depth > 0:
        kinds += ["not", "and", "or", "if"]
    kind = draw(st.sampled_from(kinds))
    if kind == "bool":
        return ("bool", draw(st.booleans()))
    if kind == "flag":
        return ("flag", draw(st.sampled_from(flags)))
    if kind == "compare":
        if flags and draw(st.integers(0, 3)) == 0:  # booleans compare with == and != only
            side = st.one_of(st.sampled_from(flags).map(lambda f: ("flag", f)),
                             st.booleans().map(lambda b: ("bool", b)))
            return ("cmp", draw(st.sampled_from(("==", "!="))), draw(side), draw(side))
        side = int_trees(variables, max(depth - 1, 0), tuple(flags))
        return ("cmp", draw(st.sampled_from(tuple(_COMPARE))), draw(side), draw(side))
    inner = bool_trees(variables, flags, depth - 1)
    if kind == "not":
        return ("not", draw(inner))
    if kind == "if":
        return ("if", draw(inner), draw(inner), draw(inner))
    return (kind, draw(inner), draw(inner))


def _yaml_value(tree: Tree) -> int | bool | str:
    """Literals are written as YAML numbers or booleans, anything else as expression text."""
    return tree[1] if tree[0] in ("int", "bool") else render(tree)


# --- scenarios ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Generated:
    """A generated scenario: its YAML text (what a failing test prints) and the loaded model."""

    text: str
    scenario: Scenario
    shape: str
    plant: str | None

    def __repr__(self) -> str:
        return f"Generated(shape={self.shape!r}, plant={self.plant!r}, yaml=\n{self.text})"


class _Draft:
    """Builds one scenario's plain data from a Hypothesis `draw`."""

    def __init__(self, draw, shape: str, plant: str | None, continuity: bool = False):
        self.draw, self.shape, self.plant, self.continuity = draw, shape, plant, continuity
        self.variables: dict[str, dict] = {}
        for i in range(draw(st.integers(0, 2))):
            low = draw(st.integers(-2, 1))
            high = low + draw(st.integers(0, 3))
            self.variables[f"v{i}"] = {"start": draw(st.integers(low, high)), "min": low,
                                       "max": high, "label": f"Value {i}"}
        self.writable = list(self.variables)  # `laps` is changed only by the loops it guards
        if shape == "counted":
            self.variables["laps"] = {"start": 0, "min": 0, "max": draw(st.integers(1, 3)),
                                      "label": "Laps"}
        self.flags = {f"f{j}": {"start": draw(st.booleans()), "label": f"Fact {j}"}
                      for j in range(draw(st.integers(0, 2)))}
        self.ranges = {k: (v["min"], v["max"]) for k, v in self.variables.items()}
        self.scene_ids = [f"s{i}" for i in range(draw(st.integers(1, 4)))]
        self.ending_ids = [f"e{i}" for i in range(draw(st.integers(1, 3)))]

    def text(self, words: str):
        """`words`, or with `continuity` a text that follows the journey: a string with values,
        or a list of parts, some with conditions."""
        if not self.continuity:
            return words
        draw = self.draw
        names = sorted(self.variables) + sorted(self.flags)

        def said(base: str) -> str:
            shown = [f"${{{name}}}" for name in draw(st.lists(st.sampled_from(names),
                                                              max_size=2))] if names else []
            literal = ["$${x}"] if draw(st.integers(0, 5)) == 0 else []
            return " ".join([base] + shown + literal)

        if draw(st.booleans()):
            return said(words)
        parts: list[str | dict] = []
        for k in range(draw(st.integers(1, 3))):
            if draw(st.booleans()):
                parts.append({"if": self.condition(), "text": said(f"{words} ({k})")})
            else:
                parts.append(said(f"{words} [{k}]"))
        return parts

    def expect(self) -> list[dict]:
        return [{"if": self.condition(), "because": "a reason"}
                for _ in range(self.draw(st.integers(1, 2)))]

    def integer(self):
        return _yaml_value(self.draw(int_trees(self.ranges, 1, tuple(self.flags))))

    def condition(self):
        return _yaml_value(self.draw(bool_trees(self.ranges, list(self.flags), 1)))

    def effects(self) -> dict:
        add, set_ = {}, {}
        for name in self.writable:
            mode = self.draw(st.sampled_from((None, None, "add", "set")))
            if mode:
                (add if mode == "add" else set_)[name] = self.integer()
        for name in self.flags:
            if self.draw(st.integers(0, 2)) == 0:
                set_[name] = self.condition()
        return {k: v for k, v in (("add", add), ("set", set_)) if v}

    def weight(self) -> tuple[int | str, bool]:
        """A weight that is never negative, and whether it is always above zero."""
        form = self.draw(st.sampled_from(("number", "at_least_0", "at_least_1")))
        if form == "number":
            n = self.draw(st.integers(0, 4))
            return n, n > 0
        floor = int(form == "at_least_1")
        tree = ("call", "max", (("int", floor),
                                self.draw(int_trees(self.ranges, 1, tuple(self.flags)))))
        return render(tree), floor > 0

    def forward(self, i: int) -> list[str]:
        if self.shape == "free":  # anywhere, the planted scene too: reached by paths of all lengths
            return self.scene_ids + self.ending_ids + ([PLANTED] if self.plant else [])
        return self.scene_ids[i + 1:] + self.ending_ids

    def destination(self, destinations: list[str]) -> str | list[dict]:
        """One of `destinations`, or a list of them chosen by conditions."""
        pick = st.sampled_from(destinations)
        if self.draw(st.integers(0, 2)):
            return self.draw(pick)
        routes = [{"if": self.condition(), "goto": self.draw(pick)}
                  for _ in range(self.draw(st.integers(1, 2)))]
        return routes + [{"goto": self.draw(pick)}]

    def choice(self, label: str, destinations: list[str], conditional: bool) -> dict:
        draw, choice = self.draw, {"label": self.text(label)}
        if conditional:
            choice["if"] = self.condition()
            if draw(st.booleans()):
                choice["unavailable"] = "Not possible now."
        if effects := self.effects():
            choice["effects"] = effects
        if draw(st.booleans()):
            choice["goto"] = self.destination(destinations)
            return choice
        outcomes, positive = [], False
        for k in range(draw(st.integers(1, 3))):
            weight, always = self.weight()
            positive = positive or always
            outcome = {"weight": weight, "text": self.text(f"Outcome {k}."),
                       "goto": self.destination(destinations)}
            if effects := self.effects():
                outcome["effects"] = effects
            if draw(st.integers(0, 3)) == 0:
                outcome["sources"] = ["src"]
            outcomes.append(outcome)
        if not positive:  # the loader requires one weight that is always above zero
            outcomes[draw(st.integers(0, len(outcomes) - 1))]["weight"] = draw(st.integers(1, 3))
        choice["outcomes"] = outcomes
        return choice

    def scene(self, i: int) -> dict:
        draw = self.draw
        count = draw(st.integers(1, 3))
        choices = []
        for k in range(count):
            # Outside "free", the last choice has no condition, so no scene is a dead end.
            conditional = draw(st.booleans()) and (self.shape == "free" or k < count - 1)
            choices.append(self.choice(f"Choice {k}", self.forward(i), conditional))
        if self.shape == "counted" and draw(st.booleans()):
            laps_max = self.variables["laps"]["max"]
            loop = self.choice("Go round again", self.scene_ids[: i + 1] + self.forward(i), False)
            loop["if"] = f"laps < {laps_max}"
            if draw(st.booleans()):
                loop["if"] += f" and ({render(draw(bool_trees(self.ranges, list(self.flags), 1)))})"
            loop.setdefault("effects", {}).setdefault("add", {})["laps"] = 1
            choices.insert(draw(st.integers(0, len(choices) - 1)), loop)
        scene = {"stage": "route", "text": self.text(f"Scene {i}."), "choices": choices}
        if draw(st.integers(0, 3)) == 0:
            scene["sources"] = ["src"]
        if self.continuity and draw(st.booleans()):
            scene["expect"] = self.expect()
        if self.continuity and draw(st.integers(0, 3)) == 0:
            scene["repeats"] = True
        return scene

    def never(self) -> str | bool:
        """A condition that is always false."""
        options: list[str | bool] = [False]
        options += [f"{name} > {spec['max']}" for name, spec in self.variables.items()]
        options += [f"{name} and not {name}" for name in self.flags]
        return self.draw(st.sampled_from(options))

    def planted(self, plant: str) -> dict:
        draw = self.draw
        ending = draw(st.sampled_from(self.ending_ids))
        if plant == "dead_end":
            choices = [{"label": f"Closed {k}", "if": self.never(), "goto": ending}
                       for k in range(draw(st.integers(1, 2)))]
        elif plant == "trap":
            choices = [self.choice("Wait", [PLANTED], False)]
        else:
            choices = [{"label": "Go back to the start", "goto": self.scene_ids[0]},
                       {"label": "Stop", "goto": ending}]
        return {"stage": "route", "text": "A planted scene.", "choices": choices}

    def presentation(self, endings: dict) -> dict:
        """Names for some values, eras by a flag, questions for kinds the endings use."""
        draw, extra = self.draw, {}
        for spec in self.variables.values():
            values = range(spec["min"], spec["max"] + 1)
            if named := draw(st.lists(st.sampled_from(values), unique=True)):
                spec["names"] = {v: f"Level {v}" for v in named}
        for name, spec in self.flags.items():
            if named := draw(st.lists(st.booleans(), unique=True)):
                spec["names"] = {v: f"{name} is {v}" for v in named}
        if self.flags and draw(st.booleans()):
            era = draw(st.sampled_from(sorted(self.flags)))
            self.flags[era]["names"] = {False: "Earlier", True: "Later"}
            extra["eras"] = {"by": era, "years": {False: [2000, 2009], True: [2010, 2019]}}
        for spec in [*self.variables.values(), *self.flags.values()]:
            if self.continuity and draw(st.booleans()):
                spec["show"] = draw(st.sampled_from(("always", "when-set", "never")))
        kinds = sorted({ending["kind"] for ending in endings.values()})
        if asked := draw(st.lists(st.sampled_from(["general"] + kinds), unique=True)):
            extra["questions"] = {key: [f"A question for {key}?"] for key in asked}
        return extra

    def data(self) -> dict:
        scenes = {scene_id: self.scene(i) for i, scene_id in enumerate(self.scene_ids)}
        if self.plant is not None:
            scenes[self.scene_ids[0]]["choices"].append({"label": "Go on", "goto": PLANTED})
            scenes[PLANTED] = self.planted(self.plant)
        endings = {ending_id: {"kind": self.draw(st.sampled_from(ENDING_KINDS)),
                               "title": f"Ending {ending_id}", "text": self.text("It ends."),
                               "context": self.text("What happens to people."),
                               "sources": ["src"]}
                   for ending_id in self.ending_ids}
        for ending in endings.values():
            if self.continuity and self.draw(st.booleans()):
                ending["expect"] = self.expect()
        return {
            "format": 1, "id": "generated", "title": "Generated", "summary": "Generated.",
            "content_note": "Generated for tests.", "start": self.scene_ids[0],
            "variables": self.variables, "flags": self.flags,
            "stages": [{"id": "route", "title": "The route", "place": "Anywhere"}],
            "scenes": scenes, "endings": endings,
            "sources": {"src": {"title": "A source", "publisher": "Publisher", "year": 2020,
                                "url": "https://example.org/source"}},
        } | self.presentation(endings)


@st.composite
def scenarios(draw, shapes: tuple[str, ...] = SHAPES, plant: str | None = None,
              continuity: bool = False) -> Generated:
    """A random valid scenario of one of `shapes`, with `plant` added if given, and with text
    that follows the journey if `continuity`."""
    shape = draw(st.sampled_from(shapes))
    return generated(yaml.safe_dump(_Draft(draw, shape, plant, continuity).data(),
                                    sort_keys=False), shape, plant)


def generated(text: str, shape: str, plant: str | None) -> Generated:
    try:
        scenario = load_text(text, "generated.yaml")
    except ScenarioError as error:
        raise AssertionError(f"a valid generated scenario did not load:\n{error}\n{text}") from None
    return Generated(text, scenario, shape, plant)


def plain_text(of: Generated) -> Generated:
    """The same scenario with every text written as one plain string, and without `show:`,
    `expect:` and `repeats:`: the same rules, told without following the journey."""
    data = yaml.safe_load(of.text)

    def plain(text):
        return "text" if isinstance(text, list) else text.replace("${", "(")

    for spec in [*data["variables"].values(), *data["flags"].values()]:
        spec.pop("show", None)
    for node in [*data["scenes"].values(), *data["endings"].values()]:
        for field in ("text", "context"):
            if field in node:
                node[field] = plain(node[field])
        node.pop("expect", None)
        node.pop("repeats", None)
        for choice in node.get("choices", ()):
            choice["label"] = plain(choice["label"])
            for outcome in choice.get("outcomes", ()):
                outcome["text"] = plain(outcome["text"])
    return generated(yaml.safe_dump(data, sort_keys=False), of.shape, of.plant)
