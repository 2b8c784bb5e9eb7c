"""What the app does differently in a browser tab of `journey serve`: Ctrl+C copies instead of
quitting, leaving a journey asks first and names its code, a reload carries on with the
browser's journey, and the server hears whether each step was saved."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.drivers.web_driver import WebDriver
from textual.screen import ModalScreen

from journey.frontend.classroom import Classroom, save_report
from journey.frontend.session import Session

if TYPE_CHECKING:
    from journey.ui.app import JourneyApp

COPY_HOW = ("Ctrl+C does not leave your journey here. To copy words, select them with the "
            "mouse, then press Ctrl+C. To leave, press q: your journey stays saved.")
PATIENCE = 4.0
"""Seconds a reloaded tab waits for its earlier self to let go of the browser's journey."""


def leave_question(code: str) -> str:
    return (f"Go to the title screen? Your journey stays saved under the code {code}: press c "
            "there to carry on with it.")


def quit_question(code: str) -> str:
    return (f"Quit now? Your journey is saved under the code {code}. Reload the page to carry "
            "on with it in this browser; on another computer, press c on the title screen and "
            "type the code.")


def new_question(code: str, steps: str) -> str:
    return (f"Start a new journey? Your journey in progress ({steps} taken) stays saved under "
            f"the code {code}: note it down to come back to it.")


def copy_or_explain(app: JourneyApp) -> None:
    """Ctrl+C in a browser: copy what is selected, or say how to."""
    selected = app.screen.get_selected_text()
    if selected:
        app.copy_to_clipboard(selected)
        app.notify("Copied.", timeout=3)
    else:
        app.notify(COPY_HOW, title="Ctrl+C", markup=False, timeout=8)


def tell_server(app: JourneyApp, session: Session, code: str) -> None:
    """Send the server this tab's save report (nothing under a test's driver). Textual has no
    public way to send textual-serve a message of our own, so this reaches for its driver."""
    driver = app._driver
    if isinstance(driver, WebDriver):
        driver.write_meta(save_report(session, code))


class BrowserReturn:
    """A tab opened in a browser that played before (a reload, or a new tab): carry on with
    the browser's latest journey, once no other tab holds it, without typing its code."""

    def __init__(self, app: JourneyApp, classroom: Classroom):
        self.app = app
        self.classroom = classroom
        self.deadline = 0.0

    def start(self) -> None:
        self.deadline = time.monotonic() + PATIENCE
        self.look()

    def look(self) -> None:
        from journey.ui.screens.title import TitleScreen

        app = self.app
        if app.closing or app.session is not None or isinstance(app.screen, ModalScreen) \
                or not isinstance(app.main_screen, TitleScreen):
            return  # the student chose something meanwhile
        scenario = app.scenarios[app.path.resolve()]
        code, held = self.classroom.remembered(scenario, app.path)
        if held and time.monotonic() < self.deadline:
            app.set_timer(0.25, self.look)
            return
        if code is None:
            return
        self.classroom.code = code
        app.open_session(scenario, app.path, continuing=True)
        if app.under_way:  # (open_session says why when it cannot)
            app.notify(f"Your journey with the code {code} carries on where you left it.",
                       title="Welcome back", markup=False, timeout=8)
