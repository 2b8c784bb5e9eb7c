"""Helpers for the tests of the front-end layer (and the front ends'): the test scenarios, their
saves, edits of a scenario file, and private data and cache folders."""

from __future__ import annotations

from pathlib import Path

from journey.engine import catalog
from journey.frontend.session import numbered_choices

FIXTURES = Path(__file__).parents[1] / "fixtures"
BRACKETS = FIXTURES / "brackets.yaml"


def private_folders(tmp_path: Path, monkeypatch) -> Path:
    """Point XDG_DATA_HOME and XDG_CACHE_HOME into the test's own folder, so saves and cached
    odds never leak between tests or into the user's own folders; the data folder of journey."""
    folder = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return folder / "journey"


def first_open_number(scenario, state) -> tuple[int, int]:
    """(the key to press, the engine's choice index) for the first choice that can be taken."""
    for choice in numbered_choices(scenario, state):
        if choice.number is not None:
            return choice.number, choice.index
    raise AssertionError("no open choice")


def tutorial_copy(folder: Path) -> Path:
    """A copy of the tutorial to edit, as `folder`/mine.yaml."""
    import shutil

    copy = folder / "mine.yaml"
    shutil.copy(catalog.bundled()["tutorial"], copy)
    return copy


def edit(path: Path, pattern: str, replacement: str) -> None:
    """Replace `pattern` (a regular expression) in the file, saved the way many editors save:
    a new file renamed over the old one."""
    import os
    import re

    text = path.read_text()
    edited = re.sub(pattern, replacement, text)
    assert edited != text, f"the edit {pattern!r} changed nothing"
    new = path.with_name(f".{path.name}.new")
    new.write_text(edited)
    os.replace(new, path)


def save_file(path: Path = BRACKETS, scenario_id: str = "brackets") -> Path:
    """Where the save of the scenario file at `path` lives (in the test's data folder)."""
    from journey.frontend.saves import Slot

    return Slot.for_file(scenario_id, path).path


def save_header(save: Path) -> dict:
    """The first line of a save: whose journey it is (format, scenario, file, content hash,
    seed). The steps follow, a line each."""
    import json

    header: dict = json.loads(save.read_text().split("\n", 1)[0])
    return header
