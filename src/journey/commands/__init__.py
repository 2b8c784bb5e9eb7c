"""One module per `journey` subcommand: `add_parser(subparsers)` and `run(args) -> exit code`.

Modules import only the standard library at the top; what a command needs is imported in `run`.
"""
