"""The debrief: how this journey ended beside the exact odds of each kind of ending, the route
taken, what happens in reality, and the real arrivals in South Korea. Then play again or go
back."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from journey.frontend import debrief
from journey.frontend.debrief import EndingOdds
from journey.frontend.narration import narrate
from journey.frontend.session import Session
from journey.ui.messages import PlayAgainRequested, TitleRequested
from journey.ui.screens.base import MainScreen
from journey.ui.widgets.key_footer import KeyFooter

WORKING = "Working out the exact odds for this scenario..."


def timeline_grid(rows: list[tuple[str, str]]) -> Table:
    """Numbers in their own column, so a wrapped step stays indented under its text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", width=3)
    grid.add_column(ratio=1)
    for number, text in rows:
        grid.add_row(Text(number), Text(text))
    return grid


class DebriefScreen(MainScreen):
    """Shown when a journey reaches an ending. The odds are computed in a worker thread."""

    BINDINGS = [Binding("r", "again(True)", "Play again, same seed"),
                Binding("n", "again(False)", "New seed"),
                Binding("t", "title", "Title"), Binding("escape", "title", "Title", show=False),
                Binding("q", "app.quit", "Quit")]

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.journey = session.journey
        ending = session.journey.ending
        assert ending is not None, "the debrief follows an ending"
        self.ending = ending

    def compose(self) -> ComposeResult:
        journey, scenario, ending = self.journey, self.journey.scenario, self.ending
        last = journey.last_step
        with VerticalScroll(id="debrief"):
            yield Static(f"The journey ends: {ending.title}", markup=False, id="ending-title",
                         classes="heading")
            if last is not None:
                yield Static("\n".join(narrate(last, self.journey_app.show_odds)), markup=False,
                             id="last-step")
            yield Static(ending.text.strip(), markup=False, id="ending-text")
            yield Static("How journeys in this scenario end", classes="heading")
            yield Static(WORKING, markup=False, id="kind-chart")
            yield Static("Your route", classes="heading")
            yield Static(timeline_grid(debrief.timeline(journey)), id="timeline")
            yield Static("What happens in reality", classes="heading")
            yield Static("\n".join(debrief.context_lines(ending, scenario)), markup=False,
                         id="context")
            yield Static(id="arrivals-title", classes="heading", markup=False)
            yield Static(id="arrivals-chart", markup=False)
        with Horizontal(id="debrief-actions"):
            yield Button("Play again, same seed (r)", id="same", variant="primary")
            yield Button("New seed (n)", id="fresh")
            yield Button("Title (t)", id="title")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#debrief", VerticalScroll).focus()
        self.show_arrivals()
        cached = self.journey_app.ending_odds.get(self.journey.scenario.content_hash)
        if cached is not None:
            self.show_ending_odds(cached)
        else:
            self.work_out_odds()

    @work(thread=True, exclusive=True, group="odds")
    def work_out_odds(self) -> None:
        """The exact analysis can take a while on a large scenario: never on the UI thread."""
        odds = debrief.ending_odds(self.journey.scenario)
        self.app.call_from_thread(self.show_ending_odds, odds)

    def show_ending_odds(self, odds: EndingOdds) -> None:
        """Show the odds (or why there are none); keep them for the next debrief, even when
        the player has already left this one."""
        self.journey_app.ending_odds[self.journey.scenario.content_hash] = odds
        if self.is_attached:
            self.query_one("#kind-chart", Static).update("\n".join(odds.lines(self.ending.kind)))

    def show_arrivals(self) -> None:
        from journey.data import arrivals

        table = arrivals.load()
        self.query_one("#arrivals-title", Static).update(
            f"{table.title}, {debrief.FIRST_YEAR}-{debrief.LAST_YEAR}")
        lines = debrief.arrivals_chart(table, 24) + ["", f"Source: {table.source}. {table.url}"]
        lines += [f"- {note}" for note in table.notes]
        self.query_one("#arrivals-chart", Static).update("\n".join(lines))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "title":
            self.action_title()
        else:
            self.action_again(event.button.id == "same")

    def action_again(self, same_seed: bool) -> None:
        self.post_message(PlayAgainRequested(self.journey.seed if same_seed else None))

    def action_title(self) -> None:
        self.post_message(TitleRequested())
