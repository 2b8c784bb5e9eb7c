"""Pure game rules: scenario format, loader, expressions, state machine and, in `exact/`, the
exact analysis.

Standard library, PyYAML and pydantic only (numpy for the exact analysis); nothing here imports
a user interface. What this file holds is shared by the loader and the exact analysis and
imports nothing of the engine, so the command line can read it without loading the engine.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

DEFAULT_MAX_STATES = 2_000_000
"""How many states `journey check` and the tools explore before stopping with a clear message."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with Python's cyclic garbage collector off, restoring its setting after.

    Loading a scenario and exploring its states allocate millions of small objects (dicts,
    tuples) that never form reference cycles. The collector would still scan them again and
    again as they pile up, a third of the time of a large load or exploration; reference
    counting frees everything as usual while it is paused."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
