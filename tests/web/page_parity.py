"""The Python side of the page controller's parity tests: what the terminal's front end shows
of a journey, in the plain JSON that page_trace.js answers with, so a test compares the two
with `==`; and where the page controller runs (node, or a blank page of Chromium).

A journey is a seed and the numbers typed at each step (open choices, from 1), as a player
plays it; `numbers` draws them from a random.Random, so a failure names a journey that can be
played again.
"""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path
from typing import Any

from journey.engine.model import Scenario
from journey.frontend import debrief
from journey.frontend.narration import narrate
from journey.frontend.odds_cache import ScenarioOdds
from journey.frontend.page_data import page_data
from journey.frontend.playthrough import Playthrough
from journey.frontend.session import numbered_choices
from journey.engine.text import shown
from journey.web.page import GAME_JS, WORDS, words
from journey.frontend.scenario_data import scenario_data
from journey.web import RUNTIME

from .runtime_parity import Chromium, Node

HERE = Path(__file__).parent
PAGE_TRACE_JS = HERE / "page_trace.js"
PAGE_DRIVER_JS = HERE / "page_driver.js"


def page_node() -> Node:
    return Node(PAGE_DRIVER_JS, RUNTIME, GAME_JS)


def page_chromium(browser: Any) -> Chromium:
    return Chromium(browser, (RUNTIME, GAME_JS, PAGE_TRACE_JS), "PageTrace")


def pages(scenario: Scenario, odds: ScenarioOdds) -> dict[str, Any]:
    """What the page embeds: the rules, the figures and the words."""
    return {"rules": scenario_data(scenario), "figures": page_data(scenario, odds),
            "words": words()}


def numbers(scenario: Scenario, seed: int, picks: random.Random, limit: int) -> list[int]:
    """The numbers a player types in one journey of up to `limit` steps (played by the engine
    to know how many choices are open)."""
    journey, found = Playthrough(scenario, seed), []
    while len(found) < limit and not journey.over:
        choices = [c for c in numbered_choices(scenario, journey.state) if c.number]
        if not choices:
            break
        number = picks.randrange(len(choices)) + 1
        found.append(number)
        journey.take(choices[number - 1].index)
    return found


def _plain(value: Any) -> Any:
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value


def python_page(scenario: Scenario, odds: ScenarioOdds, seed: int,
                typed: list[int]) -> dict[str, Any]:
    """What page_trace.js's `play` answers, from the terminal's front end."""
    journey = Playthrough(scenario, seed)
    steps = []
    for number in typed:
        choices = numbered_choices(scenario, journey.state)
        scene = journey.node
        view = {"stage": scenario.stages[scene.stage].id,  # type: ignore[union-attr]
                "step": journey.state.step + 1,
                "text": shown(scenario, scene.text, journey.state.values),
                "choices": [{**_plain(c), "text": c.text} for c in choices],
                "status": [_plain(item) for item in journey.status()],
                "sources": [line[2:] for line in debrief.sources_lines(
                    scenario, journey.sources_here())]}
        chosen = next(c for c in choices if c.number == number)
        step = journey.take(chosen.index)
        stage = scenario.stages[step.scene.stage].title
        steps.append({"view": view, "told": {
            "plain": narrate(step, False), "odds": narrate(step, True),
            "compact": narrate(step, True, compact=True),
            "quiet": narrate(step, False, compact=True),
            "journal": [f"Step {step.number}, {stage}"] + narrate(step, True)}})
    answer: dict[str, Any] = {"steps": steps, "over": journey.over,
                              "history": [list(pair) for pair in journey.state.history]}
    if journey.over:
        assert journey.ending is not None
        answer["debrief"] = [{"key": s.key, "heading": s.heading,
                              "lines": [dataclasses.asdict(line) for line in s.lines]}
                             for s in debrief.sections(journey, odds)]
        answer["harmful"] = debrief.harmful(journey.ending)
        answer["sources"] = [line[2:] for line in debrief.sources_lines(
            scenario, journey.sources_here())]
    return answer


def as_json(value: Any) -> Any:
    """`value` as it comes back from JSON (tuples as lists), to compare with an answer."""
    return json.loads(json.dumps(value))


__all__ = ["WORDS", "as_json", "numbers", "page_chromium", "page_node", "pages", "python_page"]
