#!/usr/bin/env python3
"""journey against inkjs 2.4.0 on the same layered story, in one run on one machine.

Generates the peer's 10 x 20 story (benchmarks/peer/story_spec.py), converts it with
peer_convert.py, installs inkjs 2.4.0 with npm into a temporary folder, plays the ink story with
benchmarks/peer/ink_bench.js, plays the scenario with journey, and prints choices per second for
each and the ratio. journey is measured two ways, both on one core:

- engine: `simulation.play_run`, i.e. `rules.step` once per choice with events and a new
  immutable state each time (what the game does);
- compiled: `simulation.walk` over the reachable-state tables built once by
  `exact.exploration.explore` (what `journey simulate` does); the exploration time is printed too.

It also prints the exact analysis time and asylum probability (expected 0.191910...).
Prints figures only; nothing here asserts a speed.

Usage: python benchmarks/peer_bench.py [--layers 10] [--width 20] [--ink-runs 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from peer_convert import PEER, convert, peer_spec  # noqa: E402

from journey.engine.exact.analysis import analyse  # noqa: E402
from journey.engine.exact.exploration import explore  # noqa: E402
from journey.engine.loader import load_text  # noqa: E402
from journey.engine.simulation import play_run, run_walks, walk, walk_table  # noqa: E402


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}")


def run_inkjs(ink_source: str, runs: int) -> dict | None:
    """inkjs 2.4.0's own figures (one JSON line from ink_bench.js), or None if node/npm fail."""
    if not (shutil.which("node") and shutil.which("npm")):
        print("inkjs: node or npm is not installed; skipped")
        return None
    with tempfile.TemporaryDirectory() as work:
        (Path(work) / "story.ink").write_text(ink_source, encoding="utf-8")
        install = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund",
                                  "inkjs@2.4.0"], cwd=work, capture_output=True, text=True)
        if install.returncode != 0:
            print(f"inkjs: npm install failed: {install.stderr.strip()[:500]}")
            return None
        done = subprocess.run(["node", str(PEER / "ink_bench.js"), "story.ink", str(runs)],
                              cwd=work, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"inkjs: ink_bench.js failed: {done.stderr.strip()[:500]}")
            return None
        return json.loads(done.stdout.strip().splitlines()[-1])


def ink_source(layers: int, width: int, seed: int) -> str:
    import importlib.util

    found = importlib.util.spec_from_file_location("story_spec", PEER / "story_spec.py")
    module = importlib.util.module_from_spec(found)
    found.loader.exec_module(module)
    return module.ink(module.spec(layers, width, seed))


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--layers", type=int, default=10)
    parser.add_argument("--width", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1, help="the story generator's seed")
    parser.add_argument("--ink-runs", type=int, default=20_000)
    parser.add_argument("--engine-runs", type=int, default=20_000)
    parser.add_argument("--compiled-runs", type=int, default=500_000)
    args = parser.parse_args(argv)

    print(f"machine: {machine()}")
    print(f"story: {args.layers} layers x {args.width} scenes, generator seed {args.seed}")
    spec = peer_spec(args.layers, args.width, args.seed)
    scenario, load_time = timed(lambda: load_text(convert(spec), "peer.yaml"))
    report, analysis_time = timed(lambda: analyse(scenario))
    asylum = report.endings["asylum"][1]
    print(f"journey load: {load_time:.3f} s; exact analysis: {analysis_time:.3f} s, "
          f"{report.states:,} states, asylum probability {asylum:.6f}")

    ink = run_inkjs(ink_source(args.layers, args.width, args.seed), args.ink_runs)
    if ink:
        shares = {k: v / ink["runs"] for k, v in sorted(ink["endings"].items())}
        print(f"inkjs 2.4.0: {ink['runs']:,} runs, {ink['steps']:,} choices in "
              f"{ink['seconds']:.2f} s: {ink['steps_per_s']:,.0f} choices/s "
              f"(endings: {', '.join(f'{k} {v:.4f}' for k, v in shares.items())})")

    space, explore_time = timed(lambda: explore(scenario))
    table = walk_table(space, None)

    def engine_play() -> int:
        return sum(sum(1 for _ in play_run(space, None, 0, i)) for i in range(args.engine_runs))

    engine_steps, engine_time = timed(engine_play)
    engine_speed = engine_steps / engine_time
    print(f"journey engine (rules.step, one core): {args.engine_runs:,} runs, "
          f"{engine_steps:,} choices in {engine_time:.2f} s: {engine_speed:,.0f} choices/s")

    (counts, steps), walk_time = timed(lambda: walk(table, 0, 0, args.compiled_runs))
    compiled_speed = steps / walk_time
    with_explore = steps / (walk_time + explore_time)
    asylum_share = counts[[e.id for e in scenario.endings].index("asylum")] / args.compiled_runs
    print(f"journey compiled (walk over explored tables, one core): {args.compiled_runs:,} runs, "
          f"{steps:,} choices in {walk_time:.2f} s: {compiled_speed:,.0f} choices/s; "
          f"exploring {len(space):,} states first took {explore_time:.3f} s "
          f"({with_explore:,.0f} choices/s counting it); asylum share {asylum_share:.4f}")

    cores = os.cpu_count() or 1
    if cores > 1:
        (_, all_steps), all_time = timed(lambda: run_walks(table, 0, args.compiled_runs, cores))
        print(f"journey compiled, {cores} processes: {all_steps / all_time:,.0f} choices/s")

    if ink:
        peer = ink["steps_per_s"]
        print(f"ratio journey/inkjs, one core: compiled {compiled_speed / peer:.1f}x "
              f"(counting exploration {with_explore / peer:.1f}x), "
              f"rules.step {engine_speed / peer:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
