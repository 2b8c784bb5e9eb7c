"""Text measured in terminal cells, not characters: a Hangul syllable or a CJK character takes
two cells, a combining accent none. Plain mode and every text report wrap and align with these
so that Korean (or any wide script) never overflows a line or pushes a column out of place.

Widths come from the Unicode Character Database in the standard library (`unicodedata`, as
current as the Python running it), by the rule terminals follow (Unicode's East Asian Width,
UAX #11, as glibc's and wcwidth's tables do): wide and fullwidth characters take two cells;
combining marks, format characters, the vowels and finals of conjoining Hangul, emoji skin
tones and whatever a zero-width joiner joins take none; the rest one. It costs 0.3 ms to
import, where wcwidth costs 20 ms, and keeps Rich out of the front-end layer (which must not
load what draws the app: tests/engine/test_import_hygiene.py). Emoji sequences (a variation
selector, several joined emoji) are drawn differently by different terminals; they are
measured as their first emoji. The wrapping is the standard library's `textwrap`, measuring
in cells: for text whose characters are all one cell wide it gives exactly textwrap's lines (a
test holds it to that).
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

JOINER = "\u200d"
SOFT_HYPHEN = "\u00ad"
"""A format character that terminals still draw, one cell wide."""


@lru_cache(maxsize=4096)
def _cells_of(character: str) -> int:
    """The cells of one code point on its own."""
    if unicodedata.east_asian_width(character) in "WF":
        return 0 if "\U0001f3fb" <= character <= "\U0001f3ff" else 2  # skin tones join
    if character == SOFT_HYPHEN:
        return 1
    if (unicodedata.category(character) in ("Mn", "Me", "Cf")
            or "\u1160" <= character <= "\u11ff" or "\ud7b0" <= character <= "\ud7ff"):
        return 0  # marks, format characters, conjoining Hangul vowels and finals
    return 1


def _sizes(text: str) -> Iterator[int]:
    """The cells of each code point of `text` where it stands."""
    joined = False
    for character in text:
        yield 0 if joined else _cells_of(character)
        joined = character == JOINER


def width(text: str) -> int:
    """How many cells `text` takes on a terminal (one line, no control characters)."""
    return len(text) if text.isascii() else sum(_sizes(text))


def ljust(text: str, cells: int) -> str:
    """`text` padded with spaces on the right to `cells` cells (as `str.ljust`, in cells)."""
    return text + " " * max(0, cells - width(text))


def rjust(text: str, cells: int) -> str:
    """`text` padded with spaces on the left to `cells` cells (as `str.rjust`, in cells)."""
    return " " * max(0, cells - width(text)) + text


def crop(text: str, cells: int) -> str:
    """The start of `text` that fits in `cells` cells, never half a wide character and never
    a base character without the accents that follow it."""
    kept = 0
    for end, size in enumerate(_sizes(text)):
        if size and kept + size > cells:
            return text[:end]
        kept += size
    return text


class _CellWrapper(textwrap.TextWrapper):
    """textwrap's own algorithm, with every length measured in cells. Only the two methods
    that measure are replaced; splitting into words, tabs and whitespace stay textwrap's."""

    def _wrap_chunks(self, chunks: list[str]) -> list[str]:
        if self.width <= 0:
            raise ValueError(f"invalid width {self.width!r} (must be > 0)")
        lines: list[str] = []
        chunks.reverse()  # a stack: the next chunk is last
        while chunks:
            line: list[str] = []
            used = 0
            indent = self.subsequent_indent if lines else self.initial_indent
            room = self.width - width(indent)
            if self.drop_whitespace and chunks[-1].strip() == "" and lines:
                del chunks[-1]
            while chunks and used + width(chunks[-1]) <= room:
                used += width(chunks[-1])
                line.append(chunks.pop())
            if chunks and width(chunks[-1]) > room:
                self._handle_long_word(chunks, line, used, room)
            if self.drop_whitespace and line and line[-1].strip() == "":
                del line[-1]
            if line:
                lines.append(indent + "".join(line))
        return lines

    def _handle_long_word(self, reversed_chunks: list[str], cur_line: list[str],
                          cur_len: int, width: int) -> None:
        room = 1 if width < 1 else width - cur_len
        chunk = reversed_chunks[-1]
        if self.break_long_words:
            end = len(crop(chunk, room)) or (0 if cur_line else _first_character(chunk))
            if self.break_on_hyphens and end < len(chunk):
                hyphen = chunk.rfind("-", 0, end)
                if hyphen > 0 and any(c != "-" for c in chunk[:hyphen]):
                    end = hyphen + 1
            if end:
                cur_line.append(chunk[:end])
                reversed_chunks[-1] = chunk[end:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())


def _first_character(text: str) -> int:
    """How many code points the first character of `text` takes, its accents included: what
    a line too narrow for it still takes, so wrapping always moves on."""
    sizes = list(_sizes(text))
    end = 1
    while end < len(text) and sizes[end] == 0:
        end += 1
    return end


def wrap(text: str, cells: int, initial_indent: str = "", subsequent_indent: str = "",
         break_long_words: bool = True, break_on_hyphens: bool = True) -> list[str]:
    """`textwrap.wrap` with the same options, every line at most `cells` cells wide (a word
    longer than a line overflows only when `break_long_words` is False)."""
    return _CellWrapper(cells, initial_indent=initial_indent, subsequent_indent=subsequent_indent,
                        break_long_words=break_long_words,
                        break_on_hyphens=break_on_hyphens).wrap(text)


def fill(text: str, cells: int, initial_indent: str = "", subsequent_indent: str = "",
         break_long_words: bool = True, break_on_hyphens: bool = True) -> str:
    """`wrap`'s lines joined by line breaks, as `textwrap.fill`."""
    return "\n".join(wrap(text, cells, initial_indent, subsequent_indent, break_long_words,
                          break_on_hyphens))
