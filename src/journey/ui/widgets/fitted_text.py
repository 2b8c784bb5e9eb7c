"""Text laid out for the width it is given, by rules of our own rather than Textual's word wrap
(which parts a label from its value, or a path in the middle of a word)."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget


class FittedText(Widget):
    """Subclasses say how their text reads at a given width (`text_for`); the widget is as tall
    as that text, wrapped lines counted."""

    DEFAULT_CSS = """
    FittedText { height: auto; }
    """

    def text_for(self, width: int) -> Text:
        raise NotImplementedError

    def render(self) -> RenderableType:
        return self.text_for(self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.text_for(width).wrap(self.app.console, max(width, 1)))
