"""The question `journey play --watch` asks when an edit no longer fits the journey in play:
carry on from the last step that fits, start again, or keep the version before the edit."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from journey.frontend.watch import Unfit
from journey.frontend.words import N_, _
from journey.ui.screens.base import SteadyScreen

Answer = Literal["carry_on", "again"]


class UnfitScreen(SteadyScreen[Answer | None], ModalScreen[Answer | None]):
    """Says which step no longer fits and why; dismisses with the start the player picked, or
    None to keep playing the version before the edit."""

    DEFAULT_CSS = """
    UnfitScreen { align: center middle; }
    UnfitScreen > Vertical {
        width: 76; height: auto; border: thick $warning; background: $surface; padding: 1 2;
    }
    UnfitScreen #unfit-offer { margin-top: 1; }
    UnfitScreen Horizontal { height: auto; margin-top: 1; }
    UnfitScreen Button { margin-right: 2; }
    """
    BINDINGS = [Binding("c", "answer('carry_on')", N_("Carry on")),
                Binding("n", "answer('again')", N_("Start again")),
                Binding("escape", "answer(None)", N_("Keep the old version"))]

    def __init__(self, unfit: Unfit):
        super().__init__()
        self.unfit = unfit

    def compose(self) -> ComposeResult:
        unfit = self.unfit
        with Vertical():
            yield Static(unfit.text, markup=False, id="unfit-why")
            yield Static(_("{offer} Escape goes on with the version before the edit.").format(
                offer=unfit.offer),
                         markup=False, id="unfit-offer")
            with Horizontal():
                if unfit.can_carry_on:
                    yield Button(_("Carry on after step {step} (c)").format(step=unfit.step - 1),
                                 id="carry_on", variant="primary")
                yield Button(_("Start again (n)"), id="again", variant="warning")
                yield Button(_("Keep the old version (Escape)"), id="keep")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer(None if event.button.id == "keep" else event.button.id)

    def action_answer(self, answer: str | None) -> None:
        if answer == "carry_on" and self.unfit.can_carry_on:
            self.dismiss("carry_on")
        elif answer == "again":
            self.dismiss("again")
        elif answer is None:
            self.dismiss(None)
