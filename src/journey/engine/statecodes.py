"""A state as one integer, for the batch exploration: its node and values in mixed radix.

Each slot of the values counts from its lowest value (a flag from 0) in a digit of its own
span, and the node is the most significant digit, so a code says everything
`GameState.key` says. Pure Python, so reading a state back needs no numpy.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Callable

from .expressions import vector_of
from .model import Effects, Scenario, Values

CODE_LIMIT = 2**63  # codes are numpy's 64-bit integers


@dataclass(frozen=True)
class Coder:
    """The mixed radix of one scenario: `lows` and `spans` per slot, `strides` per slot (the
    last slot counts in ones) and `node_stride`, the number of codes per node."""

    lows: tuple[int, ...]
    spans: tuple[int, ...]
    strides: tuple[int, ...]
    node_stride: int
    size: int

    @classmethod
    def of(cls, scenario: Scenario) -> "Coder":
        lows = tuple(v.low for v in scenario.variables) + (0,) * len(scenario.flags)
        spans = tuple(v.high - v.low + 1 for v in scenario.variables) + (2,) * len(scenario.flags)
        strides, stride = [], 1
        for span in reversed(spans):
            strides.append(stride)
            stride *= span
        return cls(lows, spans, tuple(reversed(strides)), stride, stride * len(scenario.nodes))

    def encode(self, node: int, values: Values) -> int:
        code = node * self.node_stride
        for value, low, stride in zip(values, self.lows, self.strides):
            code += (value - low) * stride
        return code

    def decode(self, code: int) -> tuple[int, Values]:
        node, code = divmod(code, self.node_stride)
        values = []
        for low, stride in zip(self.lows, self.strides):
            digit, code = divmod(code, stride)
            values.append(low + digit)
        return node, tuple(values)


def batchable(scenario: Scenario) -> bool:
    """Whether the batch exploration can take this scenario: its codes fit 64 bits and every
    rule it evaluates has a vector twin."""
    if Coder.of(scenario).size >= CODE_LIMIT:
        return False
    evaluators: list[Callable[[Values], object]] = []
    for scene in scenario.scenes:
        for choice in scene.choices:
            evaluators += [choice.condition] if choice.condition is not None else []
            evaluators += _effects(choice.effects)
            for outcome in choice.outcomes:
                evaluators += [outcome.weight] if choice.risky else []
                evaluators += _effects(outcome.effects)
                evaluators += [route.condition for route in outcome.routes]
    return all(vector_of(f) is not None for f in evaluators)


def _effects(effects: Effects) -> list[Callable[[Values], int]]:
    return [evaluate for _, _, evaluate, _, _ in effects.plan]


class CodedValues:
    """Every state's values, read back from its code when asked (a list of a million tuples
    would cost more memory than the rest of the tables)."""

    CHUNK = 1 << 16  # states decoded at once when iterating

    def __init__(self, coder: Coder, codes: array[int]):
        self.coder, self.codes = coder, codes

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, u: int) -> Values:
        return self.coder.decode(self.codes[u])[1]

    def __iter__(self) -> Iterator[Values]:
        slots = range(len(self.coder.lows))
        for first in range(0, len(self.codes), self.CHUNK):
            states = slice(first, first + self.CHUNK)
            columns = [self.slot(slot, states) for slot in slots]
            yield from zip(*columns) if columns else [()] * len(self.codes[states])

    def slot(self, slot: int, states: list[int] | slice) -> list[int]:
        """The value in `slot` of each of `states`."""
        from .arrays import np

        codes = np.frombuffer(self.codes, dtype=np.int64)[states]
        coder = self.coder
        values: list[int] = (codes % coder.node_stride // coder.strides[slot] % coder.spans[slot]
                             + coder.lows[slot]).tolist()
        return values
