"""`journey class report` as plain text, for a terminal or a file.

The record is a file anyone can write to: a label or an ending in it may hold a terminal's
escape sequences. Every line is printed through `one_line`, so none reaches the terminal."""

from __future__ import annotations

from journey.frontend import cells
from journey.frontend.class_summary import (ABOUT_ODDS, ABOUT_SURPRISE, ClassSummary, EraRow,
                                            arrivals, journeys_text, local_time,
                                            surprise_text)
from journey.frontend.class_turning import ClassTurning, DecisionRow, Place
from journey.engine.textsafety import one_line
from journey.frontend.debrief import kind_label
from journey.frontend.chance_words import percent
from journey.frontend.words import N_, _, ngettext

WIDTH = 88


def wrap(text: str, indent: str = "") -> list[str]:
    return cells.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent) or [""]


def text_report(summary: ClassSummary) -> str:
    lines = [_("Class record: {scenario}").format(scenario=summary.title), ""]
    lines += wrap(header(summary))
    for note in summary.record_notes:
        lines += [""] + wrap(note)
    for count in summary.other_versions.values():
        lines += [""] + wrap(other_version(count))
    lines += [""] + wrap(_(ABOUT_ODDS))
    if summary.odds_problem:
        lines += [""] + wrap(odds_problem(summary.odds_problem))
    for era in summary.eras:
        lines += [""] + era_lines(era)
    if summary.eras:
        lines += [""] + wrap(_(ABOUT_SURPRISE))
    if summary.turning is not None:
        lines += [""] + turning_lines(summary.turning)
    if summary.routes:
        lines += ["", _("Most common routes")]
        for route in summary.routes:
            ended = ", ".join(_("{ending} ({count})").format(ending=title, count=count)
                              for title, count in route.endings.items())
            lines += wrap(_("{journeys}, ended: {endings}").format(
                journeys=journeys_text(route.count), endings=ended), "  ")
            lines += wrap(" -> ".join(route.steps), "      ")
    if summary.scenes:
        lines += ["", _("Choices the class made, scene by scene")]
        for scene in summary.scenes:
            lines += wrap(reached(scene.stage, scene.excerpt, scene.met), "  ")
            for choice in scene.choices:
                lines.append(f"      {choice.count:>4}  "
                             f"{cells.rjust(percent(choice.count / scene.met), 4)}  "
                             f"{choice.label}")
    chart = arrivals()
    lines += ["", chart.title] + [f"  {line}" for line in chart.chart]
    lines += wrap(chart.source) + [line for note in chart.notes for line in wrap(f"- {note}")]
    return "\n".join(one_line(line) for line in lines) + "\n"


def header(summary: ClassSummary) -> str:
    """Which journeys the report counts, and when they ended."""
    since = ""
    if summary.since and summary.until:
        since = " " + _("since {start} until {end}").format(start=local_time(summary.since),
                                                          end=local_time(summary.until))
    elif summary.since:
        since = " " + _("since {start}").format(start=local_time(summary.since))
    elif summary.until:
        since = " " + _("until {end}").format(end=local_time(summary.until))
    if summary.first is None or summary.last is None:
        # Translators: {since} is empty or starts with a space: " since 2026-03-01 09:00".
        return _("No journeys of this scenario are recorded{since}.").format(since=since)
    # Translators: {since} is empty or starts with a space: " since 2026-03-01 09:00".
    return _("{journeys} of this version of the scenario (content hash {hash}){since}; "
             "finished between {first} and {last}, local time.").format(
                 journeys=journeys_text(summary.journeys), hash=summary.content_hash[:12],
                 since=since, first=local_time(summary.first), last=local_time(summary.last))


def other_version(count: int) -> str:
    return ngettext("{count} journey was played under another version of this scenario file "
                    "(another content hash). The odds here are this version's, so those "
                    "journeys are not counted beside them.",
                    "{count} journeys were played under another version of this scenario file "
                    "(another content hash). The odds here are this version's, so those "
                    "journeys are not counted beside them.", count).format(count=count)


def odds_problem(problem: str) -> str:
    return _("The exact odds could not be worked out: {why}.").format(why=problem)


def reached(stage: str, excerpt: str, met: int) -> str:
    """'The border: "You reach the river..." (reached 3 times)'."""
    return ngettext('{stage}: "{excerpt}" (reached {count} time)',
                    '{stage}: "{excerpt}" (reached {count} times)', met).format(
                        stage=stage, excerpt=excerpt, count=met)


def era_title(era: EraRow) -> str:
    """'1990s famine (1994-1999): 12 journeys'."""
    if era.years:
        return _("{era} ({first}-{last}): {journeys}").format(
            era=era.name, first=era.years[0], last=era.years[1],
            journeys=journeys_text(era.journeys))
    return _("{era}: {journeys}").format(era=era.name, journeys=journeys_text(era.journeys))


def columns(first: str, second: str, third: str) -> str:
    """A row of the era tables: 30 cells, 11 and 13, by cells (a Korean word takes two)."""
    return f"  {cells.ljust(first, 30)} {cells.rjust(second, 11)}  {cells.rjust(third, 13)}"


