"""Screenshots of every screen at 80x24 and 120x40, compared with the SVGs in snapshots/.

The comparison is our own, on App.export_screenshot(), rather than pytest-textual-snapshot: that
plugin pins syrupy 4.8, which needs pytest 8, and the project runs pytest 9. To accept a change
after looking at it, run:  JOURNEY_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/ui
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from .helpers import (brackets_app, default_path, make_app, run, screen_lines, settle,
                      wait_until)

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


SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def shot(app, keys: tuple[str, ...], size: tuple[int, int]) -> str:
    async def body():
        async with app.run_test(size=size) as pilot:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await settle(pilot)
            if app.screen.query("Footer"):  # its keys can be drawn a frame late on a busy machine
                await wait_until(pilot, lambda: "palette" in
                                 screen_lines(app.export_screenshot())[-1])
            return app.export_screenshot()
    return run(body)


def long_road(seed: int, **options):
    return make_app(default_path(), seed, **options)


@pytest.mark.parametrize("size", SIZES)
class TestScreens:
    """The screens a player sees, at the smallest size the app promises and at a roomy one."""

    def test_title(self, tmp_path, size):
        """Content note, the scenario list, the folder for one's own (broken only after a
        '/') and the four actions fit, markup shown as written."""
        check(shot(brackets_app(), (), size), f"title-{size[0]}x{size[1]}", tmp_path)

    def test_journey_with_odds(self, tmp_path, size):
        """Route, scene, what happened with its chance, numbered choices (the closed one
        wrapped under its own text), the status with what changed, and "Hide odds"."""
        check(shot(brackets_app(seed=4, show_odds=True), ("n", "1"), size),
              f"journey-{size[0]}x{size[1]}", tmp_path)

    def test_journey_without_odds(self, tmp_path, size):
        """The same screen after a step without a risk, the odds off: "Show odds"."""
        check(shot(brackets_app(seed=4), ("n", "2"), size),
              f"journey-no-odds-{size[0]}x{size[1]}", tmp_path)

    def test_journey_with_four_choices(self, tmp_path, size):
        """The long road with four choices and odds on: the scene still shows, and says in
        words when there is more below."""
        check(shot(long_road(3, show_odds=True), ("n",) + ("1",) * 11, size),
              f"journey-four-{size[0]}x{size[1]}", tmp_path)

    def test_debrief_after_harm(self, tmp_path, size):
        """Caught at the river: it opens on the ending's own words, focused, no button
        singled out; what happens in reality follows."""
        check(shot(long_road(27), ("n",) + ("1",) * 4, size),
              f"debrief-harm-{size[0]}x{size[1]}", tmp_path)

    def test_debrief_after_asylum(self, tmp_path, size):
        """Asylum: the same order, and Play again offered first."""
        check(shot(long_road(13), ("n",) + ("1",) * 18, size),
              f"debrief-asylum-{size[0]}x{size[1]}", tmp_path)

    def test_help(self, tmp_path, size):
        """Every key and how to read the journey screen."""
        check(shot(brackets_app(), ("question_mark",), size), f"help-{size[0]}x{size[1]}",
              tmp_path)

    def test_about(self, tmp_path, size):
        """About and sources: paragraphs wrap where the page ends, citations hang."""
        check(shot(brackets_app(), ("a",), size), f"about-{size[0]}x{size[1]}", tmp_path)
