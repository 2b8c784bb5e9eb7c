"""What the app does differently in a browser tab of `journey serve`: Ctrl+C copies instead of
quitting, and the server hears whether each step was saved. (Leaving asks first and names the
journey's code, and a reload carries on with the browser's journey: journey.frontend.game
decides those, the app shows them.)"""

from __future__ import annotations

from textual.app import App
from textual.drivers.web_driver import WebDriver

from journey.frontend import notices
from journey.frontend.words import _


def copy_or_explain(app: App[None]) -> None:
    """Ctrl+C in a browser: copy what is selected, or say how to."""
    selected = app.screen.get_selected_text()
    if selected:
        app.copy_to_clipboard(selected)
        app.notify(_(notices.COPIED), timeout=3)
    else:
        app.notify(_(notices.COPY_HOW), title="Ctrl+C", markup=False, timeout=8)


def tell_server(app: App[None], report: dict[str, object]) -> None:
    """Send the server this tab's save report (`Game.save_report`; nothing under a test's
    driver). Textual has no public way to send textual-serve a message of our own, so this
    reaches for its driver."""
    driver = app._driver
    if isinstance(driver, WebDriver):
        driver.write_meta(report)
