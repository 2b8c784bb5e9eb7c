"""The app as its parts see it: what the screens, the palette and the browser tab's helpers
read of it, typed, without importing the app (which imports them: no loop)."""

from __future__ import annotations

from typing import Protocol

from journey.frontend.game import Game


class Host(Protocol):
    """The running JourneyApp, as far as its parts need it."""

    game: Game
    """The game the app renders."""
    show_odds: bool
    """The educator's toggle: also show the odds that were in play when a risk resolves."""
    closing: bool
    """True once the app has been asked to exit."""

    def action_toggle_odds(self, show: bool | None = None) -> None: ...

    def action_new_journey(self) -> None: ...
