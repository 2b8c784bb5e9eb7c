"""What a message may quote from a file: one printable line, shortened, whatever the file holds."""

from __future__ import annotations

import pytest

from journey.engine.diagnostics import Diagnostic, ScenarioError
from journey.engine.textsafety import REFUSED, one_line, quoted


@pytest.mark.parametrize("text, shown", [
    ("\x1b]52;c;aGk=\x07", "\\x1b]52;c;aGk=\\x07"),
    ("a\tb\nc\r", "a\\x09b\\x0ac\\x0d"),
    ("\x9b2J\x85", "\\x9b2J\\x85"),
    ("\u202eevil\u2069", "\\u202eevil\\u2069"),
    ("한국어, café, 😀, \u200fmark", "한국어, café, 😀, \u200fmark"),
])
def test_one_line_escapes_what_a_terminal_would_act_on_and_keeps_the_rest(text, shown):
    assert one_line(text) == shown


def test_quoted_values_are_shortened_and_escaped():
    assert quoted("gotoo") == "'gotoo'"
    assert quoted("x" * 100) == "'" + "x" * 59 + "…'"
    assert quoted("\x1b" * 100, limit=3) == "'\\x1b\\x1b…'"
    assert quoted(12) == "'12'"


def test_refused_characters_are_exactly_the_controls_and_bidirectional_overrides():
    refused = {chr(c) for c in range(0x3000) if REFUSED.match(chr(c))}
    expected = ({chr(c) for c in range(0x20)} - {"\t", "\n"}) | {chr(c) for c in range(0x7f, 0xa0)}
    expected |= {chr(c) for c in range(0x202a, 0x202f)} | {chr(c) for c in range(0x2066, 0x206a)}
    assert refused == expected


def test_a_diagnostic_prints_as_one_printable_line_whatever_it_quotes():
    diagnostic = Diagnostic("story\x1b[2J.yaml", 3, 7, "unknown field 'a\nb\x07'")
    assert str(diagnostic) == "story\\x1b[2J.yaml:3:7: unknown field 'a\\x0ab\\x07'"
    assert str(ScenarioError([diagnostic])) == str(diagnostic)
