"""Plain mode: the journey as lines of text on standard output, one number per line read from
standard input. No full-screen UI, so a screen reader, a pipe or a script can play. It renders
the same session as the app (frontend.session): same numbers, same saves, same debrief."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from journey.commands.exit_codes import FAILED, OK
from journey.engine.model import Scenario
from journey.frontend import debrief
from journey.frontend.narration import narrate, steps_text
from journey.frontend.odds_worker import OddsWorker
from journey.frontend.session import SaveInUse, Session, View

if TYPE_CHECKING:
    from journey.frontend.class_record import Recorder
    from journey.plain_watch import PlainWatch

WIDTH = 78
LATER = ("The exact odds are still being worked out; they follow at the end, after your route, "
         "with its turning points.")


class Plain:
    """One plain-mode game: writes to `out`, reads from `inp`."""

    def __init__(self, scenario: Scenario, inp: TextIO, out: TextIO, show_odds: bool,
                 record: bool = False):
        self.scenario = scenario
        self.inp = inp
        self.out = out
        self.show_odds = show_odds
        self.echo = not inp.isatty()
        self.watching: PlainWatch | None = None
        """With --watch: the scenario file's watch, which also reads the input."""
        self.odds = OddsWorker()
        """The debrief's odds, worked out while the player plays."""
        self.record_problems: list[str] = []
        self.recorder = self.class_recorder() if record else None

    def class_recorder(self) -> Recorder:
        from journey.frontend.class_record import PLAY, Recorder

        return Recorder(PLAY, self.record_problems.append)

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def para(self, text: str, indent: str = "", hang: str = "") -> None:
        """Say `text` wrapped to WIDTH, line by line as written (YAML's `|` keeps breaks),
        keeping each line's own leading indent; `hang` indents wrapped lines a little more."""
        for line in text.strip("\n").split("\n"):
            words = line.lstrip()
            lead = indent + line[:len(line) - len(words)]
            self.say(textwrap.fill(words.rstrip(), WIDTH, initial_indent=lead,
                                   subsequent_indent=lead + hang, break_long_words=False,
                                   break_on_hyphens=False))

    def run(self, path: Path, seed: int | None, fresh: bool, watch: bool = False) -> int:
        self.say(self.scenario.title)
        self.say()
        self.para(f"Content note: {self.scenario.content_note}")
        try:
            session = Session.open(self.scenario, path, seed=seed,
                                   continuing=seed is None and not fresh,
                                   recorder=self.recorder)
        except SaveInUse as busy:
            self.say()
            self.para(str(busy))
            return FAILED
        with session:
            self.odds.start(self.scenario)
            self.introduce(session)
            if watch:
                self.start_watching(path)
            while not session.journey.over:
                self.show_scene(session.view())
                if not self.take_turn(session):
                    self.say()
                    self.para(session.save_error or
                              f"Your journey is saved after "
                              f"{steps_text(session.journey.state.step)}. To carry on, run the "
                              "same command again, without --seed or --new.")
                    return OK
            self.show_debrief(session)
        if self.recorder is not None:
            self.recorder.wait()  # written while the debrief was printed
            for problem in self.record_problems:
                self.say()
                self.para(problem)
        return OK

    def introduce(self, session: Session) -> None:
        """Say what was found in the save, and whether this journey is new or continued."""
        if session.notice:
            self.say()
            self.para(session.notice)
        self.say()
        journey = session.journey
        if session.continued:
            self.say(f"Continuing your saved journey after {steps_text(journey.state.step)} "
                     f"(seed {journey.seed}). To start again, add --new.")
        else:
            self.say(f"A new journey (seed {journey.seed}). Type the number of a choice and "
                     "press Enter.")
        if session.save_error:
            self.para(session.save_error)

    def start_watching(self, path: Path) -> None:
        from journey.frontend.watch import Watch
        from journey.plain_watch import PlainWatch

        self.watching = PlainWatch(self, Watch(path, self.scenario))
        self.say()
        self.para(f"Watching {path}: each time it is saved, it is loaded again and your "
                  "choices so far are replayed.")

    def read_line(self, session: Session) -> str | None:
        """The next line ("" at the end of input), or, with --watch, None once an edit of the
        scenario file has been told (the scene is then shown again)."""
        if self.watching is None:
            return self.inp.readline()
        return self.watching.read_line(session)

    def show_scene(self, view: View) -> None:
        self.say()
        self.say(f"== {view.stage.title} ({view.stage.place}), step {view.step} ==")
        self.para(view.text)
        if view.status:  # values may all be hidden (`show:`)
            self.say()
            self.para("Status: " + "; ".join(
                f"{item.label}: {item.shown}" + (f" (of {item.limit})" if item.limit else "")
                for item in view.status))
        self.say()
        for choice in view.choices:
            self.para(choice.text, "  ", "   ")

    def take_turn(self, session: Session) -> bool:
        """Read lines until one is a choice that can be taken, or, with --watch, the file
        changes the journey (or not); False at end of input or 'q'."""
        view = session.view()
        count = view.open_count
        while True:
            keys = self.watching.keys(session) if self.watching is not None else ""
            print(f"Your choice (1-{count}; {keys}s for sources, q to quit): ", end="",
                  file=self.out, flush=True)
            line = self.read_line(session)
            if line is None:
                return True
            if not line:
                self.say()
                return False
            answer = line.strip()
            if self.echo:
                self.say(answer)
            if answer.lower() == "q":
                return False
            if self.watching is not None and self.watching.answer(session, answer.lower()):
                return True
            if answer.lower() == "s":
                self.show_sources(session)
                continue
            if not answer.isdecimal() or view.numbered(int(answer)) is None:
                self.say(f"Please type a number from 1 to {count}.")
                continue
            step = session.choose(int(answer))
            self.say()
            for text in narrate(step, self.show_odds):
                self.para(text)
            if session.save_error:
                self.para(session.save_error)
            return True

    def show_sources(self, session: Session) -> None:
        cited = debrief.sources_lines(self.scenario, session.journey.sources_here())
        self.say("Sources for this scene:" if cited else "This scene cites no sources.")
        for line in cited:
            self.para(line, "  ")

    def show_debrief(self, session: Session) -> None:
        """Every section at once; odds still being worked out follow at the end, as soon as
        they are ready."""
        future = self.odds.start(self.scenario)
        ready = future.done()
        for section in debrief.sections(session.journey, future.result() if ready else None):
            if ready or section.key not in debrief.ODDS_KEYS:
                self.show_section(section)
            elif section.key == "odds":
                self.say()
                self.say(section.heading)
                self.say(LATER)
        if not ready:
            for section in debrief.odds_sections(session.journey, future.result()):
                self.show_section(section)

    def show_section(self, section: debrief.Section) -> None:
        self.say()
        self.say(f"== {section.heading} ==" if section.key == "ending" else section.heading)
        width = max(len(line.lead or "") for line in section.lines)
        for line in section.lines:
            if not line.text:
                self.say()
            elif line.lead is None:
                self.para(line.text)
            else:  # the lead in a column of its own, wrapped lines indented past it
                self.say(textwrap.fill(line.text, WIDTH, initial_indent=f"{line.lead:>{width}} ",
                                       subsequent_indent=" " * (width + 1),
                                       break_long_words=False, break_on_hyphens=False))


def play(scenario: Scenario, path: Path, seed: int | None, fresh: bool, show_odds: bool,
         inp: TextIO, out: TextIO, watch: bool = False, record: bool = False) -> int:
    """Play in plain mode (following edits of the file with `watch`); OK when the journey
    ends or the input does (saved), FAILED when another game has this scenario's save open.
    With `record`, a journey that ends goes to the class record."""
    return Plain(scenario, inp, out, show_odds, record).run(path, seed, fresh, watch)
