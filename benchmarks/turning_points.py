#!/usr/bin/env python3
"""The debrief's turning points on the long road (or any scenario): what they cost, cold and
warm, and what they add to the odds cache.

- cold: working the odds out (`odds_cache.work_out`: explore, the forward pass, the stage
  funnels, and now the backward pass and the chance table), done in the background while a
  journey is played (`odds_worker`); and the same without the chance table, for comparison;
- the cache entry: its size in bytes, and the chance table's share of it;
- warm: reading the entry back (also in the background, at the start of a journey);
- after the last choice: the whole debrief (`debrief.sections`, every section) and the turning
  points alone, for journeys played at random to their ends (what the front end computes
  between the last key press and drawing the debrief).

Wall seconds (time.perf_counter) and CPU seconds (time.process_time), best, median and worst.
Prints figures only; nothing here asserts a speed.

Usage: python benchmarks/turning_points.py [SCENARIO] [--journeys N] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def timed(runs: int, work: Callable[[], T]) -> tuple[list[float], list[float], T]:
    wall, cpu = [], []
    result: T
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = work()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu, result


def figures(name: str, wall: list[float], cpu: list[float]) -> str:
    return (f"  {name:<44} wall {min(wall):7.4f} / {statistics.median(wall):7.4f} / "
            f"{max(wall):7.4f} s   cpu {min(cpu):7.4f} / {statistics.median(cpu):7.4f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default="long_road")
    parser.add_argument("--journeys", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="journey-bench-")

    from journey.engine import catalog, rules
    from journey.engine.exact import odds as exact_odds
    from journey.engine.loader import load_scenario
    from journey.frontend import debrief, odds_cache
    from journey.frontend.playthrough import Playthrough

    scenario = load_scenario(catalog.resolve(args.scenario))
    print(f"scenario {args.scenario}; Python {sys.version.split()[0]}; {os.cpu_count()} cores; "
          "best / median / worst")
    print("cold, in the background while she plays:")
    wall, cpu, odds = timed(args.runs, lambda: odds_cache.work_out(scenario))
    print(figures("odds with the chance table (work_out)", wall, cpu))
    kept = exact_odds.chances, exact_odds.table
    exact_odds.chances = exact_odds.table = lambda *_: None
    try:
        wall, cpu, bare = timed(args.runs, lambda: odds_cache.work_out(scenario))
    finally:
        exact_odds.chances, exact_odds.table = kept
    print(figures("odds without it (the backward pass skipped)", wall, cpu))
    assert odds.summary is not None and odds.summary.chances is not None
    odds_cache.write(scenario, odds)
    size = odds_cache.cache_file(scenario).stat().st_size
    chances = len(json.dumps(odds.summary.chances.to_json()))
    odds_cache.write(scenario, bare)
    before = odds_cache.cache_file(scenario).stat().st_size
    odds_cache.write(scenario, odds)
    print(f"  cache entry {size:,} bytes (without the chance table {before:,}); the table "
          f"{chances:,} bytes for {len(odds.summary.chances.codes):,} states with a choice")
    print("warm, at the start of a journey (in the background too):")
    wall, cpu, read = timed(args.runs * 4, lambda: odds_cache.read(scenario))
    print(figures("read the cache entry", wall, cpu))
    assert read is not None and read.summary == odds.summary
    ended = []
    for seed in range(args.journeys):
        rng, journey = random.Random(seed), Playthrough(scenario, seed)
        while not journey.over:
            journey.take(rng.choice(rules.available(scenario, journey.state.node,
                                                     journey.state.values)))
        ended.append(journey)
    steps = [len(journey.steps) for journey in ended]
    print(f"after the last choice ({len(ended)} journeys played at random, "
          f"{min(steps)}-{max(steps)} steps, median {statistics.median(steps)}); each timed once:")
    for name, work in (("the whole debrief (debrief.sections)",
                        lambda j: debrief.sections(j, read)),
                       ("the turning points alone", lambda j: debrief.turning_section(j, read))):
        wall, cpu = [], []
        for journey in ended:
            w, c, _ = timed(1, lambda: work(journey))
            wall += w
            cpu += c
        print(figures(name, wall, cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main())
