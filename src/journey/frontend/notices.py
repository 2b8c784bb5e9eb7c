"""What the game tells a player beside the story, the same in every front end: notices about her
journey and its save, and the questions asked before a journey is left or replaced. The words
live here, in the front-end layer, so that a front end draws them and never writes its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from journey.frontend.narration import steps_text
from journey.frontend.words import N_, _

Severity = Literal["information", "warning", "error"]

SAVED_JOURNEY = N_("Your saved journey")
OPEN_ELSEWHERE = N_("Journey open elsewhere")
WITH_A_CODE = N_("Continue with a code")
CLASS_RECORD = N_("Class record")
WELCOME_BACK = N_("Welcome back")

SAVED = N_("Your journey is saved. Run journey again and choose Continue to carry on.")
"""What the app says as it quits mid-journey."""
REPLACE = N_("Start a new journey? The journey in progress will be replaced.")
QUIT = N_("Quit now? Your journey is saved after every step; choose Continue next time to carry on.")
NOTHING_SAVED = N_("No journey in progress.")
BY_CODE = N_("To carry on with a journey you started before, press c and type its code.")
COPY_HOW = N_("Ctrl+C does not leave your journey here. To copy words, select them with the "
              "mouse, then press Ctrl+C. To leave, press q: your journey stays saved.")
COPIED = N_("Copied.")


@dataclass(frozen=True)
class Notice:
    """Something to tell the player beside the story: its words, a short title (or none), and
    how much it matters (a front end may draw an error more strongly, never by colour alone)."""

    text: str
    title: str = ""
    severity: Severity = "information"


def save_problem(text: str | None) -> tuple[Notice, ...]:
    """Why the journey could not be saved, as a notice (none when it was saved)."""
    return (Notice(text, severity="error"),) if text else ()


def in_progress(steps: int, stage: str, seed: int) -> str:
    """The title screen's line about a journey saved under way."""
    return _("Journey in progress, {steps} taken, now at {stage} (seed {seed}). "
             "Press c to continue.").format(steps=steps_text(steps), stage=stage, seed=seed)


def tab_in_progress(code: str, steps: int) -> str:
    """The same, in a browser tab, where the journey goes by its code."""
    return _("Your journey in progress: code {code}, {steps} taken. Press c to carry on with "
             "it, or to type another code.").format(code=code, steps=steps_text(steps))


def new_question(steps: int, code: str | None) -> str:
    """Asked before a new journey replaces one saved under way (in a browser tab, whose code
    keeps it, nothing is replaced: the code is named instead)."""
    if code is not None:
        return _("Start a new journey? Your journey in progress ({steps} taken) stays saved "
                 "under the code {code}: note it down to come back to it.").format(
                     steps=steps_text(steps), code=code)
    return _("Start a new journey? The journey in progress ({steps} taken) will be "
             "replaced.").format(steps=steps_text(steps))


def leave_question(code: str) -> str:
    return _("Go to the title screen? Your journey stays saved under the code {code}: press c "
             "there to carry on with it.").format(code=code)


def quit_question(code: str | None) -> str:
    """Asked before quitting mid-journey; in a browser tab, `code` says how to come back."""
    if code is None:
        return _(QUIT)
    return _("Quit now? Your journey is saved under the code {code}. Reload the page to carry "
             "on with it in this browser; on another computer, press c on the title screen and "
             "type the code.").format(code=code)


def welcome_back(code: str) -> Notice:
    return Notice(_("Your journey with the code {code} carries on where you left it.").format(
        code=code), _(WELCOME_BACK))
