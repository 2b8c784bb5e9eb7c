"""Many simulated journeys, fast and reproducible, and what the exact figures say beside them.

Run `i` of a simulation with seed `S` is the journey `rules.new_game(scenario, S * 2**32 + i)`
played by the policy, whose own random picks (for `random`) come from a separate generator
seeded from the same number. So any run can be replayed step by step with the engine
(`play_run`), and the totals do not depend on how runs are split between processes.

Speed: the reachable states are explored once (`exact.exploration.explore`, with
`rules.results`) and walks are sampled from those flat tables, making exactly the draws
`rules.step` makes. A walk therefore ends where the engine's own play of that run ends; tests
check that they agree. The exact figures set beside the walks come from the exact analysis
(`exact.odds.journeys`), as every command's do.
"""

from __future__ import annotations

import math
import multiprocessing
import signal
from array import array
from dataclasses import dataclass
from statistics import NormalDist
from typing import TYPE_CHECKING, Callable, Iterator

from . import rng, rules
from .state import GameState

if TYPE_CHECKING:  # the tables' type only: `journey --help` imports this module, without numpy
    from .exact.space import StateSpace

RUN_STRIDE = 1 << 32          # run i of seed S uses game seed S * RUN_STRIDE + i
MAX_RUNS = RUN_STRIDE
POLICY_STREAM = 0x6A09E667F3BCC909  # the policy's generator: the game's, xor this constant
PARALLEL_FROM = 20_000        # fewer runs than this are not worth starting processes for
CHUNKS_PER_JOB = 8            # more chunks than processes keep them all busy to the end

# SplitMix64's constants as in rng.py, inlined in `walk`; tests check walks against engine play.
_M = rng.MASK
_G = 0x9E3779B97F4A7C15
_C1 = 0xBF58476D1CE4E5B9
_C2 = 0x94D049BB133111EB


def run_seed(seed: int, i: int) -> int:
    """The game seed of run `i` of a simulation seeded with `seed`."""
    return seed * RUN_STRIDE + i


def policy_rng(game_seed: int) -> int:
    """The state of the generator behind a random policy's picks in that game."""
    return rng.seed_state(game_seed) ^ POLICY_STREAM


@dataclass(frozen=True)
class WalkTable:
    """What a walk needs, as plain lists (indexing a list is faster than an array, and lists
    are cheap to hand to worker processes).

    `chosen[u]` is the slot a policy takes in state u, or `chosen` is None for uniform random
    play; `ending_of[u]` is the ending's position in `scenario.endings`, or -1.
    """

    choice_row: list[int]
    total: list[int]
    branch_row: list[int]
    weight: list[int]
    target: list[int]
    chosen: list[int] | None
    ending_of: list[int]
    endings: int


def walk_table(space: StateSpace, chosen: array[int] | None) -> WalkTable:
    """The tables for walks. The scenario must pass the analysis (every path ends): a dead end
    is refused here, and a cycle would make a walk go on forever."""
    first_ending = len(space.scenario.scenes)
    ending_of = [node - first_ending if node >= first_ending else -1 for node in space.node]
    if any(e < 0 and space.choice_row[u] == space.choice_row[u + 1]
           for u, e in enumerate(ending_of)):
        raise ValueError("a walk can stop in a scene with no open choice; run journey check")
    return WalkTable(space.choice_row.tolist(), space.total.tolist(), space.branch_row.tolist(),
                     space.weight.tolist(), space.target.tolist(),
                     None if chosen is None else chosen.tolist(), ending_of,
                     len(space.scenario.endings))


def walk(table: WalkTable, seed: int, start: int, stop: int) -> tuple[list[int], int]:
    """Play runs start..stop-1: (journeys ending in each ending, choices made).

    The generator steps are SplitMix64 written out (see `rng.py`), as `rules.step` and the
    random policy use it: one draw among the open choices when there are several, one draw
    among an outcome's weights when there are several.
    """
    choice_row, total, branch_row = table.choice_row, table.total, table.branch_row
    weight, target, ending_of, chosen = table.weight, table.target, table.ending_of, table.chosen
    counts = [0] * table.endings
    M, G, C1, C2 = _M, _G, _C1, _C2
    steps = 0
    for i in range(start, stop):
        g = ((seed * RUN_STRIDE + i) * C1 + G) & M
        p = g ^ POLICY_STREAM
        u = 0
        lo = 0
        hi = choice_row[1]
        while lo < hi:
            if chosen is not None:
                c = chosen[u]
            elif hi - lo > 1:
                p = (p + G) & M
                z = ((p ^ (p >> 30)) * C1) & M
                z = ((z ^ (z >> 27)) * C2) & M
                c = lo + (((z ^ (z >> 31)) * (hi - lo)) >> 64)
            else:
                c = lo
            b = branch_row[c]
            if branch_row[c + 1] - b > 1:
                g = (g + G) & M
                z = ((g ^ (g >> 30)) * C1) & M
                z = ((z ^ (z >> 27)) * C2) & M
                draw = ((z ^ (z >> 31)) * total[c]) >> 64
                w = weight[b]
                while draw >= w:
                    draw -= w
                    b += 1
                    w = weight[b]
            u = target[b]
            lo = choice_row[u]
            hi = choice_row[u + 1]
            steps += 1
        counts[ending_of[u]] += 1
    return counts, steps


