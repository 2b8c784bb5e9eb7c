"""The Textual app: draws the game (journey.frontend.game) on a stack of screens, and answers
what the screens ask for (journey.ui.messages). The game decides; the app only shows it."""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from journey.frontend import notices, settings
from journey.frontend.game import Game, Opening
from journey.frontend.notices import Notice
from journey.frontend.playthrough import Playthrough
from journey.frontend.watch import POLL_SECONDS, Broken, Change, Reloaded, Unfit
from journey.frontend.words import N_, _
from journey.ui.messages import (ClassRecordFailed, ContinueRequested, ContinueWithCode,
                                 JourneyEnded, NewJourneyRequested, PlayAgainRequested,
                                 StepTaken, TitleRequested)
from journey.ui.screens.base import MainScreen
from journey.ui.screens.dialogs import ConfirmScreen, TextScreen
from journey.ui.screens.journey import JourneyScreen
from journey.ui.screens.title import TitleScreen
from journey.ui.screens.too_small import TooSmallScreen

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.command import Provider

    from journey.ui.screens.unfit import Answer

MINIMUM_SIZE = (80, 24)
"""The smallest terminal the layout is made for; smaller ones get a message instead."""
WHILE_TOO_SMALL = frozenset({"interrupt", "suspend_process"})
"""The only actions left while the terminal is too small to show anything but the message."""
PATIENCE = 4.0
"""Seconds a reloaded tab waits for its earlier self to let go of the browser's journey."""
TIMEOUTS = {"information": 8, "warning": 10, "error": 10}
"""Seconds a notice stays, by how much it matters."""


