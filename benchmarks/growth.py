#!/usr/bin/env python3
"""How `journey check` grows with the number of reachable states: time and peak memory.

For each size, a generated scenario (benchmarks/generated.py) with at least that many reachable
states is written to a temporary file and checked by `python -m journey check --json` in its
own process; the wall time and that process's peak resident memory (from os.wait4) are printed.
Prints figures only; nothing here asserts a speed. Goal: 10^6 states in under 5 s and 1 GiB.

Usage: python benchmarks/growth.py [SIZE ...]     (default 1000 10000 100000 1000000)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated import layered_scenario, layers_for  # noqa: E402
from peer_bench import machine  # noqa: E402

SIZES = (1_000, 10_000, 100_000, 1_000_000)


def check(path: str) -> tuple[dict, float, int]:
    """(the JSON report, wall seconds, peak RSS in bytes) of `journey check` on one file."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "journey", "check", "--json", path],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = process.stdout.read()
    process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"journey check failed with exit code {process.returncode}")
    return json.loads(out), seconds, usage.ru_maxrss * 1024  # ru_maxrss is in KiB on Linux


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or list(SIZES)
    print(f"machine: {machine()}")
    print(f"{'target':>10} {'scenes':>7} {'states':>10} {'file':>8} {'seconds':>8} "
          f"{'peak MiB':>9} {'us/state':>9}")
    for size in sizes:
        layers = layers_for(size)
        with tempfile.TemporaryDirectory() as work:
            path = os.path.join(work, "generated.yaml")
            Path(path).write_text(layered_scenario(layers), encoding="utf-8")
            report, seconds, peak = check(path)
            file_kib = os.path.getsize(path) / 1024
        states = report["states"]
        print(f"{size:>10,} {layers:>7,} {states:>10,} {file_kib:>6.0f}Ki {seconds:>8.2f} "
              f"{peak / 2**20:>9.0f} {1e6 * seconds / states:>9.2f}"
              + ("" if report["ok"] else "  (check reported problems)"), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
