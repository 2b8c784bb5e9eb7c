"""The class's turning points, for `journey class report` and the teacher's summary: where the
class's chances were won and lost (the decisions and draws that moved the most chance across
its journeys), and how its choices compare with a random player's at the three decisions that
matter most for a random player (`exact.decisions`).

Each recorded journey is played again from its seed and its route's choices, each outcome
drawn as the game drew it, and its turning points worked out as the debrief does
(`engine.turning`): a choice's change is the chance once it is taken minus the chance before,
a draw's the chance after it minus the chance once the choice was taken. Here those changes
are added up over the class, place by place. A journey whose route no longer fits (played on
a damaged row, say) is counted apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from journey.engine import DEFAULT_MAX_STATES, collector_paused
from journey.engine.rules import InvalidChoice
from journey.engine.exact.chances import by_kind, chances
from journey.engine.exact.decisions import Decision, decisions
from journey.engine.exact.exploration import explore
from journey.engine.exact.odds import journeys
from journey.engine.exact.order import partial_order
from journey.engine.exact.space import StateLimitExceeded
from journey.engine.exact.summary import ChanceTable
from journey.engine.kinds import harmful
from journey.engine.model import Scenario, Scene
from journey.engine.turning import NotInTable, Turn, turning_points
from journey.frontend.class_record import Entry
from journey.frontend.debrief import turning_measure
from journey.frontend.playthrough import Playthrough
from journey.frontend.words import _

PLACES = 5
"""Places listed where the class's chance moved most."""
DECISIONS = 3
"""Decisions where the class is set beside a random player."""
EXCERPT = 70
"""Characters of a scene's text that name it in a report (scene ids are for authors)."""


@dataclass(frozen=True)
class Analysis:
    """What the class's figures need of the whole scenario, worked out once: the most steps a
    journey takes (None when one can go round), and every decision, the weightiest first."""

    longest: int | None
    decisions: tuple[Decision, ...]


def analyse(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES) -> Analysis | None:
    """The scenario's analysis; None when it has too many states to explore. A scenario that
    can go round has no longest path and no decisions."""
    try:
        with collector_paused():
            space = explore(scenario, max_states)
            order = partial_order(space)
            if len(order) < len(space):
                return Analysis(None, ())
            run = journeys(space, order, longest=True)
            found = decisions(space, run, chances(space, run.order, by_kind(scenario)))
    except StateLimitExceeded:
        return None
    return Analysis(run.longest, tuple(found))


@dataclass(frozen=True)
class Place:
    """A scene where the class's chance moved: by its choices there (`by` "choice"), or by
    the draws of one of its choices (`by` "draw", `label` that choice). `won` and `lost` add
    up the rises and the falls, in percentage points, over the `met` times the class was
    there."""

    stage: str
    scene: str
    excerpt: str
    by: str
    label: str
    met: int
    won: float
    lost: float

    @property
    def moved(self) -> float:
        return self.won - self.lost

    @property
    def net(self) -> float:
        return self.won + self.lost


@dataclass(frozen=True)
class OptionRow:
    """One option of a decision: how often the class took it and a random player would, and
    the chance once it is taken (for a random player meeting the decision)."""

    label: str
    count: int
    share: float
    random_share: float
    chance: float


@dataclass(frozen=True)
class DecisionRow:
    """One of the most consequential decisions, with the class beside a random player.
    `gain`: on average over the class's meetings, its option's chance minus the average of
    the options open there (what choosing at random would give), in points; None when the
    class never met it."""

    stage: str
    scene: str
    excerpt: str
    weight: float
    met: int
    options: tuple[OptionRow, ...]
    gain: float | None


@dataclass(frozen=True)
class ClassTurning:
    """The class's turning points. `goal` names the chance followed ('asylum'); `choices` and
    `luck` are what the choices and the draws changed it by, per journey on average, in
    points."""

    goal: str
    journeys: int
    unfollowed: int
    choices: float
    luck: float
    places: tuple[Place, ...]
    decisions: tuple[DecisionRow, ...]


