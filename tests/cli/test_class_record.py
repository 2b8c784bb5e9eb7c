"""The class record: a finished journey becomes one row, a writer waits its turn however the
record was left, `journey play --record` adds plain-mode journeys, a damaged record is moved
aside with what can still be read, and a locked or newer one is put into words while play goes
on. (A whole class finishing at once: test_class_record_stress.py.)"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from class_journeys import finished
from journey.frontend import class_record, kept_journeys, record_file
from journey.frontend.class_record import Entry, RecordProblem


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


def test_a_record_that_is_not_a_database_is_named_when_read(tmp_path):
    database = tmp_path / "record.sqlite3"
    database.write_bytes(b"\x00not sqlite\x00" * 200)
    with pytest.raises(RecordProblem, match=f"The class record at {database} is damaged"):
        class_record.read(database)


def test_a_damaged_record_is_moved_aside_whole_and_a_new_one_takes_the_journey(tmp_path):
    database = tmp_path / "record.sqlite3"
    garbage = b"\x00not sqlite\x00" * 200
    database.write_bytes(garbage)
    note = class_record.append(Entry.of(finished(1), "x", class_record.PLAY), database)
    (aside,) = tmp_path.glob("record.damaged-*.sqlite3")
    assert aside.read_bytes() == garbage
    assert note == (f"The class record at {database} was damaged (file is not a database), so "
                    f"it was moved to {aside} and a new record was begun; nothing in the "
                    "damaged file could be read.")
    assert [e.seed for e in class_record.read(database)] == [1]


def test_a_record_cut_short_is_not_written_into_and_its_readable_journeys_move_on(tmp_path):
    """A file cut inside its last page (a full disk, a copy stopped half-way) reads as rows of
    empty values: SQLite's check finds it, and the rows it still gives go to the new record."""
    database = tmp_path / "record.sqlite3"
    for seed in range(60):
        class_record.append(Entry.of(finished(seed % 4), "x", class_record.PLAY), database)
    whole = database.read_bytes()
    database.write_bytes(whole[:len(whole) - 1000])
    before = class_record.reading(database)
    assert 0 < before.unreadable and len(before.entries) + before.unreadable == 60
    assert any("is damaged (SQLite's check of the file found:" in p for p in before.problems)
    assert f"{before.unreadable} rows of the record could not be read" in " ".join(
        before.problems)
    note = class_record.append(Entry.of(finished(1), "x", class_record.PLAY), database)
    (aside,) = tmp_path.glob("record.damaged-*.sqlite3")
    assert aside.read_bytes() == whole[:len(whole) - 1000]
    assert note is not None and note.endswith(
        f"a new record was begun with the {len(before.entries)} journeys that could still be "
        f"read; {before.unreadable} rows of it could not be read, and stay only in the "
        "damaged file.")
    after = class_record.read(database)
    assert after[:-1] == before.entries and len(after) == len(before.entries) + 1
    assert not list(kept_journeys.folder_for(database).glob("*.json"))


def test_a_damaged_record_another_journey_has_open_is_not_moved(tmp_path, monkeypatch):
    """SQLite finds a database's -wal and -shm files by its name: renaming a record another
    journey is using could send that journey's writes into the new record's files."""
    database = tmp_path / "record.sqlite3"
    database.write_bytes(b"garbage " * 500)
    monkeypatch.setattr(record_file, "BUSY_TIMEOUT", 0.3)
    with record_file.in_use(database, needed=True):
        with pytest.raises(RecordProblem, match=r"is damaged \(file is not a database\), and "
                                                r"other programs kept it open for the \d+\.\d "
                                                "seconds this journey waited to move it aside"):
            class_record.append(Entry.of(finished(1), "x", class_record.PLAY), database)
    assert database.read_bytes() == b"garbage " * 500
    assert not list(tmp_path.glob("record.damaged-*"))


def test_a_record_held_by_another_program_says_how_long_it_waited(tmp_path, monkeypatch):
    database = tmp_path / "record.sqlite3"
    class_record.append(Entry.of(finished(1), "x", class_record.PLAY), database)
    monkeypatch.setattr(record_file, "BUSY_TIMEOUT", 0.5)
    second = Entry.of(finished(2), "x", class_record.PLAY)
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        with pytest.raises(RecordProblem, match="stayed busy") as raised:
            class_record.append(second, database)
        waited = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    said = float(re.search(r"this journey waited (\d+\.\d) seconds for its turn",
                           str(raised.value))[1])
    assert 0.5 - 0.05 <= said <= waited + 0.05  # the whole deadline, and no more than it took
    assert len(class_record.read(database)) == 1


def test_a_record_in_rollback_mode_that_another_program_is_writing_waits_its_turn(
        tmp_path, monkeypatch):
    """Switching to WAL while another program writes is answered busy at once (SQLite does
    not wait there): the write tries again after a pause, and gets in once the other is done."""
    database = tmp_path / "record.sqlite3"
    class_record.append(Entry.of(finished(1), "x", class_record.PLAY), database)
    with closing(sqlite3.connect(database, isolation_level=None)) as other:
        other.execute("PRAGMA journal_mode = DELETE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE journeys SET seed = seed")
        pauses = []

        def other_finishes(seconds):
            pauses.append(seconds)
            if other.in_transaction:
                other.execute("COMMIT")

        monkeypatch.setattr(record_file, "pause", other_finishes)
        class_record.append(Entry.of(finished(2), "x", class_record.PLAY), database)
        assert pauses and not other.in_transaction
    assert [e.seed for e in class_record.read(database)] == [1, 2]


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


def test_a_damaged_record_in_plain_mode_is_moved_aside_and_the_journey_ends_well(tmp_path):
    data = tmp_path / "data"
    (data / "journey").mkdir(parents=True)
    database = data / "journey" / class_record.DATABASE
    database.write_bytes(b"garbage " * 500)
    done = journey(data, "play", "tutorial", "--plain", "--seed", "4", "--record",
                   stdin=first_open_keys(4))
    assert done.returncode == 0
    assert "== The journey ends:" in done.stdout
    (aside,) = database.parent.glob("class-record.damaged-*.sqlite3")
    text = " ".join(done.stdout.split())
    assert (f"Your journey was added to the class record. The class record at {database} was "
            f"damaged (file is not a database), so it was moved to {aside} and a new record "
            "was begun") in text
    assert "Traceback" not in done.stdout + done.stderr
    assert aside.read_bytes() == b"garbage " * 500
    assert [e.seed for e in class_record.read(database)] == [4]


def test_starting_a_class_on_a_damaged_record_says_what_it_did(tmp_path):
    database = tmp_path / "record.sqlite3"
    for seed in range(60):
        class_record.append(Entry.of(finished(seed % 4), "x", class_record.SERVE), database)
    kept_journeys.keep(kept_journeys.folder_for(database),
                       [class_record.row_of(Entry.of(finished(9), "x", class_record.SERVE))])
    whole = database.read_bytes()
    database.write_bytes(whole[:len(whole) - 1000])
    still = len(class_record.reading(database).entries)
    note = class_record.prepare(database)
    (aside,) = tmp_path.glob("record.damaged-*.sqlite3")
    assert note is not None and note.startswith(
        f"The class record at {database} was damaged (")
    assert (f"so it was moved to {aside} and a new record was begun with the {still} journeys "
            "that could still be read;") in note
    assert note.endswith("1 journey kept aside while the class record could not take it was "
                         "added to it.")
    assert len(class_record.read(database)) == still + 1
