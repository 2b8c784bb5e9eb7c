"""The debrief's content, decided once for the app and plain mode, which only draw it.

Its sections come in the order a player should meet them: how the journey ended, what happens
in reality, questions for reflection, then the figures (the odds inside the game for the
player's own era, with how journeys that got as far as hers end; the real arrivals in South
Korea, her era's years marked), her route, step by step, and last its turning points: how her
chance moved along that route, by her choices and by luck.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from journey.engine.engine import InvalidChoice
from journey.engine.exact.summary import HOPEFUL_KINDS, harmful_kind
from journey.engine.model import Ending, Scenario, Values
from journey.engine.text import shown
from journey.engine.turning import NotInTable, Outlook, Turn, TurningPoints, turning_points
from journey.frontend.charts import Row, bar_chart
from journey.frontend.narration import percent
from journey.frontend.playthrough import Playthrough

if TYPE_CHECKING:
    from journey.data.arrivals import ArrivalsTable
    from journey.engine.exact.summary import Group, StageOdds
    from journey.frontend.odds_cache import ScenarioOdds

YOUR_ENDING = "(your ending)"
YOUR_ERA = "◀ your era"
FIRST_YEAR, LAST_YEAR = 1998, 2025
CHART_WIDTH = 24
KIND_WORDS = {"hiding": "years in hiding", "turned_back": "turning back"}
"""How a kind reads in a sentence ('end in ...'), where its label does not."""
INSIDE_THE_GAME = ("These are the odds inside this game, worked out exactly from the scenario "
                   "for a player who picks at random among the choices open to them. They are "
                   "not real-world statistics.")
WORKING = "Working out the exact odds for this scenario..."
ODDS_KEYS = ("odds", "turning")
"""The sections drawn from the odds: while they are worked out, these follow the rest."""
TURNING = "Turning points: choice and luck"
TURNING_WORKING = "Working out how your chances moved along your route..."
GAME_NOT_WORLD = ("These are the game's odds, not the world's. At each step, the figure is the "
                  "chance inside this game that a journey from there ends in {goal}, if every "
                  "choice after it were made at random; beside each option, the chance once "
                  "that option is taken. Nobody on a real journey can see odds like these.")
NOT_A_JUDGEMENT = ("This describes chance inside the game. It does not say that any choice was "
                   "good or bad: people on these journeys choose without knowing such odds, "
                   "often between few options, and much is decided by money, timing and other "
                   "people.")


@dataclass(frozen=True)
class Line:
    """A line of the debrief. In a list, `lead` (a number, a bullet, or "" to go on from the
    line above) stands before the text, and lines that wrap are indented past it; a `marked`
    line is emphasised, and says so in its words too."""

    text: str
    lead: str | None = None
    marked: bool = False


@dataclass(frozen=True)
class Section:
    """A part of the debrief: `key` names it for a front end that draws one differently."""

    key: str
    heading: str
    lines: tuple[Line, ...]


def harmful(ending: Ending) -> bool:
    """Only after a hopeful ending (`summary.HOPEFUL_KINDS`) may the debrief offer to play
    again first. After any other, the player meets the ending's own words first, and nothing
    invites her to try again before she has read them."""
    return harmful_kind(ending.kind)


def kind_label(kind: str) -> str:
    """'turned_back' -> 'Turned back'."""
    return kind.replace("_", " ").capitalize()


def in_words(probability: float) -> str:
    """A chance as a student reads it easily: 'all', '9 in 10', '1 in 20', 'none'."""
    if probability >= 1 - 1e-9:
        return "all"
    if probability >= 0.95:
        return "almost all"
    if probability >= 0.095:
        return f"{int(probability * 10 + 0.5)} in 10"
    if probability >= 0.01:
        return f"1 in {round(1 / probability)}"
    return "fewer than 1 in 100" if probability > 0 else "none"


def sections(journey: Playthrough, odds: ScenarioOdds | None) -> list[Section]:
    """The whole debrief of a journey that has ended; `odds` None while they are being worked
    out (the odds section then says so)."""
    ending = journey.ending
    assert ending is not None, "the debrief follows an ending"
    scenario = journey.scenario
    values = journey.state.values
    found = [Section("ending", f"The journey ends: {ending.title}",
                     (Line(shown(scenario, ending.text, values).strip()),)),
             Section("reality", "What happens in reality",
                     reality_lines(ending, scenario, values))]
    questions = scenario.questions.for_kind(ending.kind)
    if questions:
        found.append(Section("questions", "Questions for reflection",
                             tuple(Line(" ".join(q.split()), f"{n}.")
                                   for n, q in enumerate(questions, 1))))
    return found + [odds_section(journey, odds), arrivals_section(journey),
                    Section("route", "Your route", tuple(Line(text, number)
                                                         for number, text in timeline(journey))),
                    turning_section(journey, odds)]


def odds_sections(journey: Playthrough, odds: ScenarioOdds) -> list[Section]:
    """The sections of ODDS_KEYS, once the odds are ready."""
    return [odds_section(journey, odds), turning_section(journey, odds)]


def era_of(journey: Playthrough) -> tuple[int, str] | None:
    """The value and name of the journey's era (its `eras.by` at the end), if it has eras."""
    scenario = journey.scenario
    if scenario.eras is None:
        return None
    slot = scenario.slot(scenario.eras.by)
    value = journey.state.values[slot]
    return value, scenario.value_text(slot, value)


