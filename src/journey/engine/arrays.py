"""numpy, as the exact analysis uses it, imported here once for every module that needs it.

Its import is the largest single cost of a `journey check` (about 0.2 s), so it happens with
the cyclic collector paused, and with OpenBLAS kept to one thread unless the user said
otherwise: the analysis does integer and elementwise work only, never linear algebra, and
starting BLAS threads took a quarter of the import. Nothing the game imports at start-up
imports this module (tests/engine/test_numpy_import.py).
"""

from __future__ import annotations

import os

from .bulk import collector_paused

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
with collector_paused():
    import numpy as np

__all__ = ["np"]
