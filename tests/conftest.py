"""Hypothesis profiles for the whole suite.

`ci` (loaded when the CI environment variable is set, e.g. CI=true): derandomized, so every run
draws the same examples and a failure replays exactly; no example database; bounded example
counts so the suite stays fast on a small machine; `print_blob` so a failure prints the
`@reproduce_failure` line. `dev` (the default otherwise): random examples and the local example
database, so development runs keep finding new cases and replay the ones that failed before.
Neither has a deadline: speed is measured by the scripts in benchmarks/, never asserted here.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", settings.get_profile("ci"),
    derandomize=True, database=None, deadline=None, print_blob=True,
    max_examples=60, stateful_step_count=40,
    suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=60, stateful_step_count=40, deadline=None)

_ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
settings.load_profile("ci" if _ci else "dev")
