"""The debrief's content, decided once for the app and plain mode, which only draw it (and
for the web page, whose figures frontend.page_data takes from here).

Its sections come in the order a player should meet them: how the journey ended, with what
its kind of ending means (the scenario's glossary), what happens in reality, questions for
reflection, then the figures (the game's odds for the player's own era, said to be the odds of
choosing at random, each other kind of ending explained where it first appears, and how
journeys that got as far as hers end; the real arrivals in South Korea, her era's years
marked, with why the two charts differ), her route, step by step, and last its turning points:
how her chance moved along that route, by her choices and by luck.

No ranking: her ending is named, never marked as hers among the others, and nothing says a
journey did as well as, or better than, another. Every sentence is the catalogue's
(frontend.words), whole, with named values.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from journey.engine.rules import InvalidChoice
from journey.engine import kinds
from journey.engine.model import Ending, Era, Scenario, Values
from journey.engine.text import shown
from journey.engine.turning import NotInTable, Outlook, Turn, TurningPoints, turning_points
from journey.frontend.charts import Row, bar_chart
from journey.frontend.chance_words import in_words, percent, whole
from journey.frontend.narration import narrate
from journey.frontend.playthrough import Playthrough
from journey.frontend.words import N_, _, ngettext

if TYPE_CHECKING:
    from journey.data.arrivals import ArrivalsTable
    from journey.engine.exact.summary import Group, StageOdds
    from journey.frontend.odds_cache import ScenarioOdds

MARK = "◀"
"""What marks a row in a chart, in every language."""
YOUR_ERA = N_("◀ your era")
FIRST_YEAR, LAST_YEAR = 1998, 2025
CHART_WIDTH = 24
AT_RANDOM = N_("If you had chosen at random every time, in this game, journeys would end like "
               "this. These are the game's odds, worked out exactly from its choices; they are "
               "not real-world statistics.")
AT_RANDOM_IN_ERA = N_("If you had chosen at random every time, in this game, journeys {era} "
                      "would end like this. These are the game's odds, worked out exactly from "
                      "its choices; they are not real-world statistics.")
NOBODY_KNOWS = N_("The odds above are the game's. Nobody knows how many people tried to leave; "
                  "these are only the ones who arrived.")
WORKING = N_("Working out the exact odds for this scenario...")
ODDS_KEYS = ("odds", "turning")
"""The sections drawn from the odds: while they are worked out, these follow the rest."""
TURNING = N_("Turning points: choice and luck")
TURNING_WORKING = N_("Working out how your chances moved along your route...")
GAME_NOT_WORLD = N_("These are the game's odds, not the world's. At each step, the figure is "
                    "the chance inside this game that a journey from there ends in {goal}, if "
                    "every choice after it were made at random; beside each option, the chance "
                    "once that option is taken. Nobody on a real journey can see odds like "
                    "these.")
TOO_MANY_STATES = N_("this scenario has too many states to look up")
NOT_A_JUDGEMENT = N_("This describes chance inside the game. It does not say that any choice "
                     "was good or bad: people on these journeys choose without knowing such "
                     "odds, often between few options, and much is decided by money, timing and "
                     "other people.")


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


@dataclass(frozen=True)
class Debrief:
    """The debrief of a journey that has ended, as every front end shows it: its sections, in
    order, and the scenario's odds, which may still be worked out (`odds` is set once they
    are; the sections of ODDS_KEYS say so until then)."""

    journey: Playthrough
    odds: Future[ScenarioOdds]

    @property
    def ending(self) -> Ending:
        ending = self.journey.ending
        assert ending is not None, "the debrief follows an ending"
        return ending

    @property
    def hopeful(self) -> bool:
        """Whether "Play again" may come first: only after a hopeful ending (`harmful`)."""
        return not harmful(self.ending)

    @property
    def ready(self) -> ScenarioOdds | None:
        """The odds, if they have been worked out."""
        return self.odds.result() if self.odds.done() else None

    def sections(self, odds: ScenarioOdds | None) -> list[Section]:
        """Every section, with `odds` (None: the odds sections say they are on their way)."""
        return sections(self.journey, odds)

    def odds_sections(self, odds: ScenarioOdds) -> list[Section]:
        return odds_sections(self.journey, odds)

    def last_step(self, show_odds: bool) -> list[str]:
        """What the last step did, as the journey screen told it."""
        last = self.journey.last_step
        return narrate(last, show_odds, compact=True) if last is not None else []


def harmful(ending: Ending) -> bool:
    """Only after a hopeful ending (engine.kinds) may the debrief offer to play again first.
    After any other, the player meets the ending's own words first, and nothing invites her to
    try again before she has read them."""
    return kinds.harmful(ending.kind)


def kind_label(kind: str) -> str:
    """'turned_back' -> 'Turned back'."""
    return _(kinds.label(kind))


def explained(scenario: Scenario, kind: str) -> str | None:
    """What an ending of `kind` means, from the scenario's glossary ('Repatriation: being sent
    back...'), or None when no entry explains it."""
    entry = scenario.explaining(kind)
    return None if entry is None else _("{term}: {meaning}").format(term=entry.term,
                                                                    meaning=entry.text)


