"""A scrollable record of the journey so far, newest at the bottom."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from journey.engine.model import Stage
from journey.frontend.narration import narrate
from journey.frontend.playthrough import Step


class Journal(VerticalScroll):
    """The journal's text is rebuilt from the steps, so toggling odds re-tells the whole of it."""

    def compose(self) -> ComposeResult:
        yield Static("Nothing has happened yet.", markup=False, id="journal-text")

    def show(self, steps: Sequence[Step], stages: Sequence[Stage], show_odds: bool) -> None:
        blocks = []
        for step in steps:
            lines = [f"Step {step.number}, {stages[step.scene.stage].title}"]
            lines += narrate(step, show_odds)
            blocks.append("\n".join(lines))
        self.query_one("#journal-text", Static).update(
            "\n\n".join(blocks) or "Nothing has happened yet.")
        self.call_after_refresh(self.scroll_end, animate=False)
