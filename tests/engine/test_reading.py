"""Reading a scenario file: only regular files, never more than the size limit, and the same
message from every command for a path it cannot read."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from journey.cli import main
from journey.engine import catalog, reading
from journey.engine.diagnostics import ScenarioError
from journey.engine.limits import MAX_BYTES
from journey.engine.loader import load_scenario
from journey.engine.reading import NotAFile, read_bytes

COMMANDS = (["check"], ["graph"], ["simulate", "--runs", "10"], ["play", "--plain"])


def test_a_file_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(ScenarioError) as failure:
        load_scenario(path)
    assert [str(d) for d in failure.value.diagnostics] == [
        f"{path}:1:1: the file is larger than 8 MiB; it is refused"]


def test_reading_stops_one_byte_past_the_limit_whatever_the_size(tmp_path, monkeypatch):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * 100_000)
    asked = []
    real_read = os.read
    monkeypatch.setattr(reading, "MAX_BYTES", 1_000)
    monkeypatch.setattr(os, "read", lambda fd, n: asked.append(n) or real_read(fd, n))
    with pytest.raises(ScenarioError):
        read_bytes(path)
    assert sum(asked) == 1_001
    path.write_bytes(b"#" * 1_000)
    assert read_bytes(path) == b"#" * 1_000


@pytest.mark.parametrize("name, reason", [
    ("/dev/zero", "a device, not a scenario file"), ("/dev/null", "a device, not a scenario file"),
    (".", "a folder, not a scenario file"),
    ("-", "standard input; scenarios are read from files only"),
])
def test_only_regular_files_are_read(name, reason):
    with pytest.raises(NotAFile) as failure:
        load_scenario(name)
    assert failure.value.strerror == reason


def test_a_pipe_with_no_writer_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "story.yaml"
    os.mkfifo(fifo)
    for command in COMMANDS:
        result = subprocess.run([sys.executable, "-m", "journey", *command, str(fifo)],
                                capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert result.returncode == 2
        message = f"{fifo}: cannot read: a pipe, not a scenario file"
        assert message in result.stdout + result.stderr


def test_standard_input_fed_without_end_is_refused_without_reading_it():
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        result = subprocess.run([sys.executable, "-m", "journey", "check", "/dev/stdin"],
                                stdin=yes.stdout, capture_output=True, text=True, timeout=60)
    finally:
        yes.kill()
        yes.wait()
    assert result.returncode == 2
    assert result.stdout == "/dev/stdin: cannot read: a pipe, not a scenario file\n"


def _messages(argv: list[str], capsys) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).strip()


@pytest.mark.parametrize("name, reason", [
    ("/dev/zero", "a device, not a scenario file"),
    (".", "a folder, not a scenario file"),
    ("-", "standard input; scenarios are read from files only"),
    ("missing.yaml", "No such file or directory"),
])
def test_every_command_gives_the_same_message_for_a_path_it_cannot_read(name, reason, capsys):
    for command in COMMANDS:
        code, message = _messages([*command, name], capsys)
        prefix = "" if command == ["check"] else f"journey {command[0]}: "
        assert (code, message) == (2, f"{prefix}{name}: cannot read: {reason}")


def test_resolve_names_bundled_scenarios_and_checks_paths_like_the_loader(tmp_path):
    assert catalog.resolve("tutorial") == catalog.bundled()["tutorial"]
    with pytest.raises(FileNotFoundError) as failure:
        catalog.resolve("no_such_story")
    assert str(failure.value).startswith("no bundled scenario named 'no_such_story'")
    with pytest.raises(NotAFile):
        catalog.resolve(str(tmp_path))
    with pytest.raises(FileNotFoundError):
        catalog.resolve(str(tmp_path / "missing.yaml"))
