"""The peer story converter (benchmarks/peer_convert.py): its scenario passes `journey check`,
follows the spec's semantics exactly, and gives the asylum probability the peer states."""

from __future__ import annotations

import importlib.util
from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest

from journey.cli import main
from journey.engine.exact.analysis import analyse
from journey.engine.loader import load_text
from journey.engine.exact.exploration import explore

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _module(name: str):
    found = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(found)
    found.loader.exec_module(module)
    return module


peer_convert = _module("peer_convert")


def spec_asylum(spec: dict) -> Fraction:
    """The asylum probability straight from the spec's stated semantics, in exact fractions."""
    scenes = {scene["id"]: scene for scene in spec["scenes"]}

    @cache
    def asylum(scene_id: str, exposure: int) -> Fraction:
        if scene_id == "asylum":
            return Fraction(1)
        options = scenes[scene_id]["options"]
        total = Fraction(0)
        for option in options:
            after = exposure + 1
            caught = Fraction(min(20, option["risk"] + after // 4), 20)
            total += (1 - caught) * asylum(option["next"], after)
        return total / len(options)

    return asylum(spec["start"], spec["variables"]["exposure"])


def spec_states(spec: dict) -> set[tuple[str, int, int]]:
    """Every reachable (place, money, exposure) under the spec, with no bounds at all."""
    scenes = {scene["id"]: scene for scene in spec["scenes"]}
    start = (spec["start"], spec["variables"]["money"], spec["variables"]["exposure"])
    seen, stack = {start}, [start]
    while stack:
        place, money, exposure = stack.pop()
        if place not in scenes:
            continue
        for option in scenes[place]["options"]:
            after = (money - option["cost"], exposure + 1)
            results = []
            if min(20, option["risk"] + after[1] // 4) > 0:
                results.append(("caught",) + after)
            if min(20, option["risk"] + after[1] // 4) < 20:
                results.append((option["next"],) + after)
            for state in results:
                if state not in seen:
                    seen.add(state)
                    stack.append(state)
    return seen


@pytest.fixture(scope="module")
def story():
    spec = peer_convert.peer_spec(10, 20, 1)
    return spec, peer_convert.convert(spec)


class TestPeerStory:
    """The 10 x 20 story of benchmarks/peer/story_spec.py, converted."""

    def test_passes_journey_check(self, story, tmp_path, capsys):
        path = tmp_path / "peer.yaml"
        path.write_text(story[1], encoding="utf-8")
        assert main(["check", str(path)]) == 0
        assert "ok, every path ends" in capsys.readouterr().out

    def test_asylum_probability_is_the_peers(self, story):
        report = analyse(load_text(story[1]))
        assert report.ok
        kind, probability = report.endings["asylum"]
        assert kind == "asylum"
        assert f"{probability:.6f}" == "0.191910"
        assert report.endings["caught"][1] == pytest.approx(1 - probability, abs=1e-12)

    @pytest.mark.parametrize("layers, width, seed", [(10, 20, 1), (4, 3, 7), (25, 2, 3)])
    def test_same_probability_as_the_spec_semantics(self, layers, width, seed):
        spec = peer_convert.peer_spec(layers, width, seed)
        report = analyse(load_text(peer_convert.convert(spec)))
        assert report.endings["asylum"][1] == pytest.approx(float(spec_asylum(spec)), abs=1e-12)

    @pytest.mark.parametrize("layers, width, seed", [(10, 20, 1), (25, 2, 3)])
    def test_bounds_never_change_a_value(self, layers, width, seed):
        """The same states as the spec with no bounds: no variable is ever clamped."""
        spec = peer_convert.peer_spec(layers, width, seed)
        space = explore(load_text(peer_convert.convert(spec)))
        nodes = space.scenario.nodes
        assert {(nodes[node].id, money, exposure) for node, money, exposure in space.keys} == \
            spec_states(spec)
