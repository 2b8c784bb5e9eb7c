"""Plain play over long journeys: `journey play FILE --plain` fed N answers through a pipe, on a
scenario whose first scene can be chosen again and again (the tests' loop.yaml), so a journey
is as long as asked.

Each step is saved before it is shown (a line added to the save, flushed to disk), so steps per
second should not fall as the journey grows. Each run gets a fresh data folder; a run of 0
steps measures start-up and is taken off the others. It prints figures and asserts nothing.

    .venv/bin/python benchmarks/plain_steps.py [STEPS ...]     (default: 1000 4000)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOOP = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "loop.yaml"


def seconds(folder: Path, steps: int) -> float:
    """Wall time of one plain game of `steps` steps, in a data folder of its own."""
    data = folder / f"data-{steps}"
    env = {**os.environ, "XDG_DATA_HOME": str(data), "XDG_CACHE_HOME": str(folder / "cache")}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "journey", "play", str(folder / "loop.yaml"),
                           "--plain", "--seed", "1"], input="1\n" * steps, env=env,
                          capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - start
    assert f"saved after {steps} step" in done.stdout.replace("\n", " "), done.stdout[-500:]
    return elapsed


def main() -> None:
    counts = [int(n) for n in sys.argv[1:]] or [1000, 4000]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        shutil.copy(LOOP, folder / "loop.yaml")
        start_up = seconds(folder, 0)
        print(f"start-up (0 steps): {start_up:.2f} s")
        for steps in counts:
            total = seconds(folder, steps)
            print(f"{steps:>6,} steps: {total:6.2f} s in all, "
                  f"{steps / (total - start_up):7.0f} steps/s after start-up")


if __name__ == "__main__":
    main()
