"""The base of the app's main screens: a typed way to read the app's state."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from journey.ui.app import JourneyApp


class MainScreen(Screen[None]):
    """A main screen of journey. Screens post messages (journey.ui.messages) to ask for
    anything; `journey_app` is for reading the app's settings and caches."""

    @property
    def journey_app(self) -> JourneyApp:
        return cast("JourneyApp", self.app)
