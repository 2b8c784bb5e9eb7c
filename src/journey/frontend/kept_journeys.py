"""Journeys kept aside while the class record cannot take them, so that none is ever dropped.

Each file in the folder holds one or more rows of the record, as the record's columns; it is
written whole (whole_file), so a reader never sees half of one. The record itself remembers
the name of every file it has taken in (`TAKEN`), in the same transaction as its journeys: two
processes taking the folder in at once, or one stopped between adding the rows and removing
the file, still add each journey exactly once.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from journey.frontend.whole_file import replace_json
from journey.frontend.words import _

FORMAT = 1
TAKEN = """
CREATE TABLE IF NOT EXISTS kept_files_taken (
    name TEXT PRIMARY KEY        -- a file of kept journeys whose rows are in the record
)"""


def folder_for(database: Path) -> Path:
    """The folder beside the record where its kept journeys wait: class-record-pending/."""
    return database.with_name(f"{database.stem}-pending")


@dataclass(frozen=True)
class KeptFile:
    """One file of kept journeys: its rows, or, when it cannot be read, why (it is left as
    it is)."""

    path: Path
    rows: tuple[dict[str, object], ...]
    problem: str | None = None


def keep(folder: Path, rows: list[dict[str, object]], name: str = "journey") -> Path:
    """Write `rows` to a new file in `folder`. Raises OSError."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stamp}-{name}-{uuid.uuid4().hex}.json"
    replace_json(target, {"format": FORMAT, "journeys": rows})
    return target


def _files(folder: Path) -> list[Path]:
    """The files of kept journeys in `folder` (not one being written), oldest first."""
    try:
        return sorted(p for p in folder.iterdir()
                      if p.suffix == ".json" and not p.name.startswith("."))
    except OSError:
        return []  # no folder: nothing was ever kept


def any_waiting(folder: Path) -> bool:
    return bool(_files(folder))


def waiting(folder: Path) -> list[KeptFile]:
    """The files of kept journeys in `folder`, oldest first, read."""
    found = []
    for path in _files(folder):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue  # taken in and removed by another process meanwhile
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            found.append(KeptFile(path, (), _("it cannot be read ({error})").format(
                error=error)))
            continue
        journeys = data.get("journeys") if isinstance(data, dict) else None
        if (not isinstance(journeys, list) or data.get("format") != FORMAT
                or not all(isinstance(row, dict) for row in journeys)):
            found.append(KeptFile(path, (), _("it is not a file of kept journeys this "
                                              "version of journey can read")))
            continue
        found.append(KeptFile(path, tuple(journeys)))
    return found


def taken(db: sqlite3.Connection, kept: KeptFile) -> bool:
    """Whether the record already holds the rows of `kept` (inside the write transaction)."""
    db.execute(TAKEN)
    return db.execute("SELECT 1 FROM kept_files_taken WHERE name = ?",
                      (kept.path.name,)).fetchone() is not None


def mark_taken(db: sqlite3.Connection, kept: KeptFile) -> None:
    db.execute("INSERT INTO kept_files_taken (name) VALUES (?)", (kept.path.name,))


def names_taken(db: sqlite3.Connection) -> set[str]:
    """The kept files the record has taken in (for a reader: none when it never took one)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'kept_files_taken'").fetchone():
        return {str(row[0]) for row in db.execute("SELECT name FROM kept_files_taken")}
    return set()


def remove(files: list[KeptFile]) -> None:
    """Remove files whose journeys the record now holds; one left behind is only skipped
    next time (the record remembers it)."""
    for kept in files:
        try:
            kept.path.unlink(missing_ok=True)
        except OSError:
            pass
