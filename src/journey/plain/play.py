"""A game played in plain mode: the scene as lines, a prompt, one number per line, then what
happened; at the end of the journey, the whole debrief. End of input (or q) leaves the journey
saved, to carry on with the same command."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from journey.frontend import debrief
from journey.frontend.game import Game, Opening, Turn
from journey.frontend.narration import narrate, steps_text
from journey.frontend.session import View
from journey.frontend.words import N_, _
from journey.plain.output import Output

if TYPE_CHECKING:
    from journey.plain.watching import PlainWatch

LATER = N_("The exact odds are still being worked out; they follow at the end, after your "
           "route, with its turning points.")


class Plain:
    """One plain-mode game: renders `game` to `out`, reads from `inp`."""

    def __init__(self, game: Game, inp: TextIO, out: TextIO, show_odds: bool):
        self.game = game
        self.inp = inp
        self.output = Output(out)
        self.show_odds = show_odds
        self.echo = not inp.isatty()
        self.watching: PlainWatch | None = None
        """With --watch: the scenario file's watch, which also reads the input."""

    def run(self, seed: int | None, fresh: bool, watch: bool = False) -> bool:
        """Play until the journey ends or the input does; False when another game holds the
        save, so nothing could be played."""
        game, say, para = self.game, self.output.say, self.output.para
        scenario = game.scenario
        say(scenario.title)
        say()
        para(_("Content note: {note}").format(note=scenario.content_note))
        opening = game.open(game.path, continuing=seed is None and not fresh, seed=seed)
        assert opening is not None, "plain mode opens one journey"
        if opening.refused is not None:
            say()
            para(opening.refused.text)
            return False
        try:
            self.introduce(opening)
            if watch:
                self.start_watching()
            view = opening.view
            while view is not None:
                self.show_scene(view)
                turn = self.take_turn(view)
                if turn is None:
                    say()
                    para(game.save_problem or
                         _("Your journey is saved after {steps}. To carry on, run the same "
                           "command again, without --seed or --new.").format(
                               steps=steps_text(view.step - 1)))
                    return True
                view = turn.view if isinstance(turn, Turn) else \
                    game.view() if game.under_way else None
            self.show_debrief()
        finally:
            game.close()
        for problem in game.wait_for_record():  # written while the debrief was printed
            say()
            para(problem)
        return True

    def introduce(self, opening: Opening) -> None:
        """Say what was found in the save, and whether this journey is new or continued."""
        say, para = self.output.say, self.output.para
        if opening.found is not None:
            say()
            para(opening.found.text)
        say()
        if opening.continued:
            para(_("Continuing your saved journey after {steps} (seed {seed}). To start again, "
                   "add --new.").format(steps=steps_text(opening.steps), seed=opening.seed))
        else:
            para(_("A new journey (seed {seed}). Type the number of a choice and press "
                   "Enter.").format(seed=opening.seed))
        if opening.save_problem is not None:
            para(opening.save_problem.text)

    def start_watching(self) -> None:
        from journey.plain.watching import PlainWatch

        self.game.watch_file()
        self.watching = PlainWatch(self.output, self.inp, self.game)
        self.output.say()
        self.output.para(_("Watching {path}: each time it is saved, it is loaded again and your "
                           "choices so far are replayed.").format(path=self.game.path))

    def read_line(self) -> str | None:
        """The next line ("" at the end of input), or, with --watch, None once an edit of the
        scenario file has been told (the scene is then shown again)."""
        if self.watching is None:
            return self.inp.readline()
        return self.watching.read_line()

    def show_scene(self, view: View) -> None:
        say, para = self.output.say, self.output.para
        say()
        say("== " + _("{stage} ({place}), step {step}").format(
            stage=view.stage.title, place=view.stage.place, step=view.step) + " ==")
        para(view.text)
        if view.status:  # values may all be hidden (`show:`)
            say()
            para(_("Status: {values}").format(values="; ".join(
                _("{label}: {value} (of {limit})").format(
                    label=item.label, value=item.shown, limit=item.limit) if item.limit else
                _("{label}: {value}").format(label=item.label, value=item.shown)
                for item in view.status)))
        say()
        for choice in view.choices:
            para(choice.text, "  ", "   ")

    def take_turn(self, view: View) -> Turn | bool | None:
        """Read lines until one is a choice that can be taken (its Turn), or, with --watch, the
        file changes the journey (or not: True); None at the end of input or 'q'."""
        say, para, count = self.output.say, self.output.para, view.open_count
        while True:
            keys = self.watching.keys() if self.watching is not None else ""
            self.output.ask(_("Your choice (1-{count}; {keys}s for sources, q to quit): ").format(
                count=count, keys=keys))
            line = self.read_line()
            if line is None:
                return True
            if not line:
                say()
                return None
            answer = line.strip()
            if self.echo:
                say(answer)
            if answer.lower() == "q":
                return None
            if self.watching is not None and self.watching.answer(answer.lower()):
                return True
            if answer.lower() == "s":
                self.show_sources()
                continue
            turn = self.game.choose(int(answer)) if answer.isdecimal() else None
            if turn is None:
                para(_("Please type a number from 1 to {count}.").format(count=count))
                continue
            say()
            for text in narrate(turn.step, self.show_odds):
                para(text)
            if turn.save_problem:
                para(turn.save_problem)
            return turn

    def show_sources(self) -> None:
        cited = self.game.sources()
        self.output.say(_("Sources for this scene:") if cited else
                        _("This scene cites no sources."))
        for line in cited:
            self.output.para(line, "  ")

    def show_debrief(self) -> None:
        """Every section at once; odds still being worked out follow at the end, as soon as
        they are ready. Odds the cache kept are waited for, so that the same answers always
        read the same."""
        shown = self.game.debrief()
        odds = shown.ready or self.game.kept_odds()
        for section in shown.sections(odds):
            if odds is not None or section.key not in debrief.ODDS_KEYS:
                self.output.section(section)
            elif section.key == "odds":
                self.output.say()
                self.output.say(section.heading)
                self.output.para(_(LATER))
        if odds is None:
            for section in shown.odds_sections(shown.odds.result()):
                self.output.section(section)


def play(game: Game, seed: int | None, fresh: bool, show_odds: bool, inp: TextIO, out: TextIO,
         watch: bool = False) -> bool:
    """Play `game` in plain mode (following edits of the file with `watch`): True when the
    journey ends or the input does (saved), False when another game has its save open."""
    return Plain(game, inp, out, show_odds).run(seed, fresh, watch)
