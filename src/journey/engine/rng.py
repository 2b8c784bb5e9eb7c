"""A tiny, explicit random generator (SplitMix64) whose whole state is one integer.

The game state carries this integer, so a journey is reproducible from its seed and survives
save and load exactly, on any Python version; nothing uses the global `random` module.
"""

from __future__ import annotations

MASK = (1 << 64) - 1
_GAMMA = 0x9E3779B97F4A7C15


def seed_state(seed: int) -> int:
    """The generator state for a seed (any integer)."""
    return (seed * 0xBF58476D1CE4E5B9 + _GAMMA) & MASK


def next_u64(state: int) -> tuple[int, int]:
    """Return (a 64-bit random value, the next state)."""
    state = (state + _GAMMA) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31), state


def below(state: int, bound: int) -> tuple[int, int]:
    """Return (a value uniform in [0, bound), the next state), by multiply-shift."""
    value, state = next_u64(state)
    return (value * bound) >> 64, state
