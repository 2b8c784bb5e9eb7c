"""Which decisions change how journeys end, and which change almost nothing: `journey check
--decisions`, for authors.

A decision is a scene met with two or more open choices. Where a journey meets it (in a state),
each option gives its own chance of each kind of ending, for a random player from then on
(`chances.Chances.option`). The spread there is the most that taking one option rather than
another changes the chance of any one kind: for each kind, the highest option's chance minus
the lowest's, and the largest of these. A decision's weight adds its spread up over the
journeys that meet it: the sum over its states of each state's reach times its spread. Written
in percentage points, it is how many points of some kind's chance ride on the decision, per
journey: a decision that half of all journeys meet, with options 20 points apart, weighs 10.

A decision is cosmetic when, wherever a journey can meet it, no option changes the chance of
any kind of ending by COSMETIC or more.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Scene
from .chances import Chances
from .odds import Journeys
from .space import StateSpace, np

COSMETIC = 0.01
"""One percentage point."""


@dataclass(frozen=True)
class Option:
    """One option of a decision: the chance of each kind of ending once it is taken, on
    average over the journeys that meet the decision with this option open."""

    position: int
    label: str
    kinds: dict[str, float]
    share: float = 0.0
    """How often a random player takes it, of the times the decision is met (it picks among
    the open options alike)."""


@dataclass(frozen=True)
class Decision:
    scene: str
    met: float
    """How often a journey meets the decision: the sum of its states' reach (the chance of
    meeting it, for a scene that no journey can come back to)."""
    weight: float
    spreads: dict[str, float]
    """Per kind of ending: how far apart the options are, on average over the meetings."""
    widest: float
    """The largest spread in any state where a journey can meet it."""
    options: tuple[Option, ...]

    @property
    def spread(self) -> float:
        """The spread on average over the meetings."""
        return self.weight / self.met if self.met else 0.0

    @property
    def cosmetic(self) -> bool:
        return self.widest < COSMETIC

    def to_json(self) -> dict[str, object]:
        return {"scene": self.scene, "met": self.met, "weight": self.weight,
                "spread": self.spread, "widest": self.widest, "cosmetic": self.cosmetic,
                "kinds": self.spreads,
                "options": [{"choice": o.position + 1, "label": o.label, "kinds": o.kinds,
                             "share": o.share}
                            for o in self.options]}


def decisions(space: StateSpace, run: Journeys, found: Chances) -> list[Decision]:
    """Every decision of a random player's journeys `run`, the weightiest first (then in the
    order of the scenes); `found` holds the chance of each kind (`chances.by_kind`)."""
    open_ = np.diff(space.column("choice_row"))
    at = np.flatnonzero(open_ >= 2)
    counts = open_[at]
    option = found.option[np.repeat(open_ >= 2, open_)]  # the slots of `at`, in order
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
    gaps = (np.maximum.reduceat(option, starts, axis=0) -
            np.minimum.reduceat(option, starts, axis=0)) if len(at) else option
    spread = gaps.max(axis=1) if len(at) else np.zeros(0)
    reach, node = run.reach[at], space.column("node")[at]
    nodes = len(space.scenario.nodes)
    met = np.bincount(node, reach, minlength=nodes)
    weight = np.bincount(node, reach * spread, minlength=nodes)
    widest = np.zeros(nodes)
    np.maximum.at(widest, node[reach > 0], spread[reach > 0])
    per_kind = [np.bincount(node, reach * gaps[:, k], minlength=nodes)
                for k in range(len(found.columns))]
    positions = space.column("choice")[np.repeat(open_ >= 2, open_)]
    slot_reach, slot_node = np.repeat(reach, counts), np.repeat(node, counts)
    width = 1 + int(positions.max(initial=0))
    taken = np.bincount(slot_node * width + positions, slot_reach, minlength=nodes * width)
    picked = np.bincount(slot_node * width + positions, slot_reach / np.repeat(counts, counts),
                         minlength=nodes * width)
    chance = np.zeros((nodes * width, len(found.columns)))
    np.add.at(chance, slot_node * width + positions, slot_reach[:, None] * option)
    found_decisions = []
    for n in np.flatnonzero(met > 0).tolist():
        scene = space.scenario.nodes[n]
        assert isinstance(scene, Scene), "an ending has no choices"
        options = tuple(
            Option(p, scene.choices[p].label,
                   dict(zip(found.columns, (chance[n * width + p] / taken[n * width + p])
                            .tolist())), float(picked[n * width + p] / met[n]))
            for p in range(min(width, len(scene.choices))) if taken[n * width + p] > 0)
        found_decisions.append(Decision(
            scene.id, float(met[n]), float(weight[n]),
            {kind: float(per_kind[k][n] / met[n]) for k, kind in enumerate(found.columns)},
            float(widest[n]), options))
    return sorted(found_decisions, key=lambda d: -d.weight)
