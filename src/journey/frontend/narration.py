"""The words every front end tells a journey in: what a step did, the odds that were in play,
the journal and step counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journey.engine.rules import RiskResolved, ValueChanged
from journey.frontend.chance_words import percent

if TYPE_CHECKING:
    from journey.frontend.playthrough import Playthrough, Step

NOTHING_YET = "Nothing has happened yet."


def steps_text(count: int) -> str:
    """'1 step', '3 steps'."""
    return f"{count} step{'' if count == 1 else 's'}"


def narrate(step: Step, show_odds: bool, compact: bool = False) -> list[str]:
    """The journal's words for one step; with `show_odds`, the odds that were in play. With
    `compact` (the small panel above the scene, which must leave the scene room), only the
    chance of what happened, and no changes (the status panel shows those)."""
    lines = [f"You chose: {step.choice}"]
    for event in step.events:
        if isinstance(event, RiskResolved):
            chance = f" ({percent(event.probability)} chance)" if compact and show_odds else ""
            lines.append(f"What happened{chance}: {event.text}")
            if show_odds and not compact:
                lines.extend(odds_lines(event))
        elif isinstance(event, ValueChanged) and not compact:
            lines.append(f"{event.label}: was {event.before}, now {event.after}")
    return lines


def odds_lines(risk: RiskResolved) -> list[str]:
    """Each outcome that was possible, with its probability; the one that happened marked."""
    lines = ["The odds were:"]
    happened = False
    for text, probability in risk.odds:
        mark = ""
        if not happened and text == risk.text and probability == risk.probability:
            mark, happened = " (this happened)", True
        lines.append(f"  {percent(probability):>5}  {text}{mark}")
    return lines


def journal(journey: Playthrough, show_odds: bool) -> list[str]:
    """The journal: an entry per step, headed with its number and stage, each as `narrate`
    tells it (the odds too, with `show_odds`)."""
    stages = journey.scenario.stages
    return ["\n".join([f"Step {step.number}, {stages[step.scene.stage].title}",
                       *narrate(step, show_odds)]) for step in journey.steps]
