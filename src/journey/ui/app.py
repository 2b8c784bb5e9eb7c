"""The Textual app: owns the session being played and the screen stack, and answers what the
screens ask for (journey.ui.messages). The screens draw; the session decides."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from journey.engine.loader import load_scenario
from journey.engine.model import Scenario
from journey.frontend import library, settings
from journey.frontend.classroom import Classroom, unavailable
from journey.frontend.odds_worker import OddsWorker
from journey.frontend.session import SaveInUse, Session
from journey.ui.messages import (ClassRecordFailed, ContinueRequested, ContinueWithCode,
                                 JourneyEnded, NewJourneyRequested, PlayAgainRequested,
                                 StepTaken, TitleRequested)
from journey.ui.screens.base import MainScreen
from journey.ui.screens.dialogs import ConfirmScreen
from journey.ui.screens.journey import JourneyScreen
from journey.ui.screens.title import TitleScreen
from journey.ui.screens.too_small import TooSmallScreen

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.command import Provider

    from journey.frontend.class_record import Recorder
    from journey.ui.watching import AppWatch

SAVED = "Your journey is saved. Run journey again and choose Continue to carry on."
MINIMUM_SIZE = (80, 24)
"""The smallest terminal the layout is made for; smaller ones get a message instead."""
WHILE_TOO_SMALL = frozenset({"interrupt", "suspend_process"})
"""The only actions left while the terminal is too small to show anything but the message."""


def journey_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (startup time counts)."""
    from journey.ui.commands import JourneyCommands

    return JourneyCommands


