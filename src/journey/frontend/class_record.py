"""The class record: every journey finished through `journey serve` (or `journey play
--record`), one row each, in an SQLite database in the data folder, for `journey class report`.

A row holds what the report needs and nothing about who played: when the journey ended, the
scenario (id, content hash and file), the era, the ending and its kind, the number of steps,
the route's choices and the seed. Thirty students finish at about the same time, each in a
process of their own: record_file makes sure every one of them gets in, and that a damaged file
is moved aside rather than written into. A journey that still cannot be written is kept aside
(kept_journeys) and added with the next one, never dropped. Writing happens on a thread of its
own (`Recorder`), so play never waits for the disk, and every problem is put into words, never
raised at the player.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from journey.engine.model import Scenario
from journey.frontend import kept_journeys, record_file
from journey.frontend.kept_journeys import KeptFile
from journey.frontend.library import data_dir
from journey.frontend.playthrough import Playthrough
from journey.frontend.record_file import RecordProblem as RecordProblem  # callers' name
from journey.frontend.words import N_, _, ngettext

DATABASE = "class-record.sqlite3"
SCHEMA_VERSION = 1
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
COLUMNS = ("finished", "scenario", "content_hash", "file", "era_value", "era_name", "ending",
           "kind", "steps", "route", "seed", "played_with")


def database_path() -> Path:
    return data_dir() / DATABASE


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
        era = scenario.era(journey.state.values)
        era_value, era_name = (era.value, era.name) if era is not None else (None, None)
        route = tuple(RouteStep(step.scene.id, choice, step.choice)
                      for step, (choice, _) in zip(journey.steps, journey.state.history))
        return cls(finished or datetime.now(UTC), scenario.id, scenario.content_hash, file,
                   era_value, era_name, ending.id, ending.kind, route, journey.seed,
                   played_with)



def row_of(entry: Entry) -> dict[str, object]:
    """The record's row for `entry`, column by column (a kept journey's file holds the same)."""
    return {"finished": _stamp(entry.finished), "scenario": entry.scenario,
            "content_hash": entry.content_hash, "file": entry.file,
            "era_value": entry.era_value, "era_name": entry.era_name, "ending": entry.ending,
            "kind": entry.kind, "steps": entry.steps,
            "route": json.dumps([[s.scene, s.choice, s.label] for s in entry.route]),
            "seed": entry.seed, "played_with": entry.played_with}


WORDS = {"finished": N_("end time"), "scenario": N_("scenario"),
         "content_hash": N_("content hash"), "file": N_("scenario file"), "era_value": N_("era"),
         "era_name": N_("era name"), "ending": N_("ending"), "kind": N_("kind of ending"),
         "route": N_("route"), "seed": N_("seed"), "played_with": N_("way of playing")}
"""Columns by what they hold, for messages about a row that is not a journey."""


def entry_of(row: Mapping[str, object]) -> Entry:
    """The journey a row holds. Raises ValueError saying what is wrong with it, as a phrase
    that follows 'a row with': 'no end time'."""
    def text(column: str) -> str:
        value = row.get(column)
        if not isinstance(value, str):
            raise ValueError(_wrong(column, value, _("text")))
        return value

    def number(column: str) -> int:
        value = row.get(column)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(_wrong(column, value, _("a whole number")))
        return value

    ended = text("finished")
    try:
        finished = datetime.strptime(ended, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise ValueError(_("an end time that is not a date and time")) from None
    return Entry(finished.replace(tzinfo=UTC), text("scenario"), text("content_hash"),
                 text("file"), None if row.get("era_value") is None else number("era_value"),
                 None if row.get("era_name") is None else text("era_name"), text("ending"),
                 text("kind"), _route(text("route")), number("seed"), text("played_with"))


def _wrong(column: str, value: object, kind: str) -> str:
    name = _(WORDS[column])
    # Translators: what is wrong with a row of the class record, after "a row with".
    return (_("no {name}").format(name=name) if value is None
            else _("a {name} that is not {kind}").format(name=name, kind=kind))


def _route(text: str) -> tuple[RouteStep, ...]:
    try:
        steps = json.loads(text)
    except (ValueError, RecursionError):
        steps = None
    if not isinstance(steps, list) or not all(
            isinstance(step, list) and len(step) == 3 and isinstance(step[0], str)
            and isinstance(step[1], int) and isinstance(step[2], str) for step in steps):
        raise ValueError(_("a route that is not a list of steps"))
    return tuple(RouteStep(scene, choice, label) for scene, choice, label in steps)


def _stamp(moment: datetime) -> str:
    """A moment in UTC as the record writes it, so that text order is time order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def append(entry: Entry, path: Path | None = None) -> str | None:
    """Add one finished journey, with every journey kept aside until now, in one transaction.
    Returns what the player should know when the record had to be set right first (a damaged
    one moved aside), else None. Raises RecordProblem: the journey is not in the record then
    (`Recorder` keeps it aside)."""
    return append_all([entry], path)


