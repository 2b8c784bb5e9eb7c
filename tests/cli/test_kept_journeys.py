"""A journey the class record cannot take when it ends is kept aside, the player is told so in
plain words, and it goes into the record with the next journey or the next start, exactly
once: even when many processes take the kept ones in at the same moment, or one stops between
adding them and removing their file."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from class_journeys import finished
from journey.frontend import class_record, kept_journeys, record_file
from journey.frontend.class_record import Entry, Recorder

MOMENT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


ENTRY = Entry.of(finished(0), "bundled:tutorial.yaml", class_record.SERVE, MOMENT)


def entry(seed: int) -> Entry:
    return replace(ENTRY, seed=seed, finished=MOMENT + timedelta(seconds=seed))


def kept_files(database):
    return sorted(kept_journeys.folder_for(database).glob("*.json"))


def test_a_journey_the_record_cannot_take_is_kept_and_goes_in_with_the_next_start(
        tmp_path, monkeypatch):
    database = tmp_path / "class-record.sqlite3"
    class_record.append(entry(1), database)
    monkeypatch.setattr(record_file, "BUSY_TIMEOUT", 0.2)
    said: list[str] = []
    with closing(sqlite3.connect(database, isolation_level=None)) as holder:
        holder.execute("BEGIN EXCLUSIVE")
        recorder = Recorder(class_record.SERVE, said.append, database)
        recorder.record(finished(2), "bundled:tutorial.yaml")
        recorder.wait()
        holder.execute("ROLLBACK")
    (message,) = said
    folder = kept_journeys.folder_for(database)
    assert message.startswith(f"Your journey could not be added to the class record just "
                              f"now: The class record at {database} stayed busy")
    assert message.endswith(f"It is kept in {folder} and will be added by itself when the "
                            "next journey is recorded or journey serve starts. Play goes on.")
    (kept,) = kept_files(database)
    assert [e.seed for e in class_record.read(database)] == [1]
    assert [e.seed for e in class_record.reading(database).kept] == [2]
    later = Recorder(class_record.SERVE, said.append, database)
    later.wait()
    assert [e.seed for e in class_record.read(database)] == [1, 2]
    assert not kept.exists() and len(said) == 1


def test_the_next_journey_brings_the_kept_ones_with_it(tmp_path):
    database = tmp_path / "class-record.sqlite3"
    folder = kept_journeys.folder_for(database)
    kept_journeys.keep(folder, [class_record.row_of(entry(1))])
    kept_journeys.keep(folder, [class_record.row_of(entry(2)), class_record.row_of(entry(3))])
    assert class_record.append(entry(4), database) is None
    assert [e.seed for e in class_record.read(database)] == [1, 2, 3, 4]
    assert kept_files(database) == []


def test_a_kept_file_added_but_not_removed_is_not_added_twice(tmp_path):
    """A process stopped between adding the kept journeys and removing their file leaves the
    file: the record knows it took it in, and only removes it."""
    database = tmp_path / "class-record.sqlite3"
    kept = kept_journeys.keep(kept_journeys.folder_for(database),
                              [class_record.row_of(entry(1))])
    copy = tmp_path / "copy.json"
    shutil.copy(kept, copy)
    assert class_record.prepare(database) == ("1 journey kept aside while the class record "
                                              "could not take it was added to it.")
    shutil.copy(copy, kept)
    assert class_record.prepare(database) is None
    assert [e.seed for e in class_record.read(database)] == [1]
    assert not kept.exists()


def _take_in(database, ready, seed) -> None:
    ready.wait()
    class_record.append(entry(seed), database)


def test_many_processes_taking_the_kept_journeys_in_at_once_add_each_once(tmp_path):
    database = tmp_path / "class-record.sqlite3"
    folder = kept_journeys.folder_for(database)
    for first in range(0, 40, 4):
        kept_journeys.keep(folder, [class_record.row_of(entry(seed))
                                    for seed in range(first, first + 4)])
    takers = 20
    context = multiprocessing.get_context("fork")
    ready = context.Barrier(takers)
    processes = [context.Process(target=_take_in, args=(database, ready, 100 + n))
                 for n in range(takers)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [process.exitcode for process in processes] == [0] * takers
    assert sorted(e.seed for e in class_record.read(database)) == (
        list(range(40)) + list(range(100, 100 + takers)))
    assert kept_files(database) == []


def test_a_kept_file_that_cannot_be_read_is_left_as_it_is_and_named(tmp_path):
    database = tmp_path / "class-record.sqlite3"
    folder = kept_journeys.folder_for(database)
    broken = folder / "broken.json"
    folder.mkdir()
    broken.write_text('{"format": 1, "journeys": [{"seed": "one"}', encoding="utf-8")
    kept_journeys.keep(folder, [class_record.row_of(entry(1))])
    note = class_record.prepare(database)
    assert note is not None and note.startswith("1 journey kept aside")
    assert f"The file of kept journeys {broken} was left as it is: it cannot be read" in note
    assert [e.seed for e in class_record.read(database)] == [1]
    assert kept_files(database) == [broken]


def test_a_journey_that_can_be_neither_recorded_nor_kept_is_said_to_be_lost(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    said: list[str] = []
    recorder = Recorder(class_record.PLAY, said.append, blocked / "class-record.sqlite3")
    recorder.record(finished(1), "bundled:tutorial.yaml")
    recorder.wait()
    (message,) = said
    assert message.startswith("Your journey could not be added to the class record: The "
                              f"class record at {blocked / 'class-record.sqlite3'} cannot be "
                              "used: its folder cannot be made (File exists).")
    assert message.endswith("It could not be kept aside to add later either (Not a "
                            "directory), so it is not in the record. Play goes on.")


def test_starting_a_class_prepares_the_record_in_wal_mode(tmp_path):
    database = tmp_path / "data" / "class-record.sqlite3"
    assert class_record.prepare(database) is None
    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    assert class_record.read(database) == []


def test_a_kept_journey_file_holds_the_records_own_columns(tmp_path):
    folder = tmp_path / "pending"
    path = kept_journeys.keep(folder, [class_record.row_of(entry(5))])
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == kept_journeys.FORMAT
    (row,) = data["journeys"]
    assert tuple(row) == class_record.COLUMNS
    assert class_record.entry_of(row) == entry(5)
