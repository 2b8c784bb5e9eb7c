"""The class record on the disk: what SQLite's quick check (run inside every write, so that a
damaged record is never written into) costs as the record grows, what reading it for the
report costs, and how long a class of 30 or 100 processes finishing at once takes to get in.

    .venv/bin/python benchmarks/class_record.py [--sizes 0,1000,10000] [--repeat 15]

It writes in a temporary folder beside the system's temporary files (a disk, not memory, so
commits wait for the disk as they do in a classroom) and removes it afterwards.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from journey.frontend import class_record, record_file
from journey.frontend.class_record import Entry, RouteStep


def journey_entry() -> Entry:
    """A journey the size of a long-road one: twelve steps with labels of a usual length."""
    route = tuple(RouteStep(f"scene_{step}", step % 3, "Pay the broker and cross at night")
                  for step in range(12))
    return Entry(datetime.now(UTC), "long_road", "0" * 64, "bundled:long_road.yaml", 0,
                 "Before the 2020 border closure", "asylum_seoul", "asylum", route, 1,
                 class_record.SERVE)


def fill(database: Path, entry: Entry, count: int) -> None:
    """`count` journeys, written in one go (as years of classes would leave them)."""
    class_record.prepare(database)

    def work(db):
        db.executemany(f"INSERT INTO journeys ({', '.join(class_record.COLUMNS)}) VALUES "
                       f"({', '.join('?' * len(class_record.COLUMNS))})",
                       [tuple(class_record.row_of(replace(entry, seed=i)).values())
                        for i in range(count)])

    record_file.write(database, work)


def append_times(database: Path, entry: Entry, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        class_record.append(entry, database)
        times.append(time.perf_counter() - started)
    return times


def _student(entry: Entry, database: Path, ready, times) -> None:
    ready.wait()
    started = time.perf_counter()
    class_record.append(entry, database)
    times.put(time.perf_counter() - started)


def class_at_once(database: Path, entry: Entry, students: int) -> tuple[float, list[float]]:
    """Wall time from the barrier to the last journey in, and each writer's own time."""
    context = multiprocessing.get_context("fork")
    ready, times = context.Barrier(students + 1), context.SimpleQueue()
    processes = [context.Process(target=_student, args=(replace(entry, seed=i), database,
                                                        ready, times))
                 for i in range(students)]
    for process in processes:
        process.start()
    ready.wait()
    started = time.perf_counter()
    for process in processes:
        process.join()
    wall = time.perf_counter() - started
    return wall, sorted(times.get() for _ in range(students))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,1000,10000")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    entry = journey_entry()
    row = len(str(class_record.row_of(entry)))
    print(f"one journey: {entry.steps} steps, a row of about {row} bytes")
    print(f"{'record of':>9} {'file MB':>8} {'append ms':>10} {'no check ms':>12} "
          f"{'check ms':>9} {'reading s':>10}")
    with tempfile.TemporaryDirectory(dir=tempfile.gettempdir()) as folder:
        for size in (int(text) for text in args.sizes.split(",")):
            database = Path(folder) / f"record-{size}.sqlite3"
            fill(database, entry, size)
            checked = statistics.median(append_times(database, entry, args.repeat))
            real_check = record_file.check
            record_file.check = lambda db, path: None
            try:
                unchecked = statistics.median(append_times(database, entry, args.repeat))
            finally:
                record_file.check = real_check
            started = time.perf_counter()
            found = class_record.reading(database)
            reading = time.perf_counter() - started
            assert not found.problems and len(found.entries) == size + 2 * args.repeat
            print(f"{size:>9,} {database.stat().st_size / 1e6:>8.1f} "
                  f"{checked * 1000:>10.1f} {unchecked * 1000:>12.1f} "
                  f"{(checked - unchecked) * 1000:>9.1f} {reading:>10.2f}")
        for students in (30, 100):
            database = Path(folder) / f"class-{students}.sqlite3"
            wall, times = class_at_once(database, entry, students)
            rows = len(class_record.read(database))
            print(f"{students} processes finishing at once on a new record: all in after "
                  f"{wall:.2f} s; each writer's wait: median {statistics.median(times):.2f} s, "
                  f"slowest {times[-1]:.2f} s; rows {rows}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
