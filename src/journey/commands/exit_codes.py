"""Every exit code a `journey` command returns, in one place, so scripts can rely on them."""

from __future__ import annotations

OK = 0
"""Done: a journey ended or was saved, every file checked is sound, a report was printed."""
FAILED = 1
"""The work could not be done: a scenario has problems, or its save is in use elsewhere."""
USAGE = 2
"""The command was asked for something it cannot do: bad options, a missing or unreadable
file, the full-screen app without a terminal."""
INTERRUPTED = 130
"""Stopped with Ctrl+C (128 + SIGINT, as shells report it)."""
