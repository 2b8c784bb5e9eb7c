"""Rules that span fields, and compilation to the runtime model.

Every problem is collected as (path, message, at_key) so the loader can point at the exact line
and column; compilation goes on past problems so that an author sees all of them at once. When
the file's shape is broken, the rules are checked on what is left of it (`salvage.without`):
every value there has a valid shape, but a required field may be missing, so fields are read
with `.get` and a field that was written but broken (`written`) causes no further report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import TypeGuard, TypeVar, cast

from . import model, presentation_rules, salvage, schema, text_rules
from .expressions import (ARTICLE, BOOL, INT, KEYWORDS, Compiled, ExpressionError, Symbol,
                          compile_expression)
from .limits import MAX_CHOICE_WEIGHT, MAX_WEIGHT, beyond, plainly
from .presentation_rules import Fields
from .presentation_rules import did_you_mean as _did_you_mean
from .salvage import Path
from .text import PARAGRAPH, SPACE
from .text_rules import Spot

Problem = tuple[Path, str, bool, Spot | None]
"""(path, message, point at the key rather than the value, where inside the string)"""
Expression = str | int | bool  # an expression as written: in quotes, or a literal
_Spec = TypeVar("_Spec", model.VariableSpec, model.FlagSpec)


def _always_one(values: model.Values) -> int:
    return 1


def _all_read(weights: list[Compiled | None]) -> TypeGuard[list[Compiled]]:
    """Whether every weight of a choice could be read (an unreadable one is reported already)."""
    return None not in weights


class _Compiler:
    """Walks a shape-valid scenario, checks cross-references and expressions, builds the model."""

    def __init__(self, raw: Mapping[str | int, object], parsed: Fields, broken: set[Path]):
        self.raw = raw          # the plain data, for ids of items whose own shape is broken
        self.parsed = parsed    # the file without its broken values
        self.broken = broken    # where those values were
        self.broken_in = {path[:-1] for path in broken}  # the mappings that held them
        self.problems: list[Problem] = []
        self.symbols: dict[str, Symbol] = {}
        self.compiled: dict[tuple[type, Expression], Compiled | ExpressionError] = {}

    def problem(self, path: Path, message: str, at_key: bool = False,
                within: Spot | None = None) -> None:
        self.problems.append((path, message, at_key, within))

    def section_ids(self, name: str) -> list[str]:
        value = self.raw.get(name)
        return [k for k in value if isinstance(k, str)] if isinstance(value, dict) else []

    def section(self, name: str) -> Fields:
        return self.parsed.get(name) or {}

    def written(self, mapping: Fields, key: str, path: Path) -> bool:
        """Whether `key` was written in `mapping`, even if its value was broken."""
        return key in mapping or path + (key,) in self.broken

    # --- symbols -------------------------------------------------------------------------
    def build_symbols(self) -> tuple[list[model.VariableSpec], list[model.FlagSpec]]:
        variables: list[model.VariableSpec] = []
        flags: list[model.FlagSpec] = []
        for name, var in self.section("variables").items():
            path = ("variables", name)
            if name in KEYWORDS:
                self.problem(path, f"'{name}' is a word of the expression language; "
                             "choose another name", at_key=True)
            if not all(field in var for field in ("min", "max", "start")):
                continue  # its range is unknown: it is known by name only (below)
            low, high, start = var["min"], var["max"], var["start"]
            if low > high:
                self.problem(path + ("min",), f"min ({low}) is above max ({high})")
            elif not low <= start <= high:
                self.problem(path + ("start",),
                             f"start ({start}) is outside min..max ({low}..{high})")
            spec = model.VariableSpec(name, var.get("label", ""), start, low, high,
                                      var.get("unit", ""), var.get("scale", 1),
                                      show=var.get("show", "always"))
            variables.append(self.named(spec, var, path))
        for name, flag in self.section("flags").items():
            path = ("flags", name)
            if name in KEYWORDS:
                self.problem(path, f"'{name}' is a word of the expression language; "
                             "choose another name", at_key=True)
            if name in self.section_ids("variables"):
                self.problem(path, f"'{name}' is already a variable", at_key=True)
            flag_spec = model.FlagSpec(name, flag.get("label", ""), flag.get("start", False),
                                       show=flag.get("show", "always"))
            flags.append(self.named(flag_spec, flag, path))
        for i, var in enumerate(variables):
            self.symbols[var.id] = Symbol(i, INT, var.low, var.high)
        for j, flag in enumerate(flags):
            self.symbols.setdefault(flag.id, Symbol(len(variables) + j, BOOL, 0, 1))
        # Names whose own definition is broken still exist: known, so no cascade of errors.
        for section, type_, low, high in (("variables", INT, -(1 << 62), 1 << 62),
                                          ("flags", BOOL, 0, 1)):
            for name in self.section_ids(section):
                self.symbols.setdefault(name, Symbol(-1, type_, low, high))
        return variables, flags

    def named(self, spec: _Spec, definition: Fields, path: Path) -> _Spec:
        """`spec` with the `names:` of its definition, checked against its values."""
        names = definition.get("names")
        if not names:
            return spec
        return replace(spec, names=presentation_rules.value_names(
            spec, names, path + ("names",), self.problem))

    def expression(self, source: Expression | None, wanted: str, path: Path) -> Compiled | None:
        """The compiled expression, or None after reporting its problem (or when it reads a
        name whose own definition is broken, so its range is unknown)."""
        if source is None:  # missing or broken: reported with the file's shape
            return None
        # Scenarios repeat the same conditions and weights; each text is parsed once.
        key = (type(source), source)
        if key not in self.compiled:
            try:
                self.compiled[key] = compile_expression(source, self.symbols)
            except ExpressionError as failure:
                self.compiled[key] = failure
        compiled = self.compiled[key]
        if isinstance(compiled, ExpressionError):
            error = compiled
            where = f" in expression {source!r}" if isinstance(source, str) else ""
            self.problem(path, error.message + where
                         + (f" (at character {error.column + 1})" if error.column else ""))
            return None
        if compiled.type != wanted:
            self.problem(path, f"expression {source!r} gives {ARTICLE[compiled.type]}, "
                         f"but {ARTICLE[wanted]} is needed here")
            return None
        return compiled if compiled.range_known else None

    def text(self, written: object, path: Path, joiner: str = PARAGRAPH) -> model.Text:
        return text_rules.compile_text(self, written, path, joiner)

    def expectations(self, node: Fields, path: Path) -> tuple[model.Expectation, ...]:
        """A scene's or ending's `expect:` items."""
        found = []
        for k, item in enumerate(node.get("expect", ())):
            if item is None:  # broken: reported with the file's shape
                continue
            compiled = self.expression(item.get("if"), BOOL, path + ("expect", k, "if"))
            if compiled is not None:
                found.append(model.Expectation(compiled.evaluate, compiled.source,
                                               item.get("because", ""), path + ("expect", k)))
        return tuple(found)

    # --- effects -------------------------------------------------------------------------
    def effects(self, effects: Fields | None, path: Path) -> model.Effects:
        if not effects:
            return model.NO_EFFECTS
        plan = []
        adds, sets = effects.get("add", {}), effects.get("set", {})
        for name in sorted(set(adds) & set(sets)):
            self.problem(path + ("set", name), f"'{name}' is both added to and set", at_key=True)
        for mode, table in (("add", adds), ("set", sets)):
            for name, source in table.items():
                where = path + (mode, name)
                symbol = self.symbols.get(name)
                if symbol is None:
                    self.problem(where, f"unknown variable or flag '{name}'"
                                 + _did_you_mean(name, self.symbols), at_key=True)
                    continue
                if mode == "add" and symbol.type == BOOL:
                    self.problem(where, f"'{name}' is a flag; flags are changed with set:, "
                                 "not add:", at_key=True)
                    continue
                compiled = self.expression(source, symbol.type, where)
                if compiled is not None:
                    plan.append((symbol.index, mode == "add", compiled.evaluate,
                                 symbol.low, symbol.high))
        return model.Effects(tuple(plan)) if plan else model.NO_EFFECTS

    # --- references ----------------------------------------------------------------------
    def cite(self, sources: list[str], path: Path) -> tuple[str, ...]:
        for i, source_id in enumerate(sources):
            if source_id is not None and source_id not in self.source_ids:
                self.problem(path + (i,), f"unknown source '{source_id}'"
                             + _did_you_mean(source_id, self.source_ids))
        return tuple(sources)

    def target(self, node_id: str | None, path: Path) -> int:
        if node_id is None:  # missing or broken: reported with the file's shape
            return -1
        if node_id in self.node_index:
            return self.node_index[node_id]
        self.problem(path, f"unknown destination '{node_id}'"
                     + _did_you_mean(node_id, self.node_index))
        return -1

    def destination(self, goto: str | list[Fields | None] | None,
                    path: Path) -> tuple[int, tuple[model.Route, ...]]:
        """A `goto`: one destination, or {if, goto} items ending with a default {goto}."""
        if not isinstance(goto, list):
            return self.target(goto, path), ()
        routes: list[model.Route] = []
        last, target = len(goto) - 1, -1
        for k, item in enumerate(goto):
            where = path + (k,)
            if item is None:
                continue
            target = self.target(item.get("goto"), where + ("goto",))
            if not self.written(item, "if", where):
                if k < last:
                    self.problem(where, "only the last destination may leave out 'if' (it is "
                                 "the default); the ones after this could never be taken")
                continue
            if k == last:
                self.problem(where + ("if",), "the last destination is the default, taken when "
                             "no condition holds: write it without 'if'", at_key=True)
            compiled = self.expression(item.get("if"), BOOL, where + ("if",))
            if compiled is not None:
                routes.append(model.Route(compiled.evaluate, compiled.source, target,
                                          where + ("if",)))
        return target, tuple(routes)  # the last item's destination is the default

    # --- scenes --------------------------------------------------------------------------
    def choice(self, choice: Fields, path: Path, number: int,
               outcome_numbers: Iterator[int]) -> model.Choice:
        condition: Callable[[model.Values], int] | None = None
        condition_source = ""
        label = self.text(choice.get("label"), path + ("label",), SPACE)
        unavailable = choice.get("unavailable")
        if self.written(choice, "if", path):
            compiled = self.expression(choice.get("if"), BOOL, path + ("if",))
            if compiled is not None:
                condition, condition_source = compiled.evaluate, compiled.source
        elif unavailable is not None:
            self.problem(path + ("unavailable",), "'unavailable' gives the reason a choice "
                         "cannot be taken, so it needs an 'if' condition", at_key=True)
        effects = self.effects(choice.get("effects"), path + ("effects",))
        fixed, risky = self.written(choice, "goto", path), self.written(choice, "outcomes", path)
        # Neither may be an unknown field's doing (a typo such as 'gotoo'), reported already.
        if fixed == risky and (fixed or path not in self.broken_in):
            self.problem(path, "a choice needs either 'goto' (a fixed destination) or "
                         "'outcomes' (weighted risks), not both or neither")
            return model.Choice(number, label, condition, condition_source, unavailable,
                                effects, (), False)
        if fixed:
            target, routes = self.destination(choice.get("goto"), path + ("goto",))
            outcome = model.Outcome(next(outcome_numbers), _always_one, "1", model.NO_TEXT,
                                    model.NO_EFFECTS, target, (), routes)
            return model.Choice(number, label, condition, condition_source, unavailable,
                                effects, (outcome,), False)
        outcomes: list[model.Outcome] = []
        weights: list[Compiled | None] = []
        for k, outcome in enumerate(choice.get("outcomes", ())):
            where = path + ("outcomes", k)
            if outcome is None:  # broken: reported with the file's shape
                weights.append(None)
                continue
            weight = self.weight(outcome.get("weight"), where + ("weight",))
            weights.append(weight)
            after = self.effects(outcome.get("effects"), where + ("effects",))
            target, routes = self.destination(outcome.get("goto"), where + ("goto",))
            outcomes.append(model.Outcome(
                next(outcome_numbers), weight.evaluate if weight else _always_one,
                weight.source if weight else "", self.text(outcome.get("text", ""),
                                                          where + ("text",)), after, target,
                self.cite(outcome.get("sources", []), where + ("sources",)), routes))
        if weights and _all_read(weights):
            self.weights_together(weights, path + ("outcomes",))
        return model.Choice(number, label, condition, condition_source, unavailable, effects,
                            tuple(outcomes), True)

    def weight(self, source: Expression | None, path: Path) -> Compiled | None:
        """An outcome's weight, checked to stay within 0..MAX_WEIGHT whatever the values."""
        weight = self.expression(source, INT, path)
        if weight is None:
            return None
        if weight.low < 0:
            self.problem(path, f"weight {source!r} can be negative (as low as {weight.low}); "
                         "write max(0, ...) around it")
        if weight.high > MAX_WEIGHT:
            self.problem(path, f"weight {source!r} can be as large as {beyond(weight.high)}; "
                         f"a weight may be at most {plainly(MAX_WEIGHT)}")
        return weight

    def weights_together(self, weights: list[Compiled], path: Path) -> None:
        """One choice's weights: never all zero at once, never a total past the limit."""
        if all(w.low <= 0 for w in weights):
            self.problem(path, "the weights of these outcomes can all be zero at once; give at "
                         "least one outcome a weight that is always above zero (for example a "
                         "number, or max(1, ...))")
        total = sum(max(w.high, 0) for w in weights)
        if total > MAX_CHOICE_WEIGHT and all(w.high <= MAX_WEIGHT for w in weights):
            self.problem(path, f"the weights of these outcomes can add up to {beyond(total)}; "
                         f"a choice's weights may add up to at most {plainly(MAX_CHOICE_WEIGHT)}")

    def compile(self, file: schema.ScenarioFile | None, content_hash: str,
                file_path: str) -> model.Scenario | None:
        variables, flags = self.build_symbols()
        self.source_ids = set(self.section_ids("sources"))
        stages: list[model.Stage] = []
        for i, stage in enumerate(self.parsed.get("stages") or []):
            if stage is None or "id" not in stage:
                continue
            if any(s.id == stage["id"] for s in stages):
                self.problem(("stages", i, "id"), f"stage '{stage['id']}' is listed twice")
            stages.append(model.Stage(stage["id"], stage.get("title", ""),
                                      stage.get("place", "")))
        stage_index = {s.id: i for i, s in enumerate(stages)}
        raw_stages = self.raw.get("stages")
        stage_ids = {s["id"] for s in (raw_stages if isinstance(raw_stages, list) else [])
                     if isinstance(s, dict) and isinstance(s.get("id"), str)}
        # (a stage whose id is broken is reported there, not as unknown where it is used)
        scene_ids = self.section_ids("scenes")
        ending_ids = self.section_ids("endings")
        self.node_index = {node_id: i for i, node_id in enumerate(scene_ids + ending_ids)}
        for node_id in set(scene_ids) & set(ending_ids):
            self.problem(("endings", node_id), f"'{node_id}' names both a scene and an ending",
                         at_key=True)
        nodes: list[model.Scene | model.Ending] = []
        choice_numbers, outcome_numbers = iter(range(1 << 30)), iter(range(1 << 30))
        for i, scene_id in enumerate(scene_ids):
            scene = self.section("scenes").get(scene_id)
            where = ("scenes", scene_id)
            if scene is None:  # broken: reported with the file's shape (so no scenario is made)
                continue
            stage = scene.get("stage")
            if stage is not None and stage not in stage_ids:
                self.problem(where + ("stage",), f"unknown stage '{stage}'"
                             + _did_you_mean(stage, stage_index))
            choices = tuple(self.choice(c, where + ("choices", k), next(choice_numbers),
                                        outcome_numbers)
                            for k, c in enumerate(scene.get("choices", ())) if c is not None)
            nodes.append(model.Scene(i, scene_id, stage_index.get(stage, 0),
                                     self.text(scene.get("text"), where + ("text",)), choices,
                                     self.cite(scene.get("sources", []), where + ("sources",)),
                                     expect=self.expectations(scene, where),
                                     repeats=scene.get("repeats", False)))
        for j, ending_id in enumerate(ending_ids):
            ending = self.section("endings").get(ending_id)
            if ending is None:  # broken, likewise
                continue
            where = ("endings", ending_id)
            nodes.append(model.Ending(
                len(scene_ids) + j, ending_id, ending.get("kind", ""), ending.get("title", ""),
                self.text(ending.get("text"), where + ("text",)),
                self.text(ending.get("context"), where + ("context",)),
                self.cite(ending.get("sources", []), where + ("sources",)),
                expect=self.expectations(ending, where)))
        start = self.raw.get("start")
        if isinstance(start, str) and start not in scene_ids:
            self.problem(("start",), f"start '{start}' is not a scene"
                         + _did_you_mean(start, scene_ids))
        eras = None
        specs = {spec.id: spec for spec in variables + flags}
        by = self.section("eras").get("by")
        # An era by a flag or variable whose own definition is broken is not checked further.
        if by in specs or (by is not None and self.symbols.get(by) is None):
            years_intact = not any(p[:2] == ("eras", "years") for p in self.broken)
            eras = presentation_rules.eras(self.section("eras"), specs, self.problem,
                                           years_intact)
        written_endings = self.raw.get("endings")
        kinds = {e["kind"] for e in (written_endings.values()
                                     if isinstance(written_endings, dict) else ())
                 if isinstance(e, dict) and isinstance(e.get("kind"), str)}
        questions = presentation_rules.questions(self.section("questions"), kinds, self.problem)
        glossary = presentation_rules.glossary(self.parsed.get("glossary") or [], kinds,
                                               self.cite, self.problem)
        if self.problems or file is None:
            return None
        sources = {k: model.Source(k, s["title"], s["publisher"], s["year"], s["url"],
                                   s.get("note", ""))
                   for k, s in file.get("sources", {}).items()}
        return model.Scenario(file["id"], file["title"], file["summary"],
                              file.get("language", "en"), file["content_note"],
                              tuple(variables), tuple(flags), tuple(stages), tuple(nodes),
                              self.node_index[file["start"]], sources, content_hash,
                              file_path, dict(self.node_index), eras, questions, glossary)


def compile_scenario(raw: Mapping[str | int, object], file: schema.ScenarioFile | None,
                     broken: list[Path], content_hash: str,
                     path: str) -> tuple[model.Scenario | None, list[Problem]]:
    """Check cross-field rules and build the runtime model; returns it (or None) and problems.

    `file` is the validated file, or None when its shape is broken at the `broken` paths."""
    # Without the values whose shape is broken, what is left has the file's shape.
    parsed = file if file is not None else cast(Fields, salvage.without(raw, broken))
    compiler = _Compiler(raw, parsed, set(broken))
    scenario = compiler.compile(file, content_hash, path)
    return scenario, compiler.problems
