"""Where a command's text goes: standard output, or the file its --output names."""

from __future__ import annotations

import sys
from pathlib import Path

from journey.frontend.words import _


def write_out(text: str, output: Path | str | None, command: str) -> bool:
    """Write `text` to `output`, or to standard output when it is None; False (said on standard
    error, naming `command` and the system's reason) when the file cannot be written."""
    if output is None:
        sys.stdout.write(text)
        return True
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        print(_("{command}: cannot write {path}: {why}").format(
            command=command, path=output, why=error.strerror or error), file=sys.stderr)
        return False
    return True
