"""`journey check FILE...`: load, verify that every path ends, and print exact figures."""

from __future__ import annotations



def add_parser(sub) -> None:
    from journey.engine import DEFAULT_MAX_STATES

    parser = sub.add_parser(
        "check", help="verify that every path of a scenario ends, with exact figures",
        description="Load each scenario, explore every reachable state exactly, and report dead "
                    "ends, traps and cycles with the shortest trace to each. Exit 0 when every "
                    "path ends, 1 when not, 2 for usage errors.")
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario files (YAML)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per file")
    parser.add_argument("--coverage", action="store_true",
                        help="list every scene's and choice's chance of being reached "
                             "(by default only those below 1%%)")
    parser.add_argument("--max-states", type=int, default=DEFAULT_MAX_STATES, metavar="N",
                        help=f"stop exploring past N states (default {DEFAULT_MAX_STATES:,})")


def run(args) -> int:
    import json

    from journey.commands.check_report import OK, check_file, format_text

    worst = OK
    for name in args.files:
        code, report, errors = check_file(name, args.max_states)
        worst = max(worst, code)
        if args.json:
            print(json.dumps(report_json(name, report, errors)))
        else:
            print(format_text(name, report, errors, args.coverage))
    return worst


def report_json(name, report, errors) -> dict:
    if report is not None:
        return {"file": name, **report.to_json()}
    return {"file": name, "scenario": None, "ok": False, "states": 0, "longest_path": None,
            "expected_steps": None, "endings": {},
            "problems": [{"kind": kind, "message": message, "trace": []}
                         for kind, message in errors],
            "warnings": []}
