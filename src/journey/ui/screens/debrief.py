"""The debrief: the sections frontend.debrief decides, in its order (the ending's own words,
what happens in reality, questions for reflection, the odds of the player's era, the real
arrivals, the route, its turning points), then play again or go back. It opens on the ending's
words."""

from __future__ import annotations

import asyncio

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from journey.frontend.debrief import Debrief
from journey.frontend.words import N_, _
from journey.ui.messages import PlayAgainRequested, TitleRequested
from journey.ui.screens.base import MainScreen
from journey.ui.widgets.key_footer import KeyFooter
from journey.ui.widgets.section_text import Passage, SectionText


class DebriefScreen(MainScreen):
    """Shown when a journey reaches an ending. Its odds were worked out in the background while
    the journey was played; if they are not ready yet, the rest shows and they follow."""

    BINDINGS = [Binding("r", "again(True)", N_("Play again, same seed")),
                Binding("n", "again(False)", N_("New seed")),
                Binding("t", "title", N_("Title")),
                Binding("escape", "title", N_("Title"), show=False),
                Binding("q", "app.quit", N_("Quit"))]

    def __init__(self, debrief: Debrief):
        super().__init__()
        self.debrief = debrief

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="debrief"):
            for section in self.debrief.sections(self.debrief.ready):
                yield Static(section.heading, markup=False, id=f"{section.key}-heading",
                             classes="heading")
                if section.key != "ending":
                    yield SectionText(section.lines, id=section.key)
                    continue
                last = self.debrief.last_step(self.host.show_odds)
                if last:
                    yield Static("\n".join(last), markup=False, id="last-step")
                yield Passage(section.lines, id="ending-text")
        with Horizontal(id="debrief-actions"):
            yield Button(_("Play again, same seed (r)"), id="same",
                         variant="primary" if self.debrief.hopeful else "default")
            yield Button(_("New seed (n)"), id="fresh")
            yield Button(_("Title (t)"), id="title")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Open on the ending's own words, at the top, whatever the ending."""
        self.query_one("#ending-text", Passage).focus(scroll_visible=False)
        self.query_one("#debrief", VerticalScroll).scroll_home(animate=False)
        if not self.debrief.odds.done():
            self.wait_for_odds()

    @work(exclusive=True, group="odds")
    async def wait_for_odds(self) -> None:
        """Await the background work without holding a thread: the UI stays free."""
        odds = await asyncio.wrap_future(self.debrief.odds)
        for section in self.debrief.odds_sections(odds):
            self.query_one(f"#{section.key}", SectionText).show(section.lines)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "title":
            self.action_title()
        else:
            self.action_again(event.button.id == "same")

    def action_again(self, same_seed: bool) -> None:
        self.post_message(PlayAgainRequested(self.debrief.journey.seed if same_seed else None))

    def action_title(self) -> None:
        self.post_message(TitleRequested())
