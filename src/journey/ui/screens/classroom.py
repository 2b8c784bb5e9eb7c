"""What a browser tab of `journey serve` adds to the app: the journey's code shown under the
journey, and a dialog on the title screen to type a code and carry on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from journey.frontend.classroom import code_rules, read_code
from journey.frontend.session import View
from journey.frontend.words import N_, _
from journey.ui.screens.base import SteadyScreen
from journey.ui.screens.journey import JourneyScreen


def code_line(code: str) -> str:
    """The line under a served journey: the code, and what it is for."""
    return _("Your code: {code}   To come back after a reload: c on the title, then the "
             "code.").format(code=code)


class ClassCode(Static):
    """The journey's code, on its own line, in words (and bold, never colour alone)."""

    DEFAULT_CSS = """
    ClassCode { height: 1; padding: 0 1; background: $boost; text-style: bold; }
    """


class ClassroomJourneyScreen(JourneyScreen):
    """The journey screen with the journey's code under it."""

    def __init__(self, view: View, code: str):
        super().__init__(view)
        self.code = code

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield ClassCode(code_line(self.code), markup=False, id="class-code")


class CodeScreen(SteadyScreen[str | None], ModalScreen[str | None]):
    """Ask for a journey's code of `length` characters, filled in with the tab's own journey's
    code when it has one; dismisses with the code in capitals, or None."""

    DEFAULT_CSS = """
    CodeScreen { align: center middle; }
    CodeScreen > Vertical {
        width: 64; height: auto; border: thick $primary; background: $surface; padding: 1 2;
    }
    CodeScreen Input { margin-top: 1; width: 20; }
    CodeScreen #code-problem { margin-top: 1; height: auto; }
    CodeScreen Horizontal { height: auto; margin-top: 1; }
    CodeScreen Button { margin-right: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, length: int, own: str | None = None):
        super().__init__()
        self.length = length
        self.own = own

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Type the code of your journey, then press Enter. {rules}").format(
                rules=code_rules(self.length)), markup=False)
            yield Input(self.own or "", placeholder=_("code"), max_length=self.length + 4,
                        id="code")
            yield Static("", markup=False, id="code-problem")
            with Horizontal():
                yield Button(_("Continue (Enter)"), id="go", variant="primary")
                yield Button(_("Cancel (Escape)"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "go":
            self.submit()
        else:
            self.dismiss(None)

    def submit(self) -> None:
        typed = self.query_one(Input).value
        code = read_code(typed, self.length)
        if code is None:
            self.query_one("#code-problem", Static).update(
                _("{typed!r} is not a code. {rules}").format(typed=typed.strip(),
                                                             rules=code_rules(self.length)))
            return
        self.dismiss(code)

    def action_cancel(self) -> None:
        self.dismiss(None)
