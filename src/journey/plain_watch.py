"""`journey play --plain --watch`: plain mode that watches the scenario file while it waits for
the next line. Standard input is read on a thread, so the wait can stop every poll to look at
the file; each edit is told in lines (reloaded, the step that no longer fits and the starts on
offer, or the problems as `journey check` prints them) before the scene is shown again. The
decisions are frontend.watch's; this only renders them."""

from __future__ import annotations

import codecs
import os
import queue
import threading
from typing import TYPE_CHECKING, TextIO

from journey.filewatch import POLL_SECONDS
from journey.frontend.playthrough import Playthrough
from journey.frontend.session import Session
from journey.frontend.watch import Broken, Change, Reloaded, Unfit, Watch

if TYPE_CHECKING:
    from journey.plain import Plain


class Lines:
    """Standard input, line by line, from a thread of its own. It reads the file descriptor
    itself, never the stream's buffer, so the thread left waiting at exit holds no lock the
    interpreter needs to shut down."""

    def __init__(self, inp: TextIO):
        self.inp = inp
        self.queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self.read, name="stdin", daemon=True).start()

    def get(self, timeout: float) -> str | None:
        """The next line with its newline, "" at the end of input, None if none came."""
        try:
            return self.queue.get(timeout=timeout)
        except queue.Empty:
            return None

    def read(self) -> None:
        try:
            handle = self.inp.fileno()
        except (OSError, ValueError):  # not a real file (a test's StringIO): read it as text
            for line in self.inp:
                self.queue.put(line)
            self.queue.put("")
            return
        decoder = codecs.getincrementaldecoder(self.inp.encoding or "utf-8")(errors="replace")
        pending = ""
        while True:
            chunk = os.read(handle, 65536)
            pending += decoder.decode(chunk, final=not chunk)
            *lines, pending = pending.split("\n")
            for line in lines:
                self.queue.put(line + "\n")
            if not chunk:
                if pending:
                    self.queue.put(pending)
                self.queue.put("")
                return


class PlainWatch:
    """The watch of one plain-mode game: `read_line` waits for a line or an edit."""

    def __init__(self, plain: Plain, watch: Watch):
        self.plain = plain
        self.watch = watch
        self.lines = Lines(plain.inp)
        self.asked: tuple[Unfit, Playthrough] | None = None
        """The edit that no longer fits, and the journey it was asked about."""

    def read_line(self, session: Session) -> str | None:
        """The next line ("" at the end of input), or None once an edit has been told."""
        while True:
            line = self.lines.get(POLL_SECONDS)
            if line is not None:
                return line
            change = self.watch.poll(session)
            if change is not None:
                self.tell(change, session)
                return None

    def tell(self, change: Change, session: Session) -> None:
        plain = self.plain
        plain.say()
        self.asked = None
        if isinstance(change, Reloaded):
            plain.scenario = session.scenario
            plain.para(change.text)
        elif isinstance(change, Unfit):
            self.asked = (change, session.journey)
            plain.para(change.text)
            keys = "Type c to carry on, or n to start again" if change.can_carry_on else \
                "Type n to start again"
            plain.para(f"{change.offer} {keys}; a choice's number goes on with the version "
                       "before the edit.")
        elif isinstance(change, Broken):
            plain.say(f"{change.title}:")
            for line in change.lines:
                plain.say(line)
            plain.para(change.kept)
        if session.save_error:
            plain.para(session.save_error)

    def keys(self, session: Session) -> str:
        """The keys that answer the question about an edit, while it is open, for the prompt."""
        if self.asked is None or self.asked[1] is not session.journey:
            return ""
        return "c to carry on, n to start again; " if self.asked[0].can_carry_on else \
            "n to start again; "

    def answer(self, session: Session, answer: str) -> bool:
        """Take `answer` ('c' or 'n') to the last question asked about an edit, if it is one
        and the journey has not moved on since; True when it was."""
        if self.asked is None:
            return False
        unfit, journey = self.asked
        if session.journey is not journey or answer not in ("c", "n") or \
                (answer == "c" and not unfit.can_carry_on):
            return False
        self.asked = None
        session.follow(unfit.nearest if answer == "c" else unfit.again)
        self.plain.scenario = session.scenario
        self.plain.say()
        self.plain.para(f"Carrying on after step {unfit.step - 1}." if answer == "c" else
                        "Starting again with the same seed.")
        if session.save_error:
            self.plain.para(session.save_error)
        return True
