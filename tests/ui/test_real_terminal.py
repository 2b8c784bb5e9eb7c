"""The app in a real terminal, tmux: resized from 80x24 down to 1x1 and back while keys come in
bursts, suspended with Ctrl+Z and brought back with fg, then quit; and 'q' then 'n' typed at
once on the title. Afterwards it must still be running and drawing the journey screen, and no
traceback may appear in the terminal (Textual draws on standard error, and prints a crash's
traceback there when it leaves, so the terminal shows both).

tmux is part of the test set-up: .ci/run installs it on CI, and `make test` says how to get it
when it is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from frontend.helpers import BRACKETS

WAIT = 60.0
"""Seconds to wait for the terminal to show something (a loaded machine is slow to start)."""


class Terminal:
    """A bash shell in a detached tmux session of its own (own server socket), 80x24."""

    def __init__(self, folder: Path):
        tmux = shutil.which("tmux")
        if tmux is None:
            pytest.fail("tmux is needed for this test: apt-get install tmux")
        self.tmux = [tmux, "-S", str(folder / "tmux.socket"), "-f", os.devnull]
        self.env = {**os.environ, "XDG_DATA_HOME": str(folder / "data"), "TERM": "xterm-256color",
                    "PS1": "$ "}
        self.command("new-session", "-d", "-x", "80", "-y", "24",
                     "bash --norc --noprofile -i")
        self.command("set-option", "-g", "history-limit", "5000")

    def command(self, *args: str) -> str:
        done = subprocess.run(self.tmux + list(args), env=self.env, capture_output=True,
                              text=True, timeout=WAIT)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def screen(self) -> str:
        return self.command("capture-pane", "-p", "-t", "0")

    def history(self) -> str:
        """Everything the pane has shown, scrolled-off lines included."""
        return self.command("capture-pane", "-p", "-t", "0", "-S", "-")

    def wait_for(self, *texts: str) -> str:
        """The screen, once it shows every one of `texts` (a redraw can be caught halfway)."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            shown = self.screen()
            if all(text in shown for text in texts):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"never saw {texts!r}; the screen shows:\n{self.screen()}")

    def type(self, *keys: str) -> None:
        """Send keys in one go (tmux writes them to the terminal back to back)."""
        self.command("send-keys", "-t", "0", *keys)

    def line(self, text: str) -> None:
        self.command("send-keys", "-t", "0", "-l", text)
        self.type("Enter")

    def resize(self, width: int, height: int) -> None:
        self.command("resize-window", "-t", "0", "-x", str(width), "-y", str(height))

    def running(self) -> str:
        return self.command("display-message", "-p", "-t", "0", "#{pane_current_command}")

    def close(self) -> None:
        subprocess.run(self.tmux + ["kill-server"], env=self.env, capture_output=True,
                       timeout=WAIT)


@pytest.fixture
def terminal(tmp_path):
    shell = Terminal(tmp_path)
    yield shell
    shell.close()


JOURNEY_SCREEN = ("Route: ", "The [b]border[/b], River", "Choices", "1. Cross [dim]now[/dim]",
                  "1-9 Choose")
"""What the journey screen shows, whole, at 80x24 or larger."""
RESIZES = [(30, 8), (20, 5), (1, 1), (200, 60), (10, 3), (79, 23), (31, 9), (120, 40),
           (2, 30), (80, 24)]
BURSTS = [("j", "j"), ("o", "o"), ("Tab", "Tab", "Tab"), ("Down", "Up"), ("2",),
          ("j", "o", "o", "j"), ("9", "0", "3"), ("BTab", "Up", "Down"), ("PageDown", "Home"),
          ("j", "j", "o", "o")]
"""Keys sent right after each resize. Whichever screen they reach (the cover or the journey,
depending on how far the app has got with the resizes), none leaves the journey screen: '2'
takes 'Wait a night' once, then numbers no open choice. Keys that open or close dialogs are
left to the Pilot tests, which can tell which screen a key reached."""


def test_resizes_key_bursts_and_suspend_leave_the_app_drawing_the_journey(terminal):
    terminal.line(f"{sys.executable} -m journey play {BRACKETS} --seed 4")
    terminal.wait_for("New journey (n)")
    terminal.type("n")
    terminal.wait_for("Choices")
    for (width, height), keys in zip(RESIZES, BURSTS):
        terminal.resize(width, height)
        terminal.type(*keys)
        time.sleep(0.05)  # a person's pace between bursts; nothing waits on it (any moment fits)
    terminal.wait_for(*JOURNEY_SCREEN)
    assert "python" in terminal.running()

    terminal.type("C-z")
    terminal.wait_for("Stopped")
    terminal.line("fg")
    terminal.wait_for(*JOURNEY_SCREEN)
    terminal.resize(100, 30)
    terminal.wait_for(*JOURNEY_SCREEN)
    assert "python" in terminal.running()

    terminal.type("C-c")
    terminal.wait_for("Your journey is saved")
    terminal.line("echo exit=$?")  # the status of the job brought back with fg
    terminal.wait_for("exit=0")
    assert "Traceback" not in terminal.history()


def test_quit_then_new_typed_at_once_quits_without_a_traceback(terminal):
    terminal.line(f"{sys.executable} -m journey play {BRACKETS}; echo exit=$?")
    terminal.wait_for("New journey (n)")
    terminal.type("q", "n")
    terminal.wait_for("exit=0")
    assert "Traceback" not in terminal.history()
