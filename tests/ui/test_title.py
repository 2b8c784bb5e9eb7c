"""The title screen: scenarios from the bundle and from the player's own folder, a broken one
explained rather than crashing, and the About page with every source."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Button, Static

from journey.engine.loader import load_scenario
from journey.frontend import library
from journey.ui.screens.dialogs import TextScreen
from journey.ui.screens.journey import JourneyScreen

from frontend.helpers import BRACKETS
from .helpers import SIZE, make_app, run


def test_the_players_own_folder_is_listed_after_the_bundled_scenarios(data_home):
    folder = data_home / "scenarios"
    folder.mkdir(parents=True)
    shutil.copy(BRACKETS, folder / "mine.yaml")
    found = library.entries()
    assert [e.origin for e in found][-1] == library.YOURS
    assert found[-1].name == "mine"
    assert all(e.origin == library.BUNDLED for e in found[:-1])


def test_a_broken_scenario_in_the_folder_says_what_is_wrong(data_home):
    folder = data_home / "scenarios"
    folder.mkdir(parents=True)
    (folder / "broken.yaml").write_text("format: 1\nid: broken\n")

    async def body():
        app = make_app(BRACKETS)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            names = app.screen.query_one("#scenarios").plain
            for _ in range(names.index("brackets (file)") - names.index("broken (your folder)")):
                await pilot.press("up")
            await pilot.pause()
            assert app.screen.selected.name == "broken.yaml"
            summary = str(app.screen.query_one("#scenario-summary", Static).content)
            assert summary.startswith("This scenario cannot be played yet:")
            assert "broken.yaml:" in summary
            assert app.screen.query_one("#new", Button).disabled
            await pilot.press("n")
            await pilot.pause()
            assert not isinstance(app.screen, JourneyScreen)
    run(body)


def test_about_lists_every_source_of_the_scenario():
    async def body():
        app = make_app(BRACKETS)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, TextScreen)
            page = app.screen.query_one("#page-text").plain
            for source in load_scenario(BRACKETS).sources.values():
                assert source.citation() in page
    run(body)


def test_the_folder_for_ones_own_scenarios_breaks_only_after_a_slash():
    from journey.ui.screens.title import FolderNote

    note = FolderNote(Path("/home/player/.local/share/journey/scenarios"))
    for width in (12, 20, 28, 60):
        lines = note.text_for(width).plain.splitlines()
        assert lines[0] == "Your own scenarios go in:"
        assert "".join(lines[1:]) == "/home/player/.local/share/journey/scenarios"
        assert all(line.endswith("/") for line in lines[1:-1])
