"""Which places journeys have passed through (first visits), exactly, counting each journey
once.

A scene or a stage can be visited several times on one journey (a loop with a counter, a route
that leaves a stage and comes back), so summing the reach of its states would count such
journeys twice. Instead, a forward pass carries each journey's probability together with the
set of marks it has collected so far (a bit per scene, stage or choice of interest), and adds
it up where the journey stops. It moves along the branches with the shares the reach sweep
uses (`reach.shares`).

Two facts about the scene graph keep the pass cheap. At a scene that every route reaches with
the same marks (in a story whose stages come in order, every scene), the marks are known
without carrying them: the state's reach says it all, and nothing is carried into it. And once
no mark can be collected any more, a journey's marks are final, so when the caller does not
need to know where journeys stop, they are added up there. Should the sets of marks multiply
past a budget, the marks are split into halves, each with its own pass, down to one mark per
pass (at most two sets per state).
"""

from __future__ import annotations

from typing import Sequence

from .order import scene_groups
from .space import StateSpace

Marks = dict[int, Sequence[int]]  # node -> the mark collected by taking each of its choices
MANY = -1  # a node reached with more than one set of marks


class TooCostly(Exception):
    """The passes would exceed the caller's budget of work."""


def marks_collected(space: StateSpace, order: list[int], reach: Sequence[float],
                    share: Sequence[float], node_marks: Sequence[int], choice_marks: Marks,
                    marks: Sequence[int], budget: int | None = None,
                    stops: bool = True) -> dict[int, dict[int, float]]:
    """For each mark in `marks`: {state where journeys stop -> probability that a journey
    collects the mark and stops there} (with `stops` False, every journey is put at state -1,
    which is faster). A journey collects `node_marks[node]` on being at a node (the start
    included) and `choice_marks[node][position]` on taking that choice. `order` holds every
    state (the graph is acyclic), `reach` is each state's reach and `share` each branch's
    (`reach.shares`). `budget` bounds the work (sets carried over transitions); past it,
    TooCostly is raised."""
    spent = [0]
    found: dict[int, dict[int, float]] = {}
    following = _successors(space)
    # What can still be collected after each node, worked out once: a group's is this, masked.
    ahead = None if stops else _still_open(space, node_marks, choice_marks, following)
    pending = [list(marks)]
    while pending:
        group = pending.pop()
        wanted = 0
        for mark in group:
            wanted |= mark
        limit = 3 * len(space.target) + len(space) if len(group) > 1 else None
        if budget is not None:
            limit = min(budget - spent[0], limit or budget)
        stopped = _pass(space, order, reach, share, [m & wanted for m in node_marks],
                        {node: [m & wanted for m in row] for node, row in choice_marks.items()},
                        following, None if ahead is None else [m & wanted for m in ahead],
                        limit, spent)
        if stopped is None:
            if len(group) == 1:
                raise TooCostly()
            pending += [group[:len(group) // 2], group[len(group) // 2:]]
            continue
        for mark in group:
            found[mark] = {}
        for (u, collected), p in stopped.items():
            for mark in group:
                if collected & mark:
                    found[mark][u] = found[mark].get(u, 0.0) + p
    return found


def _successors(space: StateSpace) -> dict[int, list[tuple[int, int]]]:
    """Scene -> [(choice position, node it can lead to)], from the scenario's shape."""
    return {scene.index: [(i, t) for i, choice in enumerate(scene.choices)
                          for outcome in choice.outcomes for t in outcome.targets]
            for scene in space.scenario.scenes}


def _known_marks(space: StateSpace, node_marks: Sequence[int], choice_marks: Marks,
                 following: dict[int, list[tuple[int, int]]]) -> dict[int, int]:
    """Node -> the one set of marks every route reaches it with, or MANY (a fixpoint over the
    scene graph: sound for states, since every journey follows the scene graph)."""
    start = space.scenario.start
    known = {start: node_marks[start]}
    work = [start]
    while work:
        node = work.pop()
        have = known[node]
        taking = choice_marks.get(node)
        for i, t in following.get(node, ()):
            arriving = MANY if have == MANY else (
                have | node_marks[t] | (taking[i] if taking else 0))
            before = known.get(t)
            after = arriving if before is None else before if before == arriving else MANY
            if after != before:
                known[t] = after
                work.append(t)
    return known


def _still_open(space: StateSpace, node_marks: Sequence[int], choice_marks: Marks,
                following: dict[int, list[tuple[int, int]]]) -> list[int]:
    """Node -> the marks a journey there may still collect after it: the scene graph's groups
    from last to first (every arrow leads to the same or a later group), each group gone round
    until it settles, so a scene off loops is worked out once."""
    ahead = [0] * len(space.scenario.nodes)
    for members, looping in reversed(scene_groups(space.scenario)):
        changed = True
        while changed:
            changed = False
            for node in members:
                taking = choice_marks.get(node)
                found = 0
                for i, t in following.get(node, ()):
                    found |= node_marks[t] | ahead[t] | (taking[i] if taking else 0)
                if found != ahead[node]:
                    ahead[node] = found
                    changed = looping
    return ahead


def _pass(space: StateSpace, order: list[int], reach: Sequence[float], share: Sequence[float],
          node_marks: Sequence[int], choice_marks: Marks,
          following: dict[int, list[tuple[int, int]]],
          ahead: list[int] | None, limit: int | None,
          spent: list[int]) -> dict[tuple[int, int], float] | None:
    """(stop state or -1, marks collected) -> probability; None when `limit` is exceeded (what
    was spent is added to `spent[0]` either way). With `ahead` (what each node may still
    collect), journeys are added up where their marks become final, at state -1."""
    known = _known_marks(space, node_marks, choice_marks, following)
    fixed = [known.get(v, MANY) for v in range(len(space.scenario.nodes))]
    final = None
    if ahead is not None:  # journeys are carried into the scenes where their marks become final
        final = [not marks for marks in ahead]
        fixed = [MANY if done else marks for marks, done in zip(fixed, final)]
    feeds = [any(fixed[t] == MANY for _, t in following.get(v, ())) for v in range(len(fixed))]
    node_of, choice_row, branch_row = space.node, space.choice_row, space.branch_row
    choice, target = space.choice, space.target
    carried: dict[int, dict[int, float]] = {0: {node_marks[node_of[0]]: 1.0}}
    stopped: dict[tuple[int, int], float] = {}
    work = 0
    for u in order:
        v = node_of[u]
        if fixed[v] != MANY:
            if not reach[u]:
                continue
            sets = [(fixed[v], reach[u])]
        else:
            here = carried.pop(u, None)
            if here is None:
                continue
            sets = list(here.items())
        lo, hi = choice_row[u], choice_row[u + 1]
        if lo == hi or (final is not None and final[v]):
            at = u if ahead is None else -1
            for collected, p in sets:
                stopped[at, collected] = stopped.get((at, collected), 0.0) + p
            continue
        if fixed[v] != MANY and not feeds[v]:
            continue
        work += len(sets) * (branch_row[hi] - branch_row[lo])
        if limit is not None and work > limit:
            spent[0] += work
            return None
        taking = choice_marks.get(v)
        for c in range(lo, hi):
            extra = taking[choice[c]] if taking else 0
            for e in range(branch_row[c], branch_row[c + 1]):
                t = target[e]
                w = node_of[t]
                if fixed[w] != MANY:
                    continue
                add, p = extra | node_marks[w], share[e]
                there = carried.get(t)
                if there is None:
                    there = carried[t] = {}
                for collected, m in sets:
                    key = collected | add
                    there[key] = there.get(key, 0.0) + m * p
    spent[0] += work
    return stopped
