"""`journey class report`: the class's journeys side by side, beside the game's exact odds;
`journey class new`: a new class record, the old one moved aside.

Reads the class record (journeys finished through `journey serve` or `journey play
--record`), works out the exact odds of the scenario file and the class's turning points, and
prints the report as text, as one self-contained HTML page to project (one screen of summary
first, the details below), or as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from journey.commands.exit_codes import FAILED, OK, USAGE
from journey.frontend.words import _, ngettext

if TYPE_CHECKING:  # imported where used, to keep `journey --help` quick
    from journey.engine.model import Scenario
    from journey.engine.exact.summary import OddsSummary
    from journey.frontend.class_record import Entry, Reading
    from journey.frontend.class_turning import Analysis

FORMATS = ("text", "html", "json")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "class", help="the class record: journeys finished through journey serve",
        description="Tools for a teacher's class record.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    report = actions.add_parser(
        "report", help="the class's endings beside the exact odds, routes and choices",
        description="Sets the endings of the class's journeys, era by era, beside the game's "
                    "exact odds (for a player choosing at random: not real-world statistics), "
                    "with the most common routes, the choices made at each stage and the real "
                    "arrivals in South Korea.")
    report.add_argument("--since", metavar="DATE", default=None,
                        help="only journeys finished from this local date or time on "
                             "(2026-03-02, or 2026-03-02T09:00)")
    report.add_argument("--until", metavar="DATE", default=None,
                        help="only journeys finished before this local time, or up to the "
                             "end of this day when it is a date alone (2026-03-02T10:00, or "
                             "2026-03-02)")
    report.add_argument("--format", choices=FORMATS, default="text",
                        help="text (default), html (one self-contained page to project) or "
                             "json")
    report.add_argument("--scenario", metavar="NAME", default=None,
                        help="the bundled scenario's name or the scenario file (default: the "
                             "one the record holds, when it holds only one)")
    report.add_argument("--output", metavar="FILE", type=Path, default=None,
                        help="write the report to FILE instead of standard output")
    report.add_argument("--record", metavar="FILE", type=Path, default=None,
                        help="read this class record instead of the current one (one that "
                             "journey class new moved aside)")
    actions.add_parser(
        "new", help="start a new class record; the old one is moved aside, not deleted",
        description="Moves the class record aside, under a name with today's date and time, "
                    "and says where; the next journey recorded begins a new one. Journeys "
                    "kept aside while the record could not take them are added to the old "
                    "record first. `journey class report --record FILE` reads the old one.")


def parse_since(text: str) -> datetime | None:
    """A local date or date and time, as an aware moment; None if it is neither."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.astimezone()


def parse_until(text: str) -> datetime | None:
    """The moment before which journeys count: the time given, or, for a date alone, the end
    of that day (so --since and --until of one date give that day). None if it is neither."""
    moment = parse_since(text)
    if moment is None or "T" in text.upper() or " " in text.strip():
        return moment
    return (moment.replace(tzinfo=None) + timedelta(days=1)).astimezone()


def run(args: argparse.Namespace) -> int:
    if args.action == "new":
        return new_record()
    from journey.engine.textsafety import one_line
    from journey.frontend import class_record

    since = until = None
    for option, text, parse in (("--since", args.since, parse_since),
                                ("--until", args.until, parse_until)):
        moment = None if text is None else parse(text)
        if text is not None and moment is None:
            print(_("journey class report: {option} {text!r} is not a date; write it as "
                    "2026-03-02 or 2026-03-02T09:00.").format(option=option, text=text),
                  file=sys.stderr)
            return USAGE
        since, until = (moment, until) if option == "--since" else (since, moment)
    if args.record is not None and not args.record.is_file():
        print(_("journey class report: there is no class record at {path}.").format(
            path=args.record), file=sys.stderr)
        return FAILED
    try:
        found = class_record.reading(args.record, since=since)
    except class_record.RecordProblem as problem:
        print(f"journey class report: {problem}", file=sys.stderr)
        return FAILED
    notes = record_notes(found)
    for note in notes:
        print(f"journey class report: {one_line(note)}", file=sys.stderr)
    entries = sorted((entry for entry in found.entries + found.kept
                      if until is None or entry.finished < until),
                     key=lambda entry: entry.finished)
    name = args.scenario or recorded_scenario(entries)
    if name is None:
        return USAGE
    from journey.commands.loading import load_named
    from journey.commands.output import write_out

    scenario, _path, code = load_named(name, "journey class report")
    if scenario is None:
        return int(code)
    text = render(scenario, entries, since, args.format, notes, until)
    if not write_out(text, args.output, "journey class report"):
        return FAILED
    if args.output is None:
        return OK
    print(_("journey class report: written to {path}").format(path=args.output),
          file=sys.stderr)
    return OK


