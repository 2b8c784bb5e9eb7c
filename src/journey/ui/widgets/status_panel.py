"""Every variable and flag with its label and value as text; a bar beside the ones with room."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from journey.frontend.charts import bar
from journey.frontend.playthrough import StatusItem

BAR_WIDTH = 12


class StatusPanel(Static):
    """Two lines per variable with a bar (value, then bar and maximum), one line otherwise."""

    def show(self, items: Sequence[StatusItem]) -> None:
        parts: list[str | tuple[str, str]] = []
        for item in items:
            if parts:
                parts.append("\n")
            parts += [(f"{item.label}: ", "bold"), item.shown]
            if item.fraction is not None:
                parts.append(f"\n{bar(item.fraction, BAR_WIDTH)} of {item.limit}")
        self.update(Content.assemble(*parts))
