"""The Python side of the parity tests, and the two places the JavaScript runtime runs.

`python_trace` plays a journey with the engine exactly as runtime_trace.js plays it with the
runtime, and writes what it sees in the same plain JSON, so a test compares the two with `==`.
`moves` makes the (choice, outcome) moves of a journey from a stream of numbers: mostly open
choices, sometimes any index (a closed choice, or one past the ends) and sometimes a forced
outcome, so refusals are compared too. `Node` and `Chromium` answer the requests runtime_trace.js
handles, from one node process or one blank page for a whole test module.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journey.engine import rng, rules
from journey.engine.model import Ending, Scenario, Scene
from journey.engine.text import shown, visible
from journey.web import RUNTIME

HERE = Path(__file__).parent
TRACE_JS = HERE / "runtime_trace.js"
DRIVER_JS = HERE / "runtime_driver.js"

Move = tuple[int, int | None]


def moves(scenario: Scenario, seed: int, picks: Iterator[int], limit: int) -> list[Move]:
    """Up to `limit` moves of a journey, chosen by `picks` (played by the engine to know what
    is open), ending at an ending."""
    state, found = rules.new_game(scenario, seed), []
    while len(found) < limit and not rules.is_over(scenario, state):
        scene = scenario.nodes[state.node]
        assert isinstance(scene, Scene)
        kind, open_choices = next(picks) % 8, rules.available(scenario, state.node, state.values)
        if kind == 0 or not open_choices:  # any index: closed, open, or past either end
            choice = next(picks) % (len(scene.choices) + 2) - 1
        else:
            choice = open_choices[next(picks) % len(open_choices)]
        outcome = None
        if kind == 1 and 0 <= choice < len(scene.choices):  # forced: possible or not
            outcome = next(picks) % (len(scene.choices[choice].outcomes) + 1)
        found.append((choice, outcome))
        try:
            state, _ = rules.step(scenario, state, choice, outcome)
        except rules.InvalidChoice:
            pass
    return found


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def plain(value: Any) -> Any:
    """Events and choice views as the runtime writes them: fields in camelCase, tuples as
    lists, an event's class name as its `type`."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {_camel(f.name): plain(getattr(value, f.name))
                  for f in dataclasses.fields(value)}
        return fields if isinstance(value, rules.ChoiceView) else {
            "type": type(value).__name__, **fields}
    if isinstance(value, (tuple, list)):
        return [plain(item) for item in value]
    return value


def _snapshot(scenario: Scenario, state: rules.GameState) -> dict[str, Any]:
    node, values = scenario.nodes[state.node], state.values
    text = {"text": shown(scenario, node.text, values)}
    if isinstance(node, Ending):
        text["context"] = shown(scenario, node.context, values)
    return {"state": state.to_json(), "over": rules.is_over(scenario, state),
            "available": rules.available(scenario, state.node, state.values),
            "views": plain(rules.choice_views(scenario, state)), "text": text,
            "visible": [visible(scenario, slot, value) for slot, value in enumerate(values)]}


def python_trace(scenario: Scenario, seed: int, journey: list[Move]) -> dict[str, Any]:
    """What runtime_trace.js's `play` answers for this journey, from the engine."""
    state = rules.new_game(scenario, seed)
    trace = [_snapshot(scenario, state)]
    for choice, outcome in journey:
        try:
            state, events = rules.step(scenario, state, choice, outcome)
        except rules.InvalidChoice as refusal:
            trace.append({"refused": [choice, outcome], "message": str(refusal)})
            continue
        state = rules.GameState.from_json(json.loads(json.dumps(state.to_json())))
        trace.append({**_snapshot(scenario, state), "events": plain(events)})
    replayed = rules.replay(scenario, seed, state.history)
    return {"trace": trace, "replayed": replayed.to_json()}


def python_draws(seed: int, bounds: list[int]) -> list[str]:
    """What runtime_trace.js's `draws` answers: the seeded state, then each draw and state."""
    state = rng.seed_state(seed)
    found = [str(state)]
    for bound in bounds:
        value, state = rng.below(state, bound)
        found += [str(value), str(state)]
    return found


def first_difference(expected: Any, found: Any, where: str = "") -> str | None:
    """Where two answers first differ, and how, for a failure that can be read; None if equal."""
    if isinstance(expected, dict) and isinstance(found, dict):
        for key in sorted(expected.keys() | found.keys()):
            difference = first_difference(expected.get(key), found.get(key), f"{where}.{key}")
            if difference:
                return difference
        return None
    if isinstance(expected, list) and isinstance(found, list):
        for i, (a, b) in enumerate(zip(expected, found)):
            difference = first_difference(a, b, f"{where}[{i}]")
            if difference:
                return difference
        if len(expected) != len(found):
            return f"{where}: {len(expected)} items in Python, {len(found)} in JavaScript"
        return None
    # JavaScript has one type of number (1.0 comes back as 1), but true is not 1.
    numbers = (int, float)
    same_type = (type(expected) is type(found) or isinstance(expected, numbers)
                 and isinstance(found, numbers) and bool not in (type(expected), type(found)))
    if expected != found or not same_type:
        return f"{where}: Python {expected!r}, JavaScript {found!r}"
    return None


class Node:
    """A driver script (by default runtime_driver.js) in one node process, answering one
    request at a time."""

    name = "node"

    def __init__(self, driver: Path = DRIVER_JS, *arguments: Path) -> None:
        node = shutil.which("node")
        if node is None:
            pytest.fail("The runtime's parity tests need node: apt-get install nodejs "
                        "(make test does it as root).")
        self.process = subprocess.Popen([node, str(driver), *map(str, arguments or (RUNTIME,))],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)

    def ask(self, request: dict[str, Any]) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"node stopped: {self.process.communicate()[1]}")
        reply = json.loads(line)
        if "error" in reply:
            raise AssertionError(f"the runtime failed in node: {reply['error']}")
        return reply["answer"]

    def close(self) -> None:
        self.process.communicate()


class Chromium:
    """Scripts (by default runtime.js and runtime_trace.js) in a blank page of Debian's
    Chromium, the last one's global `handler` answering, with a log of any request the page
    makes (none is expected: the scripts load nothing)."""

    name = "chromium"

    def __init__(self, browser: Any, scripts: tuple[Path, ...] = (RUNTIME, TRACE_JS),
                 handler: str = "JourneyTrace") -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.handler = handler
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.set_content("<!doctype html><title>journey runtime</title>")
        for script in scripts:
            self.page.add_script_tag(content=script.read_text(encoding="utf-8"))

    def ask(self, request: dict[str, Any]) -> Any:
        # As text both ways: Playwright carries a string far faster than the object it holds.
        # A handler may answer with a promise: evaluate awaits it.
        return json.loads(self.page.evaluate(
            f"async request => JSON.stringify(await {self.handler}.handle(JSON.parse(request)))",
            json.dumps(request)))

    def close(self) -> None:
        assert self.errors == [] and self.requests == []
        self.context.close()