def era_lines(era: EraRow) -> list[str]:
    lines = [era_title(era)]
    lines.append(columns(_("Ending kind"), _("class"), _("random player")))
    for row in era.kinds:
        odds = percent(row.odds) if row.odds is not None else "-"
        lines.append(columns(_(kind_label(row.kind)),
                             f"{row.count:>4} ({cells.rjust(percent(row.share), 4)})", odds))
        lines += wrap(surprise_text(row, era.journeys), "      ")
    lines.append(columns(_("Ending"), _("class"), _("random player")))
    for ending in era.endings:
        odds = percent(ending.odds) if ending.odds is not None else "-"
        lines.append(columns(cells.crop(ending.title, 30),
                             f"{ending.count:>4} ({cells.rjust(percent(ending.share), 4)})",
                             odds))
    return lines


def turning_heading(turning: ClassTurning) -> str:
    return _("Where the class's chances of {goal} were won and lost").format(goal=turning.goal)


def turning_intro(turning: ClassTurning) -> str:
    """What the figures are, and the class's choice and luck in all."""
    figures = dict(journeys=journeys_text(turning.journeys), goal=turning.goal,
                   choices=signed(turning.choices), luck=signed(turning.luck))
    if turning.unfollowed:
        across = ngettext(
            "Across the class's {journeys} ({unfollowed} could not be followed step by step and "
            "is left out), the choices changed the chance of {goal} by {choices} per journey on "
            "average, and the draws, which were luck, by {luck}.",
            "Across the class's {journeys} ({unfollowed} could not be followed step by step and "
            "are left out), the choices changed the chance of {goal} by {choices} per journey "
            "on average, and the draws, which were luck, by {luck}.", turning.unfollowed).format(
                unfollowed=journeys_text(turning.unfollowed), **figures)
    else:
        across = _("Across the class's {journeys}, the choices changed the chance of {goal} by "
                   "{choices} per journey on average, and the draws, which were luck, by "
                   "{luck}.").format(**figures)
    return f"{_(GAME_ODDS)} {across}"


PLACES = N_("The places where the most chance moved across the class:")
GAME_ODDS = N_("These are the game's odds, for a player who picks at random from each step "
               "on; not the world's.")


def signed(points: float) -> str:
    """'+3.1 points', '-12.0 points', '0 points'."""
    if round(points, 1) == 0:
        return _("0 points")
    if abs(round(points, 1)) == 1:
        return _("{points:+.1f} point").format(points=points)
    return _("{points:+.1f} points").format(points=points)


def place_text(place: Place) -> str:
    """'The border: the draws after "Cross alone": 12 times; rises of +30.0 points in all,
    falls of -95.0 points (net -65.0 points).'"""
    figures = dict(stage=place.stage, label=place.label, count=place.met, won=signed(place.won),
                   lost=signed(place.lost), net=signed(place.net))
    if place.by == "draw":
        return ngettext('{stage}: the draws after "{label}", {count} time: rises of {won} in '
                        'all, falls of {lost} (net {net}).',
                        '{stage}: the draws after "{label}", {count} times: rises of {won} in '
                        'all, falls of {lost} (net {net}).', place.met).format(**figures)
    return ngettext("{stage}: the choices made there, {count} time: rises of {won} in all, "
                    "falls of {lost} (net {net}).",
                    "{stage}: the choices made there, {count} times: rises of {won} in all, "
                    "falls of {lost} (net {net}).", place.met).format(**figures)


def gain_text(row: DecisionRow, goal: str) -> str:
    if row.gain is None:
        return _("The class never met this decision.")
    return ngettext("The class's choices here: {gain} of the chance of {goal}, on average, "
                    "against choosing at random in the same situations ({count} time).",
                    "The class's choices here: {gain} of the chance of {goal}, on average, "
                    "against choosing at random in the same situations ({count} times).",
                    row.met).format(gain=signed(row.gain), goal=goal, count=row.met)


def turning_lines(turning: ClassTurning) -> list[str]:
    lines = [turning_heading(turning)] + wrap(turning_intro(turning), "  ")
    if turning.places:
        lines += ["  " + _(PLACES)]
        for number, place in enumerate(turning.places, 1):
            lines += cells.wrap(place_text(place), WIDTH, initial_indent=f"    {number}. ",
                                subsequent_indent="       ")
    if turning.decisions:
        lines += [""] + wrap(ngettext(
            "The class beside a random player at the {count} decision that matters most for "
            "one (for each option: how often the class took it, how often a random player "
            "would, and the chance of {goal} once it is taken):",
            "The class beside a random player at the {count} decisions that matter most for "
            "one (for each option: how often the class took it, how often a random player "
            "would, and the chance of {goal} once it is taken):",
            len(turning.decisions)).format(count=len(turning.decisions), goal=turning.goal), "  ")
    goal_width = cells.width(turning.goal)
    for row in turning.decisions:
        lines += wrap(f'{row.stage}: "{row.excerpt}"', "    ")
        lines.append("      " + cells.rjust(_("class"), 11) + "  " + cells.rjust(_("random"), 6)
                     + "  " + turning.goal)
        for option in row.options:
            lines.append(f"      {option.count:>4} ({cells.rjust(percent(option.share), 4)})  "
                         f"{cells.rjust(percent(option.random_share), 6)}  "
                         f"{cells.rjust(percent(option.chance), goal_width)}  {option.label}")
        lines += wrap(gain_text(row, turning.goal), "      ")
    return lines