def sections(journey: Playthrough, odds: ScenarioOdds | None) -> list[Section]:
    """The whole debrief of a journey that has ended; `odds` None while they are being worked
    out (the odds section then says so)."""
    ending = journey.ending
    assert ending is not None, "the debrief follows an ending"
    scenario = journey.scenario
    values = journey.state.values
    meaning = explained(scenario, ending.kind)
    found = [Section("ending", _("The journey ends: {title}").format(title=ending.title),
                     (Line(shown(scenario, ending.text, values).strip()),)
                     + ((Line(""), Line(meaning)) if meaning else ())),
             Section("reality", _("What happens in reality"),
                     reality_lines(ending, scenario, values))]
    questions = question_lines(scenario, ending.kind)
    if questions:
        found.append(Section("questions", _("Questions for reflection"), questions))
    return found + [odds_section(journey, odds), arrivals_section(journey),
                    Section("route", _("Your route"),
                            tuple(Line(text, number) for number, text in timeline(journey))),
                    turning_section(journey, odds)]


def question_lines(scenario: Scenario, kind: str) -> tuple[Line, ...]:
    """The questions after an ending of `kind`, numbered, each on one line."""
    return tuple(Line(" ".join(q.split()), f"{n}.")
                 for n, q in enumerate(scenario.questions.for_kind(kind), 1))


def odds_sections(journey: Playthrough, odds: ScenarioOdds) -> list[Section]:
    """The sections of ODDS_KEYS, once the odds are ready."""
    return [odds_section(journey, odds), turning_section(journey, odds)]


def era_of(journey: Playthrough) -> Era | None:
    """The journey's era (by its `eras.by` at the end), if the scenario has eras."""
    return journey.scenario.era(journey.state.values)


def odds_heading() -> str:
    return _("The game's odds")


def at_random(era: Era | None) -> str:
    """What the odds are: those of choosing at random, in this game, in the journey's era."""
    return _(AT_RANDOM) if era is None else _(AT_RANDOM_IN_ERA).format(era=era.name)


