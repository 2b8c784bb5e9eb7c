"""What the whole suite shares: Ctrl+C that reaches the programs the tests start, and the
Hypothesis profiles.

A shell script that starts a job in the background (`make test &`, as CI runners and loaded
runs beside CPU burners do) starts it with SIGINT ignored, every program it starts inherits
that, and Python keeps it. The tests that press Ctrl+C on a `journey` process (check --watch,
serve) stand for a person at a terminal, where Ctrl+C always arrives: so the suite gives SIGINT
back its default before it starts any.

`ci` (the default, on CI and in every `make test`): derandomized, so every run draws the same
examples and a failure replays exactly; no example database; bounded example counts so the
suite stays fast on a small machine; `print_blob` so a failure prints the `@reproduce_failure`
line. A teacher's `make test` is then as steady as CI. `dev` (HYPOTHESIS_PROFILE=dev, or
pytest's --hypothesis-profile=dev): random examples and the local example database, so a
developer's runs keep finding new cases and replay the ones that failed before. Neither has a
deadline: speed is measured by the scripts in benchmarks/, never asserted here.
"""

from __future__ import annotations

import os
import signal

from hypothesis import HealthCheck, settings

if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

settings.register_profile(
    "ci", settings.get_profile("ci"),
    derandomize=True, database=None, deadline=None, print_blob=True,
    max_examples=60, stateful_step_count=40,
    suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=60, stateful_step_count=40, deadline=None)

settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "ci")
