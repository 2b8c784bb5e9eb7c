"""Read a scenario file's text: the one way every command reads one.

A path can name a device (`/dev/zero`), a pipe, a folder or standard input as easily as a file,
and a size from `stat()` is 0 for most of them, so the size limit cannot rest on it. Here the
kind of file is checked before it is opened and again on what was opened (the path may have
changed in between), it is opened without waiting for a writer, and reading stops one byte past
`MAX_BYTES`, whatever the file claims.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .diagnostics import Diagnostic, ScenarioError
from .limits import MAX_BYTES

STANDARD_INPUT = "-"
# Never wait for a pipe's writer, never take a terminal as ours; bytes as they are on Windows.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
    | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a pipe"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


class NotAFile(OSError):
    """The path names something other than a regular file; `strerror` says what."""


def _refuse_unless_regular(mode: int, name: str) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((what for test, what in _KINDS if test(mode)), "not a regular file")
    raise NotAFile(errno.EINVAL, f"{kind}, not a scenario file", name)


def check_path(path: str | Path) -> None:
    """Raise the error `read_bytes` would for what `path` names, without opening it.

    Raises FileNotFoundError, NotAFile (folders, devices, pipes, standard input) or OSError.
    """
    name = str(path)
    if name == STANDARD_INPUT:
        raise NotAFile(errno.EINVAL, "standard input; scenarios are read from files only", name)
    _refuse_unless_regular(os.stat(path).st_mode, name)


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes. Raises what `check_path` raises, or ScenarioError when it is too large."""
    check_path(path)
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        _refuse_unless_regular(os.fstat(descriptor).st_mode, str(path))
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(descriptor, MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    if size > MAX_BYTES:
        raise ScenarioError([Diagnostic(str(path), 1, 1, f"the file is larger than "
                                        f"{MAX_BYTES // (1024 * 1024)} MiB; it is refused")])
    return b"".join(chunks)


def decode(data: bytes, name: str) -> str:
    """A file's bytes as text. Raises ScenarioError, at the line, if they are not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ScenarioError([Diagnostic(name, line, 1, "the file is not UTF-8 text")]) from None


def read_text(path: str | Path) -> str:
    """The file's text. Raises what `read_bytes` and `decode` raise."""
    return decode(read_bytes(path), str(path))
