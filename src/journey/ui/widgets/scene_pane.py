"""The scene's pane: what just happened and the scene's text, scrollable, saying in words in its
bottom border when there is more to read, and showing by its border's shape when it has the
focus (so the arrow keys scroll it)."""

from __future__ import annotations

from textual import events
from textual.containers import VerticalScroll
from journey.frontend.words import N_, _

MORE_BELOW, MORE_ABOVE = N_("more below ▼ (Tab, then ↓)"), N_("▲ more above")
"""Catalogue keys, shown through `_`."""


class ScenePane(VerticalScroll):
    """Call `show_cue` after changing what it holds; scrolling and resizing update it too."""

    DEFAULT_CSS = """
    ScenePane { scrollbar-size-vertical: 1; scrollbar-color: $accent 70%; }
    ScenePane:focus { border: heavy $accent; }
    ScenePane { border-subtitle-color: $text-accent; border-subtitle-style: bold; }
    """

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.show_cue()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.show_cue)

    def show_cue(self) -> None:
        below = self.scroll_y < self.max_scroll_y - 0.5
        above = self.scroll_y > 0.5
        self.border_subtitle = _(MORE_BELOW) if below else _(MORE_ABOVE) if above else ""
