"""Plain mode in the pseudo-locale, played through a pipe as a screen reader plays it: every word
journey itself says (the content note's lead, the opening, the scene headings, status, choices,
prompts, a slip answered, the sources, what happened with its odds, the farewell, continuing)
comes out of the catalogue, accented and between ⟦ ⟧; only the scenario's own text stays
English. The debrief's words are converted apart (frontend/debrief.py), so this reads what
plain mode prints up to the debrief's first heading."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from frontend.pseudo import OPEN, arrivals_texts, escaped, scenario_texts
from journey.engine import catalog, rules
from journey.engine.loader import load_scenario
from journey.engine.model import Ending

TUTORIAL = catalog.resolve("tutorial")


def play(folder: Path, *args: str, typed: str) -> str:
    """What `journey play tutorial --plain ARGS` prints in qps-ploc, with `typed` piped in."""
    env = {**os.environ, "JOURNEY_LANG": "qps-ploc", "XDG_DATA_HOME": str(folder / "data"),
           "XDG_CACHE_HOME": str(folder / "cache")}
    result = subprocess.run([sys.executable, "-m", "journey", "play", "tutorial", "--plain",
                             *args], input=typed, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # the pseudo-locale is a language journey has: nothing to say
    return result.stdout


def first_open_choices(seed: int) -> tuple[list[str], str]:
    """The numbers typed by a player who always takes the first open choice, and the title
    of the ending it reaches."""
    scenario = load_scenario(TUTORIAL)
    state, typed = rules.new_game(scenario, seed), []
    while not rules.is_over(scenario, state):
        view = next(v for v in rules.choice_views(scenario, state) if v.enabled)
        typed.append("1")
        state, _events = rules.step(scenario, state, view.index)
    ending = scenario.nodes[state.node]
    assert isinstance(ending, Ending)
    return typed, ending.title


def known() -> list[str]:
    return scenario_texts(load_scenario(TUTORIAL)) + arrivals_texts()


def test_a_journey_begun_left_and_continued_speaks_only_the_catalogue(tmp_path: Path) -> None:
    begun = play(tmp_path, "--seed", "1", "--show-odds", typed="x\ns\n1\n")
    continued = play(tmp_path, typed="q\n")
    for shown in (begun, continued):
        assert escaped(shown, known()) == [], "\n".join(map(str, escaped(shown, known())))
    assert OPEN in begun and OPEN in continued
    # the chrome was there to be read: the slip, the sources, the odds and the farewell
    assert begun.count(OPEN) >= 10


def test_a_journey_played_to_its_end_speaks_only_the_catalogue_until_the_debrief(
        tmp_path: Path) -> None:
    typed, ending = first_open_choices(7)
    shown = play(tmp_path, "--seed", "7", "--show-odds", typed="\n".join(typed) + "\n")
    lines = shown.split("\n")
    debrief = next(i for i, line in enumerate(lines) if line.startswith("== ") and ending in line)
    before = "\n".join(lines[:debrief])
    assert escaped(before, known()) == [], "\n".join(map(str, escaped(before, known())))
    assert before.count(OPEN) > 2 * len(typed)


def test_english_is_what_it_was_without_the_variable(tmp_path: Path) -> None:
    """The same game without JOURNEY_LANG: no ⟦, and the English of the source."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("JOURNEY_LANG", None)
    result = subprocess.run([sys.executable, "-m", "journey", "play", "tutorial", "--plain",
                             "--seed", "1"], input="x\n", env=env, capture_output=True,
                            text=True, timeout=120)
    assert OPEN not in result.stdout
    assert "Please type a number from 1 to" in result.stdout
    assert "Your journey is saved after 0 steps." in result.stdout
