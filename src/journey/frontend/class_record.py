"""The class record: every journey finished through `journey serve` (or `journey play
--record`), one row each, in an SQLite database in the data folder, for `journey class report`.

A row holds what the report needs and nothing about who played: when the journey ended, the
scenario (id, content hash and file), the era, the ending and its kind, the number of steps,
the route's choices and the seed. Thirty students finish at about the same time, each in a
process of their own: the database is in WAL mode with a busy timeout, and each row is written
in one transaction. Writing happens on a thread of its own (`Recorder`), so play never waits
for the disk, and a damaged or locked database is put into words, never raised at the player.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from journey.engine.model import Scenario
from journey.frontend.library import data_dir
from journey.frontend.playthrough import Playthrough

DATABASE = "class-record.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT = 10.0
"""Seconds a write waits for other writers before it gives up and says so."""
SERVE, PLAY = "serve", "play"
"""How a recorded journey was played."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS journeys (
    id INTEGER PRIMARY KEY,
    finished TEXT NOT NULL,      -- UTC, ISO 8601, e.g. 2026-11-27T09:15:02Z
    scenario TEXT NOT NULL,      -- the scenario's id
    content_hash TEXT NOT NULL,  -- which version of it was played
    file TEXT NOT NULL,          -- bundled:NAME.yaml, or the scenario file's path
    era_value INTEGER,           -- NULL when the scenario has no eras
    era_name TEXT,
    ending TEXT NOT NULL,
    kind TEXT NOT NULL,
    steps INTEGER NOT NULL,
    route TEXT NOT NULL,         -- JSON: [[scene id, choice index, choice label], ...]
    seed INTEGER NOT NULL,
    played_with TEXT NOT NULL    -- serve or play
)"""


def database_path() -> Path:
    return data_dir() / DATABASE


class RecordProblem(Exception):
    """The class record could not be read or written; the message says why, in plain words."""


@dataclass(frozen=True)
class RouteStep:
    """One step of a recorded route: the scene, and the choice taken there (engine index and
    the label the player read)."""

    scene: str
    choice: int
    label: str


@dataclass(frozen=True)
class Entry:
    """One finished journey as the class record keeps it."""

    finished: datetime
    scenario: str
    content_hash: str
    file: str
    era_value: int | None
    era_name: str | None
    ending: str
    kind: str
    route: tuple[RouteStep, ...]
    seed: int
    played_with: str

    @property
    def steps(self) -> int:
        return len(self.route)

    @classmethod
    def of(cls, journey: Playthrough, file: str, played_with: str,
           finished: datetime | None = None) -> Entry:
        """The entry of a journey that has ended; `file` says where its scenario came from."""
        ending = journey.ending
        assert ending is not None, "only a finished journey is recorded"
        scenario = journey.scenario
        era_value, era_name = era_of(scenario, journey.state.values)
        route = tuple(RouteStep(step.scene.id, choice, step.choice)
                      for step, (choice, _) in zip(journey.steps, journey.state.history))
        return cls(finished or datetime.now(UTC), scenario.id, scenario.content_hash, file,
                   era_value, era_name, ending.id, ending.kind, route, journey.seed,
                   played_with)


def era_of(scenario: Scenario, values: tuple[int, ...]) -> tuple[int | None, str | None]:
    """(value, name) of the era a journey ending with `values` belongs to, or (None, None)."""
    if scenario.eras is None:
        return None, None
    slot = scenario.slot(scenario.eras.by)
    return values[slot], scenario.value_text(slot, values[slot])


@contextmanager
def _connection(path: Path, writing: bool) -> Iterator[sqlite3.Connection]:
    """An open connection, closed afterwards; every sqlite3 failure becomes a RecordProblem."""
    connection: sqlite3.Connection | None = None
    try:
        if writing:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
        else:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                         timeout=BUSY_TIMEOUT, isolation_level=None)
        yield connection
    except sqlite3.DatabaseError as error:
        raise RecordProblem(_reason(path, error)) from None
    except OSError as error:
        raise RecordProblem(f"The class record at {path} cannot be used: "
                            f"{error.strerror or error}.") from None
    finally:
        if connection is not None:
            connection.close()


def _reason(path: Path, error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return (f"The class record at {path} stayed busy for more than {BUSY_TIMEOUT:g} "
                f"seconds (another program holds it: {text}).")
    if isinstance(error, sqlite3.OperationalError):
        return f"The class record at {path} cannot be used: {text}."
    return (f"The class record at {path} is damaged ({text}). Move it aside; a new one is "
            "started on the next journey.")


def append(entry: Entry, path: Path | None = None) -> None:
    """Add one finished journey, in one transaction. Raises RecordProblem."""
    path = path or database_path()
    with _connection(path, writing=True) as connection:
        connection.execute("BEGIN IMMEDIATE")
        try:
            _prepare(connection, path)
            connection.execute(
                "INSERT INTO journeys (finished, scenario, content_hash, file, era_value, "
                "era_name, ending, kind, steps, route, seed, played_with) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (_stamp(entry.finished), entry.scenario, entry.content_hash, entry.file,
                 entry.era_value, entry.era_name, entry.ending, entry.kind, entry.steps,
                 json.dumps([[s.scene, s.choice, s.label] for s in entry.route]), entry.seed,
                 entry.played_with))
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")


def _prepare(connection: sqlite3.Connection, path: Path) -> None:
    """Create the table in a new database; refuse one written by a later journey."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RecordProblem(f"The class record at {path} was written by a newer version of "
                            f"journey (record format {version}, this one knows "
                            f"{SCHEMA_VERSION}).")
    connection.execute(SCHEMA)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def read(path: Path | None = None, since: datetime | None = None) -> list[Entry]:
    """Every recorded journey (finished at or after `since`), oldest first; none when nothing
    has been recorded yet. Raises RecordProblem."""
    path = path or database_path()
    if not path.exists():
        return []
    with _connection(path, writing=False) as connection:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            return []  # created, but no journey was ever written
        if version != SCHEMA_VERSION:
            raise RecordProblem(f"The class record at {path} has record format {version}; "
                                f"this version of journey reads {SCHEMA_VERSION}.")
        rows = connection.execute(
            "SELECT finished, scenario, content_hash, file, era_value, era_name, ending, kind, "
            "route, seed, played_with FROM journeys WHERE finished >= ? ORDER BY finished, id",
            (_stamp(since) if since else "",)).fetchall()
    try:
        return [_entry(row) for row in rows]
    except (ValueError, TypeError, IndexError) as error:
        raise RecordProblem(f"The class record at {path} holds a row that is not a journey "
                            f"({error}).") from None