def journey_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (startup time counts)."""
    from journey.ui.commands import JourneyCommands

    return JourneyCommands


class JourneyApp(App[None]):
    """Draws `game`. With `show_odds` (or the player's setting, outside a classroom), the odds
    in play are shown from the start. With `watch`, the game's journey opens at once and
    follows every edit of its file. In a browser tab of `journey serve` (the game has a
    classroom): journeys are saved by code, the settings last as long as the tab, and Ctrl+C
    copies instead of quitting (ui.classroom_tab)."""

    CSS_PATH = "app.tcss"
    TITLE = "journey"
    COMMANDS = App.COMMANDS | {journey_commands}
    BINDINGS = [Binding("ctrl+c", "interrupt", N_("Quit at once"), show=False, priority=True),
                Binding("ctrl+z", "suspend_process", N_("Suspend"), show=False, priority=True),
                Binding("question_mark", "help", N_("Help"), key_display="?")]

    show_odds = reactive(False)
    """The educator's toggle: also show the odds that were in play when a risk resolves."""

    def __init__(self, game: Game, show_odds: bool = False, watch: bool = False):
        super().__init__()
        self.game = game
        self.served = game.classroom is not None
        # In a classroom the teacher's --show-odds decides, never the teacher's settings file.
        self.set_reactive(JourneyApp.show_odds,
                          show_odds or (not self.served and settings.read().show_odds))
        game.on_record_problem = self.record_failed
        self.closing = False
        """True once the app has been asked to exit: input typed after that is dropped."""
        self.watch_edits = watch
        self.return_by = 0.0
        """In a browser tab: until when a reloaded tab waits for its journey (`PATIENCE`)."""

    def get_default_screen(self) -> TitleScreen:
        return TitleScreen(self.game.entries, self.game.path)

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self.refit)
        self.refit()
        if self.watch_edits:
            self.start_watching()
        classroom = self.game.classroom
        if classroom is not None and classroom.browser:
            self.return_by = time.monotonic() + PATIENCE
            self.return_to_browser_journey()

    def start_watching(self) -> None:
        """Open the file's journey (its save, unless a seed was given) and follow its edits."""
        game = self.game
        game.watch_file()
        self.set_interval(POLL_SECONDS, self.poll_edits, name="watch")
        self.open(partial(game.open, game.path, continuing=game.seed is None, seed=game.seed))

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

            self.push_screen(TooSmallScreen(MINIMUM_SIZE, (width, height), self.served,
                                            self.game.code), uncovered)
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
        if action == "toggle_odds" and self.served:
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
        self.game.close()

    @property
    def main_screen(self) -> MainScreen:
        """The title, journey or debrief screen, under any dialog, palette or cover over it."""
        return next(s for s in reversed(self.screen_stack) if isinstance(s, MainScreen))

    def tell(self, told: tuple[Notice, ...]) -> None:
        for notice in told:
            self.notify(notice.text, title=notice.title, severity=notice.severity, markup=False,
                        timeout=TIMEOUTS[notice.severity])

    def record_failed(self, text: str) -> None:
        """From the recorder's thread: posting a message is safe from any thread."""
        self.post_message(ClassRecordFailed(text))

    def on_class_record_failed(self, message: ClassRecordFailed) -> None:
        self.notify(message.text, title=_(notices.CLASS_RECORD), severity="warning", markup=False,
                    timeout=15)

    def on_new_journey_requested(self, message: NewJourneyRequested) -> None:
        self.open(partial(self.game.open, message.path, continuing=False, seed=message.seed))

    def on_continue_requested(self, message: ContinueRequested) -> None:
        self.open(partial(self.game.open, message.path, continuing=True))

    def on_continue_with_code(self, message: ContinueWithCode) -> None:
        """A code typed on the title screen: carry on with its journey, or say why not."""
        self.open(partial(self.game.open_with_code, message.path, message.code))

    def open(self, opened_by: partial[Opening | None]) -> Opening | None:
        """Open a journey as `opened_by` does, unless the app is leaving, and show it (or say
        why not, and what became of a save found on the way)."""
        if self.closing:
            return None
        opening = opened_by()
        if opening is None:
            return None  # a second request typed ahead: the first one opened the journey
        self.tell(opening.notices)
        if opening.view is not None:
            self.tell_server()
            self.show_main(self.journey_screen())
            self.show_change(self.game.catch_up())
        return opening

    def journey_screen(self) -> JourneyScreen:
        """The journey screen; in a classroom, with the journey's code under it."""
        code = self.game.code
        if code is None:
            return JourneyScreen(self.game.view())
        from journey.ui.screens.classroom import ClassroomJourneyScreen

        return ClassroomJourneyScreen(self.game.view(), code)

    def on_play_again_requested(self, message: PlayAgainRequested) -> None:
        self.play_again(message.seed)

    def play_again(self, seed: int | None) -> None:
        """A new journey of the scenario being played, in place of the journey or debrief."""
        opening = self.game.restart(seed) if not self.closing else None
        if opening is not None:
            self.tell(opening.notices)
            self.tell_server()
            self.show_main(self.journey_screen())

    def on_journey_ended(self, message: JourneyEnded) -> None:
        if self.game.session is not None and not self.closing:
            self.show_debrief()

    def show_debrief(self) -> None:
        """The debrief of the game's journey, with the odds of its scenario's version."""
        from journey.ui.screens.debrief import DebriefScreen

        self.show_main(DebriefScreen(self.game.debrief()))

    def show_session(self) -> None:
        """Show the game's journey as it is now (after an edit of its file): its scene,
        redrawn in place when the journey screen is up, or its debrief once it is over."""
        if self.game.session is None:
            return
        screen = self.main_screen
        if not self.game.under_way:
            self.show_debrief()
        elif isinstance(screen, JourneyScreen):
            self.show_main(screen)
            if screen.is_mounted:
                screen.show(self.game.view())
            else:  # it shows the journey as it is when it mounts
                screen.view = self.game.view()
        else:
            self.show_main(self.journey_screen())

    def on_title_requested(self, message: TitleRequested) -> None:
        """Back to the title; in a classroom, after asking while a journey is under way (the
        title starts new journeys, and a student must not lose her place by a stray key)."""
        code = self.game.code
        if not self.served or not self.game.under_way or code is None:
            self.to_title()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.to_title()

        self.push_screen(ConfirmScreen(notices.leave_question(code), _("Go to the title"),
                                       _("Keep playing")), answered)

    def to_title(self) -> None:
        self.game.close()
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

    def on_step_taken(self, message: StepTaken) -> None:
        self.tell_server()

    def tell_server(self) -> None:
        """In a classroom, tell the server whether the journey's last step was saved: it says
        so when it stops."""
        report = self.game.save_report()
        if report is not None:
            from journey.ui.classroom_tab import tell_server

            tell_server(self, report)

    def return_to_browser_journey(self) -> None:
        """A tab opened in a browser that played before (a reload, or a new tab): carry on with
        the browser's latest journey, once no other tab holds it, without typing its code."""
        if self.closing or self.game.session is not None or \
                isinstance(self.screen, ModalScreen) or \
                not isinstance(self.main_screen, TitleScreen):
            return  # the student chose something meanwhile
        code, held = self.game.remembered()
        if held and time.monotonic() < self.return_by:
            self.set_timer(0.25, self.return_to_browser_journey)
            return
        if code is not None:
            opening = self.open(partial(self.game.open_remembered, code))
            if opening is not None and opening.view is not None:
                self.tell((notices.welcome_back(code),))

    def poll_edits(self) -> None:
        if not self.closing:
            self.show_change(self.game.edits())

    def show_change(self, change: Change | None) -> None:
        """What an edit of the watched file did: the journey reloaded, a question when it no
        longer fits, or the problems (as `journey check` prints them) when it does not load."""
        session = self.game.session
        if change is None or session is None:
            return
        self.show_main(self.main_screen)  # close what an earlier edit (or anything) opened
        if isinstance(change, Reloaded):
            self.notify(change.text, title=_("Watching"), markup=False, timeout=4)
            self.show_session()
        elif isinstance(change, Unfit):
            from journey.ui.screens.unfit import UnfitScreen

            self.push_screen(UnfitScreen(change), partial(self.answered, change, session.journey))
        elif isinstance(change, Broken):
            self.push_screen(TextScreen(change.title,
                                        "\n".join((change.kept, "", *change.lines))))

    def answered(self, change: Unfit, asked: Playthrough, answer: Answer | None) -> None:
        """Play on from the start picked, unless the journey moved on meanwhile."""
        session = self.game.session
        if answer is None or session is None or session.journey is not asked:
            return
        self.tell(self.game.follow(change.nearest if answer == "carry_on" else change.again))
        self.tell_server()
        self.show_session()

    def action_new_journey(self) -> None:
        """From the palette: a new journey of the current scenario, with a new seed, asking
        first when it would replace a journey under way."""
        screen = self.main_screen
        if isinstance(screen, TitleScreen):
            screen.action_new()
            return
        if not self.game.under_way:
            self.play_again(None)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self.play_again(None)

        self.push_screen(ConfirmScreen(_(notices.REPLACE), _("Start a new journey"),
                                       _("Keep playing")), answered)

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

        if self.served:  # the browser downloads it; nothing on the server
            return super().deliver_screenshot(filename, path, time_format)
        return super().deliver_screenshot(filename, path or str(screenshot_folder()),
                                          time_format)

    def action_help(self) -> None:
        from journey.ui.screens.help import help_screen

        self.push_screen(help_screen())

    def action_request_quit(self) -> None:
        """Quit, after asking when a journey is under way."""
        if not self.game.under_way:
            self.exit()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.action_quit_now()

        question = notices.quit_question(self.game.code if self.served else None)
        self.push_screen(ConfirmScreen(question, _("Quit"), _("Keep playing")), answered)

    def action_interrupt(self) -> None:
        """Ctrl+C: in a terminal, leave at once (saved); in a browser tab, where it is how
        people copy, copy the selected text or say how to, and never leave."""
        if not self.served:
            self.action_quit_now()
            return
        from journey.ui.classroom_tab import copy_or_explain

        copy_or_explain(self)

    def action_quit_now(self) -> None:
        """Ctrl+C: leave at once; the journey was saved at its last step (or says why not)."""
        self.exit(message=self.game.farewell())
