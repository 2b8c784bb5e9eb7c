"""Journeys played in a classroom through `journey serve`: no accounts and no names, only a
short code per journey, shown on screen, that brings the journey back on another computer; and
in the same browser, a reload carries on by itself.

A served journey is saved by the session layer like any other, under a slot named after its
code instead of its scenario file, so the same saves, locks and messages apply. A code typed to
carry on gets one answer whether no journey has it or another tab has it open, and the codes
that open nothing are counted per computer (`CODES_PER_WINDOW`), in a file every tab of the
class shares (frontend.classroom_store).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from journey.engine.model import Scenario
from journey.frontend import saves
from journey.frontend.classroom_store import ClassroomStore, StoreUnavailable, TooManyCodes
from journey.frontend.library import data_dir
from journey.frontend.session import Session, look
from journey.frontend.words import _, ngettext

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
"""Digits and capitals without 0, O, 1, I and L, which are easy to mix up when copied by hand."""
SEPARATORS = " -_."
"""Typed between groups of characters by some people; ignored."""
CODES_PER_WINDOW, WINDOW = 10, 600.0
"""At most 10 codes that open nothing per computer in any 10 minutes, across all its tabs."""
LOCAL_CODE_LENGTH = 6
NETWORK_CODE_LENGTH = 8
"""Code lengths when the server answers this computer only, and when it answers the network.

Each computer can try at most 10 codes that open nothing per 10 minutes: 60 an hour, 480 in an
eight-hour day. Say a term leaves 1,000 unfinished journeys saved. With 6 characters there are
31^6 = 887,503,681 codes (29.7 bits), so a day of guessing from one computer finds one with
chance 480 * 1,000 / 887.5e6 = 5.4e-4. Only this computer's own users can do that when the
server listens on 127.0.0.1. On a network, though, one guesser can use many addresses: from all
254 of a /24, 121,920 guesses a day would find a journey with chance 0.137, one day in seven.
With 8 characters, 31^8 = 852.9e9 codes (39.6 bits), the same day finds one with chance 1.4e-4,
and the whole /24 guessing every school day of a year (190) stays below 3%. Students copy two
more characters; a journey nobody else can open is worth it."""


def new_code(length: int = LOCAL_CODE_LENGTH) -> str:
    """A fresh random code (os.urandom: codes must not follow from one another)."""
    return "".join(ALPHABET[byte % len(ALPHABET)] for byte in _unbiased_bytes(length))


def _unbiased_bytes(count: int) -> list[int]:
    """`count` random bytes below the largest multiple of the alphabet's size, so every
    character is equally likely."""
    limit = 256 - 256 % len(ALPHABET)
    found: list[int] = []
    while len(found) < count:
        found += [byte for byte in os.urandom(count) if byte < limit]
    return found[:count]


def read_code(typed: str, length: int = LOCAL_CODE_LENGTH) -> str | None:
    """The code a person typed, in capitals without separators, or None if it cannot be one."""
    code = "".join(ch for ch in typed.upper() if ch not in SEPARATORS)
    if len(code) != length or any(ch not in ALPHABET for ch in code):
        return None
    return code


def code_rules(length: int = LOCAL_CODE_LENGTH) -> str:
    return _("A code is {length} letters and digits (no 0, 1, I, L or O), as shown on the "
             "journey screen.").format(length=length)


def unavailable(code: str) -> str:
    """The one answer for a code that opens nothing: no journey has it, or another tab has it
    open (saying which would tell a guesser that the code exists)."""
    return _("No journey can be continued with the code {code} here. Check the code: a "
             "journey that has ended leaves nothing to continue, and a journey open in another "
             "tab must be closed there first.").format(code=code)


def too_many(wait: float) -> str:
    minutes = max(1, round(wait / 60))
    return ngettext("Too many codes that open no journey were typed on this computer. Try "
                    "again in {minutes} minute, or ask your teacher.",
                    "Too many codes that open no journey were typed on this computer. Try "
                    "again in {minutes} minutes, or ask your teacher.", minutes).format(
                        minutes=minutes)


TAB_VARIABLES = ("JOURNEY_TAB_CLIENT", "JOURNEY_TAB_BROWSER")
"""Where the server puts, for each tab's process, the computer it was opened from and the
browser's token (in the environment: other users can read a process's arguments)."""
SAVE_REPORT = "journey-save"
"""The type of the message a tab sends its server after every step (see `save_report`)."""


def save_report(session: Session, code: str) -> dict[str, object]:
    """What a tab tells its server after every step, so that the server, when it stops, can
    say truly whether every journey was saved: the code, the save's file, why the last step
    could not be saved (None when it was), and whether the journey is over (no save then)."""
    return {"type": SAVE_REPORT, "code": code, "save": str(session.slot.path),
            "error": session.save_error, "over": session.journey.over}


def code_slot(scenario_id: str, code: str) -> saves.Slot:
    """Where the journey with this code is saved. The scenario's id is part of the name, so a
    code from another lesson's scenario finds nothing rather than a journey it cannot use."""
    return saves.Slot(f"{scenario_id[:saves.KEY_ID_LENGTH]}-{code}", data_dir() / "class-saves",
                      f"code:{code}")