def odds_heading(journey: Playthrough) -> str:
    era = era_of(journey)
    return "How journeys in this scenario end" if era is None else \
        f"Journeys {era[1]} end like this"


def odds_section(journey: Playthrough, odds: ScenarioOdds | None) -> Section:
    """The odds of each kind of ending in the journey's own era (or the whole scenario's), and
    how journeys that got as far as hers end."""
    heading = odds_heading(journey)
    if odds is None:
        return Section("odds", heading, (Line(WORKING),))
    summary = odds.summary
    if summary is None:
        return Section("odds", heading, (Line(f"The odds could not be worked out: "
                                              f"{odds.reason}."),))
    era = era_of(journey)
    mine = summary.era(era[0]) if era is not None else None
    group, funnel = (mine.odds, mine.funnel) if mine is not None else (summary.odds,
                                                                       summary.funnel)
    kind = journey.ending.kind if journey.ending else ""
    lines = [Line(INSIDE_THE_GAME), Line("")] + [Line(row) for row in kind_chart(group, kind)]
    reached = furthest_stage(journey)
    stage = next((s for s in funnel if s.stage == reached), None)
    if stage is not None:
        lines += [Line(""), Line(reached_line(journey.scenario, stage, kind))]
    return Section("odds", heading, tuple(lines))


def kind_chart(group: Group, own_kind: str) -> list[str]:
    """A bar per ending kind that happens, largest first, the player's own kind marked in
    words."""
    odds = sorted(((k, p) for k, p in group.kinds.items() if p > 0), key=lambda item: -item[1])
    return bar_chart([Row(kind_label(kind), p, percent(p), YOUR_ENDING if kind == own_kind
                          else "") for kind, p in odds], CHART_WIDTH)


def furthest_stage(journey: Playthrough) -> str | None:
    """The id of the furthest stage along the route that the journey reached."""
    stages = [step.scene.stage for step in journey.steps]
    return journey.scenario.stages[max(stages)].id if stages else None


