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

from journey.engine.diagnostics import ScenarioError
from journey.engine.model import Scenario, Scene
from journey.frontend.debrief import Line
from journey.frontend.classroom import code_slot
from journey.frontend.library import Entry, user_scenarios_dir
from journey.frontend.narration import steps_text
from journey.frontend.saves import Save
from journey.frontend.session import look
from journey.ui.messages import ContinueRequested, ContinueWithCode, NewJourneyRequested
from journey.ui.screens.base import MainScreen
from journey.ui.screens.dialogs import ConfirmScreen, TextScreen
from journey.ui.widgets.fitted_text import FittedText
from journey.ui.widgets.key_footer import KeyFooter
from journey.ui.widgets.marked_list import MarkedOptionList

ABOUT = (
    "journey follows one person's flight from North Korea: the river crossing, hiding in China, "
    "the long transit south, and for some, asylum in South Korea. Every step is a choice and a "
    "weighted risk; the endings are the real ones. The facts in each scenario come from the "
    "sources below. The debrief at the end sets your journey beside the odds inside the game, "
    "worked out exactly for your era, and beside the real arrivals in South Korea.\n")


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
            if lines[-1] and len(lines[-1]) + len(part) > width:
                lines.append("")
            lines[-1] += part
        return Text("Your own scenarios go in:\n" + "\n".join(lines))
BY_CODE = "To carry on with a journey you started before, press c and type its code."


