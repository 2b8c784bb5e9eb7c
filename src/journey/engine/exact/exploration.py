"""Exploring every reachable state (`explore`): the first states one at a time, then the rest
in rounds, every state of the frontier at once.

`space.grow` finds the first states one at a time with `rules.results`; a scenario whose rules
all have vector twins (`space.batchable`) is then explored on in rounds. Each round expands the
whole frontier (every state found but not yet expanded), node by node and choice by choice: the
choice's condition, effects, weights and destinations are evaluated for all of the node's
states at once by the vector twins of the same compiled expressions (`expressions.py`), in the
order of a step that `rules.results` follows. States are numbered as a one-at-a-time
exploration numbers them (in the order a transition first reaches them), so the tables are the
same; tests check them against `rules.results` for generated scenarios.

A state is one integer here (`codes.Coder`), and the states found so far are kept in a hash
table of numpy arrays (`_Seen`), so each round looks up all the codes it reaches at once.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from .. import DEFAULT_MAX_STATES, collector_paused
from ..expressions import VectorEvaluator, vector_of
from ..model import Choice, Effects, Outcome, Scenario, Values
from .codes import Coder
from .space import (CodedValues, Grown, StateLimitExceeded, StateSpace, batchable, grow,
                    np)

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Ints = NDArray[np.int64]  # codes, state numbers, weights, or values (a row per slot)

HANDOVER = 1_000
"""States found one at a time before the rounds take over: a scenario this small is explored
faster without the fixed cost of each round."""

DENSE_CODES = 1 << 22
"""A scenario with at most this many codes keeps a table with an entry per code (32 MiB at
most); one with more, a hash table sized by the states found."""
_SPREAD = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: codes spread over the table


class _Seen:
    """The code of every state found so far -> its number, in numpy arrays that look up and add
    many codes at once: an entry per code when there are few codes, else a hash table with
    linear probing, kept at most half full."""

    def __init__(self, coder: Coder):
        self.coder, self.size = coder, 0
        self.dense = coder.size <= DENSE_CODES
        self._empty(coder.size if self.dense else 1 << 16)

    def _empty(self, slots: int) -> None:
        self.numbers = np.full(slots, -1, dtype=np.int64)
        self.keys = np.full(0 if self.dense else slots, -1, dtype=np.int64)  # codes >= 0
        self.shift = np.uint64(65 - slots.bit_length())  # a code's home: its top bits, spread

    def _home(self, codes: Ints) -> Ints:
        return ((codes.astype(np.uint64) * _SPREAD) >> self.shift).astype(np.int64)

    def find(self, codes: Ints) -> Ints:
        """Each code's state, or -1 for a code not found yet."""
        if self.dense:
            return self.numbers[codes]
        found = np.full(len(codes), -1, dtype=np.int64)
        todo, slot, last = np.arange(len(codes)), self._home(codes), len(self.keys) - 1
        while len(todo):
            key = self.keys[slot]
            hit = key == codes[todo]
            found[todo[hit]] = self.numbers[slot[hit]]
            going = ~hit & (key >= 0)
            todo, slot = todo[going], (slot[going] + 1) & last
        return found

    def add(self, codes: Ints, numbers: Ints) -> None:
        """Add distinct codes not in the table yet, with their states' numbers."""
        self.size += len(codes)
        if self.dense:
            self.numbers[codes] = numbers
            return
        if 2 * self.size > len(self.keys):  # grow, and put everything back
            held, slots = self.keys >= 0, len(self.keys)
            codes = np.concatenate((self.keys[held], codes))
            numbers = np.concatenate((self.numbers[held], numbers))
            while 2 * self.size > slots:
                slots *= 4
            self._empty(slots)
        todo, slot, last = np.arange(len(codes)), self._home(codes), len(self.keys) - 1
        while len(todo):
            free = np.flatnonzero(self.keys[slot] < 0)
            taken, first = np.unique(slot[free], return_index=True)  # one code per free slot
            placed = todo[free[first]]
            self.keys[taken], self.numbers[taken] = codes[placed], numbers[placed]
            going = np.ones(len(todo), dtype=bool)
            going[free[first]] = False
            todo, slot = todo[going], (slot[going] + 1) & last

    def get(self, node: int, values: Values) -> int | None:
        """The state at `node` with `values` (`StateSpace.state_of`), or None."""
        found = int(self.find(np.array([self.coder.encode(node, values)], dtype=np.int64))[0])
        return None if found < 0 else found


@dataclass
class _Round:
    """What one round finds, in blocks, each for a choice open in some of a node's states:
    `slots` holds (those states, the choice, each slot's total weight and number of branches),
    `branches` (states, choice, outcome, weights or None for 1, codes of the states reached)
    for each outcome that can happen. Blocks come node by node, then in the order of choices
    and outcomes, so a stable sort by state puts them in the tables' order."""

    slots: list[tuple[Ints, int, Ints, Ints]] = field(default_factory=list)
    branches: list[tuple[Ints, int, int, Ints | None, Ints]] = field(default_factory=list)


