"""A game killed at any moment (SIGKILL, as a crash, the OOM killer or a closed laptop lid can)
loses no step the player was shown, never leaves a damaged save, and the next start removes
any temporary file the kill left. Plain mode is driven through a pipe, with answers queued
ahead so the kill lands while steps are being taken and saved."""

from __future__ import annotations

import json
import os
import random
import select
import subprocess
import sys
import time
from pathlib import Path

from journey.engine import catalog, rules
from journey.engine.loader import load_scenario
from journey.engine.state import GameState
from journey.frontend.saves import Slot
from journey.frontend.session import numbered_choices

ROUNDS = 20
PROMPT = b"Your choice ("
ANSWERS = b"1\n" * 60
"""'1' is always an open choice: plain mode numbers only those."""


def start(data_home: Path, path: Path, seed: int | None) -> tuple[subprocess.Popen[bytes], bytes]:
    """A plain-mode game, once it asks for its first choice (so it has opened its save)."""
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    seeded = [] if seed is None else ["--seed", str(seed)]
    game = subprocess.Popen([sys.executable, "-m", "journey", "play", str(path), "--plain",
                             *seeded], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    assert game.stdout is not None
    shown, deadline = b"", time.monotonic() + 60
    while PROMPT not in shown:
        assert time.monotonic() < deadline, shown.decode()
        if select.select([game.stdout], [], [], 1)[0]:
            chunk = os.read(game.stdout.fileno(), 65536)
            assert chunk, f"the game stopped: {shown.decode()}"
            shown += chunk
    return game, shown


def saved(save: Path) -> tuple[int, tuple[tuple[int, int], ...]] | None:
    """(seed, steps) in the save, or None. The file must always be a whole save: its first
    line, then whole step lines, and at most a last line that a kill cut short (never shown,
    and dropped when the save is read)."""
    if not save.exists():
        return None
    head, *steps, _ = save.read_text().split("\n")
    return json.loads(head)["seed"], tuple(tuple(json.loads(step)) for step in steps)


def states_ahead(scenario, start: GameState, count: int) -> list[GameState]:
    """The states a player who always types 1 passes through from `start`, `count` steps on
    at most: what the game must have saved, step by step."""
    states = [start]
    while len(states) <= count and not rules.is_over(scenario, states[-1]):
        first = next(c for c in numbered_choices(scenario, states[-1]) if c.number == 1)
        states.append(rules.step(scenario, states[-1], first.index)[0])
    return states


def test_killing_a_game_mid_save_loses_nothing_and_leaves_no_temporary_file(tmp_path):
    path = catalog.resolve(catalog.DEFAULT_SCENARIO)
    scenario = load_scenario(path)
    data_home = tmp_path / "data"
    slot = Slot.for_file(scenario.id, path)
    save = data_home / "journey" / "saves" / slot.path.name
    temporary = save.with_name(slot.temporary.name)
    delays = random.Random(0)  # the kill moments are random, but the same on every run
    left_behind = 0
    for round_number in range(ROUNDS):
        before = saved(save)
        seed = before[0] if before else round_number
        state = rules.replay(scenario, seed, before[1]) if before else \
            rules.new_game(scenario, seed)
        game, shown = start(data_home, path, None if before else seed)
        assert not temporary.exists()  # opening the save removed what a kill left
        assert game.stdin is not None and game.stdout is not None
        game.stdin.write(ANSWERS)
        game.stdin.flush()
        time.sleep(delays.uniform(0, 0.08))
        game.kill()
        shown += game.stdout.read()
        game.wait()
        left_behind += temporary.exists()
        told = shown.count(b"You chose:")
        possible = states_ahead(scenario, state, told + 1)[told:]
        after = saved(save)
        if after is None:  # the journey ended, at the step told or at the one after it
            assert any(rules.is_over(scenario, s) for s in possible), shown[-2000:]
        else:  # every step told is saved, and at most one more
            assert after[0] == seed and after[1] in [s.history for s in possible], \
                shown[-2000:]
    game, _ = start(data_home, path, None)
    assert not temporary.exists()
    assert game.stdin is not None
    game.stdin.close()
    assert game.wait(timeout=60) == 0
    assert sorted(p.name for p in save.parent.iterdir()) in ([], [save.name])
    print(f"{ROUNDS} kills, {left_behind} left a temporary file behind")
