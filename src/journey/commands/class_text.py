"""`journey class report` as plain text, for a terminal or a file.

The record is a file anyone can write to: a label or an ending in it may hold a terminal's
escape sequences. Every line is printed through `one_line`, so none reaches the terminal."""

from __future__ import annotations

import textwrap

from journey.frontend.class_summary import (ABOUT_ODDS, ABOUT_SURPRISE, ClassSummary, EraRow,
                                            arrivals, journeys_text, local_time,
                                            surprise_text)
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
