"""A scrollable record of the journey so far, newest at the bottom."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from journey.frontend.narration import NOTHING_YET
from journey.frontend.words import _


class Journal(VerticalScroll):
    """The journal's text is told again whole, so toggling odds re-tells all of it."""

    def compose(self) -> ComposeResult:
        yield Static(_(NOTHING_YET), markup=False, id="journal-text")

    def show(self, entries: Sequence[str]) -> None:
        """The journal's entries (frontend.narration.journal), one paragraph each."""
        self.query_one("#journal-text", Static).update("\n\n".join(entries) or _(NOTHING_YET))
        self.call_after_refresh(self.scroll_end, animate=False)
