"""The Textual app: holds the scenario library and the show-odds toggle, and moves between the
title, journey and debrief screens. The screens do the rest."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from journey import saves
from journey.engine.loader import load_scenario
from journey.engine.model import Scenario
from journey.frontend import library
from journey.frontend.playthrough import Playthrough, new_seed
from journey.ui.screens.dialogs import ConfirmScreen, TooSmallScreen
from journey.ui.screens.journey import JourneyScreen
from journey.ui.screens.title import TitleScreen

SAVED = "Your journey is saved. Run journey again and choose Continue to carry on."
MINIMUM_SIZE = (80, 24)
"""The smallest terminal the layout is made for; smaller ones get a message instead."""


def journey_commands():
    """The palette's provider, imported when the palette first opens (startup time counts)."""
    from journey.ui.commands import JourneyCommands

    return JourneyCommands


class JourneyApp(App):
    """`scenario` (read from `path`) is selected on the title screen; `seed`, when given,
    seeds new journeys; `entries` replaces the scenario library (tests use it)."""

    CSS_PATH = "app.tcss"
    TITLE = "journey"
    COMMANDS = App.COMMANDS | {journey_commands}
    BINDINGS = [Binding("ctrl+c", "quit_now", "Quit at once", show=False, priority=True),
                Binding("question_mark", "help", "Help", key_display="?")]

    show_odds = reactive(False)
    """The educator's toggle: also show the odds that were in play when a risk resolves."""

    def __init__(self, scenario: Scenario, path: Path, seed: int | None = None,
                 show_odds: bool = False, entries: list[library.Entry] | None = None):
        super().__init__()
        self.scenario = scenario
        self.path = Path(path)
        self.seed = seed
        self.set_reactive(JourneyApp.show_odds, show_odds)
        self.entries = entries if entries is not None else library.entries(self.path)
        self.scenarios: dict[Path, Scenario] = {self.path.resolve(): scenario}
        self.ending_odds: dict[str, list[tuple[str, float]]] = {}
        """Exact odds per ending kind, by scenario content hash, once worked out."""

    def get_default_screen(self) -> TitleScreen:
        return TitleScreen(self.entries, self.path)

    def on_mount(self) -> None:
        self.fit_to(self.size.width, self.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self.fit_to(event.size.width, event.size.height)

    def fit_to(self, width: int, height: int) -> None:
        """Cover the screens with a message while the terminal is too small, and uncover them
        when it is large enough again."""
        small = width < MINIMUM_SIZE[0] or height < MINIMUM_SIZE[1]
        cover = self.screen if isinstance(self.screen, TooSmallScreen) else None
        if small and cover is None:
            cover = TooSmallScreen(MINIMUM_SIZE)
            self.push_screen(cover)
            self.call_after_refresh(cover.show_size, width, height)
        elif small:
            cover.show_size(width, height)
        elif cover is not None:
            cover.dismiss()

    def scenario_at(self, path: Path) -> Scenario:
        """Load a scenario once per run (raises ScenarioError or OSError)."""
        key = path.resolve()
        if key not in self.scenarios:
            self.scenarios[key] = load_scenario(path)
        return self.scenarios[key]

    @property
    def main_screen(self) -> Screen:
        """The title, journey or debrief screen, under any dialog or palette open over it."""
        return next(s for s in reversed(self.screen_stack) if not isinstance(s, ModalScreen))

    @property
    def journey(self) -> Playthrough | None:
        """The journey being played, if the journey screen is showing."""
        screen = self.main_screen
        return screen.journey if isinstance(screen, JourneyScreen) else None

    def start_journey(self, scenario: Scenario, seed: int | None = None) -> None:
        seed = seed if seed is not None else self.seed
        seed = seed if seed is not None else new_seed()
        self.scenario = scenario
        self.push_screen(JourneyScreen(Playthrough.new(scenario, seed)))

    def continue_journey(self, scenario: Scenario, save: saves.Save) -> None:
        self.scenario = scenario
        self.push_screen(JourneyScreen(Playthrough.resume(scenario, save)))

    def show_debrief(self, journey: Playthrough) -> None:
        from journey.ui.screens.debrief import DebriefScreen

        self.switch_screen(DebriefScreen(journey))

    def play_again(self, scenario: Scenario, seed: int | None) -> None:
        seed = seed if seed is not None else new_seed()
        self.switch_screen(JourneyScreen(Playthrough.new(scenario, seed)))

    def action_new_journey(self) -> None:
        """From the palette: a new journey of the current scenario, with a new seed, asking
        first when it would replace a journey under way."""
        screen = self.main_screen
        if isinstance(screen, TitleScreen):
            screen.action_new()
            return
        if self.journey is None or self.journey.over:
            self.play_again(self.scenario, None)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self.play_again(self.scenario, None)

        self.push_screen(ConfirmScreen(
            "Start a new journey? The journey in progress will be replaced.",
            "Start a new journey", "Keep playing"), answered)

    def action_toggle_odds(self) -> None:
        self.show_odds = not self.show_odds
        self.notify("Odds shown when a risk resolves." if self.show_odds else "Odds hidden.")

    def action_help(self) -> None:
        from journey.ui.screens.help import help_screen

        self.push_screen(help_screen())

    def action_request_quit(self) -> None:
        """Quit, after asking when a journey is under way."""
        if self.journey is None or self.journey.over:
            self.exit()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit(message=SAVED)

        self.push_screen(ConfirmScreen("Quit now? Your journey is saved after every step; "
                                       "choose Continue next time to carry on.",
                                       "Quit", "Keep playing"), answered)

    def action_quit_now(self) -> None:
        """Ctrl+C: leave at once; the journey was saved at its last step."""
        self.exit(message=SAVED if self.journey is not None else None)
