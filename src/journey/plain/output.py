"""What plain mode writes: lines of text, wrapped to a width of 78, each paragraph as it was
written (YAML's `|` keeps line breaks), and the debrief's sections with their leads in a column
of their own. Widths are terminal cells (frontend.cells), so a line of Hangul, two cells a
syllable, is no wider than one of English."""

from __future__ import annotations

from typing import TextIO

from journey.frontend import cells
from journey.frontend.debrief import Section

WIDTH = 78


class Output:
    """Lines written to `out`, flushed one by one (a screen reader or a pipe reads them as
    they come)."""

    def __init__(self, out: TextIO):
        self.out = out

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def ask(self, prompt: str) -> None:
        """A prompt, with the answer typed on the same line."""
        print(prompt, end="", file=self.out, flush=True)

    def para(self, text: str, indent: str = "", hang: str = "") -> None:
        """Say `text` wrapped to WIDTH, line by line as written, keeping each line's own
        leading indent; `hang` indents wrapped lines a little more."""
        for line in text.strip("\n").split("\n"):
            words = line.lstrip()
            lead = indent + line[:len(line) - len(words)]
            self.say(cells.fill(words.rstrip(), WIDTH, initial_indent=lead,
                                subsequent_indent=lead + hang, break_long_words=False,
                                break_on_hyphens=False))

    def section(self, section: Section) -> None:
        """A section of the debrief: its heading, then its lines, lists with their leads."""
        self.say()
        self.say(f"== {section.heading} ==" if section.key == "ending" else section.heading)
        width = max(cells.width(line.lead or "") for line in section.lines)
        for line in section.lines:
            if not line.text:
                self.say()
            elif line.lead is None:
                self.para(line.text)
            else:  # the lead in a column of its own, wrapped lines indented past it
                self.say(cells.fill(line.text, WIDTH,
                                    initial_indent=cells.rjust(line.lead, width) + " ",
                                    subsequent_indent=" " * (width + 1),
                                    break_long_words=False, break_on_hyphens=False))