class JourneyApp(App[None]):
    """`scenario` (read from `path`) is selected on the title screen; `seed`, when given,
    seeds new journeys started there; `entries` replaces the scenario library (tests use it).
    With `watch`, its journey opens at once and follows every edit of the file (ui.watching).
    `classroom` is set in a browser tab of `journey serve` (journeys saved by code, settings
    that last as long as the tab, Ctrl+C that copies instead of quitting: ui.classroom_tab);
    with `record` (always in a classroom), every journey that ends goes to the class record."""

    CSS_PATH = "app.tcss"
    TITLE = "journey"
    COMMANDS = App.COMMANDS | {journey_commands}
    BINDINGS = [Binding("ctrl+c", "interrupt", "Quit at once", show=False, priority=True),
                Binding("ctrl+z", "suspend_process", "Suspend", show=False, priority=True),
                Binding("question_mark", "help", "Help", key_display="?")]

    show_odds = reactive(False)
    """The educator's toggle: also show the odds that were in play when a risk resolves."""

    def __init__(self, scenario: Scenario, path: Path, seed: int | None = None,
                 show_odds: bool = False, entries: list[library.Entry] | None = None,
                 watch: bool = False, classroom: Classroom | None = None,
                 record: bool = False):
        super().__init__()
        self.path = Path(path)
        self.seed = seed
        # In a classroom the teacher's --show-odds decides, never the teacher's settings file.
        self.set_reactive(JourneyApp.show_odds,
                          show_odds or (classroom is None and settings.read().show_odds))
        self.entries = entries if entries is not None else library.entries(self.path)
        self.scenarios: dict[Path, Scenario] = {self.path.resolve(): scenario}
        """Every scenario loaded in this run, by resolved path."""
        self.odds = OddsWorker()
        """The debrief's odds, worked out in the background from the start of each journey."""
        self.session: Session | None = None
        """The scenario being played, while the journey or debrief screen shows it."""
        self.closing = False
        """True once the app has been asked to exit: input typed after that is dropped."""
        self.watch_edits = watch
        self.watching: AppWatch | None = None
        """With `watch_edits`: the scenario file's watch, once the app is mounted."""
        self.classroom = classroom
        self.recorder = self.class_recorder() if record or classroom else None

    def get_default_screen(self) -> TitleScreen:
        return TitleScreen(self.entries, self.path)

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self.refit)
        self.refit()
        if self.watch_edits:
            self.start_watching()
        if self.classroom is not None and self.classroom.browser:
            from journey.ui.classroom_tab import BrowserReturn

            BrowserReturn(self, self.classroom).start()

    def start_watching(self) -> None:
        """Open the file's journey (its save, unless a seed was given) and follow its edits."""
        from journey.frontend.watch import Watch
        from journey.ui.watching import AppWatch

        scenario = self.scenarios[self.path.resolve()]
        self.watching = AppWatch(self, Watch(self.path, scenario))
        self.watching.start()
        self.open_session(scenario, self.path, continuing=self.seed is None, seed=self.seed)

    def on_resize(self, event: events.Resize) -> None:
        self.fit_to(event.size.width, event.size.height)

    def refit(self, changed: Screen[object] | None = None) -> None:
        """Check the cover after every change of screen, not only after a resize: a dialog
        that closes while the cover is over it (its key was typed just before the terminal
        shrank) takes the top screen with it, and Textual's top screen is the cover."""
        self.fit_to(self.size.width, self.size.height)

    def fit_to(self, width: int, height: int) -> None:
        """Cover the screens with a message while the terminal is too small, and uncover them
        when it is large enough again. The screens under the message lay out nothing
        meanwhile (app.tcss): at a few cells wide their scroll bars would come and go for
        ever, keeping the app too busy to answer."""
        small = width < MINIMUM_SIZE[0] or height < MINIMUM_SIZE[1]
        focused = self.focused
        for screen in self.screen_stack:
            if not isinstance(screen, TooSmallScreen):
                screen.set_class(small, "-too-small")
        cover = self.screen if isinstance(self.screen, TooSmallScreen) else None
        if small and cover is None:

            def uncovered(_: None) -> None:
                """Hidden widgets lose focus: give it back, so arrows work as before."""
                if focused is not None:
                    self.call_after_refresh(self.refocus, focused)

            classroom = self.classroom
            self.push_screen(TooSmallScreen(MINIMUM_SIZE, (width, height), classroom is not None,
                                            classroom.code if classroom else None), uncovered)
        elif small and cover is not None:
            cover.show_size(width, height)
        elif cover is not None:
            cover.dismiss()

    def refocus(self, widget: Widget) -> None:
        """Focus `widget` again if it is still on the screen in front."""
        if widget.is_attached and widget.screen is self.screen:
            widget.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the terminal is too small, only quitting and suspending work (the palette,
        help and the rest would open behind the message)."""
        if isinstance(self.screen, TooSmallScreen):
            return action in WHILE_TOO_SMALL
        if action == "toggle_odds" and self.classroom is not None:
            return False  # in a served tab, the teacher's --show-odds decides for the class
        if action == "toggle_odds" and parameters:
            return parameters[0] != self.show_odds  # the footer offers the one that applies
        return True

    async def on_event(self, event: events.Event) -> None:
        """Once the app is leaving, drop keys and clicks typed ahead ('q' then 'n'): a screen
        opened during shutdown would never finish composing."""
        if self.closing and isinstance(event, events.InputEvent):
            return
        await super().on_event(event)

    def exit(self, result: None = None, return_code: int = 0,
             message: RenderableType | None = None) -> None:
        self.closing = True
        super().exit(result, return_code, message)

    def on_unmount(self) -> None:
        self.end_session()

    def scenario_at(self, path: Path) -> Scenario:
        """Load a scenario once per run (raises ScenarioError or OSError)."""
        key = path.resolve()
        if key not in self.scenarios:
            self.scenarios[key] = load_scenario(path)
        return self.scenarios[key]

    @property
    def main_screen(self) -> MainScreen:
        """The title, journey or debrief screen, under any dialog, palette or cover over it."""
        return next(s for s in reversed(self.screen_stack) if isinstance(s, MainScreen))

    @property
    def under_way(self) -> bool:
        """Whether a journey is being played and has not ended."""
        return self.session is not None and not self.session.journey.over

    def class_recorder(self) -> Recorder:
        from journey.frontend.class_record import PLAY, SERVE, Recorder

        return Recorder(SERVE if self.classroom else PLAY,
                        lambda text: self.post_message(ClassRecordFailed(text)))

    def on_class_record_failed(self, message: ClassRecordFailed) -> None:
        self.notify(message.text, title="Class record", severity="warning", markup=False,
                    timeout=15)

    def on_new_journey_requested(self, message: NewJourneyRequested) -> None:
        self.open_session(message.scenario, message.path, continuing=False, seed=message.seed)

    def on_continue_requested(self, message: ContinueRequested) -> None:
        self.open_session(message.scenario, message.path, continuing=True)

    def open_session(self, scenario: Scenario, path: Path, continuing: bool,
                     seed: int | None = None) -> None:
        """Open the scenario for play and show its journey; say so when another game holds
        its save, or when a save was set aside."""
        if self.closing or self.session is not None:
            return  # a second request typed ahead: the first one opened the journey
        slot = None
        if self.classroom is not None:
            if not continuing:
                self.classroom.fresh_code(scenario.id)
            slot = self.classroom.slot(scenario.id)
        try:
            session = Session.open(scenario, path, continuing=continuing, seed=seed, slot=slot,
                                   recorder=self.recorder)
        except SaveInUse as busy:
            if self.classroom is not None:  # which process holds it is nobody's business
                self.notify(unavailable(self.classroom.code or ""), title="Continue with a code",
                            severity="warning", markup=False, timeout=10)
            else:
                self.notify(str(busy), title="Journey open elsewhere", severity="error",
                            markup=False, timeout=10)
            return
        self.session = session
        if self.classroom is not None:
            self.classroom.opened()
        self.odds.start(scenario)
        if session.notice:
            self.notify(session.notice, title="Your saved journey", severity="warning",
                        markup=False, timeout=10)
        self.report_save_error(session)
        self.show_main(self.journey_screen(session))
        if self.watching is not None:
            self.watching.catch_up()

    def on_continue_with_code(self, message: ContinueWithCode) -> None:
        """A code typed on the title screen: carry on with its journey, or say why not."""
        if self.classroom is None or self.closing or self.session is not None:
            return
        problem = self.classroom.try_code(message.scenario, message.path, message.code)
        if problem is not None:
            self.notify(problem, title="Continue with a code", severity="warning",
                        markup=False, timeout=10)
            return
        self.open_session(message.scenario, message.path, continuing=True)

    def journey_screen(self, session: Session) -> JourneyScreen:
        """The journey screen; in a classroom, with the journey's code under it."""
        if self.classroom is None or self.classroom.code is None:
            return JourneyScreen(session)
        from journey.ui.screens.classroom import ClassroomJourneyScreen

        return ClassroomJourneyScreen(session, self.classroom.code)

    def on_play_again_requested(self, message: PlayAgainRequested) -> None:
        self.play_again(message.seed)

    def play_again(self, seed: int | None) -> None:
        """A new journey of the scenario being played, in place of the journey or debrief."""
        if self.session is None or self.closing:
            return
        self.session.restart(seed)
        self.odds.start(self.session.scenario)
        self.report_save_error(self.session)
        self.show_main(self.journey_screen(self.session))

    def on_journey_ended(self, message: JourneyEnded) -> None:
        if self.session is None or self.closing:
            return
        self.show_debrief(self.session)

    def show_debrief(self, session: Session) -> None:
        """The debrief of the session's journey, with the odds of its scenario's version."""
        from journey.ui.screens.debrief import DebriefScreen

        self.show_main(DebriefScreen(session, self.odds.start(session.scenario)))

    def show_session(self) -> None:
        """Show the session's journey as it is now (after an edit of its file): its scene,
        redrawn in place when the journey screen is up, or its debrief once it is over."""
        if self.session is None:
            return
        screen = self.main_screen
        if self.session.journey.over:
            self.show_debrief(self.session)
        elif isinstance(screen, JourneyScreen):
            self.show_main(screen)
            if screen.is_mounted:  # otherwise it shows the journey as it is when it mounts
                screen.show()
        else:
            self.show_main(self.journey_screen(self.session))

    def on_title_requested(self, message: TitleRequested) -> None:
        """Back to the title; in a classroom, after asking while a journey is under way (the
        title starts new journeys, and a student must not lose her place by a stray key)."""
        if self.classroom is None or not self.under_way:
            self.to_title()
            return
        from journey.ui.classroom_tab import leave_question

        def answered(leave: bool | None) -> None:
            if leave:
                self.to_title()

        self.push_screen(ConfirmScreen(leave_question(self.classroom.code or ""),
                                       "Go to the title", "Keep playing"), answered)

    def to_title(self) -> None:
        self.end_session()
        self.show_main(None)

    def show_main(self, screen: MainScreen | None) -> None:
        """Make `screen` the main screen over the title (None: the title itself), closing any
        dialog or cover over the one it replaces, then cover it again if the terminal is too
        small. Requests typed ahead can arrive while a dialog is open, so nothing is assumed
        about what is on top."""
        while len(self.screen_stack) > 1 and (
                screen is None or not isinstance(self.screen, MainScreen)):
            self.pop_screen()
        if screen is not None:
            if isinstance(self.screen, TitleScreen):
                self.push_screen(screen)
            else:
                self.switch_screen(screen)
        self.refit()

    def end_session(self) -> None:
        """Let go of the save being played, so another game (or Continue) can open it."""
        if self.session is not None:
            self.session.close()
            self.session = None

    def report_save_error(self, session: Session) -> None:
        if session.save_error:
            self.notify(session.save_error, severity="error", markup=False, timeout=10)
        self.tell_server()

    def on_step_taken(self, message: StepTaken) -> None:
        self.tell_server()

    def tell_server(self) -> None:
        """In a classroom, tell the server whether the journey's last step was saved: it says
        so when it stops."""
        if self.classroom is not None and self.session is not None:
            from journey.ui.classroom_tab import tell_server

            tell_server(self, self.session, self.classroom.code or "")

    def action_new_journey(self) -> None:
        """From the palette: a new journey of the current scenario, with a new seed, asking
        first when it would replace a journey under way."""
        screen = self.main_screen
        if isinstance(screen, TitleScreen):
            screen.action_new()
            return
        if not self.under_way:
            self.play_again(None)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self.play_again(None)

        self.push_screen(ConfirmScreen(
            "Start a new journey? The journey in progress will be replaced.",
            "Start a new journey", "Keep playing"), answered)

    def action_toggle_odds(self, show: bool | None = None) -> None:
        """Show the odds in play, or hide them (None: the other way round); kept for the next
        launch. The footer and the scene say which, so no message covers the choices."""
        self.show_odds = not self.show_odds if show is None else show
        settings.write(settings.Settings(show_odds=self.show_odds))
        self.screen.refresh_bindings()

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """The palette's Screenshot: Textual saves into the Downloads folder and fails where
        there is none; then save into the data folder instead."""
        from journey.ui.commands import screenshot_folder

        if self.classroom is not None:  # the browser downloads it; nothing on the server
            return super().deliver_screenshot(filename, path, time_format)
        return super().deliver_screenshot(filename, path or str(screenshot_folder()),
                                          time_format)

    def action_help(self) -> None:
        from journey.ui.screens.help import help_screen

        self.push_screen(help_screen())

    def action_request_quit(self) -> None:
        """Quit, after asking when a journey is under way."""
        if not self.under_way:
            self.exit()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.action_quit_now()

        if self.classroom is not None:
            from journey.ui.classroom_tab import quit_question

            question = quit_question(self.classroom.code or "")
        else:
            question = ("Quit now? Your journey is saved after every step; choose Continue "
                        "next time to carry on.")
        self.push_screen(ConfirmScreen(question, "Quit", "Keep playing"), answered)

    def action_interrupt(self) -> None:
        """Ctrl+C: in a terminal, leave at once (saved); in a browser tab, where it is how
        people copy, copy the selected text or say how to, and never leave."""
        if self.classroom is None:
            self.action_quit_now()
            return
        from journey.ui.classroom_tab import copy_or_explain

        copy_or_explain(self)

    def action_quit_now(self) -> None:
        """Ctrl+C: leave at once; the journey was saved at its last step (or says why not)."""
        if self.session is None or self.session.journey.over:
            self.exit()
        else:
            self.exit(message=self.session.save_error or SAVED)