def reached_line(scenario: Scenario, stage: StageOdds, own_kind: str) -> str:
    """'3 in 10 journeys get as far as the stage "Third countries", as yours did. Of those,
    9 in 10 end in asylum; 1 in 30 end in deportation, as yours did.'"""
    title = next(s.title for s in scenario.stages if s.id == stage.stage)
    kinds = stage.odds.kinds
    top = max(kinds, key=lambda k: kinds[k])
    if stage.odds.share >= 1 - 1e-9:
        said = f'Every journey passes through the stage "{title}". Of all journeys, '
    else:
        said = (f'{in_words(stage.odds.share).capitalize()} journeys get as far as the stage '
                f'"{title}", as yours did. Of those, ')
    said += f"{in_words(kinds[top])} end in {kind_words(top)}"
    if own_kind == top:
        return said + ", as yours did."
    return said + (f"; {in_words(kinds.get(own_kind, 0.0))} end in {kind_words(own_kind)}, "
                   "as yours did.")


def kind_words(kind: str) -> str:
    return KIND_WORDS.get(kind, kind_label(kind).lower())


def arrivals_section(journey: Playthrough) -> Section:
    """The real arrivals in 1998-2025, each year written out, the years of the journey's era
    marked in words and emphasised; then the source and its notes."""
    from journey.data import arrivals

    table = arrivals.load()
    era = era_of(journey)
    years = journey.scenario.eras.years.get(era[0]) if era and journey.scenario.eras else None
    lines: list[Line] = []
    if years is not None and era is not None:
        first, last = years
        total = sum(row.total for row in table.rows
                    if row.year is not None and first <= row.year <= last)
        lines += [Line(f"{YOUR_ERA[0]} marks {first}-{last}, the years of your journey's era "
                       f"({era[1]}): {total:,} people arrived in those years."), Line("")]
    lines += arrivals_rows(table, years)
    lines += [Line(""), Line(f"Source: {table.source}. {table.url}")]
    lines += [Line(note, "-") for note in table.notes]
    return Section("arrivals", f"{table.title}, {FIRST_YEAR}-{LAST_YEAR}", tuple(lines))


def arrivals_rows(table: ArrivalsTable, years: tuple[int, int] | None) -> list[Line]:
    """A bar per row in 1998-2025 (a bucket has no single year and is kept), those within
    `years` marked."""
    rows = [row for row in table.rows
            if row.year is None or FIRST_YEAR <= row.year <= LAST_YEAR]
    mine = [years is not None and row.year is not None and years[0] <= row.year <= years[1]
            for row in rows]
    chart = bar_chart([Row(row.label, row.total, f"{row.total:,}", YOUR_ERA if marked else "")
                       for row, marked in zip(rows, mine)], CHART_WIDTH)
    return [Line(text, marked=marked) for text, marked in zip(chart, mine)]


def timeline(journey: Playthrough) -> list[tuple[str, str]]:
    """The player's route as (number, text) rows: each step, what happened (unnumbered), and
    the end."""
    scenario, rows = journey.scenario, []
    for step in journey.steps:
        rows.append((f"{step.number}.", f"{scenario.stages[step.scene.stage].title}: "
                                         f"{step.choice}"))
        if step.risk is not None:
            rows.append(("", f"What happened: {step.risk.text}"))
    if journey.ending is not None:
        rows.append(("", f"End: {journey.ending.title}"))
    return rows


def sources_lines(scenario: Scenario, source_ids: Iterable[str]) -> list[str]:
    """A citation per source id, in the order given, without repeats."""
    seen = dict.fromkeys(source_ids)
    return [f"- {scenario.sources[s].citation()}" for s in seen if s in scenario.sources]


def reality_lines(ending: Ending, scenario: Scenario, values: Values) -> tuple[Line, ...]:
    """What happens in reality after such an ending (as it reads with the journey's last
    `values`), then the sources it rests on."""
    lines = [Line(shown(scenario, ending.context, values).strip())]
    cited = sources_lines(scenario, ending.sources)
    if cited:
        lines += [Line(""), Line("Sources:")] + [Line(c[2:], "-") for c in cited]
    return tuple(lines)


