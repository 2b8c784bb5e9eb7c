"""What `journey check` prints for people, beyond the problems themselves."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BROKEN = Path(__file__).parent.parent / "engine" / "broken"


def check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "journey", "check", *args],
                          capture_output=True, text=True, timeout=120)


def test_a_dead_end_shows_the_share_of_journeys_that_get_stuck():
    result = check(str(BROKEN / "check_dead_end.yaml"))
    assert result.returncode == 1
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ["crossed", "asylum", "50.00%"] in lines
    assert ["(no", "ending:", "stuck)", "50.00%"] in lines


def test_a_scenario_where_every_path_ends_has_no_stuck_share():
    from journey.engine import catalog

    result = check(str(catalog.resolve("tutorial")))
    assert result.returncode == 0
    assert "stuck" not in result.stdout


def test_a_state_space_over_the_limit_names_the_limit_and_how_to_raise_it():
    from journey.engine import catalog

    tutorial = str(catalog.resolve("tutorial"))
    result = check("--max-states", "10", tutorial)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{tutorial}: more than 10 reachable states; stopped "
                                    "exploring. Raise the limit with --max-states N")
    assert "Traceback" not in result.stderr
    data = json.loads(check("--json", "--max-states", "10", tutorial).stdout)
    assert data["ok"] is False
    assert data["problems"][0]["kind"] == "state_limit"
