"""Characters a terminal acts on instead of showing, kept out of everything journey prints.

A scenario may come from anyone. An escape sequence in its text could set the terminal's title,
rewrite its clipboard (OSC 52), clear the screen or hide a link, and a bidirectional override
could make a line read differently from what it holds. The loader refuses these characters in
every key and value (`REFUSED`); messages that quote what is broken escape them (`one_line`), so
even checking an untrusted file is safe.
"""

from __future__ import annotations

import re

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and newline, DEL, C1
_BIDI = "\u202a-\u202e\u2066-\u2069"  # embeddings, overrides and isolates (not the marks)
REFUSED = re.compile(f"[{_CONTROLS}{_BIDI}]")
"""What no text in a scenario may hold."""
_ESCAPED = re.compile(f"[\t\n{_CONTROLS}{_BIDI}]")
_BIDI_SET = re.compile(f"[{_BIDI}]")


def code(char: str) -> str:
    """U+001B, as the Unicode standard writes a character."""
    return f"U+{ord(char):04X}"


def refusal(char: str) -> str:
    """Why `char`, found in a scenario's text, is refused."""
    if _BIDI_SET.match(char):
        return (f"the character {code(char)} (a bidirectional override) is not allowed: it "
                "changes the order in which a terminal shows the text around it")
    return (f"the control character {code(char)} is not allowed: a terminal acts on such "
            "characters instead of showing them; text may hold line breaks and tabs only")


def _escape(match: re.Match[str]) -> str:
    value = ord(match.group())
    return f"\\x{value:02x}" if value < 0x100 else f"\\u{value:04x}"


def one_line(text: str) -> str:
    """`text` as one printable line: tabs, line breaks and refused characters as `\\x1b`."""
    return _ESCAPED.sub(_escape, text)


def quoted(value: object, limit: int = 60) -> str:
    """`value` for a message: one printable line in quotes, shortened past `limit` characters."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{one_line(text)}'"