def turning_section(journey: Playthrough, odds: ScenarioOdds | None) -> Section:
    """How the journey's chance of a hopeful ending (or, in a scenario without one, of a harmful
    ending) moved along its route: a chart, each step with its options and its draw, the split
    into choice and luck that adds up to where it ended, and where it moved most."""
    if odds is None:
        return Section("turning", TURNING, (Line(TURNING_WORKING),))
    table = odds.summary.chances if odds.summary is not None else None
    try:
        if table is None:
            raise ValueError(odds.reason or "this scenario has too many states to look up")
        points = turning_points(journey.scenario, table, journey.seed, journey.state.history)
    except (NotInTable, InvalidChoice, ValueError) as error:
        return Section("turning", TURNING, (Line(f"The turning points could not be worked out: "
                                                 f"{error}."),))
    scenario = journey.scenario
    measure, goal = measure_of(scenario)
    lines = [Line(GAME_NOT_WORLD.format(goal=goal)), Line(""),
             Line(f"The chance of {goal}, at the start and after each step:")]
    lines += [Line(row) for row in route_chart(journey, points, measure)]
    lines.append(Line(""))
    for turn in points.turns:
        lines += turn_lines(scenario, turn, measure, goal)
    lines += [Line("")] + split_lines(points, measure, goal)
    moved = biggest_move(scenario, points, measure)
    if moved:
        lines += [Line(""), Line(moved)]
    return Section("turning", TURNING, tuple(lines + [Line(""), Line(NOT_A_JUDGEMENT)]))


def measure_of(scenario: Scenario) -> tuple[str, str]:
    """Which chance the turning points follow, and its words: a hopeful ending ('asylum'), or,
    in a scenario without one, a harmful ending."""
    hopeful = [k for k in dict.fromkeys(e.kind for e in scenario.endings) if k in HOPEFUL_KINDS]
    if hopeful:
        return "hopeful", " or ".join(kind_words(k) for k in hopeful)
    return "harmful", "a harmful ending"


def whole(p: float) -> str:
    """A chance in whole percent, never rounded to a certainty it is not: '29%', 'under 1%'."""
    if 0 < p < 0.005:
        return "under 1%"
    if 0.995 < p < 1:
        return "over 99%"
    return f"{round(100 * p)}%"


def points_text(change: Fraction) -> str:
    """A change in percentage points: '+12 points', '-1 point', 'under 1 point down'."""
    value = 100 * change
    shown = round(value)
    if shown == 0:
        return f"under 1 point {'up' if value > 0 else 'down'}"
    return f"{shown:+d} point{'' if abs(shown) == 1 else 's'}"


def route_chart(journey: Playthrough, points: TurningPoints, measure: str) -> list[str]:
    """A bar per moment, on a scale of 0 to 100%: the start, then after each step, the last
    marked as the end."""
    stages = journey.scenario.stages
    rows = [Row("Start", points.start.of(measure), whole(points.start.of(measure)))]
    rows += [Row(f"{turn.number:>2}. {stages[turn.scene.stage].title}", turn.after.of(measure),
                 whole(turn.after.of(measure))) for turn in points.turns]
    if journey.ending is not None:
        last = rows[-1]
        rows[-1] = Row(last.label, last.value, last.shown, "◀ the end")
    return bar_chart(rows, CHART_WIDTH, top=1.0)


