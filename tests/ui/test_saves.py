"""Saves on disk: atomic, versioned, tied to the scenario's content hash, and never deleted
when they cannot be used."""

from __future__ import annotations

import json

import pytest

from journey import saves
from journey.engine import engine
from journey.engine.loader import load_scenario
from journey.frontend.playthrough import Playthrough

from .helpers import BRACKETS


@pytest.fixture
def scenario():
    return load_scenario(BRACKETS)


def played(scenario, seed=1, choices=(3,)) -> Playthrough:
    journey = Playthrough.new(scenario, seed)
    for choice in choices:
        journey.choose(choice)
    return journey


def test_a_save_reads_back_to_the_same_state_generator_included(scenario):
    journey = played(scenario)
    save = saves.read(scenario)
    assert save == saves.Save("brackets", scenario.content_hash, 1, journey.state)
    assert save.state.rng == journey.state.rng


def test_writing_leaves_only_the_save_behind(scenario, data_home):
    played(scenario, choices=(3, 0))
    assert sorted(p.name for p in (data_home / "saves").iterdir()) == ["brackets.json"]


def test_the_save_names_its_version_scenario_and_content_hash(scenario, data_home):
    played(scenario)
    data = json.loads((data_home / "saves" / "brackets.json").read_text())
    assert (data["version"], data["scenario"], data["content_hash"], data["seed"]) == \
        (saves.SAVE_VERSION, "brackets", scenario.content_hash, 1)


def unusable_files(data_home):
    return sorted((data_home / "saves").glob("brackets.unusable-*.json"))


@pytest.mark.parametrize("damage, reason", [
    (lambda data: "{not json", "not valid JSON"),
    (lambda data: json.dumps({**data, "version": 99}), "another version of journey"),
    (lambda data: json.dumps({**data, "content_hash": "0" * 64}), "the scenario has changed"),
    (lambda data: json.dumps({**data, "state": {**data["state"], "rng": "12345"}}),
     "does not match its own history"),
    (lambda data: json.dumps({**data, "state": {**data["state"], "history": [[7, 0]]}}),
     "does not fit the scenario"),
    (lambda data: json.dumps([1, 2]), "not a journey save"),
])
def test_an_unusable_save_is_moved_aside_with_a_reason(scenario, data_home, damage, reason):
    played(scenario)
    path = data_home / "saves" / "brackets.json"
    damaged = damage(json.loads(path.read_text()))
    path.write_text(damaged)
    with pytest.raises(saves.SaveProblem) as problem:
        saves.read(scenario)
    assert reason in str(problem.value)
    assert not path.exists()
    assert unusable_files(data_home) == [problem.value.moved_to]
    assert problem.value.moved_to.read_text() == damaged
    assert saves.read(scenario) is None


def test_two_unusable_saves_are_both_kept(scenario, data_home):
    for _ in range(2):
        played(scenario)
        (data_home / "saves" / "brackets.json").write_text("damaged")
        with pytest.raises(saves.SaveProblem):
            saves.read(scenario)
    assert len(unusable_files(data_home)) == 2


def test_a_finished_journey_is_not_offered_to_continue(scenario):
    journey = played(scenario, seed=3, choices=(0,))
    assert engine.is_over(scenario, journey.state)
    assert saves.read(scenario).state == journey.state
    assert saves.unfinished(scenario) is None


def test_a_save_that_cannot_be_written_is_reported_and_play_goes_on(scenario, data_home):
    data_home.mkdir(parents=True)
    (data_home / "saves").write_text("a file where the folder should be")
    journey = Playthrough.new(scenario, 1)
    assert journey.save_error.startswith("Your journey could not be saved:")
    journey.choose(3)
    assert journey.state.step == 1


def test_resume_rebuilds_the_journal_from_the_history(scenario):
    journey = played(scenario, choices=(3, 0))
    again = Playthrough.resume(scenario, saves.read(scenario))
    assert again.state == journey.state
    assert again.steps == journey.steps
