"""Notice when files are saved, by polling them: the standard library only, the same on every
platform, and fast enough for scenario files, which are small.

Each poll reads every file and hashes what it read, so what counts is the content: a save that
writes the file in place, one that writes a new file and renames it over the old one, and one
that deletes the file and creates it again all look the same, and a save that changes nothing
(or only the file's dates) is no change at all. A file is reported only once its content has
held still from one poll to the next, so a file caught half-written is read again a poll later,
and a file that is missing is reported only once it has been gone for a while: most editors
leave it missing for an instant mid-save.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from pathlib import Path

POLL_SECONDS = 0.2
"""How often to look. An edit is reported between one and two polls after it is saved."""
MISSING_SECONDS = 1.0
"""How long a file must stay missing (or unreadable) before that counts as a change."""


class FileWatch:
    """Files watched for changes of content. `poll` says which changed since it last said so;
    what the files hold when the watch is made is the starting point, not a change."""

    def __init__(self, paths: Iterable[Path], clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.files = [_Watched(Path(path), clock()) for path in paths]

    @property
    def paths(self) -> list[Path]:
        return [watched.path for watched in self.files]

    def poll(self) -> list[Path]:
        """The files whose content has changed, and then held still since the last poll."""
        now = self.clock()
        return [watched.path for watched in self.files if watched.changed(now)]


class _Watched:
    """One file: what it held when last reported, and at the last poll."""

    def __init__(self, path: Path, now: float):
        self.path = path
        self.reported = self.seen = _digest(path)
        self.since = now
        """When the file last came to hold `seen`."""

    def changed(self, now: float) -> bool:
        digest = _digest(self.path)
        if digest != self.seen:  # still being written, or just saved: wait for it to settle
            self.seen, self.since = digest, now
            return False
        if digest == self.reported:
            return False
        if digest is None and now - self.since < MISSING_SECONDS:
            return False
        self.reported = digest
        return True


def _digest(path: Path) -> bytes | None:
    """A hash of the file's content, or None when it cannot be read (missing, mid-rename)."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").digest()
    except OSError:
        return None
