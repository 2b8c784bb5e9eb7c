"""A chance in words, in one place for every player-facing figure: the narration's and the
debrief's percentages, the debrief's "9 in 10", and the class report's "1 in 160". Each is
exact about what it rounds: nothing reads as certain, or as impossible, that is not."""

from __future__ import annotations


def percent(probability: float) -> str:
    """A probability as people read it: '75%', '7.4%', '0.3%'."""
    value = 100 * probability
    if value >= 10 or value == round(value):
        return f"{value:.0f}%"
    return f"{value:.1f}%"


def whole(p: float) -> str:
    """A chance in whole percent, never rounded to a certainty it is not: '29%', 'under 1%'."""
    if 0 < p < 0.005:
        return "under 1%"
    if 0.995 < p < 1:
        return "over 99%"
    return f"{round(100 * p)}%"


def in_words(probability: float) -> str:
    """A chance as a student reads it easily: 'all', '9 in 10', '1 in 20', 'none'."""
    if probability >= 1 - 1e-9:
        return "all"
    if probability >= 0.95:
        return "almost all"
    if probability >= 0.095:
        return f"{int(probability * 10 + 0.5)} in 10"
    if probability >= 0.01:
        return f"1 in {round(1 / probability)}"
    return "fewer than 1 in 100" if probability > 0 else "none"


def rarity(p: float) -> str:
    """How often something happens, for a class: '42%', '1 in 160', 'less than 1 in 10,000'."""
    if p >= 0.1:
        return f"{p:.0%}"
    if p >= 0.0001:
        return f"1 in {round(1 / p):,}"
    return "less than 1 in 10,000"