def odds_section(journey: Playthrough, odds: ScenarioOdds | None) -> Section:
    """The odds of each kind of ending in the journey's own era (or the whole scenario's), as
    the odds of choosing at random; the journey's own kind named, every other kind explained;
    and how journeys that got as far as hers end."""
    heading = odds_heading()
    if odds is None:
        return Section("odds", heading, (Line(_(WORKING)),))
    summary = odds.summary
    if summary is None:
        return Section("odds", heading, (Line(_("The odds could not be worked out: {reason}.")
                                              .format(reason=odds.reason)),))
    era = era_of(journey)
    mine = summary.era(era.value) if era is not None else None
    group, funnel = (mine.odds, mine.funnel) if mine is not None else (summary.odds,
                                                                       summary.funnel)
    kind = journey.ending.kind if journey.ending else ""
    lines = [Line(at_random(era)), Line("")] + [Line(row) for row in kind_chart(group)]
    lines += [Line("")] + kind_lines(journey.scenario, kind, [k for k, _p in kind_odds(group)])
    reached = furthest_stage(journey)
    stage = next((s for s in funnel if s.stage == reached), None)
    if stage is not None:
        lines += [Line(""), Line(reached_line(journey.scenario, stage, kind))]
    return Section("odds", heading, tuple(lines))


def kind_lines(scenario: Scenario, own_kind: str, shown_kinds: list[str]) -> list[Line]:
    """Her ending named plainly, then what each other kind in the chart means (explained here,
    where it first appears; hers was explained under the ending's own words)."""
    lines = [Line(ended_in(own_kind))]
    others = [(k, explained(scenario, k)) for k in shown_kinds if k != own_kind]
    meanings = [Line(meaning, "-") for _k, meaning in others if meaning]
    if meanings:
        lines += [Line(_("What the other endings mean:"))] + meanings
    return lines


def ended_in(kind: str) -> str:
    """'Your journey ended in repatriation.'"""
    return _("Your journey ended in {kind}.").format(kind=kind_words(kind))


def kind_chart(group: Group) -> list[str]:
    """A bar per ending kind that happens, largest first, none marked: the chart shows the
    game's odds, not a ranking of the player's journey."""
    return bar_chart([kind_row(kind, p) for kind, p in kind_odds(group)], CHART_WIDTH)


def kind_odds(group: Group) -> list[tuple[str, float]]:
    """Each kind of ending that happens in `group`, with its chance, largest first."""
    return sorted(((k, p) for k, p in group.kinds.items() if p > 0), key=lambda item: -item[1])


def kind_row(kind: str, probability: float) -> Row:
    return Row(kind_label(kind), probability, percent(probability))


def furthest_stage(journey: Playthrough) -> str | None:
    """The id of the furthest stage along the route that the journey reached."""
    stages = [step.scene.stage for step in journey.steps]
    return journey.scenario.stages[max(stages)].id if stages else None


def reached_line(scenario: Scenario, stage: StageOdds, own_kind: str) -> str:
    """'Your journey reached the stage "Third countries". In this game, 3 in 10 journeys get
    that far. Of those, 9 in 10 end in asylum, and 1 in 30 in deportation.' Where the journey
    got to and how journeys from there end, told as the game's figures, never as a score."""
    title = next(s.title for s in scenario.stages if s.id == stage.stage)
    shares = stage.odds.kinds
    top = max(shares, key=lambda k: shares[k])
    if stage.odds.share >= 1 - 1e-9:
        reached = _('Your journey reached the stage "{stage}"; every journey in this game '
                    'passes through it.').format(stage=title)
    else:
        reached = _('Your journey reached the stage "{stage}". In this game, {share} journeys '
                    'get that far.').format(stage=title, share=in_words(stage.odds.share))
    if own_kind == top:
        end = _("Of those, {share} end in {kind}.").format(share=in_words(shares[top]),
                                                          kind=kind_words(top))
    else:
        end = _("Of those, {share} end in {kind}, and {own_share} in {own_kind}.").format(
            share=in_words(shares[top]), kind=kind_words(top),
            own_share=in_words(shares.get(own_kind, 0.0)), own_kind=kind_words(own_kind))
    return _("{reached} {end}").format(reached=reached, end=end)


def kind_words(kind: str) -> str:
    """'turning back', as in 'end in turning back'."""
    return _(kinds.words(kind))


