"""Plain mode measures in terminal cells: a scenario written in Korean (tests/fixtures/
hangul.yaml), whose every syllable takes two cells, is played through a pipe to its debrief,
and no line is wider than plain mode's 78 cells, none is cut short at half of them, a wrapped
choice goes on under its own text, and the bars of every chart start in one column."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from journey.frontend.cells import width
from journey.plain.output import WIDTH

HANGUL_SCENARIO = Path(__file__).parents[1] / "fixtures" / "hangul.yaml"
HANGUL = re.compile("[\uac00-\ud7a3]")
BAR = re.compile("[█▏▎▍▌▋▊▉░]")


def played(folder: Path) -> list[str]:
    """The lines of a journey of the Korean scenario played to its end, odds shown."""
    env = {**os.environ, "XDG_DATA_HOME": str(folder / "data"),
           "XDG_CACHE_HOME": str(folder / "cache")}
    env.pop("JOURNEY_LANG", None)
    result = subprocess.run([sys.executable, "-m", "journey", "play", str(HANGUL_SCENARIO),
                             "--plain", "--seed", "1", "--show-odds"], input="1\n1\n", env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "== The journey ends: " in result.stdout
    return result.stdout.split("\n")


def test_no_line_is_wider_than_the_terminal_and_korean_fills_it(tmp_path: Path) -> None:
    lines = played(tmp_path)
    assert [line for line in lines if width(line) > WIDTH] == []
    korean = [line for line in lines if HANGUL.search(line)]
    assert len(korean) > 20
    # wrapped by cells, not cut at 39 characters as if each were two cells, nor at 78
    # characters as if each were one (then the lines above would be 150 cells wide)
    assert max(width(line) for line in korean) >= WIDTH - 8


def test_a_wrapped_choice_goes_on_under_its_own_text(tmp_path: Path) -> None:
    lines = played(tmp_path)
    first = next(i for i, line in enumerate(lines) if line.startswith("  1. 지금 바로"))
    assert width(lines[first]) <= WIDTH
    assert lines[first + 1].startswith("     ") and HANGUL.search(lines[first + 1][5])
    assert lines[first + 2].startswith("  2. ")


def test_the_bars_of_each_chart_start_in_one_column(tmp_path: Path) -> None:
    lines = played(tmp_path)
    charts: list[list[str]] = [[]]
    for line in lines:
        if BAR.search(line):
            charts[-1].append(line)
        elif charts[-1]:
            charts.append([])
    charts = [chart for chart in charts if len(chart) > 1]
    assert any(HANGUL.search(line) for chart in charts for line in chart)
    for chart in charts:
        starts = {width(line[:BAR.search(line).start()]) for line in chart}
        assert len(starts) == 1, "\n".join(chart)
