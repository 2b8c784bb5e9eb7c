"""`journey check SCENARIO...`: load, verify that every path ends, and print exact figures."""

from __future__ import annotations


def add_parser(sub) -> None:
    from journey.commands.simulate import _positive
    from journey.engine import DEFAULT_MAX_STATES

    parser = sub.add_parser(
        "check", help="verify that every path of a scenario ends, with exact figures",
        description="Load each scenario, explore every reachable state exactly, and report dead "
                    "ends, traps and cycles with the shortest trace to each, and expectations "
                    "that fail. Exit 0 when every path ends and every expectation holds, 1 "
                    "when not (or, with --strict, when there are warnings), 2 for usage "
                    "errors.")
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
    parser.add_argument("--decisions", action="store_true",
                        help="the decisions whose options change the chance of each kind of "
                             "ending most, weighted by how often journeys meet them, and those "
                             "whose options change almost nothing (cosmetic)")
    parser.add_argument("--strict", action="store_true",
                        help="treat warnings as errors: exit 1 when a scenario has any")
    parser.add_argument("--watch", action="store_true",
                        help="check again every time one of the files is saved, until Ctrl+C "
                             "(then exit with the last check's code)")
    parser.add_argument("--max-states", type=_positive, default=DEFAULT_MAX_STATES,
                        metavar="N",
                        help=f"stop exploring past N states (default {DEFAULT_MAX_STATES:,})")


def run(args) -> int:
    return watch(args) if args.watch else check_all(args)


def check_all(args) -> int:
    import json
    import sys

    from journey.commands.check_report import OK, Options, check_file, format_text, report_json

    options = Options(args.coverage, tuple(args.split), args.funnel, args.decisions,
                      args.strict)
    worst = OK
    for name in args.files:
        checked = check_file(name, args.max_states, options)
        worst = max(worst, checked.code)
        if args.json:
            print(json.dumps(report_json(name, checked)))
        else:
            print(format_text(name, checked))
    sys.stdout.flush()
    return worst


def watch(args) -> int:
    """Check, then check again after every save of any of the files, each time under a line
    with the time (on stderr with --json, so standard output stays one JSON object per line),
    until Ctrl+C."""
    import sys
    import time

    from journey.commands.exit_codes import INTERRUPTED
    from journey.filewatch import POLL_SECONDS, FileWatch

    files = FileWatch(_watchable(args.files))
    code = None
    try:
        code = check_all(args)
        if not files.paths:
            print("No scenario file to watch.", file=sys.stderr)
            return code
        print(f"Watching {len(files.paths)} file{'s' if len(files.paths) != 1 else ''}; each "
              "save is checked again. Press Ctrl+C to stop.", file=sys.stderr, flush=True)
        while True:
            time.sleep(POLL_SECONDS)
            changed = files.poll()
            if changed:
                names = ", ".join(str(path) for path in changed)
                print(f"\n--- {time.strftime('%H:%M:%S')}: {names} saved, checked again ---",
                      file=sys.stderr if args.json else sys.stdout, flush=True)
                code = check_all(args)
    except KeyboardInterrupt:
        print("\nStopped watching.", file=sys.stderr)
        return code if code is not None else INTERRUPTED


def _watchable(names: list[str]) -> list:
    """The file behind each name, once each: a bundled scenario's file, or the path given
    (even one that does not exist yet, so creating it counts as a save)."""
    from pathlib import Path

    from journey.engine import catalog

    paths = {}
    for name in names:
        try:
            path = catalog.resolve(name)
        except FileNotFoundError:
            path = Path(name)
            if path.suffix not in (".yaml", ".yml"):
                continue  # an unknown bundled name: nothing to watch, and the check says so
        paths.setdefault(path.resolve(), path)
    return list(paths.values())
