"""Properties over random scenarios whose text follows the journey (conditional parts, values,
`show:`, `expect:`): what players read changes nothing of the story, every failing expectation's
trace replays to a state where it fails, and the warnings about parts and repeated scenes are
exactly what a search of every state, written here with the engine's own rules, finds."""

from __future__ import annotations

import numpy as np
from hypothesis import given

from journey.engine import rules
from journey.engine.exact.analysis import analyse
from journey.engine.exact.exploration import explore
from journey.engine.text import shown

from .strategies import plain_text, scenarios
from .test_properties import StateGraph, replay_trace

following = scenarios(continuity=True)


def _figures(report) -> dict:
    """What the analysis works out about the story itself (problems without their traces'
    words, which follow the journey)."""
    return {"states": report.states, "longest": report.longest_path,
            "expected": report.expected_steps, "endings": report.endings,
            "scenes": report.scene_reach, "choices": report.choice_reach,
            "exact": report.coverage_exact,
            "problems": [(p.kind, p.message, [(s.scene, s.choice, s.outcome, s.to)
                                              for s in p.trace], p.loop_from)
                         for p in report.problems if p.kind != "expectation"]}


@given(following)
def test_text_that_follows_the_journey_changes_no_state_and_no_odds(written):
    plain = plain_text(written)
    told, bare = explore(written.scenario), explore(plain.scenario)
    for table in ("node", "choice_row", "choice", "branch_row", "weight", "outcome", "target"):
        assert np.array_equal(told.column(table), bare.column(table)), table
    assert list(told.values) == list(bare.values)
    assert _figures(analyse(written.scenario)) == _figures(analyse(plain.scenario))


@given(following)
def test_every_failing_expectation_replays_to_a_state_where_it_fails(written):
    scenario, report = written.scenario, analyse(written.scenario)
    graph = StateGraph(scenario)
    failing = {}
    for node in scenario.nodes:
        for expectation in node.expect:
            states = [k for k in graph.depth if k[0] == node.index]
            wrong = [k for k in states if not expectation.condition(k[1:])]
            if wrong:
                failing[expectation.where] = (node, expectation, wrong, states)
    found = {p.where: p for p in report.problems if p.kind == "expectation"}
    assert set(found) == set(failing)
    for where, problem in found.items():
        node, expectation, wrong, states = failing[where]
        end = replay_trace(scenario, problem)[-1]
        assert end.node == node.index and not expectation.condition(end.values)
        assert len(problem.trace) == min(graph.depth[k] for k in wrong)
        assert f"{len(wrong):,} of {len(states):,} reachable states" in problem.message
        assert (problem.share is None) == (report.journeys is None)
        if problem.share is not None:
            assert 0 <= problem.share <= 1


@given(following)
def test_part_warnings_are_exactly_the_parts_never_or_always_shown(written):
    scenario, report = written.scenario, analyse(written.scenario)
    graph = StateGraph(scenario)
    expected = set()
    for node in scenario.nodes:
        states = [k[1:] for k in graph.depth if k[0] == node.index]
        texts = [node.text] + ([node.context] if node.is_ending else [])
        for text in texts if states else []:
            for part in text.parts:
                if part.condition is None:
                    continue
                shown_in = {bool(part.condition(values)) for values in states}
                if shown_in == {False}:
                    expected.add(("part_never_shown", part.where))
                elif shown_in == {True}:
                    expected.add(("part_always_shown", part.where))
    scene_texts = {part.where for node in scenario.nodes
                   for text in [node.text] + ([node.context] if node.is_ending else [])
                   for part in text.parts}
    found = {(w.kind, w.where) for w in report.warnings if w.where in scene_texts}
    assert found == expected


@given(following)
def test_a_scene_is_warned_about_exactly_when_a_journey_can_read_it_twice_the_same(written):
    scenario, report = written.scenario, analyse(written.scenario)
    graph = StateGraph(scenario)
    successors = {k: [t for _, t in found] for k, found in graph.successors.items()}
    twice = set()
    for scene in scenario.scenes:
        if scene.repeats:
            continue
        here = [k for k in graph.depth if k[0] == scene.index]
        for start in here:
            reading = shown(scenario, scene.text, start[1:])
            seen, todo = set(), list(successors[start])
            while todo and scene.id not in twice:
                key = todo.pop()
                if key in seen:
                    continue
                seen.add(key)
                if key[0] == scene.index and shown(scenario, scene.text, key[1:]) == reading:
                    twice.add(scene.id)
                todo += successors.get(key, [])
    warned = {w.where[1]: w for w in report.warnings if w.kind == "shown_twice"}
    assert set(warned) == twice
    for scene_id, warning in warned.items():
        states = replay_trace(scenario, warning)
        read = [shown(scenario, scenario.nodes[s.node].text, s.values) for s in states
                if s.node == scenario.node(scene_id).index]
        assert len(read) >= 2 and read[-1] in read[:-1]


@given(following)
def test_what_changed_tells_every_change_but_those_of_values_never_shown(written):
    scenario = written.scenario
    specs = (*scenario.variables, *scenario.flags)
    state = rules.new_game(scenario, 1)
    while not rules.is_over(scenario, state) and state.step < 20:
        options = rules.available(scenario, state.node, state.values)
        if not options:
            break
        before = state.values
        state, events = rules.step(scenario, state, options[-1])
        told = [e.id for e in events if isinstance(e, rules.ValueChanged)]
        assert told == [spec.id for spec, was, now in zip(specs, before, state.values)
                        if was != now and spec.show != "never"]
