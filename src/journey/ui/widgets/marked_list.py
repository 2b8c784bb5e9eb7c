"""An option list whose highlighted option also carries a ▶ mark, so the cursor shows without
colour; prompts are plain text, never markup."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

MARK, BLANK = "▶ ", "  "


class MarkedOptionList(OptionList):
    """Use `show(options, highlighted)` to fill it, so the marks stay right."""

    def __init__(self, **kwargs):
        super().__init__(markup=False, **kwargs)
        self.plain: list[str] = []
        """Each option's prompt without its mark."""

    def show(self, options: list[Option], highlighted: int | None) -> None:
        self.plain = [str(option.prompt) for option in options]
        self.clear_options()
        self.add_options([Option(BLANK + text, id=option.id, disabled=option.disabled)
                          for text, option in zip(self.plain, options)])
        self.highlighted = highlighted

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        super().watch_highlighted(new)
        for index, mark in ((old, BLANK), (new, MARK)):
            if index is not None and index < min(len(self.plain), self.option_count):
                self.replace_option_prompt_at_index(index, mark + self.plain[index])
