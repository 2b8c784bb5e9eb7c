"""Run the analysis on one file and render its report as text for people."""

from __future__ import annotations

from journey.commands.exit_codes import FAILED, OK, USAGE
from journey.engine.analysis import Report, StateLimitExceeded, analyse
from journey.engine.diagnostics import ScenarioError
from journey.engine.loader import load_scenario

RARE = 0.01  # coverage below this share of random players is listed


def check_file(name: str, max_states: int) -> tuple[int, Report | None, list[tuple[str, str]]]:
    """Return (exit code, report or None, [(kind, message)] for problems before analysis)."""
    try:
        scenario = load_scenario(name)
    except ScenarioError as failure:
        return FAILED, None, [("load_error", str(d)) for d in failure.diagnostics]
    except OSError as error:
        return USAGE, None, [("unreadable", f"{name}: cannot read: {error.strerror or error}")]
    try:
        report = analyse(scenario, max_states)
    except StateLimitExceeded as error:
        return FAILED, None, [("state_limit", f"{name}: {error}")]
    return (OK if report.ok else FAILED), report, []


def format_text(name: str, report: Report | None, errors: list[tuple[str, str]],
                full_coverage: bool = False) -> str:
    if report is None:
        return "\n".join(message for _, message in errors)
    lines = []
    if report.ok:
        lines.append(f"{name}: ok, every path ends")
    else:
        count = len(report.problems)
        lines.append(f"{name}: {count} problem{'s' if count != 1 else ''}")
        for problem in report.problems:
            lines.append(f"  {problem.message}")
            lines.append("    shortest trace from the start:")
            if not problem.trace:
                lines.append("      (at the start)")
            for i, step in enumerate(problem.trace, 1):
                mark = "  <- the loop starts here" if problem.loop_from == i - 1 else ""
                lines.append(f"      {i}. {step}{mark}")
    lines.append(f"  states explored: {report.states:,}")
    if report.longest_path is not None:
        lines.append(f"  longest path:    {report.longest_path} steps")
        lines.append(f"  expected steps:  {report.expected_steps:.2f}")
        lines.append("  endings, for a player who picks at random among the available choices:")
        width = max((len(k) for k in report.endings), default=0)
        for ending_id, (kind, probability) in sorted(report.endings.items(),
                                                     key=lambda item: -(item[1][1] or 0)):
            lines.append(f"    {ending_id:<{width}}  {kind:<12} {100 * probability:6.2f}%")
        stuck = 1 - sum(p for _, p in report.endings.values())
        if stuck > 1e-9:
            lines.append(f"    {'(no ending: stuck)':<{width + 14}} {100 * stuck:6.2f}%")
        lines.extend(_coverage_lines(report, full_coverage))
    for warning in report.warnings:
        lines.append(f"  warning: {warning}")
    return "\n".join(lines)


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
