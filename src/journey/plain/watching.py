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
from typing import TextIO

from journey.frontend.game import Game
from journey.frontend.playthrough import Playthrough
from journey.frontend.watch import POLL_SECONDS, Broken, Change, Reloaded, Unfit
from journey.frontend.words import _
from journey.plain.output import Output


class InputLines:
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

    def __init__(self, output: Output, inp: TextIO, game: Game):
        self.output = output
        self.game = game
        self.lines = InputLines(inp)
        self.asked: tuple[Unfit, Playthrough] | None = None
        """The edit that no longer fits, and the journey it was asked about."""

    def read_line(self) -> str | None:
        """The next line ("" at the end of input), or None once an edit has been told."""
        while True:
            line = self.lines.get(POLL_SECONDS)
            if line is not None:
                return line
            change = self.game.edits()
            if change is not None:
                self.tell(change)
                return None

    def tell(self, change: Change) -> None:
        say, para = self.output.say, self.output.para
        say()
        self.asked = None
        if isinstance(change, Reloaded):
            para(change.text)
        elif isinstance(change, Unfit):
            assert self.game.session is not None, "an edit is told about a journey in play"
            self.asked = (change, self.game.session.journey)
            para(change.text)
            if change.can_carry_on:
                para(_("{offer} Type c to carry on, or n to start again; a choice's number goes "
                       "on with the version before the edit.").format(offer=change.offer))
            else:
                para(_("{offer} Type n to start again; a choice's number goes on with the "
                       "version before the edit.").format(offer=change.offer))
        elif isinstance(change, Broken):
            say(f"{change.title}:")
            for line in change.lines:
                say(line)
            para(change.kept)
        if self.game.save_problem:
            para(self.game.save_problem)

    def open_question(self) -> Unfit | None:
        """The question about an edit, while it is open (the journey has not moved on)."""
        session = self.game.session
        if self.asked is None or session is None or self.asked[1] is not session.journey:
            return None
        return self.asked[0]

    def keys(self) -> str:
        """The keys that answer the question about an edit, while it is open, for the prompt."""
        unfit = self.open_question()
        if unfit is None:
            return ""
        return (_("c to carry on, n to start again; ") if unfit.can_carry_on else
                _("n to start again; "))

    def answer(self, answer: str) -> bool:
        """Take `answer` ('c' or 'n') to the last question asked about an edit, if it is one
        and the journey has not moved on since; True when it was."""
        unfit = self.open_question()
        if unfit is None or answer not in ("c", "n") or (answer == "c" and not unfit.can_carry_on):
            return False
        self.asked = None
        told = self.game.follow(unfit.nearest if answer == "c" else unfit.again)
        self.output.say()
        self.output.para(_("Carrying on after step {step}.").format(step=unfit.step - 1)
                         if answer == "c" else _("Starting again with the same seed."))
        for notice in told:
            self.output.para(notice.text)
        return True