def arrivals_section(journey: Playthrough) -> Section:
    """The real arrivals in 1998-2025, each year written out, the years of the journey's era
    marked in words and emphasised; then the source and its notes."""
    from journey.data import arrivals

    table = arrivals.load()
    era = era_of(journey)
    years = era.years if era is not None else None
    lines = arrivals_header(table, era) + arrivals_rows(table, years) + arrivals_notes(table)
    return Section("arrivals", arrivals_heading(table), tuple(lines))


def arrivals_heading(table: ArrivalsTable) -> str:
    return _("{title}, {first}-{last}").format(title=table.title, first=FIRST_YEAR,
                                               last=LAST_YEAR)


def arrivals_header(table: ArrivalsTable, era: Era | None) -> list[Line]:
    """What links the chart to the game's odds (nobody counts who tried); then what the mark
    means and how many arrived in the era's years (nothing more without years)."""
    lines = [Line(_(NOBODY_KNOWS)), Line("")]
    if era is None or era.years is None:
        return lines
    first, last = era.years
    total = sum(row.total for row in table.rows
                if row.year is not None and first <= row.year <= last)
    return lines + [Line(_("{mark} marks {first}-{last}, the years of your journey's era "
                           "({era}): {total} people arrived in those years.").format(
                               mark=MARK, first=first, last=last, era=era.name,
                               total=f"{total:,}")), Line("")]


def arrivals_rows(table: ArrivalsTable, years: tuple[int, int] | None) -> list[Line]:
    """A bar per row in 1998-2025 (a bucket has no single year and is kept), those within
    `years` marked."""
    rows = arrival_chart(table, years)
    return [Line(text, marked=bool(row.note))
            for text, row in zip(bar_chart(rows, CHART_WIDTH), rows)]


def arrival_chart(table: ArrivalsTable, years: tuple[int, int] | None) -> list[Row]:
    """The chart's rows: each year's (or bucket's) arrivals, the era's years noted."""
    rows = [row for row in table.rows
            if row.year is None or FIRST_YEAR <= row.year <= LAST_YEAR]
    return [Row(row.label, row.total, f"{row.total:,}",
                _(YOUR_ERA) if years is not None and row.year is not None
                and years[0] <= row.year <= years[1] else "") for row in rows]


def arrivals_notes(table: ArrivalsTable) -> list[Line]:
    """The table's source, and one note: its first, which says what a student needs (people
    are counted in the year they arrive). The others (buckets, press figures, corrections) are
    for those who check the figures, in the data file beside it (data/arrivals.json)."""
    return [Line(""), Line(_("Source: {source}. {url}").format(source=table.source,
                                                               url=table.url))] + [
        Line(note) for note in table.notes[:1]]


def timeline(journey: Playthrough) -> list[tuple[str, str]]:
    """The player's route as (number, text) rows: each step, what happened (unnumbered), and
    the end."""
    scenario, rows = journey.scenario, []
    for step in journey.steps:
        rows.append((f"{step.number}.", _("{stage}: {choice}").format(
            stage=scenario.stages[step.scene.stage].title, choice=step.choice)))
        if step.risk is not None:
            rows.append(("", _("What happened: {text}").format(text=step.risk.text)))
    if journey.ending is not None:
        rows.append(("", _("End: {title}").format(title=journey.ending.title)))
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
        lines += [Line(""), Line(_("Sources:"))] + [Line(c[2:], "-") for c in cited]
    return tuple(lines)


