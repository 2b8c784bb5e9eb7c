#!/usr/bin/env python3
"""How long a large scenario takes to load and validate: a generated 1,000-scene file.

Times `loader.load_scenario` (read, safe YAML parse with positions, shape validation, cross-field
rules, compilation of every expression) several times in this process and prints the best and
the median. Prints figures only; nothing here asserts a speed. Goal: under 1 s. 1,000 scenes
(about 87,000 values) is near the most a file may write (engine/limits.py: MAX_VALUES).

Usage: python benchmarks/loading.py [SCENES] [REPEATS]     (default 1000 5)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated import layered_scenario  # noqa: E402
from peer_bench import machine  # noqa: E402

from journey.engine.loader import load_scenario  # noqa: E402


def main(argv: list[str]) -> int:
    scenes = int(argv[0]) if argv else 1_000
    repeats = int(argv[1]) if len(argv) > 1 else 5
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "generated.yaml")
        text = layered_scenario(scenes)
        Path(path).write_text(text, encoding="utf-8")
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            scenario = load_scenario(path)
            times.append(time.perf_counter() - start)
    choices = sum(len(s.choices) for s in scenario.scenes)
    print(f"{len(scenario.scenes):,} scenes, {choices:,} choices, {len(text.splitlines()):,} "
          f"lines, {len(text.encode()) / 2**20:.1f} MiB")
    print(f"load and validate: best {min(times):.3f} s, median {statistics.median(times):.3f} s "
          f"over {repeats} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
