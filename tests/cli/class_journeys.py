"""Finished journeys for the class record's tests: the tutorial, taking the first open choice
each time (the same route for every seed, so a seed tells entries apart)."""

from __future__ import annotations

from journey.engine import catalog, rules
from journey.engine.loader import load_scenario
from journey.frontend.playthrough import Playthrough

TUTORIAL = catalog.resolve("tutorial")


def finished(seed: int) -> Playthrough:
    """A tutorial journey that always takes the first open choice."""
    scenario = load_scenario(TUTORIAL)
    playthrough = Playthrough(scenario, seed)
    while not playthrough.over:
        playthrough.take(next(view.index for view in rules.choice_views(scenario,
                                                                          playthrough.state)
                              if view.enabled))
    return playthrough
