"""Run the analysis on one scenario and render its report: as text for people, or as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field

from journey.commands.exit_codes import FAILED, OK, USAGE
from journey.commands.loading import unreadable
from journey.engine import catalog
from journey.engine.diagnostics import ScenarioError
from journey.engine.exact.analysis import Report, analyse
from journey.engine.exact.chances import by_kind, chances
from journey.engine.exact.decisions import COSMETIC, Decision, decisions
from journey.engine.exact.odds import funnel, split, stage_stops, values_at
from journey.engine.exact.problems import CheckWarning, Problem
from journey.engine.exact.space import StateLimitExceeded
from journey.engine.exact.summary import Group, StageOdds, funnel_json, group_json
from journey.engine.kinds import harmful
from journey.engine.loader import load_scenario

RARE = 0.01  # coverage below this share of random players is listed


@dataclass(frozen=True)
class Options:
    """What to show beyond the problems and the endings' odds."""

    coverage: bool = False
    """Every scene and choice, not only the rare ones."""
    splits: tuple[str, ...] = ()
    """Flags or variables to set the odds beside each other by (the eras are always shown)."""
    funnel: bool = False
    decisions: bool = False
    """The most and least consequential decisions."""
    strict: bool = False
    """Warnings are errors: a scenario with any exits 1."""


@dataclass
class Split:
    """The journeys grouped by the value a flag or variable holds when they end."""

    name: str
    slot: int
    groups: dict[int, Group]
    funnels: dict[int, list[tuple[str, Group]]] = field(default_factory=dict)


@dataclass
class Checked:
    """One scenario's check: its exit code, its report (None if it never got that far) or the
    problems that stopped it, and the figures the options asked for."""

    code: int
    report: Report | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    options: Options = Options()
    whole: Group | None = None
    """All journeys and their odds (None when a cycle leaves no exact odds)."""
    splits: list[Split] = field(default_factory=list)
    funnel: list[tuple[str, Group]] | None = None
    decisions: list[Decision] | None = None
    """Every decision, the weightiest first (with --decisions)."""
    places: dict[tuple[tuple[str | int, ...], bool], str] = field(default_factory=dict)
    """Where in the file each problem and warning is about, as FILE:LINE:COL, by its
    (`where`, `at_key`)."""

    def at(self, where: tuple[str | int, ...], at_key: bool = False) -> str:
        """'FILE:LINE:COL: ' for a place in the file, or '' for none."""
        place = self.places.get((where, at_key))
        return f"{place}: " if place else ""


def check_file(name: str, max_states: int, options: Options = Options()) -> Checked:
    """Load a bundled scenario or a file, analyse it and work out the figures asked for."""
    try:
        path = catalog.resolve(name)
        scenario = load_scenario(path)
    except ScenarioError as failure:
        return Checked(FAILED, errors=[("load_error", str(d)) for d in failure.diagnostics])
    except OSError as error:
        return Checked(USAGE, errors=[("unreadable", unreadable(name, error))])
    names = ((scenario.eras.by,) if scenario.eras else ()) + options.splits
    slots = {}
    for wanted in dict.fromkeys(names):
        try:
            slots[wanted] = scenario.slot(wanted)
        except KeyError:
            return Checked(USAGE, errors=[("unknown_name", _unknown(name, scenario, wanted))])
    try:
        report = analyse(scenario, max_states)
    except StateLimitExceeded as error:
        return Checked(FAILED, errors=[("state_limit", f"{name}: {error}")])
    failed = not report.ok or (options.strict and bool(report.warnings))
    checked = Checked(FAILED if failed else OK, report, options=options)
    checked.places = _places(str(path), report)
    if report.journeys is not None:
        _figures(checked, slots)
    return checked


def _places(file: str, report: Report) -> dict[tuple[tuple[str | int, ...], bool], str]:
    """FILE:LINE:COL of each place the problems and warnings are about (the file is read again
    with positions, as the loader does for its own problems, only when there is one)."""
    from journey.engine.reading import read_text
    from journey.engine.yamlsource import YamlSourceError, read_yaml

    wanted = {(p.where, False) for p in report.problems if p.where}
    wanted |= {(w.where, w.at_key) for w in report.warnings}
    if not wanted:
        return {}
    try:
        document = read_yaml(read_text(file), track=True)
    except (OSError, ScenarioError, YamlSourceError):  # changed since it was loaded
        return {}
    return {(where, at_key): "{}:{}:{}".format(file, *(document.where_key(where) if at_key
                                                        else document.where(where)))
            for where, at_key in wanted}