class _Rules:
    """The batch form of `rules.results`, for one scenario: the branches of a choice for many
    states, whose values are the columns of a 2-D array."""

    def __init__(self, coder: Coder):
        strides = np.array(coder.strides, dtype=np.int64)
        self.strides, self.node_stride = strides, coder.node_stride
        self.lows = np.array(coder.lows, dtype=np.int64).reshape(-1, 1)
        self.spans = np.array(coder.spans, dtype=np.int64).reshape(-1, 1)
        self.offset = int(strides @ self.lows[:, 0])

    def apply(self, effects: Effects, values: Ints) -> Ints:
        """`Effects.apply` on every column: computed from the values before, then clamped."""
        if not effects.plan:
            return values
        new = values.copy()
        for slot, is_add, evaluate, low, high in effects.plan:
            value = _twin(evaluate)(values)
            if is_add:
                value = value + values[slot]
            new[slot] = np.minimum(np.maximum(value, low), high)
        return new

    def code(self, outcome: Outcome, values: Ints) -> Ints:
        """The code of the state each column leads to: the first route whose condition holds
        on the values after the step, else the outcome's own target."""
        node: Ints | int = outcome.target
        for route in reversed(outcome.routes):  # the first route that holds is applied last
            node = np.where(_twin(route.condition)(values), route.target, node)
        return node * self.node_stride + (self.strides @ values - self.offset)

    def results(self, choice: Choice, values: Ints
                ) -> Iterator[tuple[int, Ints | None, Ints | None, Ints]]:
        """Per outcome that can happen: (outcome index, the columns with a positive weight or
        None for all, their weights or None for weight 1, the codes they lead to), with the
        weights evaluated after the choice's effects, as `rules.results` does."""
        after_choice = self.apply(choice.effects, values)
        if not choice.risky:
            yield 0, None, None, self.code(choice.outcomes[0], after_choice)
            return
        columns = values.shape[1]
        for k, outcome in enumerate(choice.outcomes):
            weight = _row(_twin(outcome.weight)(after_choice), columns)
            kept = _where(weight > 0)
            if kept is None:
                after = after_choice
            elif len(kept):
                weight, after = weight[kept], after_choice.take(kept, axis=1)
            else:
                continue
            yield k, kept, weight, self.code(outcome, self.apply(outcome.effects, after))


def explore(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES,
            handover: int | None = HANDOVER) -> StateSpace:
    """Every reachable state and its transitions. Raises StateLimitExceeded past `max_states`.

    Once `handover` states are found (None: never), a scenario that allows it is explored on in
    rounds."""
    with collector_paused():
        grown = grow(scenario, max_states,
                     handover if handover is not None and batchable(scenario) else None)
        if grown.expanded == len(grown.node):
            return grown.space()
        return _explore_rest(grown, max_states)


def _twin(evaluate: Callable[[Values], object]) -> VectorEvaluator:
    """The vector twin of a rule of a scenario `space.batchable` took: it has one."""
    twin = vector_of(evaluate)
    assert twin is not None
    return twin


def _row(found: Any, columns: int) -> NDArray[Any]:
    """What a vector twin gave (a row, or one value for every column) as a row."""
    return found if isinstance(found, np.ndarray) and found.ndim == 1 else np.full(columns, found)


def _where(holds: NDArray[np.bool_]) -> Ints | None:
    """The columns where `holds` is true, or None when it is true in every column."""
    return None if holds.all() else np.flatnonzero(holds)


def _explore_rest(grown: Grown, max_states: int) -> StateSpace:
    """Finish an exploration begun one state at a time, in rounds over the whole frontier."""
    scenario = grown.scenario
    coder = Coder.of(scenario)
    rules = _Rules(coder)
    codes = np.array([coder.encode(node, values) for node, values in
                      zip(grown.node, grown.values)], dtype=np.int64)
    seen = _Seen(coder)
    seen.add(codes, np.arange(len(codes)))
    tables = _Tables(grown, coder, codes)
    frontier, first = codes[grown.expanded:], grown.expanded
    while len(frontier):
        found = _expand(scenario, rules, coder, frontier, first)
        new = tables.add(found, first, len(frontier), seen, max_states)
        first += len(frontier)
        frontier = new
    return tables.space(seen)


