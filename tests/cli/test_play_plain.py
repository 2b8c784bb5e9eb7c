"""`journey play --plain` driven through a pipe, as a script or a screen reader would drive it,
and the promise that the command line loads the UI only when it starts the UI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journey.engine import catalog, rules
from journey.engine.loader import load_scenario
from journey.frontend.saves import Slot

BRACKETS = Path(__file__).parents[1] / "fixtures" / "brackets.yaml"


@pytest.fixture
def data_home(tmp_path) -> Path:
    return tmp_path / "data"


def journey(data_home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home),
           "XDG_CACHE_HOME": str(data_home.parent / "cache")}
    return subprocess.run([sys.executable, "-m", "journey", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=120)


def first_open_path(scenario, seed: int, first: int = 1) -> tuple[list[str], rules.GameState]:
    """The numbers a player types who takes open choice `first` first, then always the first
    open choice, and where it ends."""
    state, typed = rules.new_game(scenario, seed), []
    while not rules.is_over(scenario, state):
        views = [v for v in rules.choice_views(scenario, state) if v.enabled]
        typed.append(str(first))  # plain mode numbers only the choices that can be taken
        state, _ = rules.step(scenario, state, views[first - 1].index)
        first = 1
    return typed, state


def save_path(data_home: Path, scenario_id: str, path: Path = BRACKETS) -> Path:
    return data_home / "journey" / "saves" / f"{Slot.for_file(scenario_id, path).key}.json"


def saved(data_home: Path, scenario_id: str = "brackets", path: Path = BRACKETS) -> dict:
    """The save's first line (whose journey it is), with its steps under "history"."""
    head, *steps, end = save_path(data_home, scenario_id, path).read_text().split("\n")
    assert end == "", "the last step's line is not whole"
    return {**json.loads(head), "history": [json.loads(step) for step in steps]}


