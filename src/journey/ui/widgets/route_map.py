"""The route from the first stage to the last, with the player's stage marked by a symbol and in
words, not by colour alone."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from journey.engine.model import Stage

PASSED, HERE, AHEAD = "✓", "▶", "·"


class RouteMap(Static):
    """One line (wrapping when needed): ✓ stages passed, ▶ the current one, · those ahead."""

    def show(self, stages: tuple[Stage, ...], current: int) -> None:
        parts: list[str | tuple[str, str]] = ["Route: "]
        for i, stage in enumerate(stages):
            if i:
                parts.append("  ")
            if i < current:
                parts.append(f"{PASSED} {stage.title}")
            elif i == current:
                parts.append((f"{HERE} {stage.title} (you are here)", "bold reverse"))
            else:
                parts.append((f"{AHEAD} {stage.title}", "dim"))
        self.update(Content.assemble(*parts))
