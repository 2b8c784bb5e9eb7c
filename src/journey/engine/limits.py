"""Every limit a scenario file must stay within, in one place, so the docs can list them and
each check names the one it enforces. They stay far above what a real scenario needs; they
exist so that no file, however hostile, can make a command crash or run for minutes."""

from .textsafety import quoted

MAX_INTEGER = 10**15
"""The largest magnitude of an integer written in a scenario (as YAML or in an expression),
and of a variable's min, max and start."""

MAX_EXPRESSION_LENGTH = 1_000
"""The most characters an expression may have."""

MAX_EXPRESSION_DEPTH = 20
"""How deeply an expression may nest brackets (a call's included), 'not' and unary '-'; it
bounds the recursion of parsing and evaluating."""

MAX_WEIGHT = 10**9
"""The largest value an outcome's weight may take, judged from its range."""

MAX_CHOICE_WEIGHT = 10**12
"""The largest sum the weights of one choice's outcomes may reach, judged from their ranges;
it keeps every total far inside the 64-bit tables of the analysis."""


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


def beyond(number: int | str) -> str:
    """A number past a limit as a message shows it: with commas, cut short when very long."""
    text = f"{number:,}" if isinstance(number, int) else number
    digits = text.replace(",", "").lstrip("-")
    return text if len(digits) <= 24 else f"{text[:20]}... ({len(digits):,} digits)"


def plainly(number: int) -> str:
    """A limit as the messages and docs write it: 1,000,000,000 (10^9)."""
    exponent = len(str(number)) - 1
    if number == 10**exponent and exponent > 3:
        return f"{number:,} (10^{exponent})"
    return f"{number:,}"


def integer_too_large(written: object) -> str:
    """The one message for an integer past MAX_INTEGER, wherever it is written (YAML or an
    expression); `written` is quoted as the author wrote it, cut short, never converted."""
    return (f"the integer {quoted(written, 30)} is too large: a scenario's integers stay within "
            f"±{plainly(MAX_INTEGER)}")
