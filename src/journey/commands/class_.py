"""`journey class report`: the class's journeys side by side, beside the game's exact odds.

Reads the class record (journeys finished through `journey serve` or `journey play
--record`), works out the exact odds of the scenario file, and prints the report as text, as
one self-contained HTML page to project, or as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from journey.commands.exit_codes import FAILED, OK, USAGE

if TYPE_CHECKING:  # imported where used, to keep `journey --help` quick
    from journey.engine.model import Scenario
    from journey.engine.exact.summary import OddsSummary
    from journey.frontend.class_record import Entry, Reading

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
    report.add_argument("--format", choices=FORMATS, default="text",
                        help="text (default), html (one self-contained page to project) or "
                             "json")
    report.add_argument("--scenario", metavar="NAME", default=None,
                        help="the bundled scenario's name or the scenario file (default: the "
                             "one the record holds, when it holds only one)")
    report.add_argument("--output", metavar="FILE", type=Path, default=None,
                        help="write the report to FILE instead of standard output")


def parse_since(text: str) -> datetime | None:
    """A local date or date and time, as an aware moment; None if it is neither."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.astimezone()


def run(args: argparse.Namespace) -> int:
    from journey.engine.textsafety import one_line
    from journey.frontend import class_record

    since = None
    if args.since is not None:
        since = parse_since(args.since)
        if since is None:
            print(f"journey class report: --since {args.since!r} is not a date; write it as "
                  "2026-03-02 or 2026-03-02T09:00.", file=sys.stderr)
            return USAGE
    try:
        found = class_record.reading(since=since)
    except class_record.RecordProblem as problem:
        print(f"journey class report: {problem}", file=sys.stderr)
        return FAILED
    notes = record_notes(found)
    for note in notes:
        print(f"journey class report: {one_line(note)}", file=sys.stderr)
    entries = sorted(found.entries + found.kept, key=lambda entry: entry.finished)
    name = args.scenario or recorded_scenario(entries)
    if name is None:
        return USAGE
    from journey.commands.loading import load_named

    scenario, _, code = load_named(name, "journey class report")
    if scenario is None:
        return int(code)
    text = render(scenario, entries, since, args.format, notes)
    if args.output is None:
        sys.stdout.write(text)
        return OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"journey class report: cannot write {args.output}: {error.strerror or error}",
              file=sys.stderr)
        return FAILED
    print(f"journey class report: written to {args.output}", file=sys.stderr)
    return OK


def recorded_scenario(entries: list[Entry]) -> str | None:
    """The scenario to report on when none is named: the one the record holds, by the file
    it was played from. None (after saying why) when the record holds none or several."""
    from journey.engine import catalog
    from journey.engine.textsafety import one_line
    from journey.frontend.class_record import database_path

    if not entries:
        print(f"journey class report: no journeys are recorded yet in {database_path()}. "
              "Journeys are recorded when they end, in journey serve or journey play "
              "--record. Name a scenario with --scenario to see its odds alone.",
              file=sys.stderr)
        return None
    ids = {e.scenario: e.file for e in entries}  # the latest file of each scenario id
    if len(ids) > 1:
        counts = ", ".join(f"{one_line(scenario)} "
                           f"({sum(e.scenario == scenario for e in entries)})"
                           for scenario in ids)
        print(f"journey class report: the record holds journeys of several scenarios: "
              f"{counts}. Choose one with --scenario NAME.", file=sys.stderr)
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

        one = len(found.kept) == 1
        notes.append(f"Of the journeys counted here, {len(found.kept)} "
                     f"{'is' if one else 'are'} kept in {folder_for(database_path())}, not in "
                     f"the record yet: it could not take {'it' if one else 'them'} when "
                     f"{'it' if one else 'they'} ended, and takes {'it' if one else 'them'} "
                     "when the next journey is recorded or journey serve starts.")
    return tuple(notes)


def render(scenario: Scenario, entries: list[Entry], since: datetime | None,
           form: str, notes: tuple[str, ...] = ()) -> str:
    """The report in `form`, odds worked out for `scenario`; `notes` say what the record
    could not give."""
    from journey.frontend.class_summary import summarise_class

    odds, problem = exact_odds(scenario)
    summary = summarise_class(scenario, entries, odds, problem, since, notes)
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


def exact_odds(scenario: Scenario) -> tuple[OddsSummary | None, str | None]:
    """The scenario's exact odds, or None and why there are none."""
    from journey.engine.exact.odds import summarise
    from journey.engine.exact.space import StateLimitExceeded

    try:
        odds = summarise(scenario)
    except StateLimitExceeded as error:
        return None, str(error).rstrip(".")
    if odds is None:
        return None, "the story can go round for ever (run journey check)"
    return odds, None

