"""Every text of a scenario under a key that names where it is written, for a language's
table to override later: unique, the same after a reload, and covering every text a player
reads, written as its author wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest

from journey.engine import catalog
from journey.engine.loader import load_scenario
from journey.engine.text_keys import text_keys

BUNDLED = ["tutorial", "long_road"]


@pytest.mark.parametrize("name", BUNDLED)
def test_keys_are_unique_and_the_same_after_a_reload(name: str) -> None:
    first = text_keys(load_scenario(catalog.resolve(name)))
    again = text_keys(load_scenario(catalog.resolve(name)))
    keys = [key for key, _text in first]
    assert len(keys) == len(set(keys))
    assert first == again


@pytest.mark.parametrize("name", BUNDLED)
def test_every_text_a_player_reads_has_a_key(name: str) -> None:
    scenario = load_scenario(catalog.resolve(name))
    keys = dict(text_keys(scenario))
    for scene in scenario.scenes:
        assert any(key.startswith(f"scene.{scene.id}.text") for key in keys)
        for i, choice in enumerate(scene.choices):
            assert any(key.startswith(f"scene.{scene.id}.choice.{i}.label") for key in keys)
            if choice.unavailable:
                assert keys[f"scene.{scene.id}.choice.{i}.unavailable"] == choice.unavailable
    for ending in scenario.endings:
        assert keys[f"ending.{ending.id}.title"] == ending.title
        assert any(key.startswith(f"ending.{ending.id}.context") for key in keys)
    for stage in scenario.stages:
        assert keys[f"stage.{stage.id}.title"] == stage.title


def test_the_tutorial_keys_read_as_documented() -> None:
    keys = dict(text_keys(load_scenario(catalog.resolve("tutorial"))))
    assert keys["scene.riverbank.text.1"] == ("You have waited ${nights} on this bank. Every "
                                             "night here is another night someone may notice "
                                             "you.")
    assert keys["scene.riverbank.choice.1.outcome.0.text"] == (
        "The guard keeps his word and turns away. You have ${money} left.")
    assert keys["variable.nights.name.2"] == "two nights"
    assert keys["flag.has_broker.label"] == "Travelling with a broker"
    assert not any(".outcome." in key for key in keys if key.startswith("scene.riverbank.choice.0."))


def test_a_literal_dollar_brace_is_kept_as_written(tmp_path: Path) -> None:
    text = (catalog.resolve("tutorial").read_text(encoding="utf-8")
            .replace("You have waited ${nights} on this bank.",
                     "You have waited ${nights} on this bank ($${not a value})."))
    path = tmp_path / "tutorial.yaml"
    path.write_text(text, encoding="utf-8")
    keys = dict(text_keys(load_scenario(path)))
    assert keys["scene.riverbank.text.1"].startswith(
        "You have waited ${nights} on this bank ($${not a value}).")
