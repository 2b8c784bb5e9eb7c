"""What the title screen shows of a scenario, decided once for every front end: its heading, its
content note and summary (or why it cannot be played), what is saved of it and what pressing
New or Continue would do, and the About page with its sources."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from journey.engine.model import Scenario, Scene
from journey.frontend import notices
from journey.frontend.classroom import Classroom, code_slot
from journey.frontend.debrief import Line
from journey.frontend.notices import Notice
from journey.frontend.session import look
from journey.frontend.words import N_, _

ABOUT = N_(
    "journey follows one person's flight from North Korea: the river crossing, hiding in China, "
    "the long transit south, and for some, asylum in South Korea. Every step is a choice and a "
    "weighted risk; the endings are the real ones. The facts in each scenario come from the "
    "sources below. The debrief at the end sets your journey beside the odds inside the game, "
    "worked out exactly for your era, and beside the real arrivals in South Korea.\n")


@dataclass(frozen=True)
class TitleEntry:
    """One scenario on the title screen. `summary` says why it cannot be played when it cannot
    (`playable`); `save_note` what is saved of it; `replace_question` is asked before a new
    journey replaces one saved under way (None: nothing would be replaced); `own_code` is the
    code of the browser tab's own journey, offered when a code is asked for; `notice` tells
    once what became of a save found on the way (set aside, kept across an edit)."""

    heading: str
    summary: str
    content_note: str = ""
    save_note: str = ""
    playable: bool = False
    can_continue: bool = False
    replace_question: str | None = None
    own_code: str | None = None
    notice: Notice | None = None


def unplayable(name: str, why: str, served: bool) -> TitleEntry:
    """A scenario that cannot be played: `why`, in place of its summary. (In a browser tab, a
    code can still be typed.)"""
    return TitleEntry(name, why, can_continue=served)


def describe(scenario: Scenario, path: Path, classroom: Classroom | None) -> TitleEntry:
    """The entry of a scenario that loads: in progress, nothing saved, or what became of its
    save. Served journeys are found by their code instead: the tab's own, if it played one."""
    note = _("Content note: {note}").format(note=scenario.content_note.strip())
    if classroom is not None:
        return _in_a_tab(scenario, path, classroom, note)
    found = look(scenario, path)
    notes = [found.notice] if found.notice else []
    question = None
    if found.save is not None:
        journey, scene = found.save.journey, found.save.journey.node
        stage = scenario.stages[scene.stage].title if isinstance(scene, Scene) else ""
        notes.append(notices.in_progress(journey.state.step, stage, journey.seed))
        question = notices.new_question(journey.state.step, None)
    elif not found.in_use:
        notes.append(_(notices.NOTHING_SAVED))
    told = Notice(found.notice, _(notices.SAVED_JOURNEY), "warning") \
        if found.notice and not found.in_use else None
    return TitleEntry(scenario.title, scenario.summary.strip(), note, "\n\n".join(notes), True,
                      found.save is not None, question, notice=told)


def _in_a_tab(scenario: Scenario, path: Path, classroom: Classroom, note: str) -> TitleEntry:
    """In a browser tab: the journey this tab played, if it can still be continued."""
    entry = TitleEntry(scenario.title, scenario.summary.strip(), note, _(notices.BY_CODE), True,
                       True)
    code = classroom.code
    if code is None:
        return entry
    found = look(scenario, path, code_slot(scenario.id, code))
    if found.save is None:
        return entry
    steps = found.save.journey.state.step
    return TitleEntry(entry.heading, entry.summary, note, notices.tab_in_progress(code, steps),
                      True, True, notices.new_question(steps, code), code)


def about(scenario: Scenario) -> list[Line]:
    """The About page: what journey is, the scenario, and every source it cites, with notes."""
    lines = [Line(_(ABOUT)), Line(scenario.title), Line(scenario.summary.strip()), Line(""),
             Line(_("Sources"))]
    for source in scenario.sources.values():
        lines.append(Line(source.citation(), "-"))
        if source.note:
            lines.append(Line(_("Note: {note}").format(note=source.note), ""))
    return lines
