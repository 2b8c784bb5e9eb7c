"""`--watch` through real processes, as an author runs it beside an editor: plain mode fed
through a pipe tells each edit and shows the scene again while it still reads choices, and
`journey check --watch` checks again after every save until Ctrl+C, which ends it cleanly."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from journey.engine import catalog

DEADLINE = 60.0
"""Seconds to wait for expected output: an edit shows within a second, but a loaded test
machine can be much slower, and a deadline is only reached when something is wrong."""


class Running:
    """`journey ARGS...` started in `folder` with its data in `data_home`."""

    def __init__(self, folder: Path, data_home: Path, *args: str):
        env = {**os.environ, "XDG_DATA_HOME": str(data_home), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "journey", *args], cwd=folder, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.out, self.err = "", ""
        self.seen = 0
        """How much of `out` earlier waits have used up."""
        self.lock = threading.Lock()
        self.readers = [threading.Thread(target=self.collect, args=(stream, name), daemon=True)
                        for stream, name in ((self.process.stdout, "out"),
                                             (self.process.stderr, "err"))]
        for reader in self.readers:
            reader.start()

    def collect(self, stream, name: str) -> None:
        for chunk in iter(lambda: stream.read(1), ""):
            with self.lock:
                setattr(self, name, getattr(self, name) + chunk)

    def wait_for(self, pattern: str, on: str = "out") -> str:
        """The output after the last wait, up to and including the first match of `pattern`
        (a regular expression); fails after DEADLINE seconds."""
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            with self.lock:
                text = self.out if on == "out" else self.err
            start = self.seen if on == "out" else 0
            found = re.compile(pattern, re.MULTILINE).search(text, start)
            if found:
                if on == "out":
                    self.seen = found.end()
                return text[start:found.end()]
            time.sleep(0.02)
        raise AssertionError(f"no {pattern!r} in the output after {DEADLINE} s:\n"
                             f"{self.out}\n--- stderr ---\n{self.err}")

    def type(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text)
        self.process.stdin.flush()

    def finish(self) -> int:
        code = self.process.wait(timeout=DEADLINE)
        for reader in self.readers:
            reader.join(DEADLINE)
        return code

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


LEAVE = r"      - label: Leave tonight for the river\n        goto: riverbank[^\n]*\n"
"""The first choice of the tutorial's scene 'home'."""


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder with a copy of the tutorial, mine.yaml, to edit."""
    shutil.copy(catalog.bundled()["tutorial"], tmp_path / "mine.yaml")
    return tmp_path


def check_output(folder: Path, name: str) -> str:
    """What `journey check NAME` prints, run once in `folder`."""
    return subprocess.run([sys.executable, "-m", "journey", "check", name], cwd=folder,
                          capture_output=True, text=True, timeout=120).stdout


def test_plain_mode_tells_each_edit_and_shows_the_scene_again_while_reading_choices(folder):
    mine = folder / "mine.yaml"
    game = Running(folder, folder / "data", "play", "mine.yaml", "--plain", "--watch",
                   "--seed", "1")
    try:
        game.wait_for(r"^Your choice \(1-2; s for sources")
        game.type("1\n1\n")
        game.wait_for(r"== The border \(Tumen river\), step 3 ==")
        game.wait_for(r"Your choice")

        text = mine.read_text()
        mine.write_text(text.replace("The Tumen is", "Floodlights sweep the Tumen. It is"))
        told = game.wait_for(r"Your choice \(1-4; s for sources")
        assert re.search(r"^Reloaded mine.yaml and replayed 2 steps.\n\n== The border \(Tumen "
                         r"river\), step 3 ==\nFloodlights sweep the Tumen", told, re.MULTILINE)

        good = mine.read_text()
        mine.write_text(good.replace("\nscenes:\n", "\nscenes: [\n"))
        told = game.wait_for(r"Your choice")
        problems = check_output(folder, "mine.yaml")
        assert re.match(r"mine.yaml:\d+:\d+: YAML syntax", problems)
        assert f"\nmine.yaml has problems to fix:\n{problems}Your journey is kept" in told
        assert "Floodlights sweep the Tumen" in told  # the scene, as it was before the edit

        mine.write_text(re.sub(LEAVE, "", good))
        told = game.wait_for(r"Your choice \(1-4; c to carry on, n to start again; s for")
        assert ("Step 2 of your journey no longer fits the edited mine.yaml: in scene 'home', "
                "the choice taken, 'Leave tonight for the river', is gone.") in \
            told.replace("\n", " ")
        game.type("c\n")
        told = game.wait_for(r"Your choice \(1-1; s for")
        assert "Carrying on after step 1.\n\n== Home (North Hamgyong province), step 2 ==" in told

        game.process.stdin.close()
        assert game.finish() == 0
        assert "Your journey is saved after 1 step." in game.out
        assert game.err == ""
    finally:
        game.stop()


def test_check_watch_checks_again_after_each_save_and_stops_cleanly_on_ctrl_c(folder):
    mine = folder / "mine.yaml"
    ok_text = mine.read_text()
    ok = check_output(folder, "mine.yaml")
    assert ok.startswith("mine.yaml: ok, every path ends\n")
    watching = Running(folder, folder / "data", "check", "--watch", "mine.yaml")
    try:
        assert watching.wait_for(r"coverage: .*\n") == ok
        watching.wait_for(r"^Watching 1 file; each save is checked again. Press Ctrl\+C to "
                          r"stop.$", on="err")

        mine.write_text(ok_text.replace("goto: riverbank", "goto: riverbnk"))
        broken = check_output(folder, "mine.yaml")
        assert "did you mean 'riverbank'" in broken
        told = watching.wait_for(re.escape(broken))
        assert re.fullmatch(r"\n--- \d\d:\d\d:\d\d: mine.yaml saved, checked again ---\n" +
                            re.escape(broken), told)

        mine.write_text(ok_text)
        told = watching.wait_for(r"coverage: .*\n")
        assert re.fullmatch(r"\n--- \d\d:\d\d:\d\d: mine.yaml saved, checked again ---\n" +
                            re.escape(ok), told)

        watching.process.send_signal(signal.SIGINT)
        assert watching.finish() == 0  # the last check's code: every path ends
        assert watching.err.endswith("\nStopped watching.\n")
        assert "Traceback" not in watching.err
    finally:
        watching.stop()


def test_check_watch_ends_with_the_last_checks_code(folder):
    mine = folder / "mine.yaml"
    mine.write_text(mine.read_text().replace("goto: riverbank", "goto: riverbnk"))
    watching = Running(folder, folder / "data", "check", "--watch", "mine.yaml")
    try:
        watching.wait_for(r"^Watching 1 file", on="err")
        watching.process.send_signal(signal.SIGINT)
        assert watching.finish() == 1
        assert "Traceback" not in watching.err
    finally:
        watching.stop()
