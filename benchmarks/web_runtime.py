"""The JavaScript runtime's sizes and speed: what a page that plays a scenario must carry, and
how fast node plays it beside the Python engine.

  sizes   the scenario's data (journey.frontend.scenario_data, compact JSON in UTF-8) and
          runtime.js, each raw and gzipped (level 9), and the two together
  speed   JOURNEYS journeys played to their endings in node (one process, after one warm-up
          pass), choosing by a fixed rule from the open choices, in steps per second; the same
          journeys with rules.step in Python, for comparison

It prints figures and asserts nothing (the goal for a whole exported page is under 1 MB).

    .venv/bin/python benchmarks/web_runtime.py [--journeys N] [SCENARIO]
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from journey.engine import catalog, rules
from journey.engine.loader import load_scenario
from journey.engine.model import Scenario
from journey.frontend.scenario_data import scenario_data
from journey.web import RUNTIME

# The same rule in both languages: at step s of journey j, open choice (j * 7 + s * 3) mod n.
NODE_PLAYER = r"""
const [runtimePath, dataPath, journeys] = process.argv.slice(1);
const runtime = require(runtimePath);
const text = require("fs").readFileSync(dataPath, "utf8");
let started = process.hrtime.bigint();
const game = runtime.load(JSON.parse(text));
const loading = Number(process.hrtime.bigint() - started) / 1e9;
function play(count) {
  let steps = 0;
  for (let j = 0; j < count; j++) {
    let state = game.newGame(j);
    for (let s = 0; !game.isOver(state); s++, steps++) {
      const open = game.available(state);
      state = game.step(state, open[(j * 7 + s * 3) % open.length]).state;
    }
  }
  return steps;
}
play(Math.min(100, Number(journeys)));  // warm-up: let the JIT compile the runtime
started = process.hrtime.bigint();
const steps = play(Number(journeys));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({loading, steps, seconds}));
"""


def kib(size: int) -> str:
    return f"{size:>9,} bytes ({size / 1024:,.1f} KiB)"


def python_steps(scenario: Scenario, journeys: int) -> tuple[int, float]:
    started, steps = time.perf_counter(), 0
    for j in range(journeys):
        state, s = rules.new_game(scenario, j), 0
        while not rules.is_over(scenario, state):
            open_choices = rules.available(scenario, state.node, state.values)
            state, _ = rules.step(scenario, state, open_choices[(j * 7 + s * 3)
                                                                % len(open_choices)])
            s += 1
        steps += s
    return steps, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=catalog.DEFAULT_SCENARIO)
    parser.add_argument("--journeys", type=int, default=20_000)
    args = parser.parse_args()
    node = shutil.which("node")
    if node is None:
        sys.exit("this benchmark needs node: apt-get install nodejs")
    scenario = load_scenario(catalog.resolve(args.scenario))
    data = json.dumps(scenario_data(scenario), separators=(",", ":"),
                      ensure_ascii=False).encode()
    runtime = RUNTIME.read_bytes()
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{args.scenario}: {len(scenario.nodes)} nodes, {len(scenario.choices())} choices; "
          f"node {version}, Python {sys.version.split()[0]}")
    print(f"  scenario data  raw {kib(len(data))}   gzip {kib(len(gzip.compress(data, 9)))}")
    print(f"  runtime.js     raw {kib(len(runtime))}   gzip {kib(len(gzip.compress(runtime, 9)))}")
    both = data + runtime
    print(f"  together       raw {kib(len(both))}   gzip {kib(len(gzip.compress(both, 9)))}")
    with tempfile.TemporaryDirectory() as folder:
        data_path = Path(folder) / "data.json"
        data_path.write_bytes(data)
        result = subprocess.run([node, "-e", NODE_PLAYER, str(RUNTIME), str(data_path),
                                 str(args.journeys)], capture_output=True, text=True, check=True)
    found = json.loads(result.stdout)
    print(f"  node: loading the data {found['loading'] * 1000:.1f} ms; {args.journeys:,} "
          f"journeys, {found['steps']:,} steps in {found['seconds']:.2f} s: "
          f"{found['steps'] / found['seconds']:,.0f} steps/s")
    steps, seconds = python_steps(scenario, args.journeys)
    print(f"  Python rules.step: the same journeys, {steps:,} steps in {seconds:.2f} s: "
          f"{steps / seconds:,.0f} steps/s")


if __name__ == "__main__":
    main()
