"""Ctrl+C in a student's tab, in Chromium: it copies the words she selected with the mouse into
her clipboard, and her journey goes on. Over plain http on the network the page is not a
"secure context", where Chromium offers no clipboard API: the page copies the old way there.
(That Ctrl+C without a selection says how to copy: test_classroom_in_browser.py.)"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from .browser import FLAGS, Tab, Teacher, chromium, screen_text
from .conftest import SEED

SCENE_ROW = 0.18
"""A row of the scene's text on the journey screen, as a fraction of the terminal's height."""


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def start(tab: Tab) -> None:
    tab.open()
    tab.press("n")
    tab.shows("Your code:")


def copy_selection(tab: Tab) -> None:
    tab.select(SCENE_ROW, 0.02, 0.3)
    tab.press("Control+c")
    tab.shows("Copied.")


def test_ctrl_c_copies_the_selected_words_on_this_computer(teacher, browser):
    tab = Tab(browser, teacher.url)
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    start(tab)
    copy_selection(tab)
    copied = tab.page.evaluate("navigator.clipboard.readText()")
    assert len(copied) > 10 and squeeze(copied) in squeeze(screen_text(tab.frames))
    tab.press("1")
    tab.shows("Leave tonight for the river")  # the journey went on
    tab.close()


@pytest.fixture
def network_browser(browser) -> Iterator[object]:
    """Chromium that finds classroom.test at this computer, as a student's browser finds the
    teacher's computer by its name on the school network, and finds no other host at all. It
    is launched by the same Playwright as the suite's browser: one may run at a time."""
    launched = browser.browser_type.launch(
        executable_path=str(chromium()), headless=True,
        args=[*FLAGS, "--host-resolver-rules=MAP classroom.test 127.0.0.1, MAP * ~NOTFOUND"])
    yield launched
    launched.close()


def test_ctrl_c_copies_the_selected_words_over_plain_http_on_the_network(network_browser,
                                                                          tmp_path):
    teacher = Teacher(tmp_path / "data", "tutorial", SEED, "--host", "0.0.0.0")
    try:
        tab = Tab(network_browser, f"http://classroom.test:{teacher.port}/")
        start(tab)
        assert tab.page.evaluate("window.isSecureContext") is False
        tab.page.evaluate("document.addEventListener('copy', () => "
                          "{ window.copied = document.activeElement.value; })")
        copy_selection(tab)
        copied = tab.page.evaluate("window.copied")
        assert len(copied) > 10 and squeeze(copied) in squeeze(screen_text(tab.frames))
        tab.press("1")
        tab.shows("Leave tonight for the river")  # the keys still reach the game
        assert tab.errors == []
        tab.close()
    finally:
        teacher.stop()
