"""What every screen of the app shares: a steady layout through bursts of resizes, and, for the
main screens, a typed way to read the game and the app's settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual import events
from textual.screen import Screen

if TYPE_CHECKING:
    from journey.frontend.game import Game
    from journey.ui.host import Host

Result = TypeVar("Result")


class SteadyScreen(Screen[Result]):
    """A screen laid out only at the terminal's size now. Textual lays a screen out at the size
    its Resize event carries and, if that changed the screen, posts it another; a screen under
    another one can hold two such events of two sizes after a burst of resizes, and then lays
    itself out at each in turn for ever (seen in a real terminal: the app spun and never drew
    again). Dropping the events of a size the terminal no longer has ends that."""

    def on_resize(self, event: events.Resize) -> None:
        if event.size != self.app.size:
            event.prevent_default()


class MainScreen(SteadyScreen[None]):
    """A main screen of journey (title, journey, debrief). Screens post messages
    (journey.ui.messages) to ask for anything; `host` is for reading the app's settings, and
    `game` what the game says."""

    @property
    def host(self) -> Host:
        return cast("Host", self.app)

    @property
    def game(self) -> Game:
        return self.host.game