def turning_section(journey: Playthrough, odds: ScenarioOdds | None) -> Section:
    """How the journey's chance of a hopeful ending (or, in a scenario without one, of a harmful
    ending) moved along its route: a chart, each step with its options and its draw, the split
    into choice and luck that adds up to where it ended, and where it moved most."""
    if odds is None:
        return Section("turning", _(TURNING), (Line(_(TURNING_WORKING)),))
    table = odds.summary.chances if odds.summary is not None else None
    try:
        if table is None:
            raise ValueError(odds.reason or _(TOO_MANY_STATES))
        points = turning_points(journey.scenario, table, journey.seed, journey.state.history)
    except (NotInTable, InvalidChoice, ValueError) as error:
        return Section("turning", _(TURNING), (Line(
            _("The turning points could not be worked out: {reason}.").format(reason=error)),))
    scenario = journey.scenario
    measure, goal = turning_measure(scenario)
    lines = [Line(_(GAME_NOT_WORLD).format(goal=goal)), Line(""),
             Line(_("The chance of {goal}, at the start and after each step:").format(
                 goal=goal))]
    lines += [Line(row) for row in route_chart(journey, points, measure)]
    lines.append(Line(""))
    for turn in points.turns:
        lines += turn_lines(scenario, turn, measure, goal)
    lines += [Line("")] + split_lines(points, measure, goal)
    moved = biggest_move(scenario, points, measure)
    if moved:
        lines += [Line(""), Line(moved)]
    return Section("turning", _(TURNING), tuple(lines + [Line(""), Line(_(NOT_A_JUDGEMENT))]))


def turning_measure(scenario: Scenario) -> tuple[str, str]:
    """What the turning points follow: the chance of a hopeful ending, or in a scenario without
    one, of a harmful ending; and how it reads ('asylum', 'a harmful ending')."""
    hopeful = [k for k in dict.fromkeys(e.kind for e in scenario.endings)
               if not kinds.harmful(k)]
    if hopeful:
        goal = kind_words(hopeful[0])
        for kind in hopeful[1:]:
            goal = _("{first} or {second}").format(first=goal, second=kind_words(kind))
        return "hopeful", goal
    return "harmful", _("a harmful ending")


def points_text(change: Fraction) -> str:
    """A change in percentage points: '+12 points', '-1 point', 'under 1 point down'."""
    value = 100 * change
    shown = round(value)
    if shown == 0:
        return _("under 1 point up") if value > 0 else _("under 1 point down")
    return ngettext("{points} point", "{points} points", abs(shown)).format(
        points=f"{shown:+d}")


def route_chart(journey: Playthrough, points: TurningPoints, measure: str) -> list[str]:
    """A bar per moment, on a scale of 0 to 100%: the start, then after each step, the last
    marked as the end."""
    stages = journey.scenario.stages
    rows = [Row(_("Start"), points.start.of(measure), whole(points.start.of(measure)))]
    rows += [Row(f"{turn.number:>2}. {stages[turn.scene.stage].title}", turn.after.of(measure),
                 whole(turn.after.of(measure))) for turn in points.turns]
    if journey.ending is not None:
        last = rows[-1]
        rows[-1] = Row(last.label, last.value, last.shown, _("◀ the end"))
    return bar_chart(rows, CHART_WIDTH, top=1.0)


def turn_lines(scenario: Scenario, turn: Turn, measure: str, goal: str) -> list[Line]:
    """A step: the chance before it, then each option's chance with hers marked (in words too)
    and what her choice and the draw changed; one line for a step where nothing could change
    it."""
    stage = scenario.stages[turn.scene.stage].title
    before = turn.before.of(measure)
    chance = (_("{goal} {chance}, harmful ending {harmful}").format(
        goal=goal, chance=whole(before), harmful=whole(turn.before.harmful))
        if measure == "hopeful" else _("{goal} {chance}").format(goal=goal, chance=whole(before)))
    number = f"{turn.number}."
    if all(o.outlook.of(measure) == before for o in turn.options) and not turn.luck_change(measure):
        taken = next(option.label for option in turn.options if option.taken)
        still = (_("The only way on: {label}.") if len(turn.options) == 1 else
                 _("None of the options here changed it (you chose: {label}).")).format(
                     label=taken)
        return [Line(_("{stage}. Chance: {chance}. {still}").format(
            stage=stage, chance=chance, still=still), number)]
    lines = [Line(_("{stage}. Chance before this step: {chance}.").format(stage=stage,
                                                                         chance=chance), number)]
    if len(turn.options) == 1:
        lines.append(Line(_("The only way on: {label}.").format(label=turn.options[0].label),
                          ""))
    else:
        for option in turn.options:
            text = _("{label}: {chance}").format(label=option.label,
                                                 chance=whole(option.outlook.of(measure)))
            lines.append(Line(_("{option}  ◀ your choice").format(option=text)
                              if option.taken else text, "-", marked=option.taken))
        lines.append(Line(changed(True, turn.choice_change(measure), turn.before, turn.chosen,
                                  measure), ""))
    if turn.risk is not None:
        lines += [Line(_("What happened, {odds}: {text}").format(
                      odds=odds_words(turn.risk.probability), text=turn.risk.text), ""),
                  Line(changed(False, turn.luck_change(measure), turn.chosen, turn.after,
                               measure), "")]
    return lines


