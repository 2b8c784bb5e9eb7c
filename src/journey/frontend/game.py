"""The game controller: one player's game, the same for every front end (the Textual app, plain
mode, a browser tab of `journey serve`), which only renders what it returns.

It opens journeys (new, continued, or continued with a class code), starts the debrief's odds
in the background, hands ended journeys to the class record, follows edits of the scenario file
(`--watch`), and says what to tell the player. Its vocabulary is small and typed, as Yarn
Spinner's runtime gives its front ends lines and option sets: an `Opening` when a journey
opens, a `Turn` for every choice, a `Debrief` at the end, a `TitleEntry` per scenario on the
title screen, and `Notice`s beside the story. `choose` takes a number and returns one `Turn`,
built once: no front end numbers choices, re-reads the session, or builds a view again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from journey.engine.diagnostics import ScenarioError
from journey.engine.loader import load_scenario
from journey.engine.model import Ending, Scenario
from journey.frontend import library, notices, title
from journey.frontend.classroom import Classroom, save_report, unavailable
from journey.frontend.debrief import Debrief, Line, sources_lines
from journey.frontend.narration import journal
from journey.frontend.notices import Notice
from journey.frontend.odds_cache import ScenarioOdds
from journey.frontend.odds_worker import OddsWorker
from journey.frontend.playthrough import Playthrough, Step
from journey.frontend.session import SaveInUse, Session, View
from journey.frontend.title import TitleEntry
from journey.frontend.words import _

if TYPE_CHECKING:
    from journey.frontend.class_record import Recorder
    from journey.frontend.watch import Change, Watch


@dataclass(frozen=True)
class Opening:
    """What came of opening a journey: its first `view` (None when none could be opened, and
    `refused` says why), whether it `continued` a saved one, after how many `steps`, with which
    `seed`; what became of a save found on the way (`found`), and why the journey could not be
    saved (`save_problem`)."""

    view: View | None
    continued: bool = False
    steps: int = 0
    seed: int = 0
    found: Notice | None = None
    save_problem: Notice | None = None
    refused: Notice | None = None

    @property
    def notices(self) -> tuple[Notice, ...]:
        """Everything to tell the player, in order."""
        return tuple(n for n in (self.refused, self.found, self.save_problem) if n is not None)


@dataclass(frozen=True)
class Turn:
    """What one choice did: the `step` as the player lived it, then the next scene (`view`) or,
    once the journey has ended, its `ending`; and why the step could not be saved, if it could
    not (`save_problem`: play goes on)."""

    step: Step
    view: View | None
    ending: Ending | None
    save_problem: str | None

    @property
    def notices(self) -> tuple[Notice, ...]:
        return notices.save_problem(self.save_problem)


class Game:
    """One player's game of `scenario`, read from `path`, which the title selects first.
    `seed`, when given, seeds every new journey; `entries` replaces the scenario library
    (tests use it). `classroom` is set in a browser tab of `journey serve`: journeys are saved
    by code. With `record` (always in a classroom), every journey that ends goes to the class
    record; what goes wrong there is passed to `on_record_problem` (by default kept in
    `record_problems`), from the recorder's thread."""

    def __init__(self, scenario: Scenario, path: Path, *, seed: int | None = None,
                 entries: list[library.Entry] | None = None,
                 classroom: Classroom | None = None, record: bool = False):
        self.path = Path(path)
        self.seed = seed
        self.library = entries
        self.loaded: dict[Path, Scenario | str] = {self.path.resolve(): scenario}
        """Every scenario file read in this game, by resolved path: the scenario, or why it
        cannot be played."""
        self.classroom = classroom
        self.odds = OddsWorker()
        """The debrief's odds, worked out in the background from the start of each journey."""
        self.session: Session | None = None
        """The journey being played, from opening until `close`."""
        self.record_problems: list[str] = []
        self.on_record_problem: Callable[[str], None] = self.record_problems.append
        self.recorder = self._recorder() if record or classroom else None
        self.watch: Watch | None = None
        """With `watch_file`: the scenario file, watched for edits."""

    def _recorder(self) -> Recorder:
        from journey.frontend.class_record import PLAY, SERVE, Recorder

        return Recorder(SERVE if self.classroom else PLAY,
                        lambda text: self.on_record_problem(text))

    @property
    def entries(self) -> list[library.Entry]:
        """The scenarios the title screen offers (read when first asked for)."""
        if self.library is None:
            self.library = library.entries(self.path)
        return self.library

    @property
    def scenario(self) -> Scenario:
        """The scenario of `path`."""
        found = self.loaded[self.path.resolve()]
        assert isinstance(found, Scenario), "the game's own scenario always loads"
        return found

    @property
    def code(self) -> str | None:
        """In a browser tab: the code of its journey, once it has one."""
        return self.classroom.code if self.classroom is not None else None

    @property
    def under_way(self) -> bool:
        """Whether a journey is open and has not ended."""
        return self.session is not None and not self.session.journey.over

    def load(self, path: Path) -> Scenario | str:
        """The scenario at `path`, read once per game, or why it cannot be played."""
        key = path.resolve()
        if key not in self.loaded:
            try:
                self.loaded[key] = load_scenario(path)
            except ScenarioError as error:
                self.loaded[key] = _("This scenario cannot be played yet:\n{problems}").format(
                    problems=error)
            except OSError as error:
                self.loaded[key] = _("This scenario cannot be read: {why}").format(why=error)
        return self.loaded[key]

    def describe(self, entry: library.Entry) -> TitleEntry:
        """What the title screen shows of a scenario of the library, its save included (read
        afresh each time: it moves on as journeys are played)."""
        found = self.load(entry.path)
        if isinstance(found, str):
            return title.unplayable(entry.name, found, self.classroom is not None)
        return title.describe(found, entry.path, self.classroom)

    def about(self, path: Path) -> list[Line] | None:
        """The About page of the scenario at `path` (None when it cannot be played)."""
        found = self.load(path)
        return title.about(found) if isinstance(found, Scenario) else None

    def open(self, path: Path, *, continuing: bool, seed: int | None = None) -> Opening | None:
        """Open the scenario at `path` for play: its saved journey when `continuing` and there
        is one, otherwise a new one with `seed` (or a fresh one). None when a journey is open
        already (a second request typed ahead: the first one opened it)."""
        scenario = self.load(path)
        if self.session is not None or not isinstance(scenario, Scenario):
            return None
        slot, classroom = None, self.classroom
        if classroom is not None:
            if not continuing:
                classroom.fresh_code(scenario.id)
            slot = classroom.slot(scenario.id)
        try:
            session = Session.open(scenario, path, continuing=continuing, seed=seed, slot=slot,
                                   recorder=self.recorder)
        except SaveInUse as busy:
            if classroom is not None:  # which process holds it is nobody's business
                return Opening(None, refused=Notice(unavailable(classroom.code or ""),
                                                    _(notices.WITH_A_CODE), "warning"))
            return Opening(None, refused=Notice(str(busy), _(notices.OPEN_ELSEWHERE), "error"))
        self.session = session
        if classroom is not None:
            classroom.opened()
        self.odds.start(scenario)
        journey = session.journey
        found = Notice(session.notice, _(notices.SAVED_JOURNEY), "warning") if session.notice \
            else None
        problem = notices.save_problem(session.save_error)
        return Opening(session.view(), session.continued, journey.state.step, journey.seed,
                       found, problem[0] if problem else None)

    def open_with_code(self, path: Path, code: str) -> Opening | None:
        """In a browser tab: carry on with the journey saved under a code typed on the title
        screen, or say why not."""
        classroom = self.classroom
        scenario = self.load(path)
        if classroom is None or self.session is not None or not isinstance(scenario, Scenario):
            return None
        problem = classroom.try_code(scenario, path, code)
        if problem is not None:
            return Opening(None, refused=Notice(problem, _(notices.WITH_A_CODE), "warning"))
        return self.open(path, continuing=True)

    def remembered(self) -> tuple[str | None, bool]:
        """In a browser tab: the code of the browser's latest journey that can be continued
        (None if none), and whether a later one is held by another tab (perhaps this tab before
        a reload, about to let go of it: `classroom.Classroom.remembered`)."""
        if self.classroom is None:
            return None, False
        return self.classroom.remembered(self.scenario, self.path)

    def open_remembered(self, code: str) -> Opening | None:
        """Carry on with the browser's journey saved under `code`, without asking for it."""
        assert self.classroom is not None, "only a browser tab remembers its journeys"
        self.classroom.code = code
        return self.open(self.path, continuing=True)

    def restart(self, seed: int | None) -> Opening | None:
        """A new journey of the scenario being played, in place of the one in play."""
        session = self.session
        if session is None:
            return None
        session.restart(seed)
        self.odds.start(session.scenario)
        problem = notices.save_problem(session.save_error)
        return Opening(session.view(), False, 0, session.journey.seed,
                       save_problem=problem[0] if problem else None)

    def view(self) -> View:
        """The scene of the journey under way, as it is now."""
        assert self.session is not None, "a view needs a journey"
        return self.session.view()

    def choose(self, number: int) -> Turn | None:
        """Take the open choice with this number, save, and say what came of it; None when no
        open choice has this number (or no journey is under way)."""
        session = self.session
        if session is None or session.numbered(number) is None:
            return None
        step = session.choose(number)
        journey = session.journey
        return Turn(step, None if journey.over else session.view(), journey.ending,
                    session.save_error)

    def debrief(self) -> Debrief:
        """The debrief of the journey that has ended, with its scenario version's odds."""
        assert self.session is not None and self.session.journey.over, "a debrief needs an end"
        journey = self.session.journey
        return Debrief(journey, self.odds.start(journey.scenario))

    def kept_odds(self) -> ScenarioOdds | None:
        """The odds the cache kept for the journey in play's scenario, once the cache is read;
        None when it kept none (they are being worked out)."""
        assert self.session is not None, "odds belong to a journey"
        return self.odds.kept(self.session.journey.scenario)

    def journal(self, show_odds: bool) -> list[str]:
        """The journal of the journey in play: an entry per step."""
        return journal(self.session.journey, show_odds) if self.session is not None else []

    def sources(self) -> list[str]:
        """A citation for each source behind what the player reads now."""
        if self.session is None:
            return []
        journey = self.session.journey
        return sources_lines(journey.scenario, journey.sources_here())

    @property
    def save_problem(self) -> str | None:
        """Why the journey in play could not be saved at its last change, if it could not."""
        return self.session.save_error if self.session is not None else None

    def follow(self, journey: Playthrough) -> tuple[Notice, ...]:
        """Play on with `journey`, of an edited version of the scenario (`--watch`)."""
        assert self.session is not None, "only a journey in play follows an edit"
        self.session.follow(journey)
        return notices.save_problem(self.session.save_error)

    def watch_file(self) -> None:
        """Watch the scenario file for edits (`--watch`): `edits` says what each one did."""
        from journey.frontend.watch import Watch

        self.watch = Watch(self.path, self.scenario)

    def edits(self) -> Change | None:
        """What a new edit of the watched file did to the journey in play, if anything."""
        return self.watch.poll(self.session) if self.watch is not None else None

    def catch_up(self) -> Change | None:
        """Bring a journey just opened to the latest version of the watched file."""
        return self.watch.catch_up(self.session) if self.watch is not None else None

    def save_report(self) -> dict[str, object] | None:
        """In a browser tab, what to tell the server after every step (`classroom`)."""
        if self.classroom is None or self.session is None:
            return None
        return save_report(self.session, self.classroom.code or "")

    def farewell(self) -> str | None:
        """What to say when the game is left mid-journey: saved, or why not (None when no
        journey is under way)."""
        if not self.under_way:
            return None
        assert self.session is not None
        return self.session.save_error or _(notices.SAVED)

    def close(self) -> None:
        """Let go of the journey in play, so another game (or Continue) can open its save."""
        if self.session is not None:
            self.session.close()
            self.session = None

    def wait_for_record(self) -> list[str]:
        """Wait until every ended journey is in the class record; what could not be done."""
        if self.recorder is not None:
            self.recorder.wait()
        return self.record_problems
