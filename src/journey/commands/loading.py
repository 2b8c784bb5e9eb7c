"""Load the scenario a command names (bundled name or path), turning every failure into a message
and an exit code instead of a traceback."""

from __future__ import annotations

import sys

FAILED, USAGE = 1, 2


def load_named(name: str):
    """(scenario, 0), or (None, exit code) after printing why to stderr."""
    from journey.engine import catalog
    from journey.engine.diagnostics import ScenarioError
    from journey.engine.loader import load_scenario

    try:
        return load_scenario(catalog.resolve(name)), 0
    except FileNotFoundError as error:
        print(f"journey: {error}", file=sys.stderr)
        return None, USAGE
    except ScenarioError as failure:
        for diagnostic in failure.diagnostics:
            print(diagnostic, file=sys.stderr)
        return None, FAILED
    except OSError as error:
        print(f"journey: {name}: cannot read: {error.strerror or error}", file=sys.stderr)
        return None, USAGE
