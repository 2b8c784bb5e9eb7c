"""The message shown instead of the game while the terminal is too small for its layout."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static
from journey.frontend.words import _

from journey.ui.screens.base import SteadyScreen


class TooSmallScreen(SteadyScreen[None]):
    """Covers everything while the terminal is smaller than the layout needs; the app closes it
    as soon as the terminal is large enough again. Ctrl+C still quits (saved), except in a
    browser tab (`served`), which names its journey's `code` instead. A screen rather than a
    dialog, so the app can tell it from the dialogs it may close."""

    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; overflow: hidden; }
    TooSmallScreen Static { width: 100%; height: auto; padding: 0 1; text-align: center; }
    """

    def __init__(self, minimum: tuple[int, int], seen: tuple[int, int], served: bool = False,
                 code: str | None = None):
        super().__init__()
        self.minimum = minimum
        self.served = served
        self.code = code
        self.seen = seen
        """The terminal's size as last told."""

    def compose(self) -> ComposeResult:
        yield Static(self.message(), id="too-small", markup=False)

    def on_mount(self) -> None:
        self.show_size(*self.seen)

    def show_size(self, width: int, height: int) -> None:
        """Say how large the terminal is now (whether or not the message is on screen yet:
        the terminal can change size again before it is)."""
        self.seen = (width, height)
        for message in self.query("#too-small").results(Static):
            message.update(self.message())

    def message(self) -> str:
        """How large the terminal is and how large it needs to be."""
        width, height = self.seen
        need_width, need_height = self.minimum
        if self.served:
            sizes = dict(width=width, height=height, need_width=need_width,
                         need_height=need_height)
            if self.code:
                return _("This window holds {width}x{height} characters. journey needs at "
                         "least {need_width}x{need_height}: make the window larger, or the text "
                         "smaller (Ctrl and minus), and the journey comes back where it was. "
                         "Your journey is saved under the code {code}.").format(code=self.code,
                                                                                **sizes)
            return _("This window holds {width}x{height} characters. journey needs at least "
                     "{need_width}x{need_height}: make the window larger, or the text smaller "
                     "(Ctrl and minus), and the journey comes back where it was.").format(**sizes)
        return _("This terminal is {width}x{height}. journey needs at least "
                 "{need_width}x{need_height}: make the window larger and the journey comes "
                 "back where it was. Or quit with Ctrl+C (a journey under way is saved) and "
                 "run journey play --plain.").format(width=width, height=height,
                                                     need_width=need_width,
                                                     need_height=need_height)
