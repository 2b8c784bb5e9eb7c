"""The title screen: pick a scenario, read its content note, start a new journey or continue."""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from journey.frontend import cells
from journey.frontend.library import Entry, user_scenarios_dir
from journey.frontend.title import TitleEntry
from journey.frontend.words import N_, _
from journey.ui.messages import ContinueRequested, ContinueWithCode, NewJourneyRequested
from journey.ui.screens.base import MainScreen
from journey.ui.screens.dialogs import ConfirmScreen, TextScreen
from journey.ui.widgets.fitted_text import FittedText
from journey.ui.widgets.key_footer import KeyFooter
from journey.ui.widgets.marked_list import MarkedOptionList

class FolderNote(FittedText):
    """Where the player's own scenarios go, the path broken only after a '/' (never inside a
    folder's name), with the home folder written '~'."""

    def __init__(self, folder: Path, *, id: str | None = None):  # noqa: A002
        super().__init__(id=id)
        self.folder = folder

    def text_for(self, width: int) -> Text:
        home = str(Path.home())
        path = str(self.folder)
        if home not in ("", "/") and path.startswith(home + "/"):
            path = "~" + path[len(home):]
        lines = [""]
        for part in re.findall(r"[^/]*/|[^/]+$", path):
            if lines[-1] and cells.width(lines[-1]) + cells.width(part) > width:
                lines.append("")
            lines[-1] += part
        return Text(_("Your own scenarios go in:\n{folder}").format(folder="\n".join(lines)))


class TitleScreen(MainScreen):
    """Lists the scenarios (bundled, then the player's own folder) and offers what to do."""

    BINDINGS = [Binding("n", "new", N_("New journey")), Binding("c", "continue", N_("Continue")),
                Binding("a", "about", N_("About and sources")),
                Binding("q", "app.quit", N_("Quit"))]

    def __init__(self, entries: list[Entry], selected: Path):
        super().__init__()
        self.entries = entries
        self.selected = selected
        self.entry = TitleEntry("", "")
        """What the game says of the selected scenario and its save."""
        self.away = False
        """True while another screen is on top; coming back re-reads the save."""

    def compose(self) -> ComposeResult:
        yield Static(_("journey: escape routes of North Korean defectors"), id="app-title")
        with Horizontal(id="title-body"):
            with Vertical(id="scenario-side") as side:
                side.border_title = _("Scenarios")
                yield MarkedOptionList(id="scenarios")
                yield FolderNote(user_scenarios_dir(), id="user-folder")
            with VerticalScroll(id="scenario-info"):
                yield Static(id="content-note", markup=False)
                yield Static(id="save-status", markup=False)
                yield Static(id="scenario-summary", markup=False)
        with Horizontal(id="title-actions"):
            yield Button(_("New journey (n)"), id="new", variant="primary")
            yield Button(_("Continue with a code (c)") if self.served else _("Continue (c)"),
                         id="continue", variant="success")
            yield Button(_("About and sources (a)"), id="about")
            yield Button(_("Quit (q)"), id="quit")
        yield KeyFooter()

    def on_mount(self) -> None:
        chooser = self.query_one("#scenarios", MarkedOptionList)
        index = next((i for i, e in enumerate(self.entries)
                      if e.path.resolve() == self.selected.resolve()), 0)
        chooser.show([Option(_("{scenario} ({origin})").format(scenario=e.name,
                                                              origin=_(e.origin)), id=str(i))
                      for i, e in enumerate(self.entries)], index)
        chooser.focus()
        self.show_entry(index)

    def on_screen_suspend(self) -> None:
        self.away = True

    def on_screen_resume(self) -> None:
        """Back from a journey: the save has moved on, so show it afresh."""
        if self.away:
            self.away = False
            self.show_entry(self.query_one("#scenarios", OptionList).highlighted or 0)

    @property
    def served(self) -> bool:
        """In a browser tab of `journey serve`, where journeys are found by their code."""
        return self.game.classroom is not None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "scenarios" and \
                self.entries[event.option_index].path != self.selected:
            self.show_entry(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "scenarios":
            continuing = self.query_one("#continue", Button)
            (self.query_one("#new", Button) if continuing.disabled else continuing).focus()

    def show_entry(self, index: int) -> None:
        """Show a scenario as the game describes it, with its save (in progress, none, or what
        became of it: set aside, kept across an edit, open in another game)."""
        entry = self.entries[index]
        self.selected = entry.path
        shown = self.entry = self.game.describe(entry)
        self.query_one("#scenario-info", VerticalScroll).border_title = Content(shown.heading)
        self.query_one("#scenario-summary", Static).update(shown.summary)
        self.query_one("#content-note", Static).update(shown.content_note)
        self.query_one("#save-status", Static).update(shown.save_note)
        self.query_one("#new", Button).disabled = not shown.playable
        self.query_one("#continue", Button).disabled = not shown.can_continue
        self.query_one("#about", Button).disabled = not shown.playable
        self.refresh_bindings()
        if shown.notice is not None:
            self.notify(shown.notice.text, title=shown.notice.title,
                        severity=shown.notice.severity, markup=False, timeout=10)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out New and About for a broken scenario, and Continue when nothing is saved."""
        if action in ("new", "about"):
            return self.entry.playable or None
        if action == "continue":
            return self.entry.can_continue or None
        return True

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        """Each button does what its key does."""
        actions = {"new": "new", "continue": "continue", "about": "about", "quit": "app.quit"}
        if event.button.id in actions:
            await self.run_action(actions[event.button.id])

    def action_new(self) -> None:
        if not self.entry.playable:
            return
        request = NewJourneyRequested(self.selected, self.game.seed)
        question = self.entry.replace_question
        if question is None:
            self.post_message(request)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self.post_message(request)

        self.app.push_screen(ConfirmScreen(question, _("Start a new journey"), _("Keep it")),
                             answered)

    def action_continue(self) -> None:
        if self.served:
            self.ask_code()
        elif self.entry.playable and self.entry.can_continue:
            self.post_message(ContinueRequested(self.selected))

    def ask_code(self) -> None:
        from journey.ui.screens.classroom import CodeScreen

        def answered(code: str | None) -> None:
            if code is not None and self.entry.playable:
                self.post_message(ContinueWithCode(self.selected, code))

        classroom = self.game.classroom
        assert classroom is not None, "codes are asked for in a classroom only"
        self.app.push_screen(CodeScreen(classroom.code_length, self.entry.own_code), answered)

    def action_about(self) -> None:
        lines = self.game.about(self.selected)
        if lines is not None:
            self.app.push_screen(TextScreen(_("About and sources"), lines))
