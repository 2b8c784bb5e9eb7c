"""Caps that keep one tab, or one computer, from taking the class server's memory: the size of a
tab's terminal, and how many tabs are open, in all and per computer. Each open tab is a process
of its own (some 55 MB), so a class of thirty fits in a laptop and a hundred and forty do not."""

from __future__ import annotations

import asyncio
import ipaddress
from collections import Counter
from dataclasses import dataclass, field

MAX_COLUMNS, MAX_ROWS = 320, 120
"""The largest terminal a tab gets: a full-screen browser on a 4K screen at a small font is
about 300 x 100. Textual keeps a few objects per cell, so a tab asking for 20000 x 20000 would
grow past gigabytes; one larger than this cap is drawn at the cap, in its top-left corner."""
DEFAULT_SIZE = (80, 24)
TABS = 60
"""Tabs open at once in all, by default: two classes of thirty, some 3.3 GB of memory."""
TABS_PER_COMPUTER = 4
"""Tabs open at once from one computer, by default: a student's tab, a second one by mistake,
and room for a reload."""
PATIENCE = 5.0
"""Seconds a new tab waits for a place, when every place is taken, before it is refused: a
reloaded tab's earlier self needs a moment to close."""
FULL, COMPUTER_FULL = "full", "computer full"
"""Why a tab is refused: every place of the class is taken, or every place of its computer."""


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """The terminal a tab gets when it asks for `width` x `height` (numbers, or the text of a
    query string): each between 1 and the cap; the default for what is not a whole number."""

    def whole(value: object, default: int, cap: int) -> int:
        try:
            number = int(str(value)[:12])
        except ValueError:
            return default
        return min(max(number, 1), cap)

    return (whole(width, DEFAULT_SIZE[0], MAX_COLUMNS), whole(height, DEFAULT_SIZE[1], MAX_ROWS))


def computer(address: str | None) -> str:
    """The computer behind a client's address: an IPv4 address itself, an IPv6 address its /64
    network (one computer holds a whole /64 and can use any address in it)."""
    if not address:
        return ""
    try:
        found = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(found, ipaddress.IPv6Address):
        if found.ipv4_mapped is not None:
            return str(found.ipv4_mapped)
        return str(ipaddress.ip_network(f"{found}/64", strict=False))
    return str(found)


@dataclass
class TabCount:
    """The tabs open now, by computer and by browser, within `total` in all and
    `per_computer` per computer (0: no cap per computer)."""

    total: int = TABS
    per_computer: int = TABS_PER_COMPUTER
    computers: Counter[str] = field(default_factory=Counter)
    browsers: Counter[str] = field(default_factory=Counter)
    changed: asyncio.Condition | None = None

    @property
    def open(self) -> int:
        return sum(self.computers.values())

    def refusal(self, where: str, browser: str = "") -> str | None:
        """Why a new tab from computer `where` would be refused now (FULL or COMPUTER_FULL),
        or None. A browser that has a tab open is never refused here: a reload closes it."""
        if browser and self.browsers[browser]:
            return None
        return self._refusal(where)

    def _refusal(self, where: str) -> str | None:
        if self.open >= self.total:
            return FULL
        if self.per_computer and self.computers[where] >= self.per_computer:
            return COMPUTER_FULL
        return None

    async def enter(self, where: str, browser: str, patience: float = PATIENCE) -> str | None:
        """Count a new tab from computer `where` in `browser`; None once counted (`leave` when
        it closes), or why it is refused. A browser that has a tab open is reloading it, most
        likely: it waits up to `patience` seconds for that tab to close; others never wait."""
        if self.changed is None:
            self.changed = asyncio.Condition()
        wait = patience if browser and self.browsers[browser] else 0.0
        async with self.changed:
            refused = self._refusal(where)
            if refused is not None and not wait:
                return refused
            if refused is not None:
                try:
                    await asyncio.wait_for(self.changed.wait_for(
                        lambda: self._refusal(where) is None), wait)
                except TimeoutError:
                    return self._refusal(where) or FULL
            self.computers[where] += 1
            self.browsers[browser] += 1
            return None

    async def leave(self, where: str, browser: str) -> None:
        """A counted tab has closed: its place is free."""
        self.computers[where] -= 1
        self.browsers[browser] -= 1
        self.computers += Counter()  # drop the zeros
        self.browsers += Counter()
        if self.changed is not None:
            async with self.changed:
                self.changed.notify_all()
