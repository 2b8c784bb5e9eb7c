"""Every limit a scenario file must stay within, in one place, so the docs can list them and
each check names the one it enforces. They stay far above what a real scenario needs; they
exist so that no file, however hostile, can make a command crash or run for minutes."""

MAX_INTEGER = 10**15
"""The largest magnitude of an integer written in a scenario (as YAML or in an expression)."""
