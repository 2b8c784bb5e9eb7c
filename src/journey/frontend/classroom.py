"""Journeys played in a classroom through `journey serve`: no accounts and no names, only a
short code per journey, shown on screen, that brings the journey back after a reload.

A served journey is saved by the session layer like any other, under a slot named after its
code instead of its scenario file, so the same saves, locks and messages apply: a code open in
another tab is refused, and a damaged save is set aside with a message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from journey.frontend import saves
from journey.frontend.library import data_dir

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
"""Digits and capitals without 0, O, 1, I and L, which are easy to mix up when copied by hand."""
CODE_LENGTH = 6
"""31^6, nearly 900 million codes: a class never draws the same one twice by chance."""
SEPARATORS = " -_."
"""Typed between groups of characters by some people; ignored."""


def new_code() -> str:
    """A fresh random code (os.urandom: codes must not follow from one another)."""
    return "".join(ALPHABET[byte % len(ALPHABET)] for byte in _unbiased_bytes(CODE_LENGTH))


def _unbiased_bytes(count: int) -> list[int]:
    """`count` random bytes below the largest multiple of the alphabet's size, so every
    character is equally likely."""
    limit = 256 - 256 % len(ALPHABET)
    found: list[int] = []
    while len(found) < count:
        found += [byte for byte in os.urandom(count) if byte < limit]
    return found[:count]


def read_code(typed: str) -> str | None:
    """The code a person typed, in capitals without separators, or None if it cannot be one."""
    code = "".join(ch for ch in typed.upper() if ch not in SEPARATORS)
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


CODE_RULES = (f"A code is {CODE_LENGTH} letters and digits (no 0, 1, I, L or O), as shown "
              "on the journey screen.")


def code_slot(scenario_id: str, code: str) -> saves.Slot:
    """Where the journey with this code is saved. The scenario's id is part of the name, so a
    code from another lesson's scenario finds nothing rather than a journey it cannot use."""
    return saves.Slot(f"{scenario_id[:saves.KEY_ID_LENGTH]}-{code}", data_dir() / "class-saves",
                      f"code:{code}")


@dataclass
class Classroom:
    """One browser tab of `journey serve`, and the code of the journey it plays (None until the
    first journey starts or a code is typed)."""

    code: str | None = None

    def fresh_code(self, scenario_id: str) -> str:
        """A code no saved journey of the scenario uses, now this tab's code."""
        code = new_code()
        while code_slot(scenario_id, code).path.exists():
            code = new_code()
        self.code = code
        return code

    def slot(self, scenario_id: str) -> saves.Slot:
        """The slot of the journey in play (its code must be set)."""
        assert self.code is not None, "a served journey always has a code"
        return code_slot(scenario_id, self.code)
