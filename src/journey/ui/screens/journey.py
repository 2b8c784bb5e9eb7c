"""The journey screen: the route, the scene, what just happened, the choices, the status and
the journal. Every step goes through the game, which saves it and says what to show next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static, TabbedContent, TabPane

from journey.frontend.narration import narrate
from journey.frontend.session import View
from journey.frontend.words import N_, _
from journey.ui.messages import JourneyEnded, StepTaken, TitleRequested
from journey.ui.screens.base import MainScreen
from journey.ui.screens.dialogs import TextScreen
from journey.ui.widgets.choice_list import ChoiceList
from journey.ui.widgets.journal import Journal
from journey.ui.widgets.key_footer import KeyFooter
from journey.ui.widgets.route_map import RouteMap
from journey.ui.widgets.scene_pane import ScenePane
from journey.ui.widgets.status_panel import StatusPanel

CHOICE_KEYS: list[BindingType] = [Binding("1", "choose(1)", N_("Choose"), key_display="1-9")]
CHOICE_KEYS += [Binding(str(n), f"choose({n})", show=False) for n in range(2, 10)]


class JourneyScreen(MainScreen):
    """Plays the session's journey until it reaches an ending, then asks for the debrief."""

    BINDINGS = CHOICE_KEYS + [
        Binding("s", "sources", N_("Sources")),
        Binding("o", "app.toggle_odds(True)", N_("Show odds")),
        Binding("o", "app.toggle_odds(False)", N_("Hide odds")),
        Binding("j", "side", N_("Journal")),
        Binding("escape", "title", N_("Title"), show=False),
        Binding("q", "app.request_quit", N_("Quit")),
    ]

    def __init__(self, view: View):
        super().__init__()
        self.view = view
        """The scene shown: the game builds it once per step."""

    def compose(self) -> ComposeResult:
        yield RouteMap(id="route")
        with Horizontal(id="journey-body"):
            with Vertical(id="story"):
                with ScenePane(id="scene"):
                    yield Static(id="happened", markup=False)
                    yield Static(id="scene-text", markup=False)
                yield ChoiceList(id="choices")
            with TabbedContent(id="side"):
                with TabPane(_("Status"), id="status-tab"):
                    with VerticalScroll(id="status-box"):
                        yield StatusPanel(id="status")
                with TabPane(_("Journal"), id="journal-tab"):
                    yield Journal(id="journal")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#scene").border_title = _("Scene")
        self.query_one("#choices").border_title = _("Choices")
        self.watch(self.app, "show_odds", self.show_step, init=False)
        self.show(self.view)

    def show(self, view: View) -> None:
        """Draw everything for a scene of the journey."""
        self.view = view
        self.query_one(RouteMap).show(view.route, view.scene.stage)
        self.query_one("#scene").border_title = Content(_("{stage}, {place}").format(
            stage=view.stage.title, place=view.stage.place))
        self.query_one("#scene-text", Static).update(view.text.strip())
        self.query_one(StatusPanel).show(view.status, view.changed)
        choices = self.query_one(ChoiceList)
        choices.show_choices(view.choices)
        choices.focus()
        self.show_step()
        scene = self.query_one(ScenePane)
        scene.scroll_home(animate=False)
        scene.call_after_refresh(scene.show_cue)

    def show_step(self) -> None:
        """What happened at the last step, and the journal, with or without the odds."""
        show_odds = self.host.show_odds
        happened = self.query_one("#happened", Static)
        last = self.view.last
        happened.display = last is not None
        if last is not None:
            happened.update("\n".join(narrate(last, show_odds, compact=True)))
        self.query_one(Journal).show(self.game.journal(show_odds))
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: ChoiceList.OptionSelected) -> None:
        if event.option.id is not None:
            self.action_choose(int(event.option.id))

    def action_choose(self, number: int) -> None:
        """Take the open choice with this number; a number no open choice has rings the bell."""
        turn = self.game.choose(number)
        if turn is None:
            self.app.bell()
            return
        for notice in turn.notices:
            self.notify(notice.text, severity=notice.severity, markup=False, timeout=10)
        self.post_message(StepTaken())
        if turn.view is None:
            self.post_message(JourneyEnded())
        else:
            self.show(turn.view)

    def action_sources(self) -> None:
        cited = self.game.sources()
        text = "\n".join(cited) if cited else _("This scene cites no sources.")
        self.app.push_screen(TextScreen(_("Sources behind this scene"), text))

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