def _expand(scenario: Scenario, rules: _Rules, coder: Coder, frontier: Ints,
            first: int) -> _Round:
    """The slots and branches of states first .. first + len(frontier) - 1."""
    found = _Round()
    nodes = frontier // coder.node_stride
    by_node = np.argsort(nodes, kind="stable")
    nodes, states = nodes[by_node], by_node + first
    within = (frontier[by_node] % coder.node_stride).reshape(1, -1)
    values = within // rules.strides.reshape(-1, 1) % rules.spans + rules.lows
    starts = np.flatnonzero(np.diff(nodes, prepend=-1))
    for lo, hi in zip(starts.tolist(), starts[1:].tolist() + [len(nodes)]):
        scene = scenario.nodes[int(nodes[lo])]
        if scene.is_ending:
            continue
        here, at = values[:, lo:hi], states[lo:hi]
        for k, choice in enumerate(scene.choices):
            taking, who = here, at
            if choice.condition is not None:
                open_ = _where(_row(_twin(choice.condition)(here), hi - lo) != 0)
                if open_ is not None:
                    taking, who = here.take(open_, axis=1), at[open_]
            if not len(who):
                continue
            total = np.zeros(len(who), dtype=np.int64)
            count = np.zeros(len(who), dtype=np.int64)
            for o, kept, weight, code in rules.results(choice, taking):
                found.branches.append((who if kept is None else who[kept], k, o, weight, code))
                if kept is None:
                    total += 1 if weight is None else weight
                    count += 1
                else:  # each column once in `kept`, which comes with its weights
                    assert weight is not None
                    total[kept] += weight
                    count[kept] += 1
            found.slots.append((who, k, total, count))
    return found


class _Tables:
    """The tables, growing by a block per round after the part found one state at a time."""

    TYPES = {"node": "i", "code": "q", "choice_row": "q", "choice": "i", "total": "q",
             "branch_row": "q", "weight": "q", "outcome": "i", "target": "q", "parent": "q",
             "parent_branch": "q"}

    def __init__(self, grown: Grown, coder: Coder, codes: Ints):
        self.scenario, self.coder = grown.scenario, coder
        self.arrays = {name: array(typecode, codes if name == "code" else getattr(grown, name))
                       for name, typecode in self.TYPES.items()}
        self.slots, self.edges, self.count = len(grown.choice), len(grown.target), len(grown.node)

    def append(self, name: str, values: Ints) -> None:
        """Append a block to a table (one copy of its bytes)."""
        values = np.ascontiguousarray(values, dtype=np.int32 if self.TYPES[name] == "i"
                                      else np.int64)
        self.arrays[name].frombytes(values.data.cast("B"))

    def add(self, found: _Round, first: int, size: int, seen: _Seen,
            max_states: int) -> Ints:
        """Add one round's slots and branches for states first .. first + size - 1 and number
        the states they reach for the first time; returns those states' codes."""
        append = self.append
        slot_state, slot_choice = _blocks(found.slots, 1)
        by_slot = np.argsort(slot_state, kind="stable")
        append("choice", slot_choice[by_slot])
        append("total", _joined([total for _, _, total, _ in found.slots])[by_slot])
        counts = _joined([count for _, _, _, count in found.slots])[by_slot]
        append("branch_row", self.edges + np.cumsum(counts))
        append("choice_row", self.slots + np.cumsum(np.bincount(slot_state - first,
                                                                 minlength=size)))
        state, outcome = _blocks([(who, o) for who, _, o, _, _ in found.branches], 1)
        by_branch = np.argsort(state, kind="stable")
        append("outcome", outcome[by_branch])
        append("weight", _joined([np.ones(len(who), np.int64) if weight is None else weight
                                  for who, _, _, weight, _ in found.branches])[by_branch])
        codes = _joined([code for _, _, _, _, code in found.branches])[by_branch]
        target = seen.find(codes)
        fresh = np.flatnonzero(target < 0)
        new, first_branch, which = np.unique(codes[fresh], return_index=True,
                                             return_inverse=True)
        in_order = np.argsort(first_branch)  # the new states, in the order first reached
        if self.count + len(new) > max_states:
            raise StateLimitExceeded(max_states)
        numbers = np.empty(len(new), dtype=np.int64)
        numbers[in_order] = np.arange(self.count, self.count + len(new))
        seen.add(new, numbers)
        target[fresh] = numbers[which]
        append("target", target)
        reached_by = fresh[first_branch[in_order]]
        append("parent", state[by_branch][reached_by])
        append("parent_branch", self.edges + reached_by)
        new = new[in_order]
        append("code", new)
        append("node", new // self.coder.node_stride)
        self.slots += len(by_slot)
        self.edges += len(codes)
        self.count += len(new)
        return new

    def space(self, index: _Seen) -> StateSpace:
        a = self.arrays
        return StateSpace(self.scenario, a["node"], CodedValues(self.coder, a["code"]), index,
                          a["choice_row"], a["choice"], a["total"], a["branch_row"],
                          a["weight"], a["outcome"], a["target"], a["parent"],
                          a["parent_branch"])


def _blocks(blocks: Sequence[tuple[Ints, *tuple[Any, ...]]], numbers: int) -> list[Ints]:
    """Blocks of (states, then `numbers` numbers, ...) as columns: the states joined, and each
    number repeated once per state of its block."""
    states = [block[0] for block in blocks]
    sizes = [len(who) for who in states]
    return [_joined(states)] + [np.repeat(np.array([block[i] for block in blocks], np.int64),
                                          sizes) for i in range(1, numbers + 1)]


def _joined(parts: Sequence[Ints]) -> Ints:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