_installed: WalkTable | None = None


def _install(table: WalkTable) -> None:
    """Set up a worker: keep the table, and leave Ctrl+C to the parent, which stops the pool
    (so an interrupted simulation prints one line, not a traceback per worker)."""
    global _installed
    _installed = table
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _walk_installed(job: tuple[int, int, int]) -> tuple[list[int], int]:
    assert _installed is not None, "the pool's initializer installs the table"
    return walk(_installed, *job)


def _chunks(runs: int, jobs: int) -> list[tuple[int, int]]:
    size = max(1_000, -(-runs // (jobs * CHUNKS_PER_JOB)))
    return [(a, min(a + size, runs)) for a in range(0, runs, size)]


def run_walks(table: WalkTable, seed: int, runs: int, jobs: int = 1,
              progress: Callable[[int], None] | None = None) -> tuple[list[int], int]:
    """Play runs 0..runs-1 on `jobs` processes: (journeys per ending, choices made).

    The result is the same for any `jobs`: each run depends only on (seed, run number).
    """
    if not 0 <= runs <= MAX_RUNS:
        raise ValueError(f"runs must be between 0 and {MAX_RUNS:,}")
    counts, steps, done = [0] * table.endings, 0, 0
    chunks = _chunks(runs, max(1, jobs))
    if jobs > 1 and runs >= PARALLEL_FROM:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        with context.Pool(jobs, initializer=_install, initargs=(table,)) as pool:
            results = pool.imap_unordered(_walk_installed, [(seed, a, b) for a, b in chunks])
            for part, part_steps in results:
                done = _add(counts, part, done)
                steps += part_steps
                if progress:
                    progress(done)
        return counts, steps
    for a, b in chunks:
        part, part_steps = walk(table, seed, a, b)
        done = _add(counts, part, done)
        steps += part_steps
        if progress:
            progress(done)
    return counts, steps


def _add(counts: list[int], part: list[int], done: int) -> int:
    for k, n in enumerate(part):
        counts[k] += n
    return done + sum(part)


def wilson(count: int, runs: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval for a proportion: sound near 0 and 1, unlike share +- 2 SE."""
    if runs == 0:
        return 0.0, 1.0
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    if count in (0, runs):  # the formula's end is exact here; avoid 1e-19 from rounding
        bound = z * z / (runs + z * z)
        return (0.0, bound) if count == 0 else (1.0 - bound, 1.0)
    share = count / runs
    centre = (share + z * z / (2 * runs)) / (1 + z * z / runs)
    spread = math.sqrt(share * (1 - share) / runs + z * z / (4 * runs * runs))
    half = z / (1 + z * z / runs) * spread
    return max(0.0, centre - half), min(1.0, centre + half)


def play_run(space: StateSpace, chosen: array[int] | None, seed: int,
             i: int) -> Iterator[tuple[GameState, int, GameState, list[rules.Event]]]:
    """Replay run `i` with the engine itself: (state before, choice, state after, events)."""
    scenario = space.scenario
    game_seed = run_seed(seed, i)
    state, picker = rules.new_game(scenario, game_seed), policy_rng(game_seed)
    while not rules.is_over(scenario, state):
        open_choices = rules.available(scenario, state.node, state.values)
        if not open_choices:
            return
        if chosen is not None:
            u = space.state_of(state.node, state.values)
            assert u is not None, "every state a journey reaches was explored"
            choice = space.choice[chosen[u]]
        elif len(open_choices) > 1:
            k, picker = rng.below(picker, len(open_choices))
            choice = open_choices[k]
        else:
            choice = open_choices[0]
        after, events = rules.step(scenario, state, choice)
        yield state, choice, after, events
        state = after
