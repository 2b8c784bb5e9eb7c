"""A chance in words, in one place for every player-facing figure: the narration's and the
debrief's percentages, the debrief's "9 in 10", and the class report's "1 in 160". Each is
exact about what it rounds: nothing reads as certain, or as impossible, that is not."""

from __future__ import annotations

from journey.frontend.words import _


def percent(probability: float) -> str:
    """A probability as people read it: '75%', '7.4%', '0.3%'."""
    value = 100 * probability
    if value >= 10 or value == round(value):
        return _("{percent:.0f}%").format(percent=value)
    return _("{percent:.1f}%").format(percent=value)


def whole(p: float) -> str:
    """A chance in whole percent, never rounded to a certainty it is not: '29%', 'under 1%'."""
    if 0 < p < 0.005:
        return _("under 1%")
    if 0.995 < p < 1:
        return _("over 99%")
    return _("{percent}%").format(percent=round(100 * p))


def in_words(probability: float) -> str:
    """A chance as a student reads it easily: 'all', '9 in 10', '1 in 20', 'none'."""
    if probability >= 1 - 1e-9:
        return _("all")
    if probability >= 0.95:
        return _("almost all")
    if probability >= 0.095:
        return _("{count} in 10").format(count=int(probability * 10 + 0.5))
    if probability >= 0.01:
        return _("1 in {count}").format(count=round(1 / probability))
    return _("fewer than 1 in 100") if probability > 0 else _("none")


def rarity(p: float) -> str:
    """How often something happens, for a class: '42%', '1 in 160', 'less than 1 in 10,000'."""
    if p >= 0.1:
        return _("{share:.0%}").format(share=p)
    if p >= 0.0001:
        return _("1 in {count:,}").format(count=round(1 / p))
    return _("less than 1 in 10,000")
