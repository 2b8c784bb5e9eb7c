"""Rules that span fields, checked after the shape is valid, and compilation to the runtime model.

Every problem is collected as (path, message, at_key) so the loader can point at the exact line
and column; compilation goes on past problems so that an author sees all of them at once.
"""

from __future__ import annotations

from dataclasses import replace

from . import model, presentation_rules
from .expressions import ARTICLE, BOOL, INT, KEYWORDS, Compiled, ExpressionError, Symbol, compile_expression
from .presentation_rules import did_you_mean as _did_you_mean

Problem = tuple[tuple, str, bool]  # (path, message, point at the key rather than the value)


def _always_one(values) -> int:
    return 1


class _Compiler:
    """Walks a shape-valid scenario, checks cross-references and expressions, builds the model."""

    def __init__(self, raw: dict, parsed: dict):
        self.raw = raw          # the plain data, for ids of items whose own shape is broken
        self.parsed = parsed    # section -> {id: validated model} (only the valid items)
        self.problems: list[Problem] = []
        self.symbols: dict[str, Symbol] = {}
        self.compiled: dict[tuple, Compiled | ExpressionError] = {}

    def problem(self, path: tuple, message: str, at_key: bool = False) -> None:
        self.problems.append((path, message, at_key))

    def section_ids(self, name: str) -> list[str]:
        value = self.raw.get(name)
        return [k for k in value if isinstance(k, str)] if isinstance(value, dict) else []

    # --- symbols -------------------------------------------------------------------------
    def build_symbols(self) -> tuple[list[model.VariableSpec], list[model.FlagSpec]]:
        variables, flags = [], []
        for name, var in self.parsed["variables"].items():
            path = ("variables", name)
            if name in KEYWORDS:
                self.problem(path, f"'{name}' is a word of the expression language; "
                             "choose another name", at_key=True)
            low, high, start = var["min"], var["max"], var["start"]
            if low > high:
                self.problem(path + ("min",), f"min ({low}) is above max ({high})")
            elif not low <= start <= high:
                self.problem(path + ("start",),
                             f"start ({start}) is outside min..max ({low}..{high})")
            spec = model.VariableSpec(name, var["label"], start, low, high,
                                      var.get("unit", ""), var.get("scale", 1))
            variables.append(self.named(spec, var, path))
        for name, flag in self.parsed["flags"].items():
            path = ("flags", name)
            if name in KEYWORDS:
                self.problem(path, f"'{name}' is a word of the expression language; "
                             "choose another name", at_key=True)
            if name in self.parsed["variables"]:
                self.problem(path, f"'{name}' is already a variable", at_key=True)
            spec = model.FlagSpec(name, flag["label"], flag.get("start", False))
            flags.append(self.named(spec, flag, path))
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

    def named(self, spec, definition: dict, path: tuple):
        """`spec` with the `names:` of its definition, checked against its values."""
        names = definition.get("names")
        if not names:
            return spec
        return replace(spec, names=presentation_rules.value_names(
            spec, names, path + ("names",), self.problem))

    def expression(self, source, wanted: str, path: tuple) -> Compiled | None:
        """The compiled expression, or None after reporting its problem (or when it reads a
        name whose own definition is broken, so its range is unknown)."""
        # Scenarios repeat the same conditions and weights; each text is parsed once.
        key = (type(source), source)
        if key not in self.compiled:
            try:
                self.compiled[key] = compile_expression(source, self.symbols)
            except ExpressionError as error:
                self.compiled[key] = error
        compiled = self.compiled[key]
        if isinstance(compiled, ExpressionError):
            error = compiled
            self.problem(path, f"{error.message} in expression {source!r}"
                         + (f" (at character {error.column + 1})" if error.column else ""))
            return None
        if compiled.type != wanted:
            self.problem(path, f"expression {source!r} gives {ARTICLE[compiled.type]}, "
                         f"but {ARTICLE[wanted]} is needed here")
            return None
        return compiled if compiled.range_known else None

    # --- effects -------------------------------------------------------------------------
    def effects(self, effects: dict | None, path: tuple) -> model.Effects:
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
    def cite(self, sources: list[str], path: tuple) -> tuple[str, ...]:
        for i, source_id in enumerate(sources):
            if source_id not in self.source_ids:
                self.problem(path + (i,), f"unknown source '{source_id}'"
                             + _did_you_mean(source_id, self.source_ids))
        return tuple(sources)

    def target(self, node_id: str, path: tuple) -> int:
        if node_id in self.node_index:
            return self.node_index[node_id]
        self.problem(path, f"unknown destination '{node_id}'"
                     + _did_you_mean(node_id, self.node_index))
        return -1

    def destination(self, goto: str | list, path: tuple) -> tuple[int, tuple[model.Route, ...]]:
        """A `goto`: one destination, or {if, goto} items ending with a default {goto}."""
        if isinstance(goto, str):
            return self.target(goto, path), ()
        routes, last = [], len(goto) - 1
        for k, item in enumerate(goto):
            where = path + (k,)
            target = self.target(item["goto"], where + ("goto",))
            if "if" not in item:
                if k < last:
                    self.problem(where, "only the last destination may leave out 'if' (it is "
                                 "the default); the ones after this could never be taken")
                continue
            if k == last:
                self.problem(where + ("if",), "the last destination is the default, taken when "
                             "no condition holds: write it without 'if'", at_key=True)
            compiled = self.expression(item["if"], BOOL, where + ("if",))
            if compiled is not None:
                routes.append(model.Route(compiled.evaluate, compiled.source, target))
        return target, tuple(routes)  # the last item's destination is the default

    # --- scenes --------------------------------------------------------------------------
    def choice(self, choice: dict, path: tuple, number: int, outcome_numbers) -> model.Choice:
        condition, condition_source = None, ""
        label, unavailable = choice["label"], choice.get("unavailable")
        if "if" in choice:
            compiled = self.expression(choice["if"], BOOL, path + ("if",))
            if compiled is not None:
                condition, condition_source = compiled.evaluate, compiled.source
        elif unavailable is not None:
            self.problem(path + ("unavailable",), "'unavailable' gives the reason a choice "
                         "cannot be taken, so it needs an 'if' condition", at_key=True)
        effects = self.effects(choice.get("effects"), path + ("effects",))
        if ("goto" in choice) == ("outcomes" in choice):
            self.problem(path, "a choice needs either 'goto' (a fixed destination) or "
                         "'outcomes' (weighted risks), not both or neither")
            return model.Choice(number, label, condition, condition_source, unavailable,
                                effects, (), False)
        if "goto" in choice:
            target, routes = self.destination(choice["goto"], path + ("goto",))
            outcome = model.Outcome(next(outcome_numbers), _always_one, "1", "",
                                    model.NO_EFFECTS, target, (), routes)
            return model.Choice(number, label, condition, condition_source, unavailable,
                                effects, (outcome,), False)
        outcomes, always_positive, unchecked = [], False, False
        for k, outcome in enumerate(choice["outcomes"]):
            where = path + ("outcomes", k)
            weight = self.expression(outcome["weight"], INT, where + ("weight",))
            unchecked = unchecked or weight is None
            if weight is not None:
                if weight.low < 0:
                    self.problem(where + ("weight",), f"weight {outcome['weight']!r} can be "
                                 f"negative (as low as {weight.low}); write max(0, ...) "
                                 "around it")
                always_positive = always_positive or weight.low > 0
            after = self.effects(outcome.get("effects"), where + ("effects",))
            target, routes = self.destination(outcome["goto"], where + ("goto",))
            outcomes.append(model.Outcome(
                next(outcome_numbers), weight.evaluate if weight else _always_one,
                weight.source if weight else "", outcome.get("text", ""), after, target,
                self.cite(outcome.get("sources", []), where + ("sources",)), routes))
        if not always_positive and not unchecked:  # an unreadable weight is reported already
            self.problem(path + ("outcomes",), "the weights of these outcomes can all be zero "
                         "at once; give at least one outcome a weight that is always above "
                         "zero (for example a number, or max(1, ...))")
        return model.Choice(number, label, condition, condition_source, unavailable, effects,
                            tuple(outcomes), True)

    def compile(self, file: dict | None, content_hash: str,
                file_path: str) -> model.Scenario | None:
        variables, flags = self.build_symbols()
        self.source_ids = set(self.section_ids("sources"))
        stages = []
        for i, stage in enumerate(self.parsed["stages"]):
            if any(s.id == stage["id"] for s in stages):
                self.problem(("stages", i, "id"), f"stage '{stage['id']}' is listed twice")
            stages.append(model.Stage(stage["id"], stage["title"], stage["place"]))
        stage_index = {s.id: i for i, s in enumerate(stages)}
        scene_ids = self.section_ids("scenes")
        ending_ids = self.section_ids("endings")
        self.node_index = {node_id: i for i, node_id in enumerate(scene_ids + ending_ids)}
        for node_id in set(scene_ids) & set(ending_ids):
            self.problem(("endings", node_id), f"'{node_id}' names both a scene and an ending",
                         at_key=True)
        nodes: list = []
        choice_numbers, outcome_numbers = iter(range(1 << 30)), iter(range(1 << 30))
        for i, scene_id in enumerate(scene_ids):
            scene = self.parsed["scenes"].get(scene_id)
            where = ("scenes", scene_id)
            if scene is None:
                nodes.append(None)
                continue
            stage = scene["stage"]
            if stage not in stage_index:
                self.problem(where + ("stage",), f"unknown stage '{stage}'"
                             + _did_you_mean(stage, stage_index))
            choices = tuple(self.choice(c, where + ("choices", k), next(choice_numbers),
                                        outcome_numbers)
                            for k, c in enumerate(scene["choices"]))
            nodes.append(model.Scene(i, scene_id, stage_index.get(stage, 0), scene["text"],
                                     choices,
                                     self.cite(scene.get("sources", []), where + ("sources",))))
        for j, ending_id in enumerate(ending_ids):
            ending = self.parsed["endings"].get(ending_id)
            if ending is None:
                nodes.append(None)
                continue
            nodes.append(model.Ending(
                len(scene_ids) + j, ending_id, ending["kind"], ending["title"], ending["text"],
                ending["context"],
                self.cite(ending.get("sources", []), ("endings", ending_id, "sources"))))
        start = self.raw.get("start")
        if isinstance(start, str) and start not in scene_ids:
            self.problem(("start",), f"start '{start}' is not a scene"
                         + _did_you_mean(start, scene_ids))
        eras = None
        if self.parsed.get("eras"):
            specs = {spec.id: spec for spec in variables + flags}
            eras = presentation_rules.eras(self.parsed["eras"], specs, self.problem)
        kinds = {e.get("kind") for e in (self.raw.get("endings") or {}).values()
                 if isinstance(e, dict)}
        questions = presentation_rules.questions(self.parsed.get("questions") or {}, kinds,
                                                 self.problem)
        if self.problems or file is None:
            return None
        sources = {k: model.Source(k, s["title"], s["publisher"], s["year"], s["url"],
                                   s.get("note", ""))
                   for k, s in file.get("sources", {}).items()}
        return model.Scenario(file["id"], file["title"], file["summary"],
                              file.get("language", "en"), file["content_note"],
                              tuple(variables), tuple(flags), tuple(stages), tuple(nodes),
                              self.node_index[file["start"]], sources, content_hash,
                              file_path, dict(self.node_index), eras, questions)


def compile_scenario(raw: dict, parsed: dict, file: dict | None,
                     content_hash: str, path: str) -> tuple[model.Scenario | None, list[Problem]]:
    """Check cross-field rules and build the runtime model; returns it (or None) and problems."""
    compiler = _Compiler(raw, parsed)
    scenario = compiler.compile(file, content_hash, path)
    return scenario, compiler.problems
