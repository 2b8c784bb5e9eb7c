"""Command palette entries (Ctrl+P) for journey; Textual's own provider adds Theme and Quit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from platformdirs import user_downloads_path
from textual.command import DiscoveryHit, Hit, Hits, Provider

from journey.frontend.library import data_dir
from journey.frontend.words import _

if TYPE_CHECKING:
    from journey.ui.host import Host


class JourneyCommands(Provider):
    """New journey, and the educator's show-odds toggle."""

    def commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        app = cast("Host", self.app)
        odds = (_("Hide odds") if app.show_odds else _("Show odds"),
                _("Show the odds that were in play when a risk resolves (for educators)")
                if not app.show_odds else _("Stop showing the odds"), app.action_toggle_odds)
        return [(_("New journey"), _("Start a new journey of the current scenario with a new "
                                     "seed"), app.action_new_journey), odds]

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


def screenshot_folder() -> Path:
    """The Downloads folder when there is one, else the data folder's screenshots (made)."""
    downloads = user_downloads_path()
    if downloads.is_dir():
        return downloads
    folder = data_dir() / "screenshots"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return downloads  # Textual then says the screenshot failed
    return folder
