"""The route from the first stage to the last, with the player's stage marked by a symbol and in
words, not by colour alone."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static
from journey.frontend.words import _

PASSED, HERE, AHEAD = "✓", "▶", "·"


class RouteMap(Static):
    """One line (wrapping when needed): ✓ stages passed, ▶ the current one, · those ahead."""

    def show(self, stages: Sequence[str], current: int) -> None:
        """`stages`: the title of every stage, in order; `current`: the player's, by place."""
        parts: list[str | tuple[str, str]] = [_("Route: ")]
        for i, stage in enumerate(stages):
            if i:
                parts.append("  ")
            if i < current:
                parts.append(f"{PASSED} {stage}")
            elif i == current:
                parts.append((f"{HERE} " + _("{stage} (you are here)").format(stage=stage),
                              "bold reverse"))
            else:
                parts.append((f"{AHEAD} {stage}", "dim"))
        self.update(Content.assemble(*parts))
