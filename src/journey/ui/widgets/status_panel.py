"""Every variable and flag with its label and value as text; a bar beside the ones with room,
and what the last step changed said in words ("was ...")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text

from journey.frontend import cells
from journey.frontend.charts import bar
from journey.frontend.playthrough import StatusItem
from journey.frontend.words import _
from journey.ui.widgets.fitted_text import FittedText

BAR_WIDTH = 12


class StatusPanel(FittedText):
    """A value goes on its label's line when both fit the panel's width, otherwise on the next
    line, indented: a label is never parted from its value in the middle of a line."""

    COMPONENT_CLASSES = {"status-panel--label"}
    DEFAULT_CSS = """
    StatusPanel > .status-panel--label { text-style: bold; }
    """

    def __init__(self, *, id: str | None = None):  # noqa: A002 - Textual's own name for it
        super().__init__(id=id)
        self.items: tuple[StatusItem, ...] = ()
        self.changed: Mapping[str, str] = {}
        """What the last step changed: label -> the value before, as shown."""

    def show(self, items: Sequence[StatusItem], changed: Mapping[str, str]) -> None:
        self.items, self.changed = tuple(items), dict(changed)
        self.refresh(layout=True)

    def text_for(self, width: int) -> Text:
        label_style = self.get_component_rich_style("status-panel--label", partial=True)
        text = Text()
        for item in self.items:
            if text:
                text.append("\n")
            value = item.shown
            if item.label in self.changed:
                value = _("{value} (was {before})").format(value=value,
                                                          before=self.changed[item.label])
            label = _("{label}:").format(label=item.label)
            text.append(label, label_style)
            if cells.width(label) + 1 + cells.width(value) <= width:
                text.append(f" {value}")
            else:  # on lines of its own, indented, wrapped lines too
                text.append("".join(f"\n  {part}" for part in
                                    cells.wrap(value, max(width - 2, 8))))
            if item.fraction is not None:
                text.append("\n" + _("{bar} of {limit}").format(bar=bar(item.fraction, BAR_WIDTH),
                                                               limit=item.limit))
        return text
