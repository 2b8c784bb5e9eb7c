"""Every limit a scenario file must stay within, in one place, so the docs can list them and
each check names the one it enforces. They stay far above what a real scenario needs; they
exist so that no file, however hostile, can make a command crash or run for minutes."""

MAX_INTEGER = 10**15
"""The largest magnitude of an integer written in a scenario (as YAML or in an expression)."""

MAX_BYTES = 8 * 1024 * 1024
"""The largest file read, in bytes (the long road is about 90 KiB). Reading stops one byte past
it, whatever the file's size claims to be."""

MAX_VALUES = 100_000
"""The most values a file may write: every scalar, key, list and mapping (the long road writes
about 4,000)."""

MAX_ALIASES = 10_000
"""The most times a file may reuse an anchored value with `*name`."""

MAX_EXPANDED_VALUES = 200_000
"""The most values once every alias is expanded: the work validation and compiling do."""

MAX_DEPTH = 64
"""The deepest nesting of lists and mappings (scenarios need about 8 levels)."""

MAX_PROBLEMS = 100
"""The most problems reported for one file; past it, a last line says how many were left out."""