def recorded_scenario(entries: list[Entry]) -> str | None:
    """The scenario to report on when none is named: the one the record holds, by the file
    it was played from. None (after saying why) when the record holds none or several."""
    from journey.engine import catalog
    from journey.engine.textsafety import one_line
    from journey.frontend.class_record import database_path

    if not entries:
        print(_("journey class report: no journeys are recorded yet in {path}. Journeys are "
                "recorded when they end, in journey serve or journey play --record. Name a "
                "scenario with --scenario to see its odds alone.").format(path=database_path()),
              file=sys.stderr)
        return None
    ids = {e.scenario: e.file for e in entries}  # the latest file of each scenario id
    if len(ids) > 1:
        counts = ", ".join(f"{one_line(scenario)} "
                           f"({sum(e.scenario == scenario for e in entries)})"
                           for scenario in ids)
        print(_("journey class report: the record holds journeys of several scenarios: "
                "{counts}. Choose one with --scenario NAME.").format(counts=counts),
              file=sys.stderr)
        return None
    (file,) = ids.values()
    if file.startswith("bundled:"):
        return str(catalog.bundled_dir() / file.removeprefix("bundled:"))
    return file


def record_notes(found: Reading) -> tuple[str, ...]:
    """What the report must say about the record itself: what it could not read, and the
    journeys it counts that are still kept aside, waiting to go into the record."""
    notes = list(found.problems)
    if found.kept:
        from journey.frontend.class_record import database_path
        from journey.frontend.kept_journeys import folder_for

        notes.append(ngettext(
            "Of the journeys counted here, {count} is kept in {folder}, not in the record yet: "
            "it could not take it when it ended, and takes it when the next journey is "
            "recorded or journey serve starts.",
            "Of the journeys counted here, {count} are kept in {folder}, not in the record yet: "
            "it could not take them when they ended, and takes them when the next journey is "
            "recorded or journey serve starts.", len(found.kept)).format(
                count=len(found.kept), folder=folder_for(database_path())))
    return tuple(notes)


def new_record() -> int:
    """`journey class new`: move the record aside and say where it went."""
    from journey.engine.textsafety import one_line
    from journey.frontend import class_record

    try:
        moved = class_record.begin_new()
    except class_record.RecordProblem as problem:
        print(f"journey class new: {one_line(str(problem))}", file=sys.stderr)
        return FAILED
    if moved is None:
        print(_("journey class new: there is no class record yet at {path}; the next journey "
                "recorded begins one.").format(path=class_record.database_path()))
        return OK
    print(ngettext("journey class new: the class record with {count} journey was moved to "
                   "{path}. The next journey recorded begins a new one. To read the old one: "
                   "journey class report --record {path}",
                   "journey class new: the class record with {count} journeys was moved to "
                   "{path}. The next journey recorded begins a new one. To read the old one: "
                   "journey class report --record {path}", moved.journeys).format(
                       count=moved.journeys, path=moved.path))
    return OK


@dataclass(frozen=True)
class Figures:
    """What the report works out from the scenario alone: its exact odds (or why there are
    none) and its analysis for the class's turning points (None when it cannot be made)."""

    odds: OddsSummary | None
    problem: str | None
    analysis: Analysis | None


def figures(scenario: Scenario) -> Figures:
    """The scenario's figures for the report: seconds for the long road, so `journey serve`
    works them out once, before the class arrives."""
    from journey.frontend.class_turning import analyse

    odds, problem = exact_odds(scenario)
    return Figures(odds, problem, analyse(scenario) if odds is not None else None)


def render(scenario: Scenario, entries: list[Entry], since: datetime | None,
           form: str, notes: tuple[str, ...] = (), until: datetime | None = None,
           worked_out: Figures | None = None) -> str:
    """The report in `form`, with the figures of `scenario` (`worked_out`, or worked out now);
    `notes` say what the record could not give."""
    from journey.frontend.class_summary import summarise_class

    found = worked_out or figures(scenario)
    summary = summarise_class(scenario, entries, found.odds, found.problem, since, notes,
                              until, found.analysis)
    if form == "json":
        from journey.engine.textsafety import REFUSED

        text = json.dumps(summary.to_json(), indent=1, ensure_ascii=False)
        # JSON escapes C0 controls itself; DEL, C1 controls and bidi overrides too, here
        return REFUSED.sub(lambda found: f"\\u{ord(found.group()):04x}", text) + "\n"
    if form == "html":
        from journey.commands.class_html import html_report

        return html_report(summary)
    from journey.commands.class_text import text_report

    return text_report(summary)


def report_since(scenario: Scenario, since: datetime, worked_out: Figures) -> str:
    """The HTML report of the journeys of `scenario` finished since `since` (the teacher's page
    of `journey serve` asks for it), or a page that says why there is none."""
    from html import escape

    from journey.frontend import class_record

    try:
        found = class_record.reading(since=since)
    except class_record.RecordProblem as problem:
        return (f'<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Class report'
                f"</title><p>The class record cannot be read: {escape(str(problem))}</p>")
    entries = sorted(found.entries + found.kept, key=lambda entry: entry.finished)
    return render(scenario, entries, since, "html", record_notes(found), None, worked_out)


def exact_odds(scenario: Scenario) -> tuple[OddsSummary | None, str | None]:
    """The scenario's exact odds (kept in the cache the debrief reads), or None and why there
    are none."""
    from journey.frontend.odds_cache import odds_for

    found = odds_for(scenario)
    if found.summary is None:
        return None, found.reason or "the story can go round for ever (run journey check)"
    return found.summary, None

