"""Every word of the debrief that is the program's own comes from the catalogue: journeys of the
long road are played to their debriefs under the pseudo-locale (JOURNEY_LANG=qps-ploc) and
written as plain mode writes them, and no English is left outside the catalogue's brackets but
the scenario's own text and the published arrivals data."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator

import pytest

from frontend.pseudo import arrivals_texts, catalogue, escaped, scenario_texts
from journey.engine import catalog, rules
from journey.engine.exact.odds import summarise
from journey.engine.loader import load_scenario
from journey.frontend import debrief, words
from journey.frontend.odds_cache import ScenarioOdds
from journey.frontend.playthrough import Playthrough
from journey.plain.output import Output

LONG_ROAD = load_scenario(catalog.resolve("long_road"))
ENDED_IN = catalogue.pseudo("Your journey ended in {kind}.").split("{")[0]


@pytest.fixture(scope="module")
def odds() -> ScenarioOdds:
    return ScenarioOdds(summarise(LONG_ROAD))


@pytest.fixture
def pseudo(monkeypatch) -> Iterator[None]:
    """The pseudo-locale, chosen from the environment as a player's game chooses it."""
    monkeypatch.setenv(words.VARIABLE, words.PSEUDO)
    words.use(None)
    yield
    words.use(None)


def played(seed: int) -> Playthrough:
    """A journey of the long road with choices drawn from random.Random(seed), to its end."""
    pick = random.Random(seed)
    journey = Playthrough(LONG_ROAD, seed)
    while not journey.over:
        journey.take(pick.choice([c.index for c in rules.choice_views(LONG_ROAD, journey.state)
                                  if c.enabled]))
    return journey


def written(sections: list[debrief.Section]) -> str:
    out = io.StringIO()
    for section in sections:
        Output(out).section(section)
    return out.getvalue()


def test_the_debrief_speaks_only_the_catalogue_and_the_story(pseudo, odds):
    known = scenario_texts(LONG_ROAD) + arrivals_texts()
    kinds = set()
    for seed in range(8):
        journey = played(seed)
        kinds.add(journey.ending.kind)
        shown = written(debrief.sections(journey, odds))
        assert ENDED_IN in shown  # the catalogue is in use
        assert shown.count(catalogue.OPEN) == shown.count(catalogue.CLOSE)  # none left open
        found = escaped(shown, known)
        assert not found, f"seed {seed}:\n" + "\n".join(map(str, found))
    assert len(kinds) >= 4


def test_while_the_odds_are_worked_out_and_when_they_cannot_be(pseudo):
    journey = played(0)
    known = scenario_texts(LONG_ROAD) + arrivals_texts()
    for odds in (None, ScenarioOdds(None, "too many states")):
        shown = written(debrief.sections(journey, odds))
        assert catalogue.pseudo("The game's odds") in shown
        assert not escaped(shown, known)  # the reason is a value, inside the brackets
