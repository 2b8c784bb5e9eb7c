"""An option list whose highlighted option also carries a ▶ mark, so the cursor shows without
colour; prompts are plain text, never markup, and wrap with a hanging indent: past the mark,
and past a prompt's own lead (a choice's number) where it has one."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from journey.frontend import cells

MARK, BLANK = "▶", " "


@dataclass(frozen=True)
class Prompt:
    """A prompt drawn as a grid, so its wrapped lines stay indented under its text (past the
    mark, and past its lead where it has one); read back as its plain text, mark first."""

    mark: str
    lead: str
    text: str
    lead_width: int

    def __str__(self) -> str:
        lead = cells.ljust(self.lead, self.lead_width) + " " if self.lead_width else ""
        return f"{self.mark} {lead}{self.text}"

    def grid(self) -> Table:
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(width=1)
        row = [Text(self.mark)]
        if self.lead_width:
            grid.add_column(width=self.lead_width)
            row.append(Text(self.lead))
        grid.add_column(ratio=1)
        grid.add_row(*row, Text(self.text))
        return grid

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.grid()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.grid())


class MarkedOptionList(OptionList):
    """Use `show(options, highlighted)` to fill it, with plain-text prompts, so the marks stay
    right."""

    DEFAULT_CSS = """
    MarkedOptionList { min-width: 16; }
    """
    """However small the terminal, leave room for a prompt: Textual's option list cannot wrap
    text into a width of zero or less (it raises ValueError)."""

    def __init__(self, *, id: str | None = None):  # noqa: A002 - Textual's own name for it
        super().__init__(markup=False, id=id)
        self.plain: list[str] = []
        """Each option's prompt without its mark."""
        self.lead_width = 0
        self.marked: int | None = None
        """The option that carries the mark now."""

    def split(self, text: str) -> tuple[str, str]:
        """(lead, the rest) of a prompt; lists whose prompts have a lead say how to find it."""
        return "", text

    def prompt(self, mark: str, text: str) -> Prompt:
        return Prompt(mark, *self.split(text), self.lead_width)

    def show(self, options: list[Option], highlighted: int | None) -> None:
        self.plain = [str(option.prompt) for option in options]
        self.lead_width = max((cells.width(self.split(text)[0]) for text in self.plain),
                              default=0)
        self.marked = None
        self.clear_options()
        self.add_options([Option(self.prompt(BLANK, text), id=option.id,
                                 disabled=option.disabled)
                          for text, option in zip(self.plain, options)])
        self.highlighted = highlighted

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        for index, mark in ((self.marked, BLANK), (highlighted, MARK)):
            if index is not None and index < min(len(self.plain), self.option_count):
                self.replace_option_prompt_at_index(index, self.prompt(mark, self.plain[index]))
        self.marked = highlighted