def changed(by_choice: bool, change: Fraction, before: Outlook, after: Outlook,
            measure: str) -> str:
    """'Your choice changed the chance by +3 points, from 22% to 25%.' (or 'That draw ...'),
    or '... did not change the chance.'"""
    if not change:
        return (_("Your choice did not change the chance.") if by_choice
                else _("That draw did not change the chance."))
    return (_("Your choice changed the chance by {points}, from {before} to {after}.")
            if by_choice else
            _("That draw changed the chance by {points}, from {before} to {after}.")).format(
                points=points_text(change), before=whole(before.of(measure)),
                after=whole(after.of(measure)))


def odds_words(probability: float) -> str:
    """'with a chance of 62%', or 'which was certain'."""
    return (_("which was certain") if probability == 1
            else _("with a chance of {chance}").format(chance=whole(probability)))


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
    ended = (_("{start} {choices} {luck} = {end}: your journey ended in {goal}. (Rounded to "
               "whole points; unrounded, they add up exactly.)")
             if points.outcome.of(measure) == 1 else
             _("{start} {choices} {luck} = {end}: your journey did not end in {goal}. (Rounded "
               "to whole points; unrounded, they add up exactly.)"))
    return [Line(_("Choice and luck, added up. At the start, the chance of {goal} was {start}%. "
                   "Your choices changed it by {choices} in all, and the draws, which were "
                   "luck, by {luck}.").format(goal=goal, start=start, choices=_points(by_choice),
                                              luck=_points(by_luck))),
            Line(ended.format(start=start, choices=_signed(by_choice), luck=_signed(by_luck),
                              end=end, goal=goal))]


def _points(points: int) -> str:
    if not points:
        return _("0 points")
    return ngettext("{points} point", "{points} points", abs(points)).format(
        points=f"{points:+d}")


def _signed(points: int) -> str:
    return f"{'+' if points >= 0 else '-'} {abs(points)}"


def biggest_move(scenario: Scenario, points: TurningPoints, measure: str) -> str:
    """Where the chance moved most, by a choice or by a draw, in words ('' if it never moved)."""
    moves = [(abs(turn.choice_change(measure)), 0, turn) for turn in points.turns]
    moves += [(abs(turn.luck_change(measure)), 1, turn) for turn in points.turns]
    size, by_draw, turn = max(moves, key=lambda move: move[0], default=(0, 0, None))
    if turn is None or size == 0:
        return ""
    stage = scenario.stages[turn.scene.stage].title
    if by_draw and turn.risk is not None:
        return _("Your chance moved most at step {number} ({stage}), by a draw {odds}, from "
                 "{before} to {after}: {text}").format(
                     number=turn.number, stage=stage, odds=odds_words(turn.risk.probability),
                     before=whole(turn.chosen.of(measure)), after=whole(turn.after.of(measure)),
                     text=turn.risk.text)
    label = next(option.label for option in turn.options if option.taken)
    return _("Your chance moved most at step {number} ({stage}), by a choice, from {before} to "
             "{after}: {label}.").format(number=turn.number, stage=stage,
                                         before=whole(turn.before.of(measure)),
                                         after=whole(turn.chosen.of(measure)), label=label)