def append_all(entries: list[Entry], path: Path | None = None) -> str | None:
    """`append` for several journeys in one transaction: a server recording a class that
    finishes at once writes once for all who finished together."""
    return _add(path or database_path(), entries).set_aside


def prepare(path: Path | None = None) -> str | None:
    """Create the class record, or check the one there (a damaged one is moved aside), and add
    the journeys kept aside while it could not take them. `journey serve` calls it when it
    starts. Returns what the teacher should know (journeys added, a record set aside, kept
    files that cannot be read), else None. Raises RecordProblem."""
    outcome = _add(path or database_path(), [])
    notes = [outcome.set_aside] if outcome.set_aside else []
    if outcome.taken_in:
        notes.append(ngettext(
            "{count} journey kept aside while the class record could not take it was added to "
            "it.",
            "{count} journeys kept aside while the class record could not take them were added "
            "to it.", outcome.taken_in).format(count=outcome.taken_in))
    notes += outcome.unreadable
    return " ".join(notes) or None


@dataclass(frozen=True)
class SetAside:
    """A record moved aside for a new one: where it went, and the journeys it holds."""

    path: Path
    journeys: int


def begin_new(path: Path | None = None) -> SetAside | None:
    """Move the class record aside (STEM.until-DATE-TIME.sqlite3 beside it), once the journeys
    kept aside for it are added, so that the next journey begins a new one; None when there is
    no record. Raises RecordProblem (a record in use for longer than the writers wait)."""
    path = path or database_path()
    if not path.exists() and not kept_journeys.any_waiting(kept_journeys.folder_for(path)):
        return None
    prepare(path)
    moved = record_file.set_aside(path, "until")
    if moved is None:
        return None
    return SetAside(moved, len(_reading(moved, None, None, aside=True).entries))


@dataclass
class _Outcome:
    """What adding journeys did besides: a damaged record set aside (in words, and the kept
    file of the journeys it still gave), journeys taken in from the other kept ones, and kept
    files that cannot be read."""

    set_aside: str | None = None
    salvaged: Path | None = None
    taken_in: int = 0
    unreadable: list[str] = field(default_factory=list)


def _add(path: Path, entries: list[Entry]) -> _Outcome:
    outcome = _Outcome()
    try:
        _write(path, entries, outcome)
    except record_file.Damaged as damage:
        _set_aside(path, damage, outcome)
        _write(path, entries, outcome)
    return outcome


def _write(path: Path, entries: list[Entry], outcome: _Outcome) -> None:
    """Add `entries` and the readable kept journeys not yet in the record, in one transaction;
    then remove the kept files the record now holds."""
    files: list[tuple[KeptFile, list[Entry]]] = []
    outcome.unreadable.clear()
    for kept in kept_journeys.waiting(kept_journeys.folder_for(path)):
        try:
            if kept.problem is not None:
                raise ValueError(kept.problem)
            files.append((kept, [entry_of(row) for row in kept.rows]))
        except ValueError as error:
            why = error if kept.problem else _holds(error)
            outcome.unreadable.append(_("The file of kept journeys {path} was left as it is: "
                                        "{why}.").format(path=kept.path, why=why))

    def work(db: sqlite3.Connection) -> int:
        _prepare(db, path)
        added = 0
        for kept, journeys in files:
            if not kept_journeys.taken(db, kept):
                _insert(db, journeys)
                kept_journeys.mark_taken(db, kept)
                added += len(journeys) if kept.path != outcome.salvaged else 0
        _insert(db, entries)
        return added

    outcome.taken_in = record_file.write(path, work)
    kept_journeys.remove([kept for kept, _ in files])


def _insert(db: sqlite3.Connection, entries: list[Entry]) -> None:
    db.executemany(f"INSERT INTO journeys ({', '.join(COLUMNS)}) "
                   f"VALUES ({', '.join('?' * len(COLUMNS))})",
                   [tuple(row_of(entry).values()) for entry in entries])


