"""The scene's numbered choices. Closed ones stay listed, disabled, with the reason in words."""

from __future__ import annotations

from textual.widgets.option_list import Option

from journey.engine.engine import ChoiceView
from journey.ui.widgets.marked_list import MarkedOptionList


def prompt(number: int, view: ChoiceView) -> str:
    if not view.enabled:
        return f"{number}. {view.label} (not available: {view.reason})"
    return f"{number}. {view.label}{' (a risk)' if view.risky else ''}"


class ChoiceList(MarkedOptionList):
    """Option ids are the engine's choice indices; the first open choice starts highlighted."""

    def show_views(self, views: list[ChoiceView]) -> None:
        first_open = next((n for n, view in enumerate(views) if view.enabled), None)
        self.show([Option(prompt(n, view), id=str(view.index), disabled=not view.enabled)
                   for n, view in enumerate(views, 1)], first_open)
