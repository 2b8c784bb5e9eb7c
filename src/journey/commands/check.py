"""`journey check SCENARIO...`: load, verify that every path ends, and print exact figures."""

from __future__ import annotations


def add_parser(sub) -> None:
    from journey.commands.simulate import _positive
    from journey.engine import DEFAULT_MAX_STATES

    parser = sub.add_parser(
        "check", help="verify that every path of a scenario ends, with exact figures",
        description="Load each scenario, explore every reachable state exactly, and report dead "
                    "ends, traps and cycles with the shortest trace to each. Exit 0 when every "
                    "path ends, 1 when not, 2 for usage errors.")
    parser.add_argument("files", nargs="+", metavar="SCENARIO",
                        help="bundled scenario names or scenario files (YAML)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per file")
    parser.add_argument("--coverage", action="store_true",
                        help="list every scene's and choice's chance of being reached "
                             "(by default only those below 1%%)")
    parser.add_argument("--split", action="append", default=[], metavar="NAME",
                        help="set the odds of the journeys beside each other by the value a "
                             "flag or variable holds when they end (the scenario's eras are "
                             "always shown); may be given more than once")
    parser.add_argument("--funnel", action="store_true",
                        help="for each stage, the chance of reaching it and how the journeys "
                             "that reach it end (per era, and per --split value, too)")
    parser.add_argument("--max-states", type=_positive, default=DEFAULT_MAX_STATES,
                        metavar="N",
                        help=f"stop exploring past N states (default {DEFAULT_MAX_STATES:,})")


def run(args) -> int:
    import json

    from journey.commands.check_report import OK, Options, check_file, format_text, report_json

    options = Options(args.coverage, tuple(args.split), args.funnel)
    worst = OK
    for name in args.files:
        checked = check_file(name, args.max_states, options)
        worst = max(worst, checked.code)
        if args.json:
            print(json.dumps(report_json(name, checked)))
        else:
            print(format_text(name, checked))
    return worst
