"""The exact analysis: every reachable state of a scenario explored once, and every figure of
its journeys worked out from those states exactly, for a player who picks at random among the
open choices (or for a policy).

Every exact figure a command or screen shows comes from one kernel: a branch's share
(`reach.shares`), the reach of each state (`reach.sweep`) and from it each ending's probability
and the expected steps (`odds.journeys`), so the same figure is the same float everywhere.

    space.py        the reachable states as flat tables; a state as one integer (its code)
    exploration.py  explore(): one state at a time, then in rounds over the whole frontier
    order.py        the states in an order where every transition goes forward
    reach.py        the share of each branch, and the reach of each state (the kernel)
    visits.py       which places journeys pass through, each journey counted once
    summary.py      the odds the debrief shows, as data and JSON (no numpy: the game reads it)
    odds.py         each ending's probability and the expected steps; splits by era, the
                    stage funnel, and the summary
    coverage.py     the chance of reaching each scene and choice, and each outcome's odds
    problems.py     dead ends, traps and cycles with their traces; warnings
    continuity.py   what players read: expectations proved or shown failing, and warnings
                    about text that does not follow the journey
    analysis.py     analyse(): all of it, for `journey check`

Each module imports only modules above it in this list (tests/engine/exact/test_layers.py), and
summary.py none of them; everything but summary.py loads numpy, which the game never does.
"""
