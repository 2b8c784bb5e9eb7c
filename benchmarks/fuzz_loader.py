#!/usr/bin/env python3
"""A long fuzz run of the loader and the analysis: inputs tried, failures, slowest and largest.

Input i is `fuzz_input` (tests/engine/fuzz_inputs.py) drawn from `random.Random(i)`, so any
input named here can be made again with `--show I`. Each input is loaded from its bytes and,
if it loads, analysed with a small state limit; a failure is anything but a refusal with
located, printable problems (see `exercise`). Worker processes run the inputs and measure each
load and analysis (not the making of the input): its CPU time, and its peak resident memory above what the
worker held before (Linux's VmHWM, reset before each input); the inputs that took longest, and
those that took the most memory, are then run again through `journey check` in a process
of their own, for their wall time and that process's peak resident memory (os.wait4), beside
the same figures for the bundled tutorial (what starting Python and journey costs). Prints
figures only; nothing here asserts a speed. Goal: every input under 2 s and 200 MB.

Usage: python benchmarks/fuzz_loader.py [--inputs N] [--start S] [--jobs J] [--max-states M]
       python benchmarks/fuzz_loader.py --show I > input.yaml     (write input I to stdout)
       python benchmarks/fuzz_loader.py --again I [I ...]         (only the journey check runs)
"""

from __future__ import annotations

import argparse
import heapq
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from peer_bench import machine  # noqa: E402

from journey.engine import catalog  # noqa: E402

from tests.engine.fuzz_inputs import exercise, fuzz_input  # noqa: E402

KEEP = 5  # inputs re-run in their own process, by time and by memory growth
REPEATS = 3
CHUNK = 500


def make(index: int) -> tuple[str, bytes]:
    return fuzz_input(random.Random(index).randrange)


def _memory_kib() -> tuple[int, int]:
    """(resident memory now, its peak since the last `_new_peak`) of this process, in KiB."""
    found = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0])
    return found["VmRSS"], found["VmHWM"]


def _new_peak() -> None:
    """Start measuring a new peak of resident memory (Linux: writing 5 resets VmHWM)."""
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")


def run_chunk(start: int, stop: int, max_states: int) -> dict:
    """Run inputs [start, stop) in this worker; return counts, failures and the extremes: the
    slowest inputs, and those that took the most memory beyond what the worker held before."""
    outcomes: Counter = Counter()
    failures, slowest, growth = [], [], []
    largest_peak = 0
    for index in range(start, stop):
        kind, data = make(index)
        outcomes[kind] += 1
        _new_peak()
        before, _ = _memory_kib()
        began = time.process_time()  # CPU time: the machine may be shared, so not wall time
        try:
            outcomes[exercise(data, max_states)] += 1
        except Exception as error:  # noqa: BLE001 - every other exception is what we look for
            frame = traceback.extract_tb(error.__traceback__)[-1]
            where = f"{Path(frame.filename).name}:{frame.lineno}"
            found = (index, kind, type(error).__name__, str(error)[:160], where)
            failures.append(found)
        seconds = time.process_time() - began
        _, peak = _memory_kib()
        largest_peak = max(largest_peak, peak)
        heapq.heappush(slowest, (seconds, index, kind, len(data)))
        heapq.heappush(growth, (peak - before, index, kind, len(data)))
        if len(slowest) > KEEP:
            heapq.heappop(slowest)
        if len(growth) > KEEP:
            heapq.heappop(growth)
    return {"outcomes": outcomes, "failures": failures, "slowest": slowest, "growth": growth, "peak_kib": largest_peak}


# A process's peak memory (ru_maxrss) includes what its parent held when it forked, so the check
# runs under this small go-between, which forks it and reports its figures.
_MEASURE = """
import os, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
error = process.stderr.read()
_, status, usage = os.wait4(process.pid, 0)
sys.stderr.buffer.write(error)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def journey_check(path: str, max_states: int) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in bytes, exit code) of `journey check` on `path`, best of
    REPEATS runs (the machine is shared, so single runs are noisy)."""
    runs = []
    for _ in range(REPEATS):
        result = subprocess.run(
            [sys.executable, "-c", _MEASURE, sys.executable, "-m", "journey", "check",
             "--max-states", str(max_states), path], capture_output=True, text=True)
        seconds, peak_kib, code = result.stdout.split()
        runs.append((float(seconds), int(peak_kib) * 1024, int(code)))
        if runs[-1][2] not in (0, 1) or result.stderr:
            print(f"  {path}: journey check exited {code}: {result.stderr[-300:]}")
    return min(runs)


