"""The debrief's odds, worked out in the background while the player plays, so the debrief can
show them the moment the journey ends.

A front end calls `start` when a journey starts; the work (read the cache, or explore every
state and keep the result) runs in a thread of its own, never on the UI thread, and once per
version of a scenario however many journeys start. The thread is a daemon: quitting mid-journey
never waits for it, and the cache is written whole or not at all.

Reading the cache takes a moment; working the odds out takes seconds. A front end that prints
its debrief at once (plain mode, fed by a pipe) may wait for the first (`kept`), so that a
journey played again with the same answers reads the same, however fast it was played.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future

from journey.engine.model import Scenario
from journey.frontend import odds_cache
from journey.frontend.odds_cache import ScenarioOdds
from journey.frontend.words import _


class OddsWorker:
    """One front end's odds in the making, by scenario content hash: what the cache kept (None
    when it kept nothing), and the odds."""

    def __init__(self) -> None:
        self.started: dict[str, tuple[Future[ScenarioOdds | None], Future[ScenarioOdds]]] = {}
        self.lock = threading.Lock()

    def start(self, scenario: Scenario) -> Future[ScenarioOdds]:
        """The odds of `scenario`, set when they are ready; the work begins on the first call
        for each version of the scenario and returns at once."""
        return self._futures(scenario)[1]

    def kept(self, scenario: Scenario) -> ScenarioOdds | None:
        """The odds the cache kept for `scenario`, once the cache has been read (a moment, never
        the seconds of working them out); None when it kept none."""
        return self._futures(scenario)[0].result()

    def _futures(self, scenario: Scenario) -> tuple[Future[ScenarioOdds | None],
                                                     Future[ScenarioOdds]]:
        with self.lock:
            futures = self.started.get(scenario.content_hash)
            if futures is None:
                futures = self.started[scenario.content_hash] = (Future(), Future())
                for future in futures:  # so that a waiter's cancel cannot undo it
                    future.set_running_or_notify_cancel()
                threading.Thread(target=work, args=(scenario, *futures), daemon=True,
                                 name=f"odds {scenario.id}").start()
            return futures


def work(scenario: Scenario, kept: Future[ScenarioOdds | None],
         future: Future[ScenarioOdds]) -> None:
    """Read the cache (`kept` is set then), and work the odds out when it kept none."""
    try:
        found = odds_cache.read(scenario)
        kept.set_result(found)
        if found is None:
            found = odds_cache.work_out(scenario)
            odds_cache.write(scenario, found)
    except Exception as error:  # noqa: BLE001 - the debrief says why, and play goes on
        found = ScenarioOdds(None, _("they could not be worked out ({why})").format(why=error))
    if not kept.done():
        kept.set_result(None)
    future.set_result(found)
