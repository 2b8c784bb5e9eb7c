"""The scene's choices, as the session numbers them: open ones numbered, closed ones listed
unnumbered and disabled, with the reason in words."""

from __future__ import annotations

from textual.widgets.option_list import Option

from journey.frontend.session import Choice
from journey.ui.widgets.marked_list import MarkedOptionList


class ChoiceList(MarkedOptionList):
    """Option ids are the choices' numbers (the keys 1-9 press the same); the first open
    choice starts highlighted."""

    def split(self, text: str) -> tuple[str, str]:
        """'1. Cross now' -> ('1.', 'Cross now'); '-  Not available: ...' -> ('-', 'Not ...')."""
        lead, _, rest = text.partition(" ")
        return lead, rest.lstrip()

    def show_choices(self, choices: tuple[Choice, ...]) -> None:
        first_open = next((n for n, c in enumerate(choices) if c.number is not None), None)
        self.show([Option(c.text, id=None if c.number is None else str(c.number),
                          disabled=c.number is None) for c in choices], first_open)
