"""Caps on what one computer may ask of the page's server, so that a stranger on the network
(or a page gone wrong) cannot take the class's server from it: requests per second, the size
of a request, new codes and recorded journeys per ten minutes, and codes kept in all.

One process serves the whole class, so every count is kept in its memory, by computer
(`limits.computer`: an IPv4 address, or an IPv6 /64). Codes typed that open nothing are counted
in the store the terminal mode uses too (`frontend.classroom_store`), so guessing stays slow
across restarts.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

BURST, PER_SECOND = 60, 5.0
"""Requests from one computer: 60 at once, then 5 a second. A student sends two a step (her
code's journey and her stage) and reads for several seconds between steps; a reload fetches
the page and her journey."""
NEW_CODES, RECORDED, WINDOW = 30, 30, 600.0
"""New codes, and finished journeys recorded, per computer in any 10 minutes: a student starts
a journey every few minutes at the most."""
KEPT = 20_000
"""Journeys kept under codes in all: a school's term of unfinished journeys, some 2 MB."""
TEACHER_STREAMS = 4
"""Teacher's live pages open at once (a laptop, the projector, a phone)."""
BODY_BASE, BODY_PER_STEP, BODY_MOST = 1024, 16, 16 * 1024
"""A request's body: 1 KiB and 16 bytes per step the longest journey takes ([12, 3], a comma
and room for spaces), at most 16 KiB."""
FORGET = 10_000
"""Computers remembered before the ones that have been quiet are forgotten."""


def body_cap(history_cap: int) -> int:
    """The largest request body for a scenario whose journeys take at most `history_cap`
    steps."""
    return min(BODY_BASE + BODY_PER_STEP * history_cap, BODY_MOST)


@dataclass
class RequestRate:
    """A token bucket per computer: `burst` requests at once, refilled at `per_second`."""

    burst: float = BURST
    per_second: float = PER_SECOND
    buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def wait(self, where: str, now: float) -> float:
        """Take one request from `where`'s bucket at `now` (seconds, monotonic): 0 when it may
        be answered, else the seconds until it may."""
        tokens, then = self.buckets.get(where, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.per_second)
        if tokens < 1:
            self.buckets[where] = (tokens, now)
            return (1 - tokens) / self.per_second
        self.buckets[where] = (tokens - 1, now)
        if len(self.buckets) > FORGET:
            self._forget(now)
        return 0.0

    def _forget(self, now: float) -> None:
        """Drop the computers whose bucket is full again: they are as if never seen."""
        full = self.burst / self.per_second
        self.buckets = {where: (tokens, then) for where, (tokens, then) in self.buckets.items()
                        if now - then < full}


@dataclass
class Window:
    """At most `most` events per computer in any `window` seconds (new codes, journeys)."""

    most: int
    window: float = WINDOW
    events: dict[str, deque[float]] = field(default_factory=dict)

    def wait(self, where: str, now: float) -> float:
        """Count an event from `where` at `now`: 0 when it is allowed, else the seconds until
        the oldest one no longer counts (and the event is not counted)."""
        waiting = self.full(where, now)
        if not waiting:
            self.events[where].append(now)
        return waiting

    def full(self, where: str, now: float) -> float:
        """Without counting one: 0 when an event from `where` at `now` would be allowed, else
        the seconds until one would be."""
        if len(self.events) > FORGET:
            self.events = {key: times for key, times in self.events.items()
                           if times and times[-1] > now - self.window}
        times = self.events.setdefault(where, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times[0] + self.window - now if len(times) >= self.most else 0.0
