"""The words every front end tells a journey in: what a step did, the odds that were in play,
the journal and step counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journey.engine.rules import RiskResolved, ValueChanged
from journey.frontend.cells import rjust
from journey.frontend.chance_words import percent
from journey.frontend.words import N_, _, ngettext

if TYPE_CHECKING:
    from journey.frontend.playthrough import Playthrough, Step

NOTHING_YET = N_("Nothing has happened yet.")
"""A catalogue key: shown through `_`."""


def steps_text(count: int) -> str:
    """'1 step', '3 steps'."""
    return ngettext("{count} step", "{count} steps", count).format(count=count)


def narrate(step: Step, show_odds: bool, compact: bool = False) -> list[str]:
    """The journal's words for one step; with `show_odds`, the odds that were in play. With
    `compact` (the small panel above the scene, which must leave the scene room), only the
    chance of what happened, and no changes (the status panel shows those)."""
    lines = [_("You chose: {choice}").format(choice=step.choice)]
    for event in step.events:
        if isinstance(event, RiskResolved):
            if compact and show_odds:
                lines.append(_("What happened ({chance} chance): {outcome}").format(
                    chance=percent(event.probability), outcome=event.text))
            else:
                lines.append(_("What happened: {outcome}").format(outcome=event.text))
            if show_odds and not compact:
                lines.extend(odds_lines(event))
        elif isinstance(event, ValueChanged) and not compact:
            lines.append(_("{label}: was {before}, now {after}").format(
                label=event.label, before=event.before, after=event.after))
    return lines


def odds_lines(risk: RiskResolved) -> list[str]:
    """Each outcome that was possible, with its probability; the one that happened marked."""
    lines = [_("The odds were:")]
    happened = False
    for text, probability in risk.odds:
        shown = text
        if not happened and text == risk.text and probability == risk.probability:
            shown, happened = _("{outcome} (this happened)").format(outcome=text), True
        lines.append(f"  {rjust(percent(probability), 5)}  {shown}")
    return lines


def journal(journey: Playthrough, show_odds: bool) -> list[str]:
    """The journal: an entry per step, headed with its number and stage, each as `narrate`
    tells it (the odds too, with `show_odds`)."""
    stages = journey.scenario.stages
    return ["\n".join([_("Step {number}, {stage}").format(number=step.number,
                                                            stage=stages[step.scene.stage].title),
                       *narrate(step, show_odds)]) for step in journey.steps]
