"""Plain mode: the journey as lines of text on standard output, one number per line read from
standard input. No full-screen UI, so a screen reader, a pipe or a script can play; the engine,
the saves and the debrief are the app's own."""

from __future__ import annotations

import textwrap
from typing import TextIO

from journey import saves
from journey.engine.model import Scenario
from journey.frontend import debrief
from journey.frontend.playthrough import Playthrough, narrate, new_seed, steps_text

WIDTH = 78


class Plain:
    """One plain-mode session: writes to `out`, reads from `inp`."""

    def __init__(self, scenario: Scenario, inp: TextIO, out: TextIO, show_odds: bool):
        self.scenario = scenario
        self.inp = inp
        self.out = out
        self.show_odds = show_odds
        self.echo = not inp.isatty()

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

    def run(self, seed: int | None, fresh: bool) -> int:
        self.say(self.scenario.title)
        self.say()
        self.para(f"Content note: {self.scenario.content_note}")
        journey = self.start(seed, fresh)
        while not journey.over:
            self.show_scene(journey)
            if not self.take_turn(journey):
                self.say()
                if journey.save_error:
                    self.para(journey.save_error)
                else:
                    self.para(f"Your journey is saved after {steps_text(journey.state.step)}. "
                              "To carry on, run the same command again, without --seed or --new.")
                return 0
        self.show_debrief(journey)
        return 0

    def start(self, seed: int | None, fresh: bool) -> Playthrough:
        """A new journey when a seed is given or `fresh`; otherwise the unfinished save, if any."""
        if seed is None and not fresh:
            try:
                save = saves.unfinished(self.scenario)
            except saves.SaveProblem as problem:
                self.say()
                self.para(str(problem))
                save = None
            if save is not None:
                self.say()
                self.say(f"Continuing your saved journey after {steps_text(save.state.step)} "
                         f"(seed {save.seed}). To start again, add --new.")
                return Playthrough.resume(self.scenario, save)
        if seed is None:
            seed = new_seed()
        self.say()
        self.say(f"A new journey (seed {seed}). Type the number of a choice and press Enter.")
        journey = Playthrough.new(self.scenario, seed)
        if journey.save_error:
            self.para(journey.save_error)
        return journey

    def show_scene(self, journey: Playthrough) -> None:
        scene = journey.node
        stage = self.scenario.stages[scene.stage]
        self.say()
        self.say(f"== {stage.title} ({stage.place}), step {journey.state.step + 1} ==")
        self.para(scene.text)
        self.say()
        self.para("Status: " + "; ".join(
            f"{item.label}: {item.shown}" + (f" (of {item.limit})" if item.limit else "")
            for item in journey.status()))
        self.say()
        number = 0
        for view in journey.views():
            if view.enabled:
                number += 1
                risk = " (a risk)" if view.risky else ""
                self.para(f"{number}. {view.label}{risk}", "  ", "   ")
            else:
                self.para(f"-  Not available: {view.label}. {view.reason}", "  ", "   ")

    def take_turn(self, journey: Playthrough) -> bool:
        """Read lines until one is a choice that can be taken; False at end of input or 'q'.

        Only the choices that can be taken are numbered (closed ones are listed with their
        reason), so any number in range is a valid answer, for a person or a script alike."""
        views = [view for view in journey.views() if view.enabled]
        while True:
            print(f"Your choice (1-{len(views)}; s for sources, q to quit): ", end="",
                  file=self.out, flush=True)
            line = self.inp.readline()
            if not line:
                self.say()
                return False
            answer = line.strip()
            if self.echo:
                self.say(answer)
            if answer.lower() == "q":
                return False
            if answer.lower() == "s":
                self.show_sources(journey)
                continue
            if not answer.isdecimal() or not 1 <= int(answer) <= len(views):
                self.say(f"Please type a number from 1 to {len(views)}.")
                continue
            step = journey.choose(views[int(answer) - 1].index)
            self.say()
            for text in narrate(step, self.show_odds):
                self.para(text)
            if journey.save_error:
                self.para(journey.save_error)
            return True

    def show_sources(self, journey: Playthrough) -> None:
        cited = debrief.sources_lines(self.scenario, journey.sources_here())
        self.say("Sources for this scene:" if cited else "This scene cites no sources.")
        for line in cited:
            self.para(line, "  ")

    def show_debrief(self, journey: Playthrough) -> None:
        ending = journey.node
        self.say()
        self.say(f"== The journey ends: {ending.title} ==")
        self.para(ending.text)
        self.say()
        self.say("What happens in reality")
        for line in debrief.context_lines(ending, self.scenario):
            self.para(line, hang="  " if line.startswith("- ") else "")
        self.say()
        self.show_odds_chart(ending.kind)
        self.say()
        self.say("Your route")
        for number, text in debrief.timeline(journey):
            self.para(f"{number:>3} {text}", hang="    ")
        self.say()
        self.show_arrivals()

    def show_odds_chart(self, own_kind: str) -> None:
        from journey.engine.analysis import StateLimitExceeded, analyse

        self.para("How journeys in this scenario end, for a player who chooses at random "
                  "(exact odds)")
        try:
            odds = debrief.kind_odds(analyse(self.scenario))
        except StateLimitExceeded as error:
            odds, reason = None, str(error)
        else:
            reason = "the scenario has problems; run journey check"
        if odds is None:
            self.para(f"The odds could not be worked out: {reason}.")
            return
        for line in debrief.kind_chart(odds, own_kind):
            self.say(f"  {line}")

    def show_arrivals(self) -> None:
        from journey.data import arrivals

        table = arrivals.load()
        self.say(f"{table.title}, {debrief.FIRST_YEAR}-{debrief.LAST_YEAR}")
        for line in debrief.arrivals_chart(table):
            self.say(f"  {line}")
        self.para(f"Source: {table.source}. {table.url}")
        for note in table.notes:
            self.para(f"- {note}", hang="  ")


def play(scenario: Scenario, seed: int | None, fresh: bool, show_odds: bool,
         inp: TextIO, out: TextIO) -> int:
    """Play in plain mode; exit code 0 when the journey ends or the input does (saved)."""
    return Plain(scenario, inp, out, show_odds).run(seed, fresh)
