"""The game state: compact, immutable and serialisable, random generator included."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Values


@dataclass(frozen=True, slots=True)
class GameState:
    """Where a journey stands.

    `node` is a scene or ending index, `values` the variables then flags (as 0/1), `history`
    the (choice, outcome) indices taken so far, `rng` the generator state for the next draw.
    """

    node: int
    values: Values
    step: int
    history: tuple[tuple[int, int], ...]
    rng: int

    @property
    def key(self) -> tuple[int, ...]:
        """What decides the future of the journey: the state the analysis explores."""
        return (self.node,) + self.values

    def to_json(self) -> dict[str, object]:
        """The state as JSON data (the runtime in the browser reads and writes the same). It
        has no version of its own: what holds it (a save, frontend.saves) has one."""
        return {"node": self.node, "values": list(self.values), "step": self.step,
                "history": [list(h) for h in self.history], "rng": str(self.rng)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "GameState":
        """Rebuild a state from `to_json` output; raises ValueError if it is malformed."""
        try:
            state = cls(int(data["node"]), tuple(int(v) for v in data["values"]),
                        int(data["step"]),
                        tuple((int(c), int(o)) for c, o in data["history"]), int(data["rng"]))
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"malformed game state: {error}") from None
        return state
