"""Screenshots of the three main screens at 80x24, compared with the SVGs in snapshots/.

The comparison is our own, on App.export_screenshot(), rather than pytest-textual-snapshot: that
plugin pins syrupy 4.8, which needs pytest 8, and the project runs pytest 9. To accept a change
after looking at it, run:  JOURNEY_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/ui
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from .helpers import SIZE, brackets_app, run, screen_lines, settle

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("JOURNEY_UPDATE_SNAPSHOTS") == "1"


def check(svg: str, name: str, tmp_path: Path) -> None:
    """Compare with the stored snapshot; on a difference, say where, as text."""
    stored = SNAPSHOTS / f"{name}.svg"
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        stored.write_text(svg, encoding="utf-8")
        return
    if not stored.exists():
        pytest.fail(f"no snapshot {stored.name} yet: run with JOURNEY_UPDATE_SNAPSHOTS=1, "
                    "look at the SVG, and commit it")
    expected = stored.read_text(encoding="utf-8")
    if svg != expected:
        (tmp_path / stored.name).write_text(svg, encoding="utf-8")
        diff = "\n".join(difflib.unified_diff(screen_lines(expected), screen_lines(svg),
                                              "snapshot", "now", lineterm=""))
        pytest.fail(f"{name} differs from its snapshot (new SVG: {tmp_path / stored.name}); "
                    f"text diff (empty when only colours or styles changed):\n{diff}")


@pytest.fixture(autouse=True)
def fixed_user_folder(monkeypatch):
    """The title screen names the user's scenarios folder: keep it the same on every machine."""
    monkeypatch.setattr("journey.ui.screens.title.user_scenarios_dir",
                        lambda: Path("/home/player/.local/share/journey/scenarios"))


class TestScreensAt80x24:
    """The screens a player sees, at the smallest size the app promises to work at."""

    def test_title(self, tmp_path):
        """Content note, the scenario list and the four actions fit, markup shown as written."""
        async def body():
            app = brackets_app()
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                return app.export_screenshot()
        check(run(body), "title", tmp_path)

    def test_journey(self, tmp_path):
        """Route, scene, what happened (with odds), numbered choices and status all fit."""
        async def body():
            app = brackets_app(seed=4, show_odds=True)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("n", "1")
                await settle(pilot)
                return app.export_screenshot()
        check(run(body), "journey", tmp_path)

    def test_debrief(self, tmp_path):
        """Ending, what happened, route timeline and buttons, once the odds are worked out."""
        async def body():
            app = brackets_app(seed=4)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("n", "1", "2")
                await settle(pilot)
                return app.export_screenshot()
        check(run(body), "debrief", tmp_path)
