"""The class as it plays, for the teacher's live page: each journey in progress by the stage it
is in, and the journeys finished since the server started, by era and kind of ending. Kept in
the server's memory only: nothing here is about who played, and a restart begins it again
(the class record keeps every finished journey)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field

from journey.frontend.class_record import Entry
from journey.frontend.debrief import kind_label
from journey.frontend.served_journeys import Stage

QUIET = 30 * 60.0
"""Seconds without a step after which a journey counts as paused rather than in progress."""


@dataclass(frozen=True)
class StageCount:
    title: str
    playing: int


@dataclass(frozen=True)
class EraCount:
    """Finished journeys of one era (name "" for a scenario without eras), by kind."""

    name: str
    kinds: tuple[tuple[str, int], ...]

    @property
    def journeys(self) -> int:
        return sum(count for _, count in self.kinds)


@dataclass(frozen=True)
class Snapshot:
    """What the live page shows at one moment."""

    stages: tuple[StageCount, ...]
    paused: int
    finished: tuple[EraCount, ...]
    at: float

    @property
    def playing(self) -> int:
        return sum(stage.playing for stage in self.stages)

    @property
    def ended(self) -> int:
        return sum(era.journeys for era in self.finished)


@dataclass
class ClassLive:
    """Journeys by code: where each is (a stage id) and when it last moved; and the finished
    ones, counted. `version` grows with every change; `wait` returns when it has."""

    stages: tuple[Stage, ...]
    playing: dict[str, tuple[str, float]] = field(default_factory=dict)
    finished: Counter[tuple[str, str]] = field(default_factory=Counter)
    version: int = 0
    closing: bool = False
    changed: asyncio.Condition | None = None

    async def moved(self, code: str, stage: str, now: float | None = None) -> None:
        """The journey under `code` is now in `stage`."""
        self.playing[code] = (stage, time.time() if now is None else now)
        await self._changed()

    async def ended(self, code: str | None, entry: Entry) -> None:
        """The journey under `code` (if it had one) ended and is in the class record."""
        if code is not None:
            self.playing.pop(code, None)
        self.finished[(entry.era_name or "", entry.kind)] += 1
        await self._changed()

    async def _changed(self) -> None:
        self.version += 1
        await self._notify()

    async def _notify(self) -> None:
        if self.changed is not None:
            async with self.changed:
                self.changed.notify_all()

    async def wait(self, seen: int, timeout: float) -> int:
        """The version once it differs from `seen`, or after `timeout` seconds, or when the
        server closes (`closing`), whichever comes first."""
        if self.changed is None:
            self.changed = asyncio.Condition()
        async with self.changed:
            try:
                await asyncio.wait_for(self.changed.wait_for(
                    lambda: self.version != seen or self.closing), timeout)
            except TimeoutError:
                pass
        return self.version

    async def close(self) -> None:
        """The server is stopping: every waiting live page's stream ends."""
        self.closing = True
        await self._notify()

    def snapshot(self, now: float | None = None) -> Snapshot:
        now = time.time() if now is None else now
        active = Counter(stage for stage, at in self.playing.values() if now - at < QUIET)
        paused = sum(1 for _, at in self.playing.values() if now - at >= QUIET)
        eras: dict[str, list[tuple[str, int]]] = {}
        for (era, kind), count in sorted(self.finished.items()):
            eras.setdefault(era, []).append((kind_label(kind), count))
        return Snapshot(tuple(StageCount(stage.title, active.get(stage.id, 0))
                              for stage in self.stages), paused,
                        tuple(EraCount(name, tuple(kinds)) for name, kinds in eras.items()),
                        now)
