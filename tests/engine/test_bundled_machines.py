"""Every bundled scenario, played by a Hypothesis state machine, and checked against the schema.

The machines are built per scenario from `catalog.bundled()`, so a scenario added to
`scenarios/` is played here without touching this file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache

import jsonschema
import pytest
import yaml
from hypothesis import strategies as st
from hypothesis.stateful import (RuleBasedStateMachine, initialize, invariant, precondition,
                                 rule, run_state_machine_as_test)

from journey.engine import catalog, rules
from journey.engine.exact.analysis import Report, analyse
from journey.engine.loader import load_scenario
from journey.engine.model import Scenario
from journey.engine.state import GameState
from journey.engine.text import shown

BUNDLED = sorted(catalog.bundled())
seeds = st.integers(min_value=0, max_value=2**64 - 1)


@cache
def checked(name: str) -> tuple[Scenario, Report]:
    scenario = load_scenario(catalog.bundled()[name])
    return scenario, analyse(scenario)


def machine_for(name: str) -> type[RuleBasedStateMachine]:
    """A state machine that plays the bundled scenario `name` as a player could."""
    scenario, report = checked(name)

    class PlayScenario(RuleBasedStateMachine):
        @initialize(seed=seeds)
        def start(self, seed: int) -> None:
            self.seed = seed
            self.state = rules.new_game(scenario, seed)

        def over(self) -> bool:
            return rules.is_over(scenario, self.state)

        def views(self) -> list[rules.ChoiceView]:
            return rules.choice_views(scenario, self.state)

        @precondition(lambda self: not self.over())
        @rule(data=st.data())
        def choose(self, data) -> None:
            open_choices = [v.index for v in self.views() if v.enabled]
            assert open_choices == rules.available(scenario, self.state.node, self.state.values)
            index = data.draw(st.sampled_from(open_choices), label="choice")
            before = self.state
            self.state, events = rules.step(scenario, before, index)
            assert self.state.step == before.step + 1
            assert self.state.history[:-1] == before.history
            assert self.state.history[-1][0] == index
            choice = scenario.nodes[before.node].choices[index]
            # The label as the player read it: on the values at the scene.
            assert events[0] == rules.ChoiceTaken(shown(scenario, choice.label, before.values))
            arrived = scenario.nodes[self.state.node]
            assert events[-1] == rules.Arrived(arrived.id, arrived.is_ending)

        @precondition(lambda self: any(not v.enabled for v in self.views()))
        @rule(data=st.data())
        def closed_choice_is_refused(self, data) -> None:
            closed = [v for v in self.views() if not v.enabled]
            view = data.draw(st.sampled_from(closed), label="closed choice")
            assert view.reason
            with pytest.raises(rules.InvalidChoice):
                rules.step(scenario, self.state, view.index)

        @rule()
        def save_and_load(self) -> None:
            loaded = GameState.from_json(json.loads(json.dumps(self.state.to_json())))
            assert loaded == self.state
            self.state = loaded

        @precondition(lambda self: self.over())
        @rule(seed=seeds)
        def restart(self, seed: int) -> None:
            assert rules.choice_views(scenario, self.state) == []
            self.start(seed)

        @invariant()
        def values_stay_within_bounds(self) -> None:
            values = self.state.values
            assert len(values) == len(scenario.variables) + len(scenario.flags)
            for spec, value in zip(scenario.variables, values):
                assert spec.low <= value <= spec.high, (spec.id, value)
            assert all(v in (0, 1) for v in values[len(scenario.variables):])

        @invariant()
        def never_a_dead_end(self) -> None:
            assert self.over() or rules.available(scenario, self.state.node, self.state.values)

        @invariant()
        def steps_are_counted_and_bounded(self) -> None:
            assert self.state.step == len(self.state.history) <= report.longest_path

        @invariant()
        def the_journey_replays_from_its_seed(self) -> None:
            assert rules.replay(scenario, self.seed, self.state.history) == self.state

    PlayScenario.__name__ = PlayScenario.__qualname__ = f"Play_{name}"
    return PlayScenario


def test_the_default_scenario_is_bundled():
    assert catalog.DEFAULT_SCENARIO in BUNDLED


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_scenario_plays_by_its_rules(name):
    scenario, report = checked(name)
    assert report.ok, [p.message for p in report.problems]
    run_state_machine_as_test(machine_for(name))


# --- `journey schema` ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    printed = subprocess.run([sys.executable, "-m", "journey", "schema"], capture_output=True,
                             text=True, timeout=60, check=True)
    schema = json.loads(printed.stdout)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("name", BUNDLED)
def test_schema_accepts_bundled_scenario(validator, name):
    data = yaml.safe_load(catalog.bundled()[name].read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data))  # as an editor sees it: every key is a JSON string
    assert list(validator.iter_errors(data)) == []


def test_schema_rejects_a_broken_scenario(validator):
    data = json.loads(json.dumps(yaml.safe_load(catalog.bundled()["tutorial"].read_text(
        encoding="utf-8"))))
    data["scenes"]["home"]["choices"][0]["gooto"] = data["scenes"]["home"]["choices"][0].pop("goto")
    data["sources"]["hanawon"]["year"] = "last year"
    data["endings"]["reached_seoul"]["kind"] = "escaped"
    del data["title"]
    found = sorted((list(e.absolute_path), e.validator) for e in validator.iter_errors(data))
    assert found == [
        ([], "required"),
        (["endings", "reached_seoul", "kind"], "enum"),
        (["scenes", "home", "choices", 0], "additionalProperties"),
        (["sources", "hanawon", "year"], "type"),
    ]
