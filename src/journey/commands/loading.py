"""Load the scenario a command names (bundled name or path), turning every failure into a message
and an exit code instead of a traceback."""

from __future__ import annotations

import sys

from journey.commands.exit_codes import FAILED, USAGE


def unreadable(name: str, error: OSError) -> str:
    """The message for a scenario that cannot be read, the same in every command: no such file
    or bundled name, a folder, a device, a pipe, standard input, no permission."""
    from journey.engine.textsafety import one_line

    if error.strerror:
        return f"{one_line(name)}: cannot read: {error.strerror}"
    return one_line(str(error))


def load_named(name: str, command: str = "journey"):
    """(scenario, its path, 0), or (None, None, exit code) after printing why to stderr,
    each message starting with `command`."""
    from journey.engine import catalog
    from journey.engine.diagnostics import ScenarioError
    from journey.engine.loader import load_scenario
    from journey.engine.textsafety import one_line

    try:
        path = catalog.resolve(name)
        return load_scenario(path), path, 0
    except ScenarioError as failure:
        print(f"{command}: {one_line(name)} has problems to fix first:", file=sys.stderr)
        for diagnostic in failure.diagnostics:
            print(diagnostic, file=sys.stderr)
        return None, None, FAILED
    except OSError as error:
        print(f"{command}: {unreadable(name, error)}", file=sys.stderr)
        return None, None, USAGE
