"""The exact analysis: every reachable state of a scenario explored once, and every figure of
its journeys worked out from those states exactly, for a player who picks at random among the
open choices (or for a policy).

Every exact figure a command or screen shows comes from one kernel: a branch's share
(`reach.shares`), the reach of each state (`reach.sweep`) and from it each ending's probability
and the expected steps (`odds.journeys`), so the same figure is the same float everywhere.

    codes.py        a state as one integer, its code (no numpy: the debrief's table is keyed so)
    space.py        the reachable states as flat tables
    exploration.py  explore(): one state at a time, then in rounds over the whole frontier
    order.py        the states in an order where every transition goes forward
    reach.py        the share of each branch, and the reach of each state (the kernel); read
                    backward, what journeys from each state end with
    visits.py       which places journeys pass through, each journey counted once
    summary.py      the odds the debrief shows, as data and JSON (no numpy: the game reads it)
    chances.py      from every state and after every option, the chance of each ending
    odds.py         each ending's probability and the expected steps; splits by era, the
                    stage funnel, and the summary
    coverage.py     the chance of reaching each scene and choice, and each outcome's odds
    decisions.py    which decisions change how journeys end, and which change nothing
    problems.py     dead ends, traps and cycles with their traces; warnings
    continuity.py   what players read: expectations proved or shown failing, and warnings
                    about text that does not follow the journey
    analysis.py     analyse(): all of it, for `journey check`

Each module imports only modules above it in this list (tests/engine/exact/test_layers.py), and
summary.py none of them; everything but codes.py and summary.py loads numpy, which the game
never does (it reads the summary, and looks states up in its table by their codes).
"""
