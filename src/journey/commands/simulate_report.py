"""What `journey simulate` prints: the table of endings, its JSON form, the progress bar, and a
replayed run."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from journey.engine.rules import Arrived, RiskResolved, ValueChanged
from journey.engine.exact.odds import Journeys
from journey.engine.model import Scenario
from journey.engine.simulation import RUN_STRIDE, play_run, run_seed, wilson

CONFIDENCE = 0.95


def _percent(p: float | None) -> str:
    if p is None:
        return "-"
    if 0 < p < 0.00005:  # would print as 0.00%, which reads as never
        return "< 0.01%"
    if 0.99995 < p < 1:  # would print as 100.00%, which reads as always
        return "> 99.99%"
    return f"{100 * p:.2f}%"


@dataclass
class Result:
    args: object
    scenario: Scenario
    counts: list[int]
    choices: int
    exact: Journeys
    """The journeys of the policy simulated, exactly."""
    random_player: Journeys
    """A random player's, as `journey check` gives them."""

    def rows(self) -> list[dict]:
        runs = self.args.runs
        rows = []
        for k, ending in enumerate(self.scenario.endings):
            count = self.counts[k]
            exact = self.exact.odds.endings[ending.id]
            random_player = self.random_player.odds.endings[ending.id]
            low, high = wilson(count, runs, CONFIDENCE)
            rows.append({"ending": ending.id, "kind": ending.kind, "journeys": count,
                         "share": count / runs, "interval": [low, high], "exact": exact,
                         "random_player": random_player})
        return rows

    def to_json(self) -> dict:
        return {
            "scenario": self.scenario.id, "file": self.args.scenario,
            "policy": self.args.policy, "seed": self.args.seed, "runs": self.args.runs,
            "run_seed": f"seed * {RUN_STRIDE} + run", "choices": self.choices,
            "choices_per_journey": self.choices / self.args.runs,
            "exact_choices_per_journey": self.exact.expected_steps,
            "confidence": CONFIDENCE,
            "endings": {row.pop("ending"): row for row in self.rows()},
        }

    def text(self) -> str:
        args = self.args
        rows = sorted(self.rows(), key=lambda r: (-(r["exact"] or 0), -r["journeys"]))
        other = args.policy != "random"
        lines = [f"{args.scenario}: {args.runs:,} journeys, policy '{args.policy}', "
                 f"seed {args.seed}"]
        per_journey = f"{self.choices / args.runs:.2f} (exact {self.exact.expected_steps:.2f})"
        lines.append(f"  choices per journey: {per_journey}")
        header = ["ending", "kind", "journeys", "share", "95% interval", "exact"]
        if other:
            header[-1] = "exact, this policy"
            header.append("random player")
        table = [header]
        for r in rows:
            low, high = r["interval"]
            line = [r["ending"], r["kind"], f"{r['journeys']:,}", _percent(r["share"]),
                    f"{_percent(low)} - {_percent(high)}", _percent(r["exact"])]
            if other:
                line.append(_percent(r["random_player"]))
            table.append(line)
        widths = [max(len(row[i]) for row in table) for i in range(len(header))]
        for row in table:
            cells = [cell.ljust(w) if i < 2 else cell.rjust(w)
                     for i, (cell, w) in enumerate(zip(row, widths))]
            lines.append("  " + "  ".join(cells).rstrip())
        count = len(rows)
        if count > 1:
            lines.append(f"  each 95% interval is for one ending alone: with {count} endings, at "
                         "least one interval misses")
            lines.append(f"  its exact value in up to {100 * (1 - CONFIDENCE ** count):.0f}% "
                         "of simulations")
        lines.append(f"  replay run I step by step: journey simulate {args.scenario} "
                     f"--seed {args.seed} --policy {args.policy} --replay I")
        return "\n".join(lines)


def replay_text(space, chosen, args) -> str:
    """Run `args.replay` played again by the engine itself, step by step."""
    scenario = space.scenario
    nodes = scenario.nodes
    lines = [f"run {args.replay} of seed {args.seed} (game seed "
             f"{run_seed(args.seed, args.replay)}), policy '{args.policy}':"]
    state = None
    for n, (before, choice, state, events) in enumerate(
            play_run(space, chosen, args.seed, args.replay), 1):
        scene = nodes[before.node]
        lines.append(f"  {n}. {scene.id}: {scene.choices[choice].label}")
        for event in events:
            if isinstance(event, RiskResolved):
                chance = _percent(event.probability)
                lines.append(f"     {event.text or 'outcome'} (chance {chance})")
            elif isinstance(event, ValueChanged):
                lines.append(f"     {event.label}: {event.before} -> {event.after}")
            elif isinstance(event, Arrived) and not event.is_ending:
                lines.append(f"     -> {event.node_id}")
    if state is not None and nodes[state.node].is_ending:
        ending = nodes[state.node]
        lines.append(f"  ending: {ending.id} ({ending.kind}): {ending.title}")
    return "\n".join(lines)


class ProgressBar:
    """A one-line bar on stderr, redrawn in place; used only when stderr is a terminal."""

    WIDTH = 30

    def __init__(self, total: int):
        self.total = total
        self.update(0)

    def update(self, done: int) -> None:
        filled = self.WIDTH * done // self.total
        sys.stderr.write(f"\r  [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
                         f"{done:,}/{self.total:,} journeys")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\r" + " " * (self.WIDTH + 40) + "\r")
        sys.stderr.flush()
