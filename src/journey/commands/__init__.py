"""One module per `journey` subcommand: `add_parser(subparsers)` and `run(args) -> exit code`;
beside them, what they print with (check_report, simulate_report, class_text, class_html,
graph_export) and the exit codes they return.

Command modules import only the standard library at the top; what a command needs is imported
in `run`.
"""
