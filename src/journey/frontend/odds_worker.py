"""The debrief's odds, worked out in the background while the player plays, so the debrief can
show them the moment the journey ends.

A front end calls `start` when a journey starts; the work (read the cache, or explore every
state and keep the result) runs in a thread of its own, never on the UI thread, and once per
version of a scenario however many journeys start. The thread is a daemon: quitting mid-journey
never waits for it, and the cache is written whole or not at all.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future

from journey.engine.model import Scenario
from journey.frontend.odds_cache import ScenarioOdds, odds_for
from journey.frontend.words import _


class OddsWorker:
    """One front end's odds in the making, by scenario content hash."""

    def __init__(self) -> None:
        self.started: dict[str, Future[ScenarioOdds]] = {}
        self.lock = threading.Lock()

    def start(self, scenario: Scenario) -> Future[ScenarioOdds]:
        """The odds of `scenario`, set when they are ready; the work begins on the first call
        for each version of the scenario and returns at once."""
        with self.lock:
            future = self.started.get(scenario.content_hash)
            if future is None:
                future = self.started[scenario.content_hash] = Future()
                future.set_running_or_notify_cancel()  # so a waiter's cancel cannot undo it
                threading.Thread(target=work, args=(scenario, future), daemon=True,
                                 name=f"odds {scenario.id}").start()
            return future


def work(scenario: Scenario, future: Future[ScenarioOdds]) -> None:
    try:
        future.set_result(odds_for(scenario))
    except Exception as error:  # noqa: BLE001 - the debrief says why, and play goes on
        future.set_result(ScenarioOdds(None, _("they could not be worked out ({why})").format(
            why=error)))