def excerpt(text: str) -> str:
    """The start of a scene's text, on one line, cut at a word."""
    flat = " ".join(text.split())
    if len(flat) <= EXCERPT:
        return flat
    return flat[:EXCERPT].rsplit(" ", 1)[0] + "..."


def followed(scenario: Scenario, entry: Entry) -> Playthrough | None:
    """The journey of `entry` played again from its seed and its route's choices, each draw as
    the game made it; None when the route does not fit (a scene or ending that differs)."""
    journey = Playthrough(scenario, entry.seed)
    for step in entry.route:
        if journey.over or journey.node.id != step.scene:
            return None
        try:
            journey.take(step.choice)
        except InvalidChoice:
            return None
    return journey if journey.ending is not None and journey.ending.id == entry.ending else None


def class_turning(scenario: Scenario, entries: Iterable[Entry], table: ChanceTable,
                  analysis: Analysis) -> ClassTurning:
    """The turning points of the class's journeys of this version of `scenario`."""
    measure, goal = turning_measure(scenario)
    goal = _(goal)  # the words of a kind ('asylum') are in the catalogue
    turns: list[Turn] = []
    count = unfollowed = 0
    choices = luck = Fraction(0)
    for entry in entries:
        journey = followed(scenario, entry)
        try:
            points = None if journey is None else turning_points(
                scenario, table, entry.seed, journey.state.history)
        except NotInTable:
            points = None
        if points is None:
            unfollowed += 1
            continue
        count += 1
        turns += points.turns
        choices += points.choices(measure)
        luck += points.luck(measure)
    per = 100 / count if count else 0
    return ClassTurning(goal, count, unfollowed, float(choices * per), float(luck * per),
                        places(scenario, turns, measure),
                        decision_rows(scenario, turns, analysis, measure))


def places(scenario: Scenario, turns: list[Turn], measure: str) -> tuple[Place, ...]:
    """The places where the most chance moved across the class, the most first."""
    moves: dict[tuple[str, str, int], list[Fraction]] = defaultdict(list)
    for turn in turns:
        chosen = next(option.position for option in turn.options if option.taken)
        if len(turn.options) > 1:
            moves[(turn.scene.id, "choice", -1)].append(turn.choice_change(measure))
        if turn.risk is not None:
            moves[(turn.scene.id, "draw", chosen)].append(turn.luck_change(measure))
    found = []
    for (scene_id, by, position), changes in moves.items():
        scene = scenario.node(scene_id)
        assert isinstance(scene, Scene)
        label = scene.choices[position].label if position >= 0 else ""
        won = float(100 * sum((c for c in changes if c > 0), Fraction(0)))
        lost = float(100 * sum((c for c in changes if c < 0), Fraction(0)))
        if won or lost:
            found.append(Place(scenario.stages[scene.stage].title, scene_id,
                               excerpt(scene.text), by, label, len(changes), won, lost))
    return tuple(sorted(found, key=lambda place: -place.moved)[:PLACES])


def decision_rows(scenario: Scenario, turns: list[Turn], analysis: Analysis,
                  measure: str) -> tuple[DecisionRow, ...]:
    """The class beside a random player at the most consequential decisions."""
    rows = []
    for decision in [d for d in analysis.decisions if not d.cosmetic][:DECISIONS]:
        scene = scenario.node(decision.scene)
        assert isinstance(scene, Scene)
        here = [turn for turn in turns if turn.scene.id == decision.scene]
        taken = [next(o.position for o in turn.options if o.taken) for turn in here]
        gains = [turn.chosen.of(measure) - sum(o.outlook.of(measure) for o in turn.options)
                 / len(turn.options) for turn in here]
        options = tuple(
            OptionRow(option.label, taken.count(option.position),
                      taken.count(option.position) / len(here) if here else 0.0,
                      option.share, sum(p for kind, p in option.kinds.items()
                                        if harmful(kind) == (measure == "harmful")))
            for option in decision.options)
        rows.append(DecisionRow(scenario.stages[scene.stage].title, decision.scene,
                                excerpt(scene.text), decision.weight, len(here), options,
                                100 * sum(gains) / len(gains) if gains else None))
    return tuple(rows)