class TitleScreen(MainScreen):
    """Lists the scenarios (bundled, then the player's own folder) and offers what to do."""

    BINDINGS = [Binding("n", "new", "New journey"), Binding("c", "continue", "Continue"),
                Binding("a", "about", "About and sources"), Binding("q", "app.quit", "Quit")]

    def __init__(self, entries: list[Entry], selected: Path):
        super().__init__()
        self.entries = entries
        self.selected = selected
        self.loaded: dict[Path, Scenario | str] = {}
        """Scenario per path, or the text of its load error."""
        self.save: Save | None = None
        self.save_note = ""
        self.away = False
        """True while another screen is on top; coming back re-reads the save."""

    def compose(self) -> ComposeResult:
        yield Static("journey: escape routes of North Korean defectors", id="app-title")
        with Horizontal(id="title-body"):
            with Vertical(id="scenario-side") as side:
                side.border_title = "Scenarios"
                yield MarkedOptionList(id="scenarios")
                yield FolderNote(user_scenarios_dir(), id="user-folder")
            with VerticalScroll(id="scenario-info"):
                yield Static(id="content-note", markup=False)
                yield Static(id="save-status", markup=False)
                yield Static(id="scenario-summary", markup=False)
        with Horizontal(id="title-actions"):
            yield Button("New journey (n)", id="new", variant="primary")
            yield Button("Continue with a code (c)" if self.served else "Continue (c)",
                         id="continue", variant="success")
            yield Button("About and sources (a)", id="about")
            yield Button("Quit (q)", id="quit")
        yield KeyFooter()

    def on_mount(self) -> None:
        chooser = self.query_one("#scenarios", MarkedOptionList)
        index = next((i for i, e in enumerate(self.entries)
                      if e.path.resolve() == self.selected.resolve()), 0)
        chooser.show([Option(f"{e.name} ({e.origin})", id=str(i))
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
        return self.journey_app.classroom is not None

    @property
    def scenario(self) -> Scenario | None:
        found = self.loaded.get(self.selected)
        return found if isinstance(found, Scenario) else None

    def load(self, path: Path) -> Scenario | str:
        if path not in self.loaded:
            try:
                self.loaded[path] = self.journey_app.scenario_at(path)
            except ScenarioError as error:
                self.loaded[path] = f"This scenario cannot be played yet:\n{error}"
            except OSError as error:
                self.loaded[path] = f"This scenario cannot be read: {error}"
        return self.loaded[path]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "scenarios" and \
                self.entries[event.option_index].path != self.selected:
            self.show_entry(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "scenarios":
            continuing = self.query_one("#continue", Button)
            (self.query_one("#new", Button) if continuing.disabled else continuing).focus()

    def show_entry(self, index: int) -> None:
        entry = self.entries[index]
        self.selected = entry.path
        found = self.load(entry.path)
        box = self.query_one("#scenario-info", VerticalScroll)
        summary = self.query_one("#scenario-summary", Static)
        note = self.query_one("#content-note", Static)
        if isinstance(found, str):
            box.border_title = Content(entry.name)
            summary.update(found)
            note.update("")
            self.save, self.save_note = None, ""
        else:
            box.border_title = Content(found.title)
            summary.update(found.summary.strip())
            note.update("Content note: " + found.content_note.strip())
            self.read_save(found)
        self.query_one("#save-status", Static).update(self.save_note)
        self.query_one("#new", Button).disabled = isinstance(found, str)
        self.query_one("#continue", Button).disabled = self.save is None and not self.served
        self.query_one("#about", Button).disabled = isinstance(found, str)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out New and About for a broken scenario, and Continue when nothing is saved."""
        if action in ("new", "about"):
            return self.scenario is not None or None
        if action == "continue":
            return self.save is not None or self.served or None
        return True

    def read_save(self, scenario: Scenario) -> None:
        """Describe the save of the selected scenario: in progress, none, or what became of
        it (set aside, kept across an edit, open in another game). Served journeys are
        found by their code instead: the tab's own, if it played one, is named."""
        if self.served:
            self.read_tab_save(scenario)
            return
        found = look(scenario, self.selected)
        self.save = found.save
        notes = [found.notice] if found.notice else []
        if found.save is not None:
            journey, scene = found.save.journey, found.save.journey.node
            stage = scenario.stages[scene.stage].title if isinstance(scene, Scene) else ""
            notes.append(f"Journey in progress, {steps_text(journey.state.step)} taken, now "
                         f"at {stage} (seed {journey.seed}). Press c to continue.")
        elif not found.in_use:
            notes.append("No journey in progress.")
        self.save_note = "\n\n".join(notes)
        if found.notice and not found.in_use:
            self.notify(found.notice, title="Your saved journey", severity="warning",
                        markup=False, timeout=10)

    def read_tab_save(self, scenario: Scenario) -> None:
        """In a browser tab: the journey this tab played, if it can still be continued."""
        classroom = self.journey_app.classroom
        self.save, self.save_note = None, BY_CODE
        if classroom is None or classroom.code is None:
            return
        found = look(scenario, self.selected, code_slot(scenario.id, classroom.code))
        if found.save is not None:
            self.save = found.save
            self.save_note = (f"Your journey in progress: code {classroom.code}, "
                              f"{steps_text(found.save.journey.state.step)} taken. Press c to "
                              "carry on with it, or to type another code.")

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        """Each button does what its key does."""
        actions = {"new": "new", "continue": "continue", "about": "about", "quit": "app.quit"}
        if event.button.id in actions:
            await self.run_action(actions[event.button.id])

    def action_new(self) -> None:
        scenario = self.scenario
        if scenario is None:
            return
        request = NewJourneyRequested(scenario, self.selected, self.journey_app.seed)
        if self.save is None:
            self.post_message(request)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self.post_message(request)

        steps = steps_text(self.save.journey.state.step)
        classroom = self.journey_app.classroom
        if classroom is not None and classroom.code is not None:
            from journey.ui.classroom_tab import new_question

            question = new_question(classroom.code, steps)
        else:
            question = (f"Start a new journey? The journey in progress ({steps} taken) will "
                        "be replaced.")
        self.app.push_screen(ConfirmScreen(question, "Start a new journey", "Keep it"),
                             answered)

    def action_continue(self) -> None:
        if self.served:
            self.ask_code()
        elif self.scenario is not None and self.save is not None:
            self.post_message(ContinueRequested(self.scenario, self.selected))

    def ask_code(self) -> None:
        from journey.ui.screens.classroom import CodeScreen

        def answered(code: str | None) -> None:
            if code is not None and self.scenario is not None:
                self.post_message(ContinueWithCode(self.scenario, self.selected, code))

        classroom = self.journey_app.classroom
        assert classroom is not None, "codes are asked for in a classroom only"
        own = classroom.code if self.save is not None else None
        self.app.push_screen(CodeScreen(classroom.code_length, own), answered)

    def action_about(self) -> None:
        scenario = self.scenario
        if scenario is None:
            return
        lines = [Line(ABOUT), Line(scenario.title), Line(scenario.summary.strip()), Line(""),
                 Line("Sources")]
        for source in scenario.sources.values():
            lines.append(Line(source.citation(), "-"))
            if source.note:
                lines.append(Line(f"Note: {source.note}", ""))
        self.app.push_screen(TextScreen("About and sources", lines))
