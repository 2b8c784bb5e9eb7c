"""The class record under a class finishing at once: 30 and 100 real processes append to one
real SQLite file at the same moment, whether the record is new, already in WAL mode, left in
rollback mode by an older journey or another program, or the 0-byte file a full disk leaves
behind. Every journey must be in the record, once, and no writer may give up. And a damaged
record met by a whole class is moved aside once, losing nothing it still held."""

from __future__ import annotations

import multiprocessing
import sqlite3
import tempfile
import time
from contextlib import closing
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from class_journeys import finished
from journey.frontend import class_record, kept_journeys
from journey.frontend.class_record import Entry, RecordProblem, Recorder

NEW, WAL, ROLLBACK, EMPTY = "new", "wal", "rollback", "0-byte"
ALREADY = 3
"""Journeys an existing record holds before the class finishes."""
CLASSES = 4
"""Records each test fills, one after the other, with the same writers."""
START = 0.02
"""Seconds from the last writer's arrival to the moment they all begin."""


def record_as(database: Path, state: str, entry: Entry) -> list[int]:
    """Leave `database` as a class finds it in `state`; the seeds it already holds."""
    if state == NEW:
        return []
    if state == EMPTY:
        database.write_bytes(b"")
        return []
    seeds = [-(i + 1) for i in range(ALREADY)]
    with closing(sqlite3.connect(database, isolation_level=None)) as connection:
        connection.execute(class_record.SCHEMA)
        connection.execute(f"PRAGMA user_version = {class_record.SCHEMA_VERSION}")
        connection.execute(f"PRAGMA journal_mode = {'WAL' if state == WAL else 'DELETE'}")
    for seed in seeds:
        written = sqlite3.connect(database, isolation_level=None)
        written.execute(
            "INSERT INTO journeys (finished, scenario, content_hash, file, era_value, era_name, "
            "ending, kind, steps, route, seed, played_with) VALUES "
            "('2026-03-02T09:00:00Z', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (entry.scenario, entry.content_hash, entry.file, entry.era_value, entry.era_name,
             entry.ending, entry.kind, entry.steps,
             "[" + ", ".join(f'["{s.scene}", {s.choice}, "{s.label}"]' for s in entry.route)
             + "]", seed, entry.played_with))
        written.close()
    with closing(sqlite3.connect(database)) as connection:
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == ("wal" if state == WAL else "delete")
    return seeds


def _student(entry: Entry, records: list[Path], ready, start, problems) -> None:
    for database in records:
        ready.wait()
        while time.monotonic() < start.value:
            pass  # all at once, not one by one as the barrier wakes them
        try:
            class_record.append(entry, database)
        except RecordProblem as problem:
            problems.put(f"{database.name}, seed {entry.seed}: {problem}")


def _start_soon(start) -> None:
    """Run by the last writer to reach the barrier: the moment they all begin."""
    start.value = time.monotonic() + START


@pytest.fixture
def folder(tmp_path):
    """A folder in memory where there is one (/dev/shm): SQLite locks files there as on a
    disk, but a commit does not wait for the disk, so a class takes seconds, not minutes."""
    memory = Path("/dev/shm")
    if not memory.is_dir():
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(dir=memory, prefix="journey-record-") as name:
        yield Path(name)


@pytest.mark.parametrize("students", [30, 100])
@pytest.mark.parametrize("state", [NEW, WAL, ROLLBACK, EMPTY])
def test_a_whole_class_finishing_at_once_is_recorded_whole(folder, state, students):
    """The same processes finish at once in CLASSES records one after the other (each begins
    in `state`): the moment they all first meet a record is when writers used to get lost."""
    entry = Entry.of(finished(0), "bundled:tutorial.yaml", class_record.SERVE)
    records = [folder / f"class-{number}.sqlite3" for number in range(CLASSES)]
    before = [record_as(database, state, entry) for database in records]
    context = multiprocessing.get_context("fork")  # quick to start: journey is imported
    start = context.Value("d", 0.0, lock=False)
    ready = context.Barrier(students, action=partial(_start_soon, start))
    problems = context.SimpleQueue()
    processes = [context.Process(target=_student, args=(
        replace(entry, seed=seed), records, ready, start, problems))
        for seed in range(students)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    said = []
    while not problems.empty():
        said.append(problems.get())
    assert said == []
    assert [process.exitcode for process in processes] == [0] * students
    for database, seeds in zip(records, before):
        assert sorted(e.seed for e in class_record.read(database)) == (
            sorted(seeds) + list(range(students)))
        with closing(sqlite3.connect(database)) as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _finisher(entry: Entry, database: Path, ready, problems) -> None:
    ready.wait()
    said: list[str] = []
    recorder = Recorder(class_record.SERVE, said.append, database)
    recorder.write(entry)
    for text in said:
        problems.put(text)


def test_a_damaged_record_met_by_a_whole_class_is_moved_aside_once_and_loses_nothing(folder):
    """Thirty processes meet a record cut short at the same moment: one moves it aside, the
    journeys it still gives go into the new record once, and every student's journey is in."""
    database = folder / "class-record.sqlite3"
    entry = Entry.of(finished(0), "bundled:tutorial.yaml", class_record.SERVE)
    for seed in range(100, 160):
        class_record.append(replace(entry, seed=seed), database)
    whole = database.read_bytes()
    database.write_bytes(whole[:len(whole) - 1000])
    still = sorted(e.seed for e in class_record.reading(database).entries)
    context = multiprocessing.get_context("fork")
    ready, said = context.Barrier(30), context.SimpleQueue()
    processes = [context.Process(target=_finisher, args=(
        replace(entry, seed=seed), database, ready, said)) for seed in range(30)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [process.exitcode for process in processes] == [0] * 30
    notes = []
    while not said.empty():
        notes.append(said.get())
    (moved,) = [note for note in notes if "was damaged" in note]
    (aside,) = folder.glob("class-record.damaged-*.sqlite3")
    assert f"so it was moved to {aside}" in moved
    class_record.prepare(database)  # any journey kept aside meanwhile goes in now
    assert sorted(e.seed for e in class_record.read(database)) == list(range(30)) + still
    assert not list(kept_journeys.folder_for(database).glob("*.json"))
