#!/usr/bin/env python3
"""Where the time of `journey check` goes, phase by phase, in one process.

Loads a scenario once, then times each phase of the exact analysis, and the era split, stage
funnel and odds summary that `--split`, `--funnel` and the debrief ask for: best and median
CPU seconds (time.process_time, less moved by other work on a shared machine than the wall
clock) over N runs. Prints figures only; nothing here asserts a speed.

Usage: python benchmarks/check_phases.py [SCENARIO] [--runs N] [--eras NAME]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time

from journey.engine import catalog
from journey.engine.exact.analysis import analyse
from journey.engine.exact.coverage import reach_probabilities
from journey.engine.exact.exploration import explore
from journey.engine.exact.odds import journeys, split, stage_stops, summarise
from journey.engine.exact.order import partial_order
from journey.engine.loader import load_scenario
from journey.engine.model import Eras


def timed(runs: int, work) -> tuple[float, float, object]:
    seconds, result = [], None
    for _ in range(runs):
        start = time.process_time()
        result = work()
        seconds.append(time.process_time() - start)
    return min(seconds), statistics.median(seconds), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=catalog.DEFAULT_SCENARIO)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--eras", metavar="NAME", help="divide journeys into eras by NAME")
    args = parser.parse_args()
    scenario = load_scenario(catalog.resolve(args.scenario))
    if args.eras:
        scenario = dataclasses.replace(scenario, eras=Eras(args.eras))
    print(f"scenario {args.scenario}, {args.runs} runs, Python {sys.version.split()[0]}; "
          "CPU seconds, best and median")
    _, _, space = timed(1, lambda: explore(scenario))
    _, _, order = timed(1, lambda: partial_order(space))
    run = journeys(space, order, longest=True)
    slot = scenario.slot(scenario.eras.by) if scenario.eras else 0
    phases = [
        ("explore", lambda: explore(scenario)),
        ("order", lambda: partial_order(space)),
        ("forward pass", lambda: journeys(space, order, longest=True)),
        ("coverage", lambda: reach_probabilities(space, run)),
        ("whole analysis", lambda: analyse(scenario)),
        ("split by one slot", lambda: split(space, run.whole, slot)),
        ("stage funnel", lambda: stage_stops(space, run)),
        ("odds summary", lambda: summarise(scenario)),
    ]
    print(f"  {len(space):,} states, {len(space.target):,} transitions")
    for name, work in phases:
        best, median, _ = timed(args.runs, work)
        print(f"  {name:<18} best {best:6.3f} s  median {median:6.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
