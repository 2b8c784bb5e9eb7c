"""Bars drawn with text, so a figure reads the same in the app, in plain mode and to a screen
reader: every bar comes with its number written out, never with colour alone."""

from __future__ import annotations

from dataclasses import dataclass

from journey.frontend import cells

EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(fraction: float, width: int) -> str:
    """A bar `width` cells wide, filled to `fraction` (0..1) in eighths of a cell, padded with
    light shade so the empty part shows too."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (EIGHTHS[part] if part else "")
    return text + "░" * (width - len(text))


@dataclass(frozen=True)
class Row:
    """One line of a chart: its label, its value, how the value is written, and a note."""

    label: str
    value: float
    shown: str
    note: str = ""


def bar_chart(rows: list[Row], width: int = 30, top: float | None = None) -> list[str]:
    """One line per row: label, bar scaled to `top` (by default the largest value), the value,
    the note; columns aligned in terminal cells, so a label in Hangul keeps the bars in line."""
    if not rows:
        return []
    top = top or max(row.value for row in rows) or 1
    label_width = max(cells.width(row.label) for row in rows)
    shown_width = max(cells.width(row.shown) for row in rows)
    return [f"{cells.ljust(row.label, label_width)}  {bar(row.value / top, width)}  "
            f"{cells.rjust(row.shown, shown_width)}{'  ' + row.note if row.note else ''}".rstrip()
            for row in rows]
