"""Plain mode, played through a pipe as a script or a screen reader plays it, gives the very same
transcript as before: byte for byte, for a dozen seeds of the long road, every scene, prompt,
answer, outcome and the whole debrief (its exact odds included).

The transcripts in transcripts/ were captured from `journey play long_road --plain --seed N`
with the answers in long_road_seedN.in (numbers that are not choices there are answered "Please
type a number", as a person's slips are), a fresh data folder, and a cache folder in which the
odds were already worked out; the test warms a cache the same way first, so the debrief never
says they are "still being worked out". A change to the long road's text changes them: capture
them again with the same command, and read the difference before committing it.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journey.engine import catalog
from journey.engine.loader import load_scenario
from journey.frontend.odds_cache import odds_for

TRANSCRIPTS = Path(__file__).parent / "transcripts"
SEEDS = sorted(int(p.stem.removeprefix("long_road_seed")) for p in TRANSCRIPTS.glob("*.in"))


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory) -> Path:
    """A cache folder holding the long road's odds, as after any earlier game."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    try:
        assert odds_for(load_scenario(catalog.bundled()["long_road"])).summary is not None
    finally:
        if before is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = before
    return folder


def test_there_is_a_dozen_transcripts():
    assert len(SEEDS) == 12
    assert all((TRANSCRIPTS / f"long_road_seed{n}.txt").is_file() for n in SEEDS)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_piped_journey_reads_exactly_as_before(seed, warm_cache, tmp_path):
    answers = (TRANSCRIPTS / f"long_road_seed{seed}.in").read_bytes()
    expected = (TRANSCRIPTS / f"long_road_seed{seed}.txt").read_bytes()
    env = {**os.environ, "XDG_CACHE_HOME": str(warm_cache),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-m", "journey", "play", "long_road", "--plain",
                             "--seed", str(seed)], input=answers, env=env, capture_output=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    if result.stdout != expected:
        diff = difflib.unified_diff(expected.decode().splitlines(),
                                    result.stdout.decode().splitlines(), "before", "now",
                                    lineterm="", n=2)
        pytest.fail("the transcript differs:\n" + "\n".join(list(diff)[:60]))