def _unknown(name: str, scenario, wanted: str) -> str:
    from difflib import get_close_matches

    known = [v.id for v in scenario.variables] + [f.id for f in scenario.flags]
    close = get_close_matches(wanted, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return (f"{name}: --split {wanted}: no flag or variable of that name{hint} "
            f"(its flags and variables: {', '.join(known) or 'none'})")


def _figures(checked: Checked, slots: dict[str, int]) -> None:
    report, space = checked.report, checked.report.space
    run = report.journeys
    whole = run.whole
    checked.whole = run.odds
    if checked.options.decisions:
        checked.decisions = decisions(space, run, chances(space, run.order,
                                                          by_kind(space.scenario)))
    per_stage = stage_stops(space, run) if checked.options.funnel else None
    if per_stage is not None:
        checked.funnel = funnel(space, run, per_stage, whole)
    for wanted, slot in slots.items():
        found = Split(wanted, slot, split(space, whole, slot))
        if per_stage is not None:
            found.funnels = {value: funnel(space, run, per_stage, part)
                             for value, part in values_at(space, whole, slot).items()}
        checked.splits.append(found)


# --- JSON -------------------------------------------------------------------------------------
def report_json(name: str, checked: Checked) -> dict:
    report = checked.report
    if report is None:
        return {"file": name, "scenario": None, "ok": False, "states": 0, "longest_path": None,
                "expected_steps": None, "endings": {},
                "problems": [{"kind": kind, "message": message, "trace": []}
                             for kind, message in checked.errors],
                "warnings": []}
    data = {"file": name, **report.to_json(), "ok": checked.code == OK}
    data["problems"] = [_placed(p.to_json(), checked.places.get((p.where, False)))
                        for p in report.problems]
    data["warnings"] = [_placed(w.to_json(), checked.places.get((w.where, w.at_key)))
                        for w in report.warnings]
    scenario = report.space.scenario
    data["splits"] = {s.name: {_value_json(scenario, s.slot, value): group_json(odds)
                               for value, odds in s.groups.items()} for s in checked.splits}
    if checked.funnel is not None:
        data["funnel"] = _stages_json(checked.funnel)
        data["funnel_by"] = {s.name: {_value_json(scenario, s.slot, value): _stages_json(f)
                                      for value, f in s.funnels.items()}
                             for s in checked.splits}
    if checked.decisions is not None:
        data["decisions"] = [d.to_json() for d in checked.decisions]
    return data


def _placed(data: dict, place: str | None) -> dict:
    """A problem's or warning's JSON, with "at": "FILE:LINE:COL" when it is about a place."""
    return data if place is None else {**data, "at": place}


def _stages_json(stages: list[tuple[str, Group]]) -> list[dict]:
    return funnel_json(StageOdds(stage, odds) for stage, odds in stages)


def _value_json(scenario, slot: int, value: int) -> str:
    """A value as a JSON key: "true"/"false" for a flag, the number for a variable."""
    if slot >= len(scenario.variables):
        return "true" if value else "false"
    return str(value)


# --- text -------------------------------------------------------------------------------------
def format_text(name: str, checked: Checked) -> str:
    report = checked.report
    if report is None:
        return "\n".join(message for _, message in checked.errors)
    lines = []
    strict = checked.options.strict and report.warnings
    if report.ok and strict:
        count = len(report.warnings)
        lines.append(f"{name}: every path ends, but {count} warning{'s' if count != 1 else ''}"
                     " that --strict makes errors")
    elif report.ok:
        lines.append(f"{name}: ok, every path ends")
    else:
        count = len(report.problems)
        lines.append(f"{name}: {count} problem{'s' if count != 1 else ''}")
        for problem in report.problems:
            lines += _problem_lines(problem, "  ", checked.at(problem.where))
    lines.append(f"  states explored: {report.states:,}")
    if report.longest_path is not None:
        lines.append(f"  longest path:    {report.longest_path} steps")
        lines.append(f"  expected steps:  {report.expected_steps:.2f}")
        lines.extend(_ending_lines(checked))
        if checked.funnel is not None:
            lines.extend(_funnel_lines(checked))
        if checked.decisions is not None:
            lines.extend(_decision_lines(checked.decisions, report))
        lines.extend(_coverage_lines(report, checked.options.coverage))
    for warning in report.warnings:
        lines += _warning_lines(warning, "error" if strict else "warning", checked)
    return "\n".join(lines)


def _warning_lines(warning: CheckWarning, what: str, checked: Checked) -> list[str]:
    lines = [f"  {what}: {checked.at(warning.where, warning.at_key)}{warning.message}"]
    if warning.trace:
        lines.append("    the journey:")
        lines += [f"      {i}. {step}" for i, step in enumerate(warning.trace, 1)]
    return lines


def _problem_lines(problem: Problem, indent: str, at: str = "") -> list[str]:
    lines = [f"{indent}{at}{problem.message}", f"{indent}  shortest trace from the start:"]
    if not problem.trace:
        lines.append(f"{indent}    (at the start)")
    for i, step in enumerate(problem.trace, 1):
        mark = "  <- the loop starts here" if problem.loop_from == i - 1 else ""
        lines.append(f"{indent}    {i}. {step}{mark}")
    if problem.causes:
        lines.append(f"{indent}  traps it causes (scenes from which every path runs into a "
                     "cycle or stops):")
        for caused in problem.causes:
            lines += _problem_lines(caused, indent + "    ")
    return lines


def _ordered_endings(report: Report) -> list[tuple[str, str]]:
    """(ending id, kind), most likely first."""
    return [(ending_id, kind) for ending_id, (kind, _) in
            sorted(report.endings.items(), key=lambda item: -(item[1][1] or 0))]


def _table(columns: list[str], rows: list[tuple[str, list[float]]]) -> list[str]:
    """Rows of percentages under column headings, labels on the left, four spaces in."""
    widths = [max(len(c), 7) for c in columns]
    label = max(len(r[0]) for r in rows)
    head = " " * label + "".join(f"  {c:>{w}}" for c, w in zip(columns, widths))
    body = [label_text.ljust(label) + "".join(f"  {100 * p:{w - 1}.2f}%"
                                             for p, w in zip(figures, widths))
            for label_text, figures in rows]
    return ["    " + line.rstrip() for line in [head] + body]


def _odds_rows(report: Report, groups: list[Group], first: str) -> list[tuple[str, list[float]]]:
    """A row for `first` (each group's share), then one per ending, then the stuck share."""
    width = max((len(k) for k in report.endings), default=0)
    rows = [(first, [g.share for g in groups])]
    rows += [(f"{ending_id:<{width}}  {kind:<12}", [g.endings[ending_id] for g in groups])
             for ending_id, kind in _ordered_endings(report)]
    if any(g.stuck > 1e-9 for g in groups):
        rows.append(("(no ending: stuck)", [g.stuck for g in groups]))
    return rows


def _ending_lines(checked: Checked) -> list[str]:
    report = checked.report
    if not checked.splits:
        lines = ["  endings, for a player who picks at random among the available choices:"]
        width = max((len(k) for k in report.endings), default=0)
        for ending_id, kind in _ordered_endings(report):
            lines.append(f"    {ending_id:<{width}}  {kind:<12} "
                         f"{100 * checked.whole.endings[ending_id]:6.2f}%")
        stuck = checked.whole.stuck
        if stuck > 1e-9:
            lines.append(f"    {'(no ending: stuck)':<{width + 14}} {100 * stuck:6.2f}%")
        return lines
    scenario, lines = report.space.scenario, []
    for s in checked.splits:
        lines.append(f"  endings for a random player, by {s.name} at the end of the journey:")
        headings, legend = _value_headings(scenario, s.slot, list(s.groups))
        lines += _table(["all"] + headings,
                        _odds_rows(report, [checked.whole] + list(s.groups.values()),
                                   "share of journeys"))
        lines += legend
    return lines


def _value_headings(scenario, slot: int, values: list[int]) -> tuple[list[str], list[str]]:
    """Column headings for the values of a flag or variable: their names when short, else
    the values as JSON writes them, with a legend line per name, so the table fits 80
    columns."""
    names = [scenario.value_text(slot, v) for v in values]
    if all(len(name) <= 12 for name in names):
        return names, []
    headings = [_value_json(scenario, slot, v) for v in values]
    return headings, [f"      {heading}: {name}" for heading, name in zip(headings, names)]


def _funnel_lines(checked: Checked) -> list[str]:
    """The funnel as a table per group of journeys: stages across, endings and kinds down."""
    report, scenario = checked.report, checked.report.space.scenario
    tables = [("  stage funnel for a random player: who reaches each stage, and how their "
               "journeys end:", checked.funnel)]
    for s in checked.splits:
        for value, stages in s.funnels.items():
            share = s.groups[value].share
            tables.append((f"  stage funnel, journeys ending with {s.name} "
                           f"{scenario.value_text(s.slot, value)!r} ({100 * share:.2f}% of "
                           "journeys):", stages))
    lines = []
    for title, stages in tables:
        groups = [odds for _, odds in stages]
        rows = _odds_rows(report, groups, "reach")
        kinds = list(dict.fromkeys(kind for _, kind in _ordered_endings(report)))
        rows += [(f"kind {kind}", [g.kinds[kind] for g in groups]) for kind in kinds]
        lines.append(title)
        lines += _table([stage for stage, _ in stages], rows)
    return lines


TOP_DECISIONS = 10
"""Decisions listed by weight; the first DETAILED of them with their options."""
DETAILED = 5


def _decision_lines(found: list[Decision], report: Report) -> list[str]:
    """The weightiest decisions, the first few with each option's chances, then the cosmetic
    ones (the measure: docs/simulate-and-graph.md)."""
    weighty = [d for d in found if not d.cosmetic][:TOP_DECISIONS]
    if not found:
        return ["  decisions: no scene ever offers a journey more than one open choice"]
    lines = ["  most consequential decisions, for a random player (docs/simulate-and-graph.md):",
             "    spread: how far apart the options' chances of one kind of ending are (the "
             "kind named)",
             "    weight: the spread times how often journeys meet the decision, in points per "
             "journey",
             "    met: how often journeys meet it, as a share of journeys (a loop can bring a "
             "journey back)"]
    width = max((len(d.scene) for d in weighty), default=0)
    for rank, d in enumerate(weighty, 1):
        kind = max(d.spreads, key=lambda k: d.spreads[k])
        lines.append(f"    {rank:>2}. {d.scene:<{width}}  weight {100 * d.weight:5.1f}  met "
                     f"{100 * d.met:5.1f}%  spread {100 * d.spread:5.1f} points ({kind})")
        if rank <= DETAILED:
            lines += _option_lines(d)
    cosmetic = [d for d in found if d.cosmetic]
    if cosmetic:
        lines.append(f"  cosmetic decisions: wherever met, no option moves the chance of any "
                     f"kind of ending by {100 * COSMETIC:.0f} point or more:")
        width = max(len(d.scene) for d in cosmetic)
        lines += [f"    {d.scene:<{width}}  met {100 * d.met:5.1f}%  widest spread "
                  f"{100 * d.widest:.2f} points" for d in cosmetic]
    else:
        lines.append(f"  cosmetic decisions: none (every decision moves the chance of some kind "
                     f"of ending by {100 * COSMETIC:.0f} point or more somewhere)")
    return lines


def _option_lines(decision: Decision) -> list[str]:
    """Each option with its chance of a hopeful kind (asylum) and of the other kind its
    options differ most in."""
    spreads = decision.spreads
    hopeful = [k for k in spreads if not harmful(k)][:1]
    other = max((k for k in spreads if k not in hopeful), key=lambda k: spreads[k], default=None)
    kinds = hopeful + ([other] if other is not None and spreads[other] > 0 else [])
    label_width = 40
    lines = ["          " + " " * label_width + "".join(f"  {k:>12}" for k in kinds)]
    for option in decision.options:
        label = option.label if len(option.label) <= label_width else \
            option.label[:label_width - 1] + "…"
        lines.append(f"          {label:<{label_width}}" +
                     "".join(f"  {100 * option.kinds[k]:11.1f}%" for k in kinds))
    return lines


def _coverage_lines(report: Report, full: bool) -> list[str]:
    """Scenes and choices that random players rarely reach (all of them with `full`), each
    choice under its scene."""
    scenario = report.space.scenario
    def rare(p: float) -> bool:
        return 0 < p < RARE  # never reached is a warning of its own

    shown = []
    for scene_id, p in report.scene_reach.items():
        choices = []
        for index, choice in enumerate(scenario.node(scene_id).choices):
            q = report.choice_reach[(scene_id, index)]
            if full or rare(q):
                label = choice.label if len(choice.label) <= 40 else choice.label[:39] + "…"
                choices.append((q, f"  choice {index + 1}: {label}"))
        if full or rare(p) or choices:
            shown += [(p, f"scene {scene_id}")] + choices
    if full:
        title = "  coverage, the chance that a random player reaches each scene and choice:"
    elif not shown:
        return [f"  coverage: every reachable scene and choice is reached by at least "
                f"{RARE:.0%} of random players"]
    else:
        title = f"  coverage, reached by fewer than {RARE:.0%} of random players:"
    if not report.coverage_exact:
        title += " (upper bounds: expected visits, as the graph is too large for exact counts)"
    width = max(len(what) for _, what in shown)
    return [title] + [f"    {what:<{width}}  {100 * p:7.3f}%" + ("  (never reached)" if not p else "")
                      for p, what in shown]
