"""Small dialogs over the current screen: a yes/no question, and a page of plain text."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from journey.frontend.debrief import Line
from journey.frontend.words import N_, _
from journey.ui.screens.base import SteadyScreen
from journey.ui.widgets.section_text import SectionText


class ConfirmScreen(SteadyScreen[bool], ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for yes."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 60; height: auto; border: thick $warning; background: $surface; padding: 1 2;
    }
    ConfirmScreen Horizontal { height: auto; margin-top: 1; }
    ConfirmScreen Button { margin-right: 2; }
    """
    BINDINGS = [Binding("y", "answer(True)", N_("Yes")), Binding("n", "answer(False)", N_("No")),
                Binding("escape", "answer(False)", N_("No"), show=False)]

    def __init__(self, question: str, yes: str, no: str):
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            with Horizontal():
                # Translators: a button: what answering yes does, and its key.
                yield Button(_("{answer} (y)").format(answer=self.yes), id="yes",
                             variant="warning")
                # Translators: a button: what answering no does, and its key.
                yield Button(_("{answer} (n)").format(answer=self.no), id="no",
                             variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TextScreen(SteadyScreen[None], ModalScreen[None]):
    """A titled page of plain text (help, sources, about), or of lines with their lists
    indented; Escape or q closes it."""

    DEFAULT_CSS = """
    TextScreen { align: center middle; }
    TextScreen > Vertical {
        width: 90%; max-width: 100; height: 90%; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    TextScreen VerticalScroll { height: 1fr; }
    TextScreen #close { dock: bottom; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "close", N_("Close")),
                Binding("q", "close", N_("Close"), show=False)]

    def __init__(self, title: str, text: str | Sequence[Line]):
        super().__init__()
        self.page_title, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(self.page_title)
            with VerticalScroll():
                if isinstance(self.text, str):
                    yield Static(self.text, markup=False, id="page-text")
                else:
                    yield SectionText(self.text, id="page-text")
            yield Button(_("Close (Escape)"), id="close")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
