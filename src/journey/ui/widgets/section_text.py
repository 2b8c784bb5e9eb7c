"""The lines of a debrief section as the app draws them: lists with their wrapped lines indented
past the number or bullet, marked lines emphasised (their words say so too), never markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from journey.frontend import cells
from journey.frontend.debrief import Line


class SectionText(Static):
    """Fill it with `show(lines)`; the emphasis of marked lines comes from the CSS below."""

    COMPONENT_CLASSES = {"section-text--marked"}
    DEFAULT_CSS = """
    SectionText { height: auto; }
    SectionText > .section-text--marked { text-style: bold; color: $text-accent; }
    """

    def __init__(self, lines: Sequence[Line] = (), *, id: str | None = None):  # noqa: A002
        super().__init__(id=id)
        self.lines = tuple(lines)

    def show(self, lines: Sequence[Line]) -> None:
        self.lines = tuple(lines)
        self.refresh(layout=True)

    @property
    def plain(self) -> str:
        """The text shown, line by line, for reading back."""
        return "\n".join(" ".join(filter(None, (line.lead, line.text))) for line in self.lines)

    def render(self) -> RenderableType:
        marked = self.get_component_rich_style("section-text--marked", partial=True)
        width = max((cells.width(line.lead or "") for line in self.lines), default=0)
        parts: list[RenderableType] = []
        for line in self.lines:
            text = Text(line.text, style=marked if line.marked else "", overflow="fold")
            if line.lead is None:
                parts.append(text)
                continue
            grid = Table.grid(padding=(0, 1, 0, 0))
            grid.add_column(justify="right", width=width)
            grid.add_column(ratio=1)
            grid.add_row(Text(line.lead), text)
            parts.append(grid)
        return Group(*parts)


class Passage(SectionText, can_focus=True):
    """A section the player is taken to and reads first (the ending's own words): it takes the
    focus, and shows that it has it by more than colour (a bar beside it)."""

    DEFAULT_CSS = """
    Passage { border-left: blank; padding-left: 1; }
    Passage:focus { border-left: thick $accent; }
    """
