"""Finds the program's English that bypassed the catalogue, in what a player saw under the
pseudo-locale (JOURNEY_LANG=qps-ploc): a plain-mode transcript, a screen's text, a report.

Under qps-ploc every catalogue message is accented and between ⟦ ⟧, and no English word
survives the accents. So a word of three or more ASCII letters outside ⟦ ⟧ is English that did
not come from the catalogue, unless it is the scenario's own text (which stays English until a
scenario is translated) or data shown as it is published (the arrivals table's notes and
source). Inside ⟦ ⟧ stand the values a message was given (a file's path, a scene's title),
which are not the catalogue's to translate.

    found = escaped(transcript, scenario_texts(scenario) + arrivals_texts())
    assert not found, "\\n".join(map(str, found))

The known texts are taken away before the words are read, wherever they stand, whatever
whitespace a wrapped line put between their words, so a chrome word that a scenario happens to
use is still found when the chrome says it.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from journey.data import arrivals
from journey.engine.model import Scenario
from journey.engine.text_keys import text_keys

ROOT = Path(__file__).resolve().parents[2]


def _load_catalogue_tool():  # type: ignore[no-untyped-def]
    """tools/catalogue.py, which makes the pseudo-locale: its brackets are the ones read here."""
    spec = importlib.util.spec_from_file_location("catalogue", ROOT / "tools" / "catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogue"] = module
    spec.loader.exec_module(module)
    return module


catalogue = sys.modules.get("catalogue") or _load_catalogue_tool()
OPEN, CLOSE = catalogue.OPEN, catalogue.CLOSE

FRAME = re.compile("[\u2500-\u259f]")
"""Box drawing, block elements and shades: a screen's borders and a chart's bars, read as
spaces (a border between two lines of one text must not hide it)."""
VALUE = re.compile(r"\$\{[a-z][a-z0-9_]*\}")
"""`${name}` in a scenario's text: where the journey shows a value."""
WORD = re.compile(r"[^\W\d_]+")
"""A run of letters, of any script."""


@dataclass(frozen=True)
class Escape:
    """An English word outside ⟦ ⟧ and the known texts, and the line it stands in."""

    word: str
    line: str

    def __str__(self) -> str:
        return f"{self.word!r} in: {self.line.strip()}"


def escaped(shown: str, known: Iterable[str] = ()) -> list[Escape]:
    """The English words in `shown` (what the player saw) that no catalogue message and none
    of the `known` texts account for."""
    text = _without(FRAME.sub(" ", shown), known)
    found: list[Escape] = []
    depth = 0  # a message wrapped over lines stays open from one line to the next
    for line in text.split("\n"):
        outside = []
        for character in line:
            if character == OPEN:
                depth += 1
            elif character == CLOSE:
                depth = max(0, depth - 1)
            outside.append(character if depth == 0 and character != CLOSE else " ")
        for word in WORD.findall("".join(outside)):
            if len(word) >= 3 and word.isascii():
                found.append(Escape(word, line))
    return found


def _without(text: str, known: Iterable[str]) -> str:
    """`text` with every known text taken out (each piece of it between values), longest
    first, matched across any whitespace and across a line broken after a hyphen."""
    pieces = {piece.strip() for written in known
              for piece in VALUE.split(written.replace("$${", "${")) if piece.strip()}
    for piece in sorted(pieces, key=len, reverse=True):
        words = [re.escape(word).replace("\\-", "-\\s*") for word in piece.split()]
        edge_start = r"(?<!\w)" if piece[0].isalnum() else ""
        edge_end = r"(?!\w)" if piece[-1].isalnum() else ""
        text = re.sub(edge_start + r"\s+".join(words) + edge_end,
                      lambda found: re.sub(r"\S", " ", found.group()), text)
    return text


def scenario_texts(scenario: Scenario) -> list[str]:
    """Every text of the scenario, with its sources' titles and publishers (cited as
    published, in whatever language they were)."""
    return ([text for _key, text in text_keys(scenario)]
            + [part for source in scenario.sources.values()
               for part in (source.title, source.publisher, source.citation())])


def arrivals_texts() -> list[str]:
    """The arrivals table as published: its title, source, notes and row labels are data."""
    table = arrivals.load()
    return [table.title, table.source, *table.notes, *(row.label for row in table.rows)]
