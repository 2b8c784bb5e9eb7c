"""Load the scenario a command names (bundled name or path), turning every failure into a message
and an exit code instead of a traceback."""

from __future__ import annotations

import sys

from journey.commands.exit_codes import FAILED, USAGE


def load_named(name: str, command: str = "journey"):
    """(scenario, its path, 0), or (None, None, exit code) after printing why to stderr,
    each message starting with `command`."""
    from journey.engine import catalog
    from journey.engine.diagnostics import ScenarioError
    from journey.engine.loader import load_scenario

    try:
        path = catalog.resolve(name)
        return load_scenario(path), path, 0
    except FileNotFoundError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return None, None, USAGE
    except ScenarioError as failure:
        print(f"{command}: {name} has problems to fix first:", file=sys.stderr)
        for diagnostic in failure.diagnostics:
            print(diagnostic, file=sys.stderr)
        return None, None, FAILED
    except OSError as error:
        print(f"{command}: {name}: cannot read: {error.strerror or error}", file=sys.stderr)
        return None, None, USAGE
