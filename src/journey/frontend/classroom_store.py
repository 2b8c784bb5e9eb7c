"""What the tabs of a class server share: the codes typed on each computer that opened nothing
(so guessing is slow however many tabs a guesser opens), the journeys each browser played
(so a reload carries on without typing a code), and, for the web page, each code's journey
itself (its seed and steps: the page plays it, the server keeps it for another computer).

Every tab is a process of its own, so this lives in a small SQLite file beside the class saves:
each question is one short transaction, and `BEGIN IMMEDIATE` makes "count, then add" one step
that two tabs cannot interleave. The file is in WAL mode with `synchronous=NORMAL`: a step of a
class of hundreds is one write each, and what a power cut could take back (the last steps
kept under a code) the page still holds in its browser. Browser tokens are kept only as hashes: the file never holds
what would let someone take over another browser's journey.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from journey.frontend.library import data_dir

FILE = "tabs.sqlite3"
WAIT = 5.0
"""Seconds a question waits for another tab's transaction before giving up."""
KEPT_PER_BROWSER = 20
"""The journeys remembered for each browser, newest first; older ones are forgotten."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS failed_codes (client TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS failed_codes_by_client ON failed_codes (client, at);
CREATE TABLE IF NOT EXISTS browser_codes (
    browser TEXT NOT NULL, code TEXT NOT NULL, at REAL NOT NULL, PRIMARY KEY (browser, code));
CREATE TABLE IF NOT EXISTS page_journeys (
    code TEXT PRIMARY KEY, scenario TEXT NOT NULL, seed INTEGER NOT NULL,
    history TEXT NOT NULL, at REAL NOT NULL);
"""


class TooManyCodes(Exception):
    """Too many codes that opened nothing were typed on one computer lately."""

    def __init__(self, wait: float):
        super().__init__(f"wait {wait:.0f} s")
        self.wait = wait
        """Seconds until the oldest of them no longer counts."""


class StoreFull(Exception):
    """The store keeps as many journeys as it may: no new code can be given."""


class StoreUnavailable(Exception):
    """The shared file could not be read or written (a full disk, a damaged file)."""


def store_path() -> Path:
    return data_dir() / "class-saves" / FILE


def browser_key(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ClassroomStore:
    """The shared file at `path` (by default beside the class saves). Every method raises
    StoreUnavailable when the file cannot be used. A tab opens the file for each question;
    with `keep_open`, one connection serves every question (the page's server, which asks
    hundreds a second, all from one thread), and is opened again after any failure."""

    def __init__(self, path: Path | None = None, keep_open: bool = False):
        self.path = path or store_path()
        self.keep_open = keep_open
        self.open: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=WAIT, isolation_level=None)
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                try:  # readers then never wait for a writer, nor a writer for readers
                    db.execute("PRAGMA journal_mode=WAL")
                except sqlite3.OperationalError:
                    pass  # busy: another process switches it, or it stays as it is
            db.execute("PRAGMA synchronous=NORMAL")  # in WAL, one sync per checkpoint
            db.executescript(SCHEMA)
        except BaseException:
            db.close()
            raise
        return db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            db = self.open or self._connect()
        except (sqlite3.Error, OSError) as error:
            raise StoreUnavailable(str(error)) from error
        self.open, sound = None, True  # given back only while it is sound
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except (sqlite3.Error, OSError) as error:
            sound = False
            raise StoreUnavailable(str(error)) from error
        finally:
            if self.keep_open and sound:
                self.open = db
            else:
                db.close()

    def close(self) -> None:
        """Close the connection kept open, if any (from the thread that uses it)."""
        if self.open is not None:
            self.open.close()
            self.open = None

    def count_code(self, client: str, now: float, limit: int, window: float) -> int:
        """Count a code typed on `client` at `now` as one that opened nothing, and return its
        row (to `forgive` if the code opens a journey after all). Raises TooManyCodes when
        `limit` such codes were typed there in the last `window` seconds."""
        with self._transaction() as db:
            db.execute("DELETE FROM failed_codes WHERE at < ?", (now - window,))
            recent = [at for (at,) in db.execute(
                "SELECT at FROM failed_codes WHERE client = ? ORDER BY at", (client,))]
            if len(recent) >= limit:
                raise TooManyCodes(recent[-limit] + window - now)
            row = db.execute("INSERT INTO failed_codes VALUES (?, ?)", (client, now)).lastrowid
            return int(row or 0)

    def forgive(self, row: int) -> None:
        """The code counted as `row` opened a journey after all."""
        with self._transaction() as db:
            db.execute("DELETE FROM failed_codes WHERE rowid = ?", (row,))

    def remember(self, token: str, code: str, now: float) -> None:
        """The browser with `token` played the journey with `code` at `now`."""
        key = browser_key(token)
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO browser_codes VALUES (?, ?, ?)", (key, code, now))
            db.execute("DELETE FROM browser_codes WHERE browser = ? AND code NOT IN (SELECT code "
                       "FROM browser_codes WHERE browser = ? ORDER BY at DESC LIMIT ?)",
                       (key, key, KEPT_PER_BROWSER))

    def codes_of(self, token: str) -> list[str]:
        """The codes the browser with `token` played, the latest first."""
        with self._transaction() as db:
            return [code for (code,) in db.execute(
                "SELECT code FROM browser_codes WHERE browser = ? ORDER BY at DESC",
                (browser_key(token),))]

    def keep(self, code: str, scenario: str, seed: int, history: str, now: float,
             most: int) -> bool:
        """Keep a new journey of the page (its steps as JSON text) under `code`; False when the
        code is taken. Raises StoreFull when `most` journeys are kept already."""
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM page_journeys WHERE code = ?", (code,)).fetchone():
                return False
            if db.execute("SELECT COUNT(*) FROM page_journeys").fetchone()[0] >= most:
                raise StoreFull
            db.execute("INSERT INTO page_journeys VALUES (?, ?, ?, ?, ?)",
                       (code, scenario, seed, history, now))
            return True

    def journey(self, code: str, scenario: str) -> tuple[int, str] | None:
        """(seed, steps as JSON text) of the journey of `scenario` kept under `code`, or None."""
        with self._transaction() as db:
            found = db.execute("SELECT seed, history FROM page_journeys WHERE code = ? AND "
                               "scenario = ?", (code, scenario)).fetchone()
            return None if found is None else (int(found[0]), str(found[1]))

    def replace(self, code: str, scenario: str, was: str, history: str, now: float) -> bool:
        """Keep `history` under `code` in place of `was`; False when the code holds something
        else by now (another request changed it first) or nothing."""
        with self._transaction() as db:
            changed = db.execute("UPDATE page_journeys SET history = ?, at = ? WHERE code = ? "
                                 "AND scenario = ? AND history = ?",
                                 (history, now, code, scenario, was)).rowcount
            return bool(changed)

    def release(self, code: str, scenario: str) -> None:
        """The journey under `code` has ended: nothing is left to continue."""
        with self._transaction() as db:
            db.execute("DELETE FROM page_journeys WHERE code = ? AND scenario = ?",
                       (code, scenario))
