"""The class record: a finished journey becomes one row, thirty processes finishing at once
lose none, `journey play --record` adds plain-mode journeys, and a damaged, locked or newer
database is put into words while play goes on."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journey.engine import catalog, engine
from journey.engine.loader import load_scenario
from journey.frontend import class_record
from journey.frontend.class_record import Entry, RecordProblem
from journey.frontend.playthrough import Playthrough


TUTORIAL = catalog.resolve("tutorial")
STUDENTS = 30


def finished(seed: int) -> Playthrough:
    """A tutorial journey that always takes the first open choice."""
    scenario = load_scenario(TUTORIAL)
    playthrough = Playthrough(scenario, seed)
    while not playthrough.over:
        playthrough.take(next(view.index for view in engine.choice_views(scenario,
                                                                          playthrough.state)
                              if view.enabled))
    return playthrough


def first_open_keys(seed: int) -> str:
    """What a plain-mode player types to take the first open choice every time (plain mode
    numbers only the open choices, from 1)."""
    return "1\n" * len(finished(seed).steps)


def journey(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "journey", *args], input=stdin,
                          env={**os.environ, "XDG_DATA_HOME": str(data)},
                          capture_output=True, text=True, timeout=120)


def test_a_finished_journey_reads_back_as_it_was_played(tmp_path):
    journey_played = finished(3)
    moment = datetime(2026, 3, 2, 9, 15, 2, tzinfo=UTC)
    entry = Entry.of(journey_played, "bundled:tutorial.yaml", class_record.SERVE, moment)
    class_record.append(entry, tmp_path / "record.sqlite3")
    (back,) = class_record.read(tmp_path / "record.sqlite3")
    assert back == entry
    assert (back.era_value, back.era_name) == (0, "Before the 2020 border closure")
    assert back.ending == journey_played.ending.id and back.steps == len(journey_played.steps)
    assert [step.label for step in back.route] == [s.choice for s in journey_played.steps]


def test_since_keeps_only_the_journeys_finished_from_then_on(tmp_path):
    database = tmp_path / "record.sqlite3"
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    for minutes in (0, 30, 60):
        class_record.append(Entry.of(finished(1), "x", class_record.PLAY,
                                     start + timedelta(minutes=minutes)), database)
    kept = class_record.read(database, since=start + timedelta(minutes=30))
    assert [e.finished for e in kept] == [start + timedelta(minutes=30),
                                          start + timedelta(minutes=60)]


def _append_when_all_are_ready(entry: Entry, database: Path, ready) -> None:
    ready.wait()
    class_record.append(entry, database)


def test_thirty_students_finishing_at_once_are_all_recorded(tmp_path):
    """Thirty processes append to a new database at the same moment: WAL mode, the busy
    timeout and one transaction per row mean none is lost and none fails."""
    database = tmp_path / "record.sqlite3"
    context = multiprocessing.get_context("fork")  # quick to start: journey is imported
    ready = context.Barrier(STUDENTS)
    students = [context.Process(target=_append_when_all_are_ready, args=(
        Entry.of(finished(seed), "bundled:tutorial.yaml", class_record.SERVE), database, ready))
        for seed in range(STUDENTS)]
    for student in students:
        student.start()
    for student in students:
        student.join(timeout=120)
    assert [student.exitcode for student in students] == [0] * STUDENTS
    assert sorted(e.seed for e in class_record.read(database)) == list(range(STUDENTS))
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_damaged_record_is_named_and_explained(tmp_path):
    database = tmp_path / "record.sqlite3"
    database.write_bytes(b"\x00not sqlite\x00" * 200)
    entry = Entry.of(finished(1), "x", class_record.PLAY)
    with pytest.raises(RecordProblem, match=f"The class record at {database} is damaged"):
        class_record.append(entry, database)
    with pytest.raises(RecordProblem, match="is damaged"):
        class_record.read(database)


def test_a_record_held_by_another_program_says_it_stayed_busy(tmp_path, monkeypatch):
    database = tmp_path / "record.sqlite3"
    class_record.append(Entry.of(finished(1), "x", class_record.PLAY), database)
    monkeypatch.setattr(class_record, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(RecordProblem, match="stayed busy for more than 0.2 seconds"):
            class_record.append(Entry.of(finished(2), "x", class_record.PLAY), database)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(class_record.read(database)) == 1


def test_a_record_from_a_newer_journey_is_left_alone(tmp_path):
    database = tmp_path / "record.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA user_version = 99")
    with pytest.raises(RecordProblem, match="written by a newer version of journey"):
        class_record.append(Entry.of(finished(1), "x", class_record.PLAY), database)
    with pytest.raises(RecordProblem, match="has record format 99"):
        class_record.read(database)


def test_no_record_yet_reads_as_no_journeys(tmp_path):
    assert class_record.read(tmp_path / "nothing.sqlite3") == []


def test_play_record_adds_a_plain_journey_to_the_class_record(tmp_path):
    data = tmp_path / "data"
    done = journey(data, "play", "tutorial", "--plain", "--seed", "4", "--record",
                   stdin=first_open_keys(4))
    assert done.returncode == 0, done.stderr
    (entry,) = class_record.read(data / "journey" / class_record.DATABASE)
    assert (entry.scenario, entry.seed, entry.played_with, entry.file) == (
        "tutorial", 4, class_record.PLAY, "bundled:tutorial.yaml")


def test_play_without_record_leaves_no_class_record(tmp_path):
    data = tmp_path / "data"
    journey(data, "play", "tutorial", "--plain", "--seed", "4", stdin=first_open_keys(4))
    assert not (data / "journey" / class_record.DATABASE).exists()


def test_a_damaged_record_in_plain_mode_gets_a_message_and_the_journey_ends_well(tmp_path):
    data = tmp_path / "data"
    (data / "journey").mkdir(parents=True)
    database = data / "journey" / class_record.DATABASE
    database.write_bytes(b"garbage " * 500)
    done = journey(data, "play", "tutorial", "--plain", "--seed", "4", "--record",
                   stdin=first_open_keys(4))
    assert done.returncode == 0
    assert "== The journey ends:" in done.stdout
    text = " ".join(done.stdout.split())
    assert (f"Your journey could not be added to the class record: The class record at "
            f"{database} is damaged") in text
    assert "Traceback" not in done.stdout + done.stderr
    assert os.path.getsize(database) == len(b"garbage " * 500)
