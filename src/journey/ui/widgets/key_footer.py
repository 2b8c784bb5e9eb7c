"""The footer of key bindings, redrawn only when the keys it shows change, each key's words
looked up in the catalogue as it is drawn (bindings are declared with `N_`, at import)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not exported; its description is what is drawn

from journey.frontend.words import N_, _

Shown = tuple[tuple[str, str, bool], ...]
PALETTE = N_("palette")
"""Textual's own word for Ctrl+P in the footer, in the catalogue so the footer can look it up."""


class KeyFooter(Footer):
    """Textual rebuilds its footer whenever bindings might have changed (focus moves, lists
    change), which costs tens of milliseconds on a small machine; a journey step changes the
    choices but rarely the keys, so compare what would be shown first."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: Shown | None = None
        """The keys, descriptions and enabled states last drawn."""

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = tuple((key, binding.description, enabled)
                      for key, (_node, binding, enabled, _tip) in screen.active_bindings.items()
                      if binding.show)
        if shown != self.shown:
            self.shown = shown
            super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.description:
                widget.description = _(widget.description)
            yield widget
