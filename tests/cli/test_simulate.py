"""`journey simulate`: the table and JSON it prints, determinism across processes, replay, and
clear messages for every kind of bad input."""

from __future__ import annotations

import json

import pytest

from journey.cli import main
from journey.engine import catalog
from journey.engine.exact.analysis import analyse
from journey.engine.exact.exploration import explore
from journey.engine.loader import load_scenario
from journey.engine.policies import POLICIES
from journey.engine.simulation import PARALLEL_FROM, walk, walk_table

CYCLE = """
format: 1
id: looping
title: Looping
summary: A story that can go round forever.
content_note: A test scenario.
start: a
stages:
  - {id: route, title: Route, place: Somewhere}
scenes:
  a:
    stage: route
    text: Scene a.
    choices:
      - {label: Go to b, goto: b}
  b:
    stage: route
    text: Scene b.
    choices:
      - {label: Back to a, goto: a}
      - {label: Stop, goto: done}
endings:
  done: {kind: hiding, title: Done, text: It ends., context: Context.}
"""


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def simulate_json(capsys, *argv) -> dict:
    code, out, _ = run(capsys, "simulate", *argv, "--json")
    assert code == 0
    return json.loads(out)


@pytest.fixture(scope="module")
def exact_tutorial() -> dict:
    return analyse(load_scenario(catalog.resolve("tutorial"))).endings


class TestTable:
    """The text table lists every ending with its count, share, interval and exact figure."""

    def test_random_policy(self, capsys, exact_tutorial):
        code, out, _ = run(capsys, "simulate", "tutorial", "--runs", "5000", "--seed", "3")
        assert code == 0
        assert "5,000 journeys, policy 'random', seed 3" in out
        assert "95% interval" in out
        for ending_id, (kind, probability) in exact_tutorial.items():
            line = next(line for line in out.splitlines() if line.strip().startswith(ending_id))
            assert kind in line and f"{100 * probability:.2f}%" in line

    def test_other_policy_shows_both_exact_figures(self, capsys, exact_tutorial):
        code, out, _ = run(capsys, "simulate", "tutorial", "--runs", "2000", "--policy", "cheapest")
        assert code == 0
        assert "exact, this policy" in out and "random player" in out
        caught = next(line for line in out.splitlines() if line.strip().startswith("caught_at"))
        assert "45.45%" in caught  # cheapest: wait twice, then wade: 1 - 6/11
        assert f"{100 * exact_tutorial['caught_at_river'][1]:.2f}%" in caught

    def test_help_documents_every_policy(self, capsys):
        with pytest.raises(SystemExit):
            main(["simulate", "--help"])
        out = " ".join(capsys.readouterr().out.split())
        for policy in POLICIES.values():
            assert policy.name in out and " ".join(policy.summary.split())[:40] in out


class TestJson:
    """The JSON form: counts add up, exact figures are the analysis's, and it is reproducible."""

    def test_counts_and_exact(self, capsys, exact_tutorial):
        data = simulate_json(capsys, "tutorial", "--runs", "3000")
        endings = data["endings"]
        assert sum(e["journeys"] for e in endings.values()) == 3000 == data["runs"]
        for ending_id, row in endings.items():
            assert row["exact"] == exact_tutorial[ending_id][1]
            assert row["interval"][0] <= row["share"] <= row["interval"][1]

    def test_same_result_for_any_number_of_processes(self, capsys):
        runs = str(PARALLEL_FROM + 1_234)
        one = simulate_json(capsys, "tutorial", "--runs", runs, "--seed", "9", "--jobs", "1")
        two = simulate_json(capsys, "tutorial", "--runs", runs, "--seed", "9", "--jobs", "2")
        assert one == two

    def test_seed_changes_the_result(self, capsys):
        first = simulate_json(capsys, "tutorial", "--runs", "3000", "--seed", "1")
        second = simulate_json(capsys, "tutorial", "--runs", "3000", "--seed", "2")
        assert first["endings"] != second["endings"]


class TestReplay:
    """--replay I shows run I step by step and ends where the simulation counted it."""

    def test_replayed_run_ends_where_it_was_counted(self, capsys):
        space = explore(load_scenario(catalog.resolve("tutorial")))
        table = walk_table(space, None)
        endings = space.scenario.endings
        for i in range(10):
            code, out, _ = run(capsys, "simulate", "tutorial", "--replay", str(i), "--seed", "4")
            assert code == 0 and out.startswith(f"run {i} of seed 4")
            counts, steps = walk(table, 4, i, i + 1)
            counted = endings[counts.index(1)]
            assert out.strip().splitlines()[-1].startswith(f"  ending: {counted.id} ")
            assert sum(line.startswith(f"  {steps}. ") for line in out.splitlines()) == 1


class TestBadInput:
    """Bad input gets a message and an exit code, never a traceback."""

    def test_unknown_scenario(self, capsys):
        code, _, err = run(capsys, "simulate", "no_such_story")
        assert code == 2 and "no bundled scenario named 'no_such_story'" in err

    def test_scenario_that_does_not_end(self, capsys, tmp_path):
        path = tmp_path / "looping.yaml"
        path.write_text(CYCLE, encoding="utf-8")
        code, _, err = run(capsys, "simulate", str(path))
        assert code == 1 and "journey check" in err

    def test_invalid_scenario_lists_problems(self, capsys, tmp_path):
        path = tmp_path / "broken.yaml"
        path.write_text(CYCLE.replace("goto: b}", "goto: nowhere}"), encoding="utf-8")
        code, _, err = run(capsys, "simulate", str(path))
        assert code == 1 and "unknown destination 'nowhere'" in err

    def test_cheapest_without_the_variable(self, capsys):
        code, _, err = run(capsys, "simulate", "tutorial", "--policy", "cheapest",
                           "--resource", "food")
        assert code == 2 and "no variable 'food'" in err and "money" in err

    @pytest.mark.parametrize("argv", [["--runs", "0"], ["--runs", "many"], ["--jobs", "0"],
                                      ["--policy", "reckless"]])
    def test_bad_options(self, capsys, argv):
        with pytest.raises(SystemExit) as exit_:
            main(["simulate", "tutorial", *argv])
        assert exit_.value.code == 2
        assert "usage:" in capsys.readouterr().err

    def test_too_many_states(self, capsys):
        code, _, err = run(capsys, "simulate", "tutorial", "--max-states", "5")
        assert code == 1 and "more than 5 reachable states" in err

    def test_negative_replay(self, capsys):
        code, _, err = run(capsys, "simulate", "tutorial", "--replay", "-1")
        assert code == 2 and "--replay" in err
