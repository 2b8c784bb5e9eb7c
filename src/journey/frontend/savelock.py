"""One game at a time on a save: a lock file beside it, holding its owner's process id.

What decides is the operating system's own lock on that file (flock), which it releases the
moment its process ends, however it ends. So a lock file left by a process that was killed or
crashed is free, and the next game takes it over; the process id inside only tells a player
which process holds a live one.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from journey.frontend.words import _

WINDOWS_LOCK_OFFSET = 1 << 20
"""Windows locks byte ranges and keeps others from reading them: lock a byte far past the
process id, so the id stays readable."""


class SaveInUse(Exception):
    """Another running game holds this save."""

    def __init__(self, pid: int | None):
        holder = (_("process {pid}").format(pid=pid) if pid is not None
                  else _("another process"))
        super().__init__(_("This journey is already open in another journey game ({holder}). "
                           "Carry on there, or close it first: two games on one save would "
                           "overwrite each other's steps.").format(holder=holder))
        self.pid = pid


class SaveLock:
    """A held lock; `release` (or the end of the process) frees it."""

    def __init__(self, path: Path, handle: int):
        self.path = path
        self.handle: int | None = handle

    @classmethod
    def take(cls, path: Path) -> SaveLock:
        """Take the lock at `path`. Raises SaveInUse when a live process holds it, OSError
        when the folder cannot hold a lock file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(handle):
                pid = _read_pid(handle)
                os.close(handle)
                raise SaveInUse(pid)
            if _still_there(path, handle):
                break
            os.close(handle)  # its owner removed it as we opened it: take the new one
        os.ftruncate(handle, 0)
        os.lseek(handle, 0, os.SEEK_SET)
        os.write(handle, f"{os.getpid()}\n".encode())
        return cls(path, handle)

    def release(self) -> None:
        """Remove the lock file, then let go of it (in that order on POSIX, so nobody locks a
        file that is about to disappear). Safe to call twice."""
        if self.handle is None:
            return
        handle, self.handle = self.handle, None
        if sys.platform == "win32":
            os.close(handle)  # Windows cannot remove an open file
            self.path.unlink(missing_ok=True)
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            os.close(handle)


def _try_lock(handle: int) -> bool:
    """Lock without waiting; False when another process holds the lock."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(handle, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _still_there(path: Path, handle: int) -> bool:
    """Whether the file we locked is still the one at `path`."""
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(handle)
    return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)


def _read_pid(handle: int) -> int | None:
    try:
        os.lseek(handle, 0, os.SEEK_SET)
        text = os.read(handle, 32).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdecimal() else None
