"""What `journey check` prints for people, beyond the problems themselves."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_a_bundled_scenario_is_checked_by_its_name():
    result = check("tutorial")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("tutorial: ok, every path ends")
    missing = check("no_such_scenario")
    assert missing.returncode == 2
    assert "no bundled scenario named 'no_such_scenario'" in missing.stdout


def test_max_states_below_one_is_a_usage_error():
    for value in ("0", "-5"):
        result = check("--max-states", value, "tutorial")
        assert result.returncode == 2
        assert "argument --max-states: must be at least 1" in result.stderr
        assert "Traceback" not in result.stderr


def test_an_unknown_split_name_is_a_usage_error_that_suggests_the_right_one():
    result = check("--split", "mony", "tutorial")
    assert result.returncode == 2
    assert "--split mony: no flag or variable of that name; did you mean 'money'?" in result.stdout
    assert "Traceback" not in result.stderr


def test_split_sets_each_values_odds_beside_the_whole():
    lines = check("--split", "has_broker", "tutorial").stdout.splitlines()
    head = lines.index("  endings for a random player, by has_broker at the end of the journey:")
    assert lines[head + 1].split() == ["all", "no", "yes"]
    share = lines[head + 2].split()
    assert share[:4] == ["share", "of", "journeys", "100.00%"]
    data = json.loads(check("--json", "--split", "has_broker", "tutorial").stdout)
    groups = data["splits"]["has_broker"]
    assert set(groups) == {"true", "false"}
    assert [f"{100 * groups[v]['share']:.2f}%" for v in ("false", "true")] == share[4:]
    for ending, figures in data["endings"].items():
        assert sum(g["share"] * g["endings"][ending] for g in groups.values()) == \
            pytest.approx(figures["probability"])


def test_funnel_gives_each_stage_its_reach_and_odds_in_text_and_json():
    text = check("--funnel", "tutorial").stdout.splitlines()
    start = text.index("  stage funnel for a random player: who reaches each stage, and how "
                       "their journeys end:")
    assert text[start + 1].split() == ["home", "border", "china"]
    assert text[start + 2].split()[:3] == ["reach", "100.00%", "100.00%"]
    data = json.loads(check("--json", "--funnel", "--split", "nights", "tutorial").stdout)
    assert [s["stage"] for s in data["funnel"]] == ["home", "border", "china"]
    assert data["funnel"][0]["endings"] == pytest.approx(
        {k: v["probability"] for k, v in data["endings"].items()})
    for stage in data["funnel"]:
        assert sum(stage["endings"].values()) == pytest.approx(1.0)
        assert sum(stage["kinds"].values()) == pytest.approx(1.0)
    by_nights = data["funnel_by"]["nights"]
    assert set(by_nights) == set(data["splits"]["nights"]) == {"0", "1", "2"}
    for value, stages in by_nights.items():
        assert stages[0]["endings"] == pytest.approx(data["splits"]["nights"][value]["endings"])


def test_plain_check_json_has_no_funnel_and_splits_only_by_era():
    data = json.loads(check("--json", "tutorial").stdout)
    assert set(data["splits"]) == {"closure"} and "funnel" not in data  # the tutorial's eras
