"""Finished journeys into the class record, from the one server process: every journey that
arrives while a write is under way goes into the next write, in one transaction, on a thread
of its own (the event loop never waits for the disk). A journey the record cannot take is
kept aside and added with the next one, never dropped."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from journey.frontend import class_record, kept_journeys
from journey.frontend.class_record import Entry


class RecordWriter:
    """Writes entries in batches; `say` gets what the teacher should know (a record set
    aside, a journey kept aside), on the writing thread."""

    def __init__(self, say: Callable[[str], object], path: Path | None = None):
        self.say = say
        self.path = path
        self.waiting: list[tuple[Entry, asyncio.Future[bool]]] = []
        self.task: asyncio.Task[None] | None = None
        self.written = 0
        """Journeys this writer put into the record."""

    async def record(self, entry: Entry) -> bool:
        """Once `entry` is written: True when it is in the record, False when it is kept aside
        to be added later."""
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self.waiting.append((entry, done))
        if self.task is None or self.task.done():
            self.task = asyncio.create_task(self._drain())
        return await done

    async def _drain(self) -> None:
        while self.waiting:
            batch, self.waiting = self.waiting, []
            results = await asyncio.to_thread(self._write, [entry for entry, _ in batch])
            for (_, done), result in zip(batch, results, strict=True):
                if not done.done():
                    done.set_result(result)

    def _write(self, entries: list[Entry]) -> list[bool]:
        try:
            note = class_record.append_all(entries, self.path)
        except class_record.RecordProblem:
            return [self._one(entry) for entry in entries]
        if note:
            self.say(note)
        self.written += len(entries)
        return [True] * len(entries)

    def _one(self, entry: Entry) -> bool:
        """One journey after its batch failed: into the record, or else kept aside."""
        try:
            note = class_record.append(entry, self.path)
        except class_record.RecordProblem as problem:
            folder = kept_journeys.folder_for(self.path or class_record.database_path())
            try:
                kept_journeys.keep(folder, [class_record.row_of(entry)])
            except OSError as error:
                self.say(f"A journey could not be added to the class record: {problem} Nor "
                         f"could it be kept aside ({error.strerror or error}): it is lost.")
                return False
            self.say(f"A journey could not be added to the class record just now: {problem} "
                     f"It is kept in {folder}, and added with the next journey.")
            return False
        if note:
            self.say(note)
        self.written += 1
        return True

    async def close(self) -> None:
        """Until every journey handed over so far is written."""
        if self.task is not None:
            await self.task