def _entry(row: tuple[object, ...]) -> Entry:
    finished, scenario, content_hash, file, era_value, era_name, ending, kind, route, seed, \
        played_with = row
    steps = tuple(RouteStep(str(scene), int(choice), str(label))
                  for scene, choice, label in json.loads(str(route)))
    return Entry(datetime.strptime(str(finished), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC),
                 str(scenario), str(content_hash), str(file),
                 None if era_value is None else int(str(era_value)),
                 None if era_name is None else str(era_name), str(ending), str(kind), steps,
                 int(str(seed)), str(played_with))


def _stamp(moment: datetime) -> str:
    """A moment in UTC as the record writes it, so that text order is time order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Recorder:
    """Appends finished journeys to the class record on threads of their own. `on_problem`
    gets the message when a write fails, on that thread (the app moves it to its own).
    The threads are not daemons: a process that ends right after a journey still writes it."""

    def __init__(self, played_with: str, on_problem: Callable[[str], object],
                 path: Path | None = None):
        self.played_with = played_with
        self.on_problem = on_problem
        self.path = path
        self.threads: list[threading.Thread] = []

    def record(self, journey: Playthrough, file: str) -> None:
        entry = Entry.of(journey, file, self.played_with)
        thread = threading.Thread(target=self.write, args=(entry,), name="class-record")
        self.threads.append(thread)
        thread.start()

    def write(self, entry: Entry) -> None:
        try:
            append(entry, self.path)
        except RecordProblem as problem:
            self.on_problem(f"Your journey could not be added to the class record: {problem} "
                            "Play goes on.")

    def wait(self) -> None:
        """Until every write started so far has finished (plain mode waits before it ends)."""
        for thread in self.threads:
            thread.join()
        self.threads.clear()
