#!/usr/bin/env python3
"""What proving continuity costs `journey check`: the expectations and the warnings about text
that does not follow the journey (engine/exact/continuity.py), on the long road.

The long road has no `expect:` yet, so this writes a copy (`--write FILE`) with an expectation
on every scene and ending and a conditional part in every scene's text (far more than a real
scenario states: an upper bound). Then it times `analyse` on that copy with the continuity pass
and with it left out, in one process (best and median CPU seconds over N runs), and prints the
commands that time both as whole processes, for an outside timer's ratio:

    python benchmarks/continuity.py --check FILE            # journey check FILE
    python benchmarks/continuity.py --check FILE --without  # the same, the pass left out

Prints figures only; nothing here asserts a speed.

Usage: python benchmarks/continuity.py [--runs N] [--write FILE]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from journey.engine import catalog
from journey.engine.exact import analysis
from journey.engine.exact.continuity import Continuity
from journey.engine.loader import load_scenario


def with_expectations(source: Path) -> str:
    """The scenario at `source` with an expectation on every scene and ending (one that holds:
    a variable within its range) and a conditional part in every scene's text."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    variables, flags = list(data.get("variables", {})), list(data.get("flags", {}))
    for i, node in enumerate([*data["scenes"].values(), *data["endings"].values()]):
        name = variables[i % len(variables)]
        low = data["variables"][name]["min"]
        node["expect"] = [{"if": f"{name} >= {low}", "because": "it is within its range"}]
        if "choices" in node:
            flag = flags[i % len(flags)]
            node["text"] = [node["text"], {"if": flag, "text": f"Shown when {flag}: ${{{name}}}."}]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def without_the_pass() -> None:
    """Leave the continuity pass out of `analyse`, as the check was before it."""
    analysis.continuity = lambda space, reach: Continuity([], [])  # type: ignore[assignment]


def timed(runs: int, work) -> tuple[float, float]:
    seconds = []
    for _ in range(runs):
        start = time.process_time()
        work()
        seconds.append(time.process_time() - start)
    return min(seconds), statistics.median(seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--write", metavar="FILE", help="where to write the copy")
    parser.add_argument("--check", metavar="FILE", help="run journey check FILE and exit")
    parser.add_argument("--without", action="store_true", help="with --check: leave the pass out")
    args = parser.parse_args()
    if args.check:
        from journey.cli import main as journey

        if args.without:
            without_the_pass()
        return journey(["check", args.check])
    road = catalog.resolve("long_road")
    target = Path(args.write or tempfile.mkdtemp(prefix="continuity-")) / "long_road_expect.yaml" \
        if not args.write else Path(args.write)
    target.write_text(with_expectations(road), encoding="utf-8")
    expecting, shipped = load_scenario(target), load_scenario(road)
    report = analysis.analyse(expecting)
    expectations = sum(len(node.expect) for node in expecting.nodes)
    print(f"long road: {report.states:,} states; the copy states {expectations} expectations "
          f"({len(report.problems)} fail) and gets {len(report.warnings)} warnings; "
          f"{args.runs} runs, CPU seconds, best and median")
    rows = [("long road as shipped", shipped, False), ("copy, with the pass", expecting, False),
            ("copy, without the pass", expecting, True)]
    for name, scenario, leave_out in rows:
        kept = analysis.continuity
        if leave_out:
            without_the_pass()
        best, median = timed(args.runs, lambda: analysis.analyse(scenario))
        analysis.continuity = kept
        print(f"  analyse, {name:<24} best {best:6.3f} s  median {median:6.3f} s")
    here = Path(__file__).relative_to(Path.cwd()) if Path(__file__).is_relative_to(Path.cwd()) \
        else Path(__file__)
    print("whole processes, to time side by side:")
    print(f"  A: {sys.executable} {here} --check {target}")
    print(f"  B: {sys.executable} {here} --check {target} --without")
    return 0


if __name__ == "__main__":
    sys.exit(main())
