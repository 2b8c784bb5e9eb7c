"""No command lets a hostile scenario write to the terminal.

Each file of HOSTILE (in tests/engine/broken/) holds characters a terminal acts on: an OSC 52
clipboard write, an OSC 0 title, a screen clear, an OSC 8 link, C1 controls, a bidirectional
override, a tag that decodes to an escape, a NUL byte. Each command runs on each file, and the
raw bytes it writes to stdout and stderr must be UTF-8 text without a control character other
than newline and tab, without a C1 control and without a bidirectional override.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from journey.cli import main
from journey.engine.textsafety import REFUSED

BROKEN = Path(__file__).parents[1] / "engine" / "broken"
HOSTILE = [BROKEN / f"{name}.yaml" for name in (
    "osc52_clipboard", "title_and_clear", "escape_in_key", "escape_in_id", "c1_controls",
    "bidi_override", "tag_with_escape", "nul_byte")]
COMMANDS = {
    "check": ["check"], "check --json": ["check", "--json"], "graph": ["graph"],
    "graph --format dot": ["graph", "--format", "dot"],
    "simulate": ["simulate", "--runs", "10"], "simulate --replay": ["simulate", "--replay", "0"],
    "play --plain": ["play", "--plain", "--new"],
    "export": ["export", "--html", "never-written.html"],  # refused before it writes
}
_RAW_CONTROLS = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]")


def assert_printable(written: bytes) -> None:
    """No byte a terminal acts on: no raw control (ESC, BEL, CR, ...), and as text no C1
    control (U+0080-U+009F, written in UTF-8 as two bytes) and no bidirectional override."""
    assert not _RAW_CONTROLS.search(written), written
    assert not REFUSED.search(written.decode("utf-8")), written


@pytest.fixture(autouse=True)
def saves_elsewhere(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_no_command_writes_what_a_hostile_file_holds(path, command, capfdbinary):
    code = main([*COMMANDS[command], str(path)])
    written = capfdbinary.readouterr()
    assert code == 1
    assert_printable(written.out + written.err)
    assert b":" in written.out + written.err  # the problems were printed, as FILE:LINE:COL


def test_the_clipboard_write_never_reaches_the_terminal_of_a_real_process(tmp_path):
    """The same, through the installed command line in processes of their own, with schema."""
    path = BROKEN / "osc52_clipboard.yaml"
    runs = [[*argv, str(path)] for argv in COMMANDS.values()] + [["schema"]]
    for argv in runs:
        result = subprocess.run([sys.executable, "-m", "journey", *argv], capture_output=True,
                                input=b"1\n1\n1\n", timeout=120,
                                env={"XDG_DATA_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
        assert result.returncode == (0 if argv == ["schema"] else 1), result.stderr
        assert_printable(result.stdout + result.stderr)
        if argv != ["schema"]:
            assert b"the control character U+001B is not allowed" in result.stdout + result.stderr
