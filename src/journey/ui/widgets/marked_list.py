"""An option list whose highlighted option also carries a ▶ mark, so the cursor shows without
colour; prompts are plain text, never markup."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

MARK, BLANK = "▶ ", "  "


class MarkedOptionList(OptionList):
    """Use `show(options, highlighted)` to fill it, so the marks stay right."""

    DEFAULT_CSS = """
    MarkedOptionList { min-width: 16; }
    """
    """However small the terminal, leave room for a prompt: Textual's option list cannot wrap
    text into a width of zero or less (it raises ValueError)."""

    def __init__(self, *, id: str | None = None):  # noqa: A002 - Textual's own name for it
        super().__init__(markup=False, id=id)
        self.plain: list[str] = []
        """Each option's prompt without its mark."""
        self.marked: int | None = None
        """The option that carries the mark now."""

    def show(self, options: list[Option], highlighted: int | None) -> None:
        self.plain = [str(option.prompt) for option in options]
        self.marked = None
        self.clear_options()
        self.add_options([Option(BLANK + text, id=option.id, disabled=option.disabled)
                          for text, option in zip(self.plain, options)])
        self.highlighted = highlighted

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        for index, mark in ((self.marked, BLANK), (highlighted, MARK)):
            if index is not None and index < min(len(self.plain), self.option_count):
                self.replace_option_prompt_at_index(index, mark + self.plain[index])
        self.marked = highlighted
