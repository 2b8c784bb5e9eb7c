"""`journey play --plain --watch` in the pseudo-locale, as an author runs it beside an editor:
what each edit did (reloaded, problems to fix, a step that no longer fits and the starts on
offer), the prompt's extra keys and the answer to them come from the catalogue. The problems
themselves are `journey check`'s lines (the engine's diagnostics, not yet in the catalogue),
read here as known text."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from cli.test_watch import LEAVE, Running
from frontend.pseudo import OPEN, escaped, scenario_texts
from journey.engine import catalog
from journey.engine.loader import load_scenario

EDITED = "Floodlights sweep the Tumen. It is"
"""An edit of the scene's text that still fits the journey."""


def prompt(game: Running, choices: int) -> str:
    """The output up to the next prompt for one of `choices` choices."""
    return game.wait_for(rf"\(1-{choices}; ")


def test_each_edit_is_told_in_the_catalogue_s_words(tmp_path: Path, monkeypatch) -> None:
    mine = tmp_path / "mine.yaml"
    shutil.copy(catalog.bundled()["tutorial"], mine)
    known = scenario_texts(load_scenario(mine))
    monkeypatch.setenv("JOURNEY_LANG", "qps-ploc")
    game = Running(tmp_path, tmp_path / "data", "play", "mine.yaml", "--plain", "--watch",
                   "--seed", "1")
    try:
        game.type("1\n1\n")  # to the river, step 3, where the prompt offers 4 choices
        prompt(game, 4)
        good = mine.read_text().replace("The Tumen is", EDITED)
        mine.write_text(good)
        known += scenario_texts(load_scenario(mine))
        told = prompt(game, 4)
        assert "mine.yaml" in told and OPEN in told

        mine.write_text(good.replace("\nscenes:\n", "\nscenes: [\n"))
        told = prompt(game, 4)
        monkeypatch.delenv("JOURNEY_LANG")
        problems = subprocess.run([sys.executable, "-m", "journey", "check", "mine.yaml"],
                                  cwd=tmp_path, capture_output=True, text=True,
                                  timeout=120).stdout
        known += problems.splitlines()
        assert problems.splitlines()[0] in told

        mine.write_text(re.sub(LEAVE, "", good))
        prompt(game, 4)
        game.type("c\n")
        prompt(game, 1)
        game.process.stdin.close()
        assert game.finish() == 0
        assert game.err == ""
        assert escaped(game.out, known) == [], "\n".join(map(str, escaped(game.out, known)))
        assert game.out.count(OPEN) > 20
    finally:
        game.stop()