def test_a_piped_journey_reaches_the_debrief_and_exits_0(data_home):
    from journey.frontend import debrief

    path = catalog.resolve(catalog.DEFAULT_SCENARIO)
    scenario = load_scenario(path)
    typed, end = first_open_path(scenario, 1)
    result = journey(data_home, "play", "--plain", "--seed", "1", stdin="\n".join(typed) + "\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith(scenario.title)
    assert "Content note:" in out
    ending = scenario.nodes[end.node]
    assert f"== The journey ends: {ending.title} ==" in out
    assert "Your route" in out
    assert f"Your journey ended in {debrief.kind_words(ending.kind)}." in out
    assert "Arrivals" in out and "2025" in out
    assert not save_path(data_home, scenario.id, path).exists()  # nothing left to continue


@pytest.mark.parametrize("era, years", [(1, "2010-2019"), (2, "2020-2025")])
def test_each_era_of_the_long_road_ends_on_its_own_debrief_cold_then_warm(data_home, era,
                                                                          years):
    """The first launch works the odds out while the journey is played, and says so if the
    end comes first (a pipe is quick); the next launch reads them from the cache, in place."""
    from journey.frontend import debrief

    path = catalog.resolve(catalog.DEFAULT_SCENARIO)
    scenario = load_scenario(path)
    typed, end = first_open_path(scenario, 2, first=era)
    ending = scenario.nodes[end.node]
    name = scenario.value_text(scenario.slot("closure"), era - 1)
    runs = [journey(data_home, "play", "--plain", "--seed", "2",
                    stdin="\n".join(typed) + "\n").stdout for _ in range(2)]
    for out in runs:
        debriefed = out[out.index(f"== The journey ends: {ending.title} =="):]
        heading = "\nThe game's odds\n"
        odds = debriefed[debriefed.rindex(heading):]
        assert " ".join(odds.split()).startswith(
            f"The game's odds If you had chosen at random every time, in this game, journeys "
            f"{name} would end like this.")
        assert debrief.ended_in(ending.kind) in odds
        assert "your ending" not in odds and "as yours did" not in odds
        flat = " ".join(debriefed.split())
        for number, question in enumerate(scenario.questions.for_kind(ending.kind), 1):
            assert f"{number}. {' '.join(question.split())}" in flat
        assert f"◀ marks {years}, the years of your journey's era ({name})" in flat
        assert debriefed.index("Questions for reflection") < debriefed.index(heading)
        assert_ends_with_turning_points(out, end.step, ending.kind == "asylum")
    assert debrief_order(runs[1]) == ["Questions for reflection", "The game's odds",
                                      "Arrivals", "Your route", "Turning points"]
    assert "still being worked out" not in runs[1]


def debrief_order(out: str) -> list[str]:
    """The debrief's headings after the questions, by their first word(s)."""
    tail = out[out.index("Questions for reflection"):]
    found = [(tail.find(f"\n{h}"), h) for h in ("The game's odds", "Arrivals", "Your route",
                                                 "Turning points")]
    return ["Questions for reflection"] + [h for _, h in sorted(found)]


def assert_ends_with_turning_points(out: str, steps: int, asylum: bool) -> None:
    """The last section: the chart (the start, then a row per step, the last one the end), a
    numbered paragraph per step, and the choice and luck split adding up to where it ended,
    then the words that it judges no one."""
    import re

    from journey.frontend import debrief

    tail = out[out.rindex(f"\n{debrief.TURNING}\n"):]
    lines = tail.splitlines()
    chart = lines[lines.index("The chance of asylum, at the start and after each step:") + 1:]
    chart = chart[:chart.index("")]
    assert chart[0].startswith("Start") and len(chart) == steps + 1
    assert chart[-1].endswith("◀ the end")
    assert chart[-1].split()[-4] == ("100%" if asylum else "0%")
    numbered = [line.split()[0] for line in lines if re.match(r"^ *\d+\. [A-Z]", line)]
    assert numbered[-steps:] == [f"{n}." for n in range(1, steps + 1)]
    flat = " ".join(tail.split())
    start, sign1, choices, sign2, luck, end, verb = re.search(
        r"(\d+) ([+-]) (\d+) ([+-]) (\d+) = (\d+): your journey (ended|did not end) in "
        r"asylum", flat).groups()
    total = int(start) + int(sign1 + choices) + int(sign2 + luck)
    assert total == int(end) == (100 if asylum else 0)
    assert (verb == "ended") == asylum
    assert flat.endswith(" ".join(debrief.NOT_A_JUDGEMENT.split()))


def test_end_of_input_mid_journey_exits_0_with_the_journey_saved(data_home):
    result = journey(data_home, "play", str(BRACKETS), "--plain", "--seed", "4", stdin="2\n")
    assert result.returncode == 0, result.stderr
    assert "Your journey is saved after 1 step." in result.stdout
    save = saved(data_home, "brackets")
    assert (save["seed"], save["history"]) == (4, [[3, 0]])


def test_invalid_input_gets_a_message_and_the_question_again(data_home):
    result = journey(data_home, "play", str(BRACKETS), "--plain", "--seed", "4",
                     stdin="abc\n99\n\n0\n2\n")
    assert result.stdout.count("Please type a number from 1 to 2.") == 4
    assert "You chose: Wait a night" in result.stdout
    assert result.returncode == 0


def test_a_closed_choice_says_why_unnumbered_and_text_is_printed_as_written(data_home):
    result = journey(data_home, "play", str(BRACKETS), "--plain", "--seed", "4", stdin="2\n")
    out = result.stdout
    assert "Text with [bold]brackets[/] and [/] and [@click=app.quit]a fake link[/]" in out
    assert "1. Cross [dim]now[/dim]" in out
    assert "-  Not available: Pay a guide. You need [500] US$ for a guide." in out
    assert "2. Wait a night" in out
    assert "You chose: Wait a night" in out  # 2 is the second choice that can be taken
    assert "A hidden way" not in out


def test_running_again_continues_the_saved_journey(data_home):
    journey(data_home, "play", str(BRACKETS), "--plain", "--seed", "4", stdin="2\n")
    result = journey(data_home, "play", str(BRACKETS), "--plain", stdin="1\n")
    assert "Continuing your saved journey after 1 step (seed 4)." in result.stdout
    scenario = load_scenario(BRACKETS)
    state = rules.replay(scenario, 4, [(3, 0)])
    state, _ = rules.step(scenario, state, 0)
    assert saved(data_home, "brackets")["history"] == [list(step) for step in state.history]


def test_show_odds_prints_the_odds_in_play(data_home):
    result = journey(data_home, "play", str(BRACKETS), "--plain", "--seed", "4",
                     "--show-odds", stdin="1\n")
    assert "The odds were:" in result.stdout
    assert "75%  You reach [b]the far bank[/b]." in result.stdout


def test_an_unknown_scenario_is_a_clear_error(data_home):
    result = journey(data_home, "play", "no_such_story", "--plain")
    assert result.returncode == 2
    assert result.stderr.startswith("journey play: no bundled scenario named 'no_such_story'")
    assert "Traceback" not in result.stderr


def test_a_broken_scenario_lists_its_problems(data_home, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\n")
    result = journey(data_home, "play", str(broken), "--plain")
    assert result.returncode == 1
    assert f"{broken}:" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_app_without_a_terminal_points_to_plain_mode(data_home):
    result = journey(data_home, "play", str(BRACKETS))
    assert result.returncode == 2
    assert "add --plain" in result.stderr


def loaded_modules(data_home: Path, *args: str) -> list[str]:
    """Run the CLI in a fresh interpreter and list the UI modules it imported."""
    code = ("import sys, io\nfrom journey.cli import main\nsys.stdin = io.StringIO('')\n"
            f"main({list(args)!r})\n"
            "print([m for m in sys.modules if m.split('.')[0] == 'textual' "
            "or m.startswith('journey.ui')])")
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=120)
    return json.loads(result.stdout.strip().splitlines()[-1].replace("'", '"'))


def test_journey_check_never_imports_the_ui(data_home):
    assert loaded_modules(data_home, "check", str(BRACKETS)) == []


def test_plain_mode_never_imports_the_ui(data_home):
    assert loaded_modules(data_home, "play", str(BRACKETS), "--plain", "--seed", "1") == []


def test_a_second_game_on_the_same_save_is_refused_and_the_first_keeps_its_steps(data_home):
    """Two games on one save used to overwrite each other's steps silently."""
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    first = subprocess.Popen([sys.executable, "-m", "journey", "play", str(BRACKETS), "--plain",
                              "--seed", "4"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             env=env, text=True)
    assert first.stdin is not None and first.stdout is not None
    shown = ""
    while "Your choice" not in shown:  # it has opened its save and waits for the player
        character = first.stdout.read(1)
        assert character, shown
        shown += character
    second = journey(data_home, "play", str(BRACKETS), "--plain", "--seed", "5", stdin="1\n")
    assert second.returncode == 1
    assert f"already open in another journey game (process {first.pid})" in second.stdout
    out, _ = first.communicate("2\n", timeout=120)
    assert first.returncode == 0
    assert "Your journey is saved after 1 step." in out
    assert saved(data_home)["history"] == [[3, 0]]


def test_a_save_that_once_crashed_every_start_is_set_aside_and_a_new_journey_starts(data_home):
    journey(data_home, "play", str(BRACKETS), "--plain", "--seed", "4", stdin="2\n")
    path = save_path(data_home, "brackets")
    path.write_text(path.read_text().replace('"seed": 4', '"seed": 1e400'))
    result = journey(data_home, "play", str(BRACKETS), "--plain")
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert "Your saved journey could not be used: its seed is not a whole number." in said
    assert "A new journey (seed" in said
    [kept] = path.parent.glob("brackets-*.unusable-*.json")
    assert '"seed": 1e400' in kept.read_text()