@dataclass
class Classroom:
    """One browser tab of `journey serve`, and the code of the journey it plays (None until the
    first journey starts or a code is typed). `client` names the computer the tab was opened
    from and `browser` the browser's own token (both given by the server; "" when unknown)."""

    code: str | None = None
    code_length: int = LOCAL_CODE_LENGTH
    client: str = ""
    browser: str = ""
    store: ClassroomStore = field(default_factory=ClassroomStore)
    failed_here: list[float] = field(default_factory=list)
    """Codes that opened nothing in this tab: the limit still holds when the store cannot be
    used (then per tab instead of per computer)."""

    @classmethod
    def from_environment(cls, code_length: int) -> Classroom:
        client, browser = (os.environ.get(name, "") for name in TAB_VARIABLES)
        return cls(code_length=code_length, client=client, browser=browser)

    def fresh_code(self, scenario_id: str) -> str:
        """A code no saved journey of the scenario uses, now this tab's code."""
        code = new_code(self.code_length)
        while code_slot(scenario_id, code).path.exists():
            code = new_code(self.code_length)
        self.code = code
        return code

    def slot(self, scenario_id: str) -> saves.Slot:
        """The slot of the journey in play (its code must be set)."""
        assert self.code is not None, "a served journey always has a code"
        return code_slot(scenario_id, self.code)

    def try_code(self, scenario: Scenario, path: Path, code: str) -> str | None:
        """Make `code` this tab's code if its journey can be continued now (None); otherwise
        what to tell the student. Counted against this computer's limit unless it opens."""
        now = time.time()
        try:
            row: int | None = self.store.count_code(self.client, now, CODES_PER_WINDOW, WINDOW)
        except TooManyCodes as limited:
            return too_many(limited.wait)
        except StoreUnavailable:
            self.failed_here[:] = [at for at in self.failed_here if at >= now - WINDOW]
            if len(self.failed_here) >= CODES_PER_WINDOW:
                return too_many(self.failed_here[-CODES_PER_WINDOW] + WINDOW - now)
            self.failed_here.append(now)
            row = None
        found = look(scenario, path, code_slot(scenario.id, code))
        if found.save is None:
            # A damaged save is set aside: its owner must hear where it went.
            return found.notice if found.notice and not found.in_use else unavailable(code)
        if row is not None:
            try:
                self.store.forgive(row)
            except StoreUnavailable:
                pass
        else:
            self.failed_here.pop()
        self.code = code
        return None

    def opened(self) -> None:
        """The tab's journey is open: this browser carries on with it after a reload."""
        if self.browser and self.code:
            try:
                self.store.remember(self.browser, self.code, time.time())
            except StoreUnavailable:
                pass  # then a reload asks for the code, as on another computer

    def remembered(self, scenario: Scenario, path: Path) -> tuple[str | None, bool]:
        """The latest journey this browser played that can be continued now (its code, or
        None), and whether a later one is held by another tab. That tab may be this one before
        a reload, whose process lets go of the save a moment after the new tab starts: then
        wait a little before taking the earlier journey."""
        if not self.browser:
            return None, False
        try:
            codes = self.store.codes_of(self.browser)
        except StoreUnavailable:
            return None, False
        held = False
        for code in codes:
            found = look(scenario, path, code_slot(scenario.id, code))
            if found.save is not None:
                return code, held
            held = held or found.in_use
        return None, held
