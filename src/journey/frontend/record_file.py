"""The class record's SQLite file: written so that a whole class finishing at once all gets in,
read so that damage is named, and, when damaged, moved aside without harming anyone using it.

Why the care. Thirty processes write to one file at the same moment. WAL mode lets them take
turns while others read, and SQLite waits (the busy timeout) for a turn to write; but it never
waits when a connection that is reading asks to write, as `PRAGMA journal_mode=WAL` does on a
file not yet in WAL mode (a new record, a 0-byte file, one an older program left in rollback
mode): that fails at once. So the switch is made only when the file is not in WAL mode yet, and
any busy answer is tried again after a random pause, until one deadline for the whole write.

A damaged file is never written into: SQLite's own `PRAGMA quick_check` runs inside every write
(a few milliseconds for thousands of journeys). It is moved aside only when no journey has it
open, since SQLite finds a database's `-wal` and `-shm` files by its name: a process still using
a renamed record would write into the new record's files. Every journey holds a shared lock on
a lock file beside the record while it has the record open; the mover takes it whole.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, nullcontext
from pathlib import Path
from typing import TypeVar

from journey.frontend.whole_file import dated_name
from journey.frontend.words import _

BUSY_TIMEOUT = 10.0
"""Seconds a write waits, in all, for other writers before it gives up and says so."""
LONGEST_PAUSE = 0.05
"""The longest random pause between two tries of a busy write, in seconds."""
COMPANIONS = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database, named after it."""

T = TypeVar("T")


class RecordProblem(Exception):
    """The class record could not be read or written; the message says why, in plain words."""


class Damaged(RecordProblem):
    """The class record's file is damaged; `why` is what SQLite found."""

    def __init__(self, path: Path, why: str):
        super().__init__(_("The class record at {path} is damaged ({why}).").format(
            path=path, why=why))
        self.path = path
        self.why = why


def _code(error: sqlite3.Error) -> int:
    """SQLite's primary result code for `error` (extended codes carry it in the low byte)."""
    code = getattr(error, "sqlite_errorcode", None)  # None when sqlite3 itself refused
    return code & 0xFF if isinstance(code, int) else 0


def busy(error: sqlite3.Error) -> bool:
    return _code(error) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def damaged(error: sqlite3.Error) -> bool:
    return _code(error) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def lock_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.lock")


@contextmanager
def in_use(path: Path, needed: bool) -> Iterator[None]:
    """Say, with a shared lock on the lock file, that this process has the record open, so no
    other moves it aside meanwhile. A mover holds the lock only to check and rename, so this
    waits at most that long. `needed` False (reading): go on without it when there can be no
    lock file (a read-only folder). Windows cannot rename a file that is open: no lock needed."""
    if sys.platform == "win32":
        yield
        return
    import fcntl

    try:
        handle = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        if needed:
            raise
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_SH)
        yield
    finally:
        os.close(handle)


def write(path: Path, work: Callable[[sqlite3.Connection], T]) -> T:
    """Run `work` in one write transaction on the record at `path` (created, and its folder,
    when missing), waiting for other writers up to BUSY_TIMEOUT in all. `work` must only touch
    the database: it runs again when a try is answered busy. Raises Damaged (nothing written)
    or RecordProblem."""
    started = time.monotonic()
    deadline = started + BUSY_TIMEOUT
    pauses = random.Random()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RecordProblem(_("The class record at {path} cannot be used: its folder cannot "
                              "be made ({why}).").format(path=path,
                                                         why=error.strerror or error)) from None
    while True:
        try:
            return _write_once(path, work, deadline)
        except sqlite3.Error as error:
            if damaged(error):
                raise Damaged(path, str(error)) from None
            if busy(error) and time.monotonic() < deadline:
                pause(min(pauses.uniform(0.001, LONGEST_PAUSE), _left(deadline)))
                continue
            raise RecordProblem(_reason(path, error, time.monotonic() - started)) from None
        except OSError as error:
            raise RecordProblem(_cannot_be_used(path, error.strerror or error)) from None


def pause(seconds: float) -> None:
    """Wait before trying a busy write again (a name of its own, so a test can see it)."""
    if seconds > 0:
        time.sleep(seconds)


def _write_once(path: Path, work: Callable[[sqlite3.Connection], T], deadline: float) -> T:
    with in_use(path, needed=True), \
            closing(sqlite3.connect(path, timeout=_left(deadline), isolation_level=None)) as db:
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            check(db, path)  # a damaged file stays as it is, to be moved aside
            db.execute("PRAGMA journal_mode=WAL")  # keeps rollback mode where WAL cannot be
        db.execute(f"PRAGMA busy_timeout = {int(_left(deadline) * 1000)}")
        db.execute("BEGIN IMMEDIATE")
        check(db, path)
        result = work(db)
        db.execute("COMMIT")  # closing without it rolls everything back
        return result


def _left(deadline: float) -> float:
    return max(0.0, deadline - time.monotonic())


def check(db: sqlite3.Connection, path: Path) -> None:
    """Raise Damaged when SQLite's quick check finds the file damaged."""
    found = [str(row[0]) for row in db.execute("PRAGMA quick_check(1)")]
    if found != ["ok"]:
        first = next((line for text in found for line in text.splitlines()
                      if line and not line.startswith("***")), _("no detail"))
        raise Damaged(path, _("SQLite's check of the file found: {first}").format(first=first))


