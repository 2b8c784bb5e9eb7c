"""Small dialogs over the current screen: a yes/no question, and a page of plain text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for yes."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 60; height: auto; border: thick $warning; background: $surface; padding: 1 2;
    }
    ConfirmScreen Horizontal { height: auto; margin-top: 1; }
    ConfirmScreen Button { margin-right: 2; }
    """
    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n", "answer(False)", "No"),
                Binding("escape", "answer(False)", "No", show=False)]

    def __init__(self, question: str, yes: str, no: str):
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            with Horizontal():
                yield Button(f"{self.yes} (y)", id="yes", variant="warning")
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TextScreen(ModalScreen[None]):
    """A titled page of plain text (help, sources, about); Escape or q closes it."""

    DEFAULT_CSS = """
    TextScreen { align: center middle; }
    TextScreen > Vertical {
        width: 90%; max-width: 100; height: 90%; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    TextScreen VerticalScroll { height: 1fr; }
    TextScreen #close { dock: bottom; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "close", "Close"), Binding("q", "close", "Close", show=False)]

    def __init__(self, title: str, text: str):
        super().__init__()
        self.page_title, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(self.page_title)
            with VerticalScroll():
                yield Static(self.text, markup=False, id="page-text")
            yield Button("Close (Escape)", id="close")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()


class TooSmallScreen(ModalScreen[None]):
    """Covers everything while the terminal is smaller than the layout needs; the app closes it
    as soon as the terminal is large enough again. Ctrl+C still quits (saved)."""

    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: 100%; height: auto; padding: 0 1; text-align: center; }
    """

    def __init__(self, minimum: tuple[int, int], seen: tuple[int, int]):
        super().__init__()
        self.minimum = minimum
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
        return (f"This terminal is {width}x{height}. journey needs at least "
                f"{need_width}x{need_height}: make the window larger and the journey comes "
                "back where it was. Or quit with Ctrl+C (a journey under way is saved) and "
                "run journey play --plain.")