def check_input(index: int, max_states: int) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, f"input_{index}.yaml")
        Path(path).write_bytes(make(index)[1])
        return journey_check(path, max_states)


def print_checks(picked: dict[int, str], max_states: int) -> None:
    """Run each picked input (-> why it was picked: its worker CPU time, or "(memory)") through
    `journey check` in a process of its own and print the figures."""
    print(f"\njourney check in a process of its own, best of {REPEATS} runs:")
    wall, peak, _ = journey_check(str(catalog.bundled()["tutorial"]), max_states)
    print(f"  the bundled tutorial, for comparison: {wall:.2f} s, {peak / 2**20:.0f} MiB")
    print(f"{'input':>8} {'kind':>5} {'bytes':>11} {'worker cpu s':>13} {'check s':>8} "
          f"{'peak MiB':>9} {'exit':>5}")
    for index, why in picked.items():
        kind, data = make(index)
        wall, peak, code = check_input(index, max_states)
        print(f"{index:>8} {kind:>5} {len(data):>11,} {why:>13} {wall:>8.2f} "
              f"{peak / 2**20:>9.0f} {code:>5}", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--max-states", type=int, default=2_000)
    parser.add_argument("--show", type=int, metavar="I", help="write input I to stdout and stop")
    parser.add_argument("--again", type=int, nargs="+", metavar="I",
                        help="only run inputs I ... through journey check and print the figures")
    args = parser.parse_args(argv)
    if args.show is not None:
        sys.stdout.buffer.write(make(args.show)[1])
        return 0
    if args.again:
        print_checks(dict.fromkeys(args.again, "-"), args.max_states)
        return 0
    print(f"machine: {machine()}; {args.jobs} worker(s); inputs {args.start:,} to "
          f"{args.start + args.inputs - 1:,}; analysis up to {args.max_states:,} states")
    stop = args.start + args.inputs
    chunks = [(a, min(a + CHUNK, stop)) for a in range(args.start, stop, CHUNK)]
    outcomes: Counter = Counter()
    failures, slowest, growth, peaks = [], [], [], []
    began = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(run_chunk, a, b, args.max_states) for a, b in chunks]
        for done, future in enumerate(futures, 1):
            result = future.result()
            outcomes.update(result["outcomes"])
            failures += result["failures"]
            slowest += result["slowest"]
            growth += result["growth"]
            peaks.append(result["peak_kib"])
            if done % 20 == 0 or done == len(futures):
                print(f"  {min(done * CHUNK, args.inputs):,} inputs, {len(failures)} failures, "
                      f"{time.perf_counter() - began:.0f} s", flush=True)
    tried = sum(outcomes[kind] for kind in ("bytes", "text", "tree"))
    print(f"inputs tried: {tried:,} (random bytes {outcomes['bytes']:,}, edited text "
          f"{outcomes['text']:,}, mutated trees {outcomes['tree']:,}) in "
          f"{time.perf_counter() - began:.0f} s")
    print(f"refused with located problems: {outcomes['refused']:,}; loaded and analysed: "
          f"{outcomes['analysed']:,}; loaded, past the state limit: {outcomes['state limit']:,}")
    print(f"failures: {len(failures)}")
    for found in failures[:20]:
        print("  input {}, {}: {}: {} (at {})".format(*found))
    print(f"largest resident memory of a worker while it loaded and analysed an input: "
          f"{max(peaks) / 1024:.0f} MiB")
    most = max(growth)
    print(f"most memory one input added to its worker: {most[0] / 1024:.1f} MiB (input {most[1]})")
    picked = {index: f"{seconds:.3f}" for seconds, index, _, _ in heapq.nlargest(KEEP, slowest)}
    for grew, index, _, _ in heapq.nlargest(KEEP, growth):
        if grew > 0:
            picked.setdefault(index, "(memory)")
    print_checks(picked, args.max_states)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
