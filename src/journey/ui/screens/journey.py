"""The journey screen: the route, the scene, what just happened, the choices, the status and
the journal. Every step goes through the session, which saves it before it is shown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane

from journey.engine.rules import ValueChanged
from journey.frontend import debrief
from journey.frontend.narration import narrate
from journey.frontend.session import Session
from journey.ui.messages import JourneyEnded, StepTaken, TitleRequested
from journey.ui.screens.base import MainScreen
from journey.ui.screens.dialogs import TextScreen
from journey.ui.widgets.choice_list import ChoiceList
from journey.ui.widgets.journal import Journal
from journey.ui.widgets.key_footer import KeyFooter
from journey.ui.widgets.route_map import RouteMap
from journey.ui.widgets.scene_pane import ScenePane
from journey.ui.widgets.status_panel import StatusPanel

CHOICE_KEYS: list[BindingType] = [Binding("1", "choose(1)", "Choose", key_display="1-9")]
CHOICE_KEYS += [Binding(str(n), f"choose({n})", show=False) for n in range(2, 10)]


class JourneyScreen(MainScreen):
    """Plays the session's journey until it reaches an ending, then asks for the debrief."""

    BINDINGS = CHOICE_KEYS + [
        Binding("s", "sources", "Sources"),
        Binding("o", "app.toggle_odds(True)", "Show odds"),
        Binding("o", "app.toggle_odds(False)", "Hide odds"),
        Binding("j", "side", "Journal"),
        Binding("escape", "title", "Title", show=False),
        Binding("q", "app.request_quit", "Quit"),
    ]

    def __init__(self, session: Session):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield RouteMap(id="route")
        with Horizontal(id="journey-body"):
            with Vertical(id="story"):
                with ScenePane(id="scene"):
                    yield Static(id="happened", markup=False)
                    yield Static(id="scene-text", markup=False)
                yield ChoiceList(id="choices")
            with TabbedContent(id="side"):
                with TabPane("Status", id="status-tab"):
                    with VerticalScroll(id="status-box"):
                        yield StatusPanel(id="status")
                with TabPane("Journal", id="journal-tab"):
                    yield Journal(id="journal")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#scene").border_title = "Scene"
        self.query_one("#choices").border_title = "Choices"
        self.watch(self.app, "show_odds", self.show_step, init=False)
        self.show()

    def show(self) -> None:
        """Draw everything for the journey's current scene."""
        view = self.session.view()
        self.query_one(RouteMap).show(self.session.scenario.stages, view.scene.stage)
        self.query_one("#scene").border_title = Content(f"{view.stage.title}, {view.stage.place}")
        self.query_one("#scene-text", Static).update(view.text.strip())
        changed = {event.label: event.before for event in view.last.events
                   if isinstance(event, ValueChanged)} if view.last else {}
        self.query_one(StatusPanel).show(view.status, changed)
        choices = self.query_one(ChoiceList)
        choices.show_choices(view.choices)
        choices.focus()
        self.show_step()
        scene = self.query_one(ScenePane)
        scene.scroll_home(animate=False)
        scene.call_after_refresh(scene.show_cue)

    def show_step(self) -> None:
        """What happened at the last step, and the journal, with or without the odds."""
        show_odds = self.journey_app.show_odds
        journey = self.session.journey
        happened = self.query_one("#happened", Static)
        last = journey.last_step
        happened.display = last is not None
        if last is not None:
            happened.update("\n".join(narrate(last, show_odds, compact=True)))
        self.query_one(Journal).show(journey.steps, journey.scenario.stages, show_odds)
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: ChoiceList.OptionSelected) -> None:
        if event.option.id is not None:
            self.action_choose(int(event.option.id))

    def action_choose(self, number: int) -> None:
        """Take the open choice with this number; a number no open choice has rings the bell."""
        if self.session.numbered(number) is None:
            self.app.bell()
            return
        self.session.choose(number)
        if self.session.save_error:
            self.notify(self.session.save_error, severity="error", markup=False, timeout=10)
        self.post_message(StepTaken())
        if self.session.journey.over:
            self.post_message(JourneyEnded())
        else:
            self.show()

    def action_sources(self) -> None:
        journey = self.session.journey
        cited = debrief.sources_lines(journey.scenario, journey.sources_here())
        text = "\n".join(cited) if cited else "This scene cites no sources."
        self.app.push_screen(TextScreen("Sources behind this scene", text))

    def action_side(self) -> None:
        """Switch the side panel between the status and the journal."""
        side = self.query_one(TabbedContent)
        side.active = "journal-tab" if side.active == "status-tab" else "status-tab"

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """However the journal is opened (key or mouse), show its latest entries."""
        if event.pane.id == "journal-tab":
            self.query_one(Journal).scroll_end(animate=False)

    def action_title(self) -> None:
        self.post_message(TitleRequested())
