"""`journey class report` as plain text, for a terminal or a file.

The record is a file anyone can write to: a label or an ending in it may hold a terminal's
escape sequences. Every line is printed through `one_line`, so none reaches the terminal."""

from __future__ import annotations

import textwrap

from journey.frontend.class_summary import (ABOUT_ODDS, ABOUT_SURPRISE, ClassSummary, EraRow,
                                            arrivals, journeys_text, local_time,
                                            surprise_text)
from journey.frontend.class_turning import ClassTurning, DecisionRow, Place
from journey.engine.textsafety import one_line
from journey.frontend.debrief import kind_label
from journey.frontend.chance_words import percent

WIDTH = 88


def wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent) or [""]


def text_report(summary: ClassSummary) -> str:
    lines = [f"Class record: {summary.title}", ""]
    lines += wrap(header(summary))
    for note in summary.record_notes:
        lines += [""] + wrap(note)
    for count in summary.other_versions.values():
        lines += [""] + wrap(other_version(count))
    lines += [""] + wrap(ABOUT_ODDS)
    if summary.odds_problem:
        lines += [""] + wrap(f"The exact odds could not be worked out: {summary.odds_problem}.")
    for era in summary.eras:
        lines += [""] + era_lines(era)
    if summary.eras:
        lines += [""] + wrap(ABOUT_SURPRISE)
    if summary.turning is not None:
        lines += [""] + turning_lines(summary.turning)
    if summary.routes:
        lines += ["", "Most common routes"]
        for route in summary.routes:
            ended = ", ".join(f"{title} ({count})" for title, count in route.endings.items())
            lines += wrap(f"{journeys_text(route.count)}, ended: {ended}", "  ")
            lines += wrap(" -> ".join(route.steps), "      ")
    if summary.scenes:
        lines += ["", "Choices the class made, scene by scene"]
        for scene in summary.scenes:
            lines += wrap(f"{scene.stage}: \"{scene.excerpt}\" (reached {scene.met} "
                          f"time{'' if scene.met == 1 else 's'})", "  ")
            for choice in scene.choices:
                lines.append(f"      {choice.count:>4}  {percent(choice.count / scene.met):>4}  "
                             f"{choice.label}")
    chart = arrivals()
    lines += ["", chart.title] + [f"  {line}" for line in chart.chart]
    lines += wrap(chart.source) + [line for note in chart.notes for line in wrap(f"- {note}")]
    return "\n".join(one_line(line) for line in lines) + "\n"


def header(summary: ClassSummary) -> str:
    """Which journeys the report counts, and when they ended."""
    since = f" since {local_time(summary.since)}" if summary.since else ""
    since += f" until {local_time(summary.until)}" if summary.until else ""
    if summary.first is None or summary.last is None:
        return f"No journeys of this scenario are recorded{since}."
    return (f"{journeys_text(summary.journeys)} of this version of the scenario "
            f"(content hash {summary.content_hash[:12]}){since}; finished between "
            f"{local_time(summary.first)} and {local_time(summary.last)}, local time.")


def other_version(count: int) -> str:
    return (f"{journeys_text(count)} {'was' if count == 1 else 'were'} played under another "
            "version of this scenario file (another content hash). The odds here are this "
            "version's, so those journeys are not counted beside them.")


def era_lines(era: EraRow) -> list[str]:
    years = f" ({era.years[0]}-{era.years[1]})" if era.years else ""
    lines = [f"{era.name}{years}: {journeys_text(era.journeys)}"]
    lines.append(f"  {'Ending kind':<30} {'class':>11}  {'random player':>13}")
    for row in era.kinds:
        odds = percent(row.odds) if row.odds is not None else "-"
        lines.append(f"  {kind_label(row.kind):<30} {row.count:>4} ({percent(row.share):>4})  "
                     f"{odds:>13}")
        lines += wrap(surprise_text(row, era.journeys), "      ")
    lines.append(f"  {'Ending':<30} {'class':>11}  {'random player':>13}")
    for ending in era.endings:
        odds = percent(ending.odds) if ending.odds is not None else "-"
        lines.append(f"  {ending.title[:30]:<30} {ending.count:>4} ({percent(ending.share):>4})"
                     f"  {odds:>13}")
    return lines


def turning_heading(turning: ClassTurning) -> str:
    return f"Where the class's chances of {turning.goal} were won and lost"


def turning_intro(turning: ClassTurning) -> str:
    """What the figures are, and the class's choice and luck in all."""
    apart = (f" ({journeys_text(turning.unfollowed)} could not be followed step by step and "
             "are left out)" if turning.unfollowed else "")
    return (f"{GAME_ODDS} Across the class's {journeys_text(turning.journeys)}{apart}, the "
            f"choices changed the chance of {turning.goal} by {signed(turning.choices)} per "
            f"journey on average, and the draws, which were luck, by {signed(turning.luck)}.")


GAME_ODDS = ("These are the game's odds, for a player who picks at random from each step on; "
             "not the world's.")


def signed(points: float) -> str:
    """'+3.1 points', '-12.0 points', '0 points'."""
    if round(points, 1) == 0:
        return "0 points"
    return f"{points:+.1f} point{'' if abs(round(points, 1)) == 1 else 's'}"


def place_text(place: Place) -> str:
    """'The border: the draws after "Cross alone": 12 times; rises of +30.0 points in all,
    falls of -95.0 points (net -65.0 points).'"""
    what = (f'the draws after "{place.label}"' if place.by == "draw"
            else "the choices made there")
    times = f"{place.met} time{'' if place.met == 1 else 's'}"
    return (f"{place.stage}: {what}, {times}: rises of {signed(place.won)} in all, falls of "
            f"{signed(place.lost)} (net {signed(place.net)}).")


def gain_text(row: DecisionRow, goal: str) -> str:
    if row.gain is None:
        return "The class never met this decision."
    return (f"The class's choices here: {signed(row.gain)} of the chance of {goal}, on "
            f"average, against choosing at random in the same situations "
            f"({row.met} time{'' if row.met == 1 else 's'}).")


def turning_lines(turning: ClassTurning) -> list[str]:
    lines = [turning_heading(turning)] + wrap(turning_intro(turning), "  ")
    if turning.places:
        lines += ["  The places where the most chance moved across the class:"]
        for number, place in enumerate(turning.places, 1):
            lines += textwrap.wrap(place_text(place), WIDTH, initial_indent=f"    {number}. ",
                                   subsequent_indent="       ")
    if turning.decisions:
        lines += [""] + wrap(f"The class beside a random player at the "
                             f"{len(turning.decisions)} decisions that matter most for one "
                             "(for each option: how often the class took it, how often a "
                             f"random player would, and the chance of {turning.goal} once "
                             "it is taken):", "  ")
    for row in turning.decisions:
        lines += wrap(f'{row.stage}: "{row.excerpt}"', "    ")
        lines.append(f"      {'class':>11}  {'random':>6}  {turning.goal}")
        for option in row.options:
            lines.append(f"      {option.count:>4} ({percent(option.share):>4})  "
                         f"{percent(option.random_share):>6}  "
                         f"{percent(option.chance):>{len(turning.goal)}}  {option.label}")
        lines += wrap(gain_text(row, turning.goal), "      ")
    return lines
