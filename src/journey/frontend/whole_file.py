"""Small JSON files the game keeps for itself (settings, cached odds), written whole: to a
temporary file beside the target, then renamed over it, so a reader (or a game killed
mid-write) never sees half a file."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def write_json(target: Path, data: object) -> bool:
    """Write `data` to `target`, making its folder; False when that cannot be done."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-",
                                             suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(data, file)
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return False
    return True