def turn_lines(scenario: Scenario, turn: Turn, measure: str, goal: str) -> list[Line]:
    """A step: the chance before it, then each option's chance with hers marked (in words too)
    and what her choice and the draw changed; one line for a step where nothing could change
    it."""
    stage = scenario.stages[turn.scene.stage].title
    before = turn.before.of(measure)
    chance = f"{goal} {whole(before)}" + (f", harmful ending {whole(turn.before.harmful)}"
                                          if measure == "hopeful" else "")
    number = f"{turn.number}."
    if all(o.outlook.of(measure) == before for o in turn.options) and not turn.luck_change(measure):
        taken = next(option.label for option in turn.options if option.taken)
        still = (f"The only way on: {taken}." if len(turn.options) == 1 else
                 f"None of the options here changed it (you chose: {taken}).")
        return [Line(f"{stage}. Chance: {chance}. {still}", number)]
    lines = [Line(f"{stage}. Chance before this step: {chance}.", number)]
    if len(turn.options) == 1:
        lines.append(Line(f"The only way on: {turn.options[0].label}.", ""))
    else:
        lines += [Line(f"{option.label}: {whole(option.outlook.of(measure))}" +
                       ("  ◀ your choice" if option.taken else ""), "-", marked=option.taken)
                  for option in turn.options]
        lines.append(Line(changed("Your choice", turn.choice_change(measure), turn.before,
                                  turn.chosen, measure), ""))
    if turn.risk is not None:
        lines += [Line(f"What happened, {odds_words(turn.risk.probability)}: {turn.risk.text}", ""),
                  Line(changed("That draw", turn.luck_change(measure), turn.chosen, turn.after,
                               measure), "")]
    return lines


def changed(what: str, change: Fraction, before: Outlook, after: Outlook, measure: str) -> str:
    """'Your choice changed the chance by +3 points, from 22% to 25%.', or '... did not
    change the chance.'"""
    if not change:
        return f"{what} did not change the chance."
    return (f"{what} changed the chance by {points_text(change)}, from "
            f"{whole(before.of(measure))} to {whole(after.of(measure))}.")


def odds_words(probability: float) -> str:
    """'with a chance of 62%', or 'which was certain'."""
    return "which was certain" if probability == 1 else f"with a chance of {whole(probability)}"


def split_lines(points: TurningPoints, measure: str, goal: str) -> list[Line]:
    """The journey's change split into choice and luck, in whole points that add up to where
    it ended (unrounded, they add up exactly: engine.turning)."""
    start, end = (round(100 * points.start.of(measure)), round(100 * points.outcome.of(measure)))
    choices, luck = 100 * points.choices(measure), 100 * points.luck(measure)
    if abs(choices) <= abs(luck):  # the larger part takes up the rounding
        by_choice = round(choices)
        by_luck = end - start - by_choice
    else:
        by_luck = round(luck)
        by_choice = end - start - by_luck
    ended = "ended in" if points.outcome.of(measure) == 1 else "did not end in"
    return [Line(f"Choice and luck, added up. At the start, the chance of {goal} was "
                 f"{start}%. Your choices changed it by {_points(by_choice)} in all, and the "
                 f"draws, which were luck, by {_points(by_luck)}."),
            Line(f"{start} {_signed(by_choice)} {_signed(by_luck)} = {end}: your journey "
                 f"{ended} {goal}. (Rounded to whole points; unrounded, they add up exactly.)")]


def _points(points: int) -> str:
    return f"{points:+d} point{'' if abs(points) == 1 else 's'}" if points else "0 points"


def _signed(points: int) -> str:
    return f"{'+' if points >= 0 else '-'} {abs(points)}"


def biggest_move(scenario: Scenario, points: TurningPoints, measure: str) -> str:
    """Where the chance moved most, by a choice or by a draw, in words ('' if it never moved)."""
    moves = [(abs(turn.choice_change(measure)), 0, turn) for turn in points.turns]
    moves += [(abs(turn.luck_change(measure)), 1, turn) for turn in points.turns]
    size, by_draw, turn = max(moves, key=lambda move: move[0], default=(0, 0, None))
    if turn is None or size == 0:
        return ""
    where = f"Your chance moved most at step {turn.number} " \
            f"({scenario.stages[turn.scene.stage].title}), "
    if by_draw and turn.risk is not None:
        return (where + f"by a draw {odds_words(turn.risk.probability)}, from "
                f"{whole(turn.chosen.of(measure))} to {whole(turn.after.of(measure))}: "
                f"{turn.risk.text}")
    label = next(option.label for option in turn.options if option.taken)
    return (where + f"by a choice, from {whole(turn.before.of(measure))} to "
            f"{whole(turn.chosen.of(measure))}: {label}.")