def _reason(path: Path, error: sqlite3.Error, waited: float) -> str:
    if busy(error):
        return _("The class record at {path} stayed busy: other programs were using it, and "
                 "this journey waited {waited:.1f} seconds for its turn ({error}).").format(
                     path=path, waited=waited, error=error)
    return _cannot_be_used(path, error)


def _cannot_be_used(path: Path, why: object) -> str:
    return _("The class record at {path} cannot be used: {why}.").format(path=path, why=why)


@contextmanager
def reading(path: Path, lock: bool = True) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the record at `path`, closed afterwards; sqlite3 failures
    become Damaged or RecordProblem. `writable_schema` lets SQLite read a file shorter than its
    header says, which it refuses whole otherwise (the connection stays read-only). `lock`
    False: for a record moved aside, which nothing writes to any more (without a `-wal` file
    beside it, it is read as a file that cannot change, which leaves no files beside it)."""
    started = time.monotonic()
    fixed = not lock and not path.with_name(f"{path.name}-wal").exists()
    uri = f"{path.resolve().as_uri()}?mode=ro{'&immutable=1' if fixed else ''}"
    try:
        with in_use(path, needed=False) if lock else nullcontext(), \
                closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT,
                                        isolation_level=None)) as db:
            db.execute("PRAGMA writable_schema = ON")
            yield db
    except sqlite3.Error as error:
        if damaged(error):
            raise Damaged(path, str(error)) from None
        raise RecordProblem(_reason(path, error, time.monotonic() - started)) from None
    except OSError as error:
        raise RecordProblem(_("The class record at {path} cannot be read: {why}.").format(
            path=path, why=error.strerror or error)) from None


def rows(db: sqlite3.Connection, query: str) -> tuple[list[tuple[object, ...]], str | None]:
    """The rows of `query` that a possibly damaged file still gives, and, when it stopped
    giving them before the end, why."""
    found: list[tuple[object, ...]] = []
    try:
        for row in db.execute(query):
            found.append(tuple(row))
    except sqlite3.DatabaseError as error:
        return found, str(error)
    return found, None


class _InUse(Exception):
    """The record cannot be moved now: a journey, or another program, has it open."""


def move_aside(path: Path, why: str) -> Path | None:
    """Move the damaged record at `path` (and SQLite's files beside it) to a dated name beside
    it, and return that; None when it is not damaged any more (another process moved it).
    Raises RecordProblem when it cannot be moved, or is still in use after BUSY_TIMEOUT."""
    return _alone(path, lambda: _rename_if_damaged(path), lambda waited: _(
        "The class record at {path} is damaged ({why}), and other programs kept it open for "
        "the {waited:.1f} seconds this journey waited to move it aside.").format(
            path=path, why=why, waited=waited), lambda error: _(
        "The class record at {path} is damaged ({why}), and it could not be moved aside: "
        "{error}.").format(path=path, why=why, error=error))


def set_aside(path: Path, label: str) -> Path | None:
    """Move the record at `path` (and SQLite's files beside it) to a dated name beside it,
    STEM.LABEL-DATE-TIME.sqlite3, once no journey has it open; None when there is no record.
    Raises RecordProblem when it cannot be moved, or is still in use after BUSY_TIMEOUT."""
    return _alone(path, lambda: _rename(path, label) if path.exists() else None,
                  lambda waited: _(
        "The class record at {path} was to be moved aside for a new one, and other programs "
        "kept it open for the {waited:.1f} seconds journey waited to move it.").format(
            path=path, waited=waited), lambda error: _(
        "The class record at {path} was to be moved aside for a new one, and it could not be "
        "moved aside: {error}.").format(path=path, error=error))


def _alone(path: Path, move: Callable[[], Path | None], busy: Callable[[float], str],
           failed: Callable[[str], str]) -> Path | None:
    """`move` done while no process has the record at `path` open (none can open it meanwhile),
    trying again until BUSY_TIMEOUT. Raises RecordProblem with `busy` (given the seconds waited)
    or `failed` (given the system's reason)."""
    started = time.monotonic()
    deadline = started + BUSY_TIMEOUT
    pauses = random.Random()
    while True:
        try:
            return _move_alone(path, move)
        except _InUse:
            if time.monotonic() >= deadline:
                raise RecordProblem(busy(time.monotonic() - started)) from None
            pause(min(pauses.uniform(0.001, LONGEST_PAUSE), _left(deadline)))
        except OSError as error:
            raise RecordProblem(failed(str(error.strerror or error))) from None


def _move_alone(path: Path, move: Callable[[], Path | None]) -> Path | None:
    if sys.platform == "win32":
        return move()  # Windows refuses to rename a file that is open
    import fcntl

    handle = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _InUse from None
        return move()
    finally:
        os.close(handle)


def _rename_if_damaged(path: Path) -> Path | None:
    if not path.exists():
        return None
    try:
        with closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as db:
            check(db, path)
        return None
    except Damaged:
        pass
    except sqlite3.Error as error:
        if busy(error):
            raise _InUse from None  # another program has it open
        if not damaged(error):
            raise OSError(str(error)) from None
    return _rename(path, "damaged")


def _rename(path: Path, label: str) -> Path:
    target = dated_name(path, path.stem, label, path.suffix)
    try:
        os.replace(path, target)
    except PermissionError:
        if sys.platform == "win32":
            raise _InUse from None
        raise
    for companion in COMPANIONS:
        old = path.with_name(path.name + companion)
        if old.exists():
            os.replace(old, target.with_name(target.name + companion))
    return target
