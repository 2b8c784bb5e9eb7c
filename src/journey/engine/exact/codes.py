"""A state as one integer, its code: its node and values in mixed radix. The exploration in
rounds keeps states as codes, and the chance table the debrief reads (`summary.ChanceTable`)
is keyed by them, so this module loads no numpy: the game reads the table without it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Scenario, Values

CODE_LIMIT = 2**63  # codes are 64-bit integers (numpy's, and the chance table's)


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
