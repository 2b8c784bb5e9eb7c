"""Files the game keeps for itself (saves, settings, cached odds), written whole: to a temporary
file beside the target, flushed to disk, then renamed over it, so a reader (or a game killed
mid-write) sees either the old file or the new one, never half of one."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path


def replace_json(target: Path, data: object, temporary: Path | None = None) -> None:
    """Write `data` as JSON to `target`, as `replace_text` does."""
    replace_text(target, json.dumps(data, indent=1), temporary)


def replace_text(target: Path, text: str, temporary: Path | None = None) -> None:
    """Write `text` to `target`, making its folder. `temporary` names the file written first
    (a save has a known one, so a leftover can be found and removed); otherwise a fresh one is
    made. Raises OSError; nothing is left behind when it does."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if temporary is None:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-",
                                        suffix=".tmp")
        temporary, out = Path(name), os.fdopen(handle, "w", encoding="utf-8")
    else:
        out = open(temporary, "w", encoding="utf-8")
    try:
        with out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_json(target: Path, data: object) -> bool:
    """`replace_json` for files the game can do without: False when it cannot be written."""
    try:
        replace_json(target, data)
    except OSError:
        return False
    return True


def dated_name(beside: Path, stem: str, label: str, suffix: str) -> Path:
    """A free name for a file set aside next to `beside`: STEM.LABEL-DATE-TIME[-N]SUFFIX,
    numbered so that it never replaces one set aside earlier."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = beside.with_name(f"{stem}.{label}-{stamp}{suffix}")
    number = 1
    while target.exists():
        number += 1
        target = beside.with_name(f"{stem}.{label}-{stamp}-{number}{suffix}")
    return target
