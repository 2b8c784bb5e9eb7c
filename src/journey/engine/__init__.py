"""Pure game rules: scenario format, loader, expressions, state machine and analysis.

Standard library, PyYAML and pydantic only; nothing here imports a user interface.
"""

DEFAULT_MAX_STATES = 2_000_000
"""How many states `journey check` and the tools explore before stopping with a clear message.
Kept here, with no imports, so the command line can show it without loading the engine."""