def _prepare(db: sqlite3.Connection, path: Path) -> None:
    """Create the table in a new database; refuse one written by a later journey."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RecordProblem(_("The class record at {path} was written by a newer version of "
                              "journey (record format {version}, this one knows "
                              "{known}).").format(path=path, version=version,
                                                  known=SCHEMA_VERSION))
    db.execute(SCHEMA)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _set_aside(path: Path, damage: record_file.Damaged, outcome: _Outcome) -> None:
    """Move a damaged record aside, and keep the journeys it still gives, to go into the new
    one; say what was done in `outcome` (nothing when another process had moved it)."""
    moved = record_file.move_aside(path, damage.why)
    if moved is None:
        return
    # Translators: the start of a sentence that the messages after it complete.
    said = _("The class record at {path} was damaged ({why}), so it was moved to {moved} and "
             "a new record was begun").format(path=path, why=damage.why, moved=moved)
    try:
        saved = _reading(moved, None, None, aside=True)
    except RecordProblem:
        outcome.set_aside = _("{said}; nothing in the damaged file could be read.").format(
            said=said)
        return
    lost = ngettext("; {count} row of it could not be read, and stay only in the damaged file",
                    "; {count} rows of it could not be read, and stay only in the damaged file",
                    saved.unreadable).format(count=saved.unreadable) if saved.unreadable else ""
    if not saved.entries:
        outcome.set_aside = _("{said}{lost}.").format(said=said, lost=lost)
        return
    try:
        outcome.salvaged = kept_journeys.keep(kept_journeys.folder_for(path),
                                              [row_of(entry) for entry in saved.entries],
                                              "salvaged")
    except OSError as error:
        outcome.set_aside = _("{said}. The {journeys} it still holds could not be copied "
                              "into the new record ({why}); they stay in the damaged "
                              "file.").format(said=said, journeys=_journeys(len(saved.entries)),
                                              why=error.strerror or error)
        return
    outcome.set_aside = _("{said} with the {journeys} that could still be read{lost}.").format(
        said=said, journeys=_journeys(len(saved.entries)), lost=lost)


def _journeys(count: int) -> str:
    return ngettext("{count} journey", "{count} journeys", count).format(count=count)


def _rows(count: int) -> str:
    return ngettext("{count} row", "{count} rows", count).format(count=count)


def _holds(problem: object) -> str:
    # Translators: why a file of kept journeys could not be read.
    return _("it holds a journey with {problem}").format(problem=problem)


@dataclass(frozen=True)
class Reading:
    """What the class record gives back: its journeys (finished at or after a moment), the
    journeys kept aside that it does not hold yet, and, in words, anything it could not give:
    damage, rows that are not journeys, kept files that cannot be read."""

    entries: list[Entry]
    kept: list[Entry]
    problems: tuple[str, ...]
    unreadable: int = 0
    """Rows of the record that could not be read."""


def reading(path: Path | None = None, since: datetime | None = None) -> Reading:
    """Everything the record and the kept journeys give back, oldest first, even from a
    damaged record (the problems say what is missing). Raises RecordProblem when nothing at all
    can be read."""
    path = path or database_path()
    return _reading(path, since, kept_journeys.folder_for(path))


def read(path: Path | None = None, since: datetime | None = None) -> list[Entry]:
    """Every journey in the record (finished at or after `since`), oldest first; none when
    nothing has been recorded yet. Raises RecordProblem when any row cannot be read."""
    found = _reading(path or database_path(), since, None)
    if found.problems:
        raise RecordProblem(" ".join(found.problems))
    return found.entries


QUERY = f"SELECT {', '.join(COLUMNS)} FROM journeys ORDER BY id"
"""Every row, in the order of the file, so that a damaged one gives the rows before the
damage."""


def _reading(path: Path, since: datetime | None, folder: Path | None,
             aside: bool = False) -> Reading:
    """What `reading` gives, of the record at `path` and the kept journeys in `folder` (None:
    the record alone); `aside`: a damaged record moved aside, which nothing writes to."""
    problems: list[str] = []
    rows: list[tuple[object, ...]] = []
    taken: set[str] = set()
    if path.exists():
        with record_file.reading(path, lock=not aside) as db:
            version = _version(db, path)
            try:
                record_file.check(db, path)
            except record_file.Damaged as damage:
                problems.append(str(damage) if aside else _(
                    "{problem} The next journey recorded, or journey serve when it starts, "
                    "moves it aside and begins a new record with the journeys it still "
                    "gives.").format(problem=damage))
            if version == SCHEMA_VERSION:
                rows, stopped = record_file.rows(db, QUERY)
                if stopped is not None:
                    problems.append(_("It could not be read past its first {rows} ({why}): "
                                      "any journeys after them are missing here.").format(
                                          rows=_rows(len(rows)), why=stopped))
                try:
                    taken = kept_journeys.names_taken(db)
                except sqlite3.DatabaseError:
                    pass  # damaged there too: its kept journeys are counted again, with a note
    entries, reasons = _entries([dict(zip(COLUMNS, row)) for row in rows], since)
    if reasons:
        problems.append(_("{rows} of the record could not be read: {reasons}.").format(
            rows=_rows(sum(reasons.values())),
            reasons="; ".join(_("{rows} with {why}").format(rows=_rows(count), why=why)
                              for why, count in reasons.items())))
    kept: list[Entry] = []
    for file in kept_journeys.waiting(folder) if folder is not None else []:
        if file.path.name not in taken:
            found, why = _entries(list(file.rows), since)
            kept += found
            if file.problem or why:
                problems.append(_("The file of kept journeys {path} could not be read: "
                                  "{why}.").format(path=file.path,
                                                   why=file.problem or _holds(next(iter(why)))))
    return Reading(entries, sorted(kept, key=lambda e: e.finished), tuple(problems),
                   sum(reasons.values()))


def _version(db: sqlite3.Connection, path: Path) -> int:
    try:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as error:
        raise record_file.Damaged(path, str(error)) from None
    if version not in (0, SCHEMA_VERSION):
        raise RecordProblem(_("The class record at {path} has record format {version}; this "
                              "version of journey reads {known}.").format(
                                  path=path, version=version, known=SCHEMA_VERSION))
    return version


def _entries(rows: list[Mapping[str, object]],
             since: datetime | None) -> tuple[list[Entry], Counter[str]]:
    """The journeys of `rows` finished at or after `since`, oldest first (in the order of
    `rows` when they ended together), and why the others could not be read, how often."""
    found: list[Entry] = []
    reasons: Counter[str] = Counter()
    for row in rows:
        try:
            entry = entry_of(row)
        except ValueError as error:
            reasons[str(error)] += 1
            continue
        if since is None or entry.finished >= since:
            found.append(entry)
    return sorted(found, key=lambda entry: entry.finished), reasons


class Recorder:
    """Appends finished journeys to the class record on threads of their own. `on_problem`
    gets, on that thread, what the player should know (the app moves it to its own): a journey
    that could not be added and is kept aside, a damaged record moved aside. The threads are
    not daemons: a process that ends right after a journey still writes it. A new recorder
    first adds any journeys kept aside earlier, on a thread too, and says nothing of it."""

    def __init__(self, played_with: str, on_problem: Callable[[str], object],
                 path: Path | None = None):
        self.played_with = played_with
        self.on_problem = on_problem
        self.path = path
        self.threads: list[threading.Thread] = []
        if kept_journeys.any_waiting(kept_journeys.folder_for(path or database_path())):
            self._start(self._take_in_kept)

    def _start(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, name="class-record")
        self.threads.append(thread)
        thread.start()

    def _take_in_kept(self) -> None:
        try:
            prepare(self.path)
        except RecordProblem:
            pass  # they stay kept; the next journey, or journey serve, tries again

    def record(self, journey: Playthrough, file: str) -> None:
        self._start(self.write, Entry.of(journey, file, self.played_with))

    def write(self, entry: Entry) -> None:
        try:
            note = append(entry, self.path)
        except RecordProblem as problem:
            self.on_problem(self._keep(entry, problem))
            return
        if note:
            self.on_problem(_("Your journey was added to the class record. {note}").format(
                note=note))

    def _keep(self, entry: Entry, problem: RecordProblem) -> str:
        folder = kept_journeys.folder_for(self.path or database_path())
        try:
            kept_journeys.keep(folder, [row_of(entry)])
        except OSError as error:
            return _("Your journey could not be added to the class record: {problem} It "
                     "could not be kept aside to add later either ({why}), so it is not in the "
                     "record. Play goes on.").format(problem=problem, why=error.strerror or error)
        return _("Your journey could not be added to the class record just now: {problem} It "
                 "is kept in {folder} and will be added by itself when the next journey is "
                 "recorded or journey serve starts. Play goes on.").format(problem=problem,
                                                                          folder=folder)

    def wait(self) -> None:
        """Until every write started so far has finished (plain mode waits before it ends)."""
        for thread in self.threads:
            thread.join()
        self.threads.clear()
