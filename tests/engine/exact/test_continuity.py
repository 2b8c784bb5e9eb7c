"""What `journey check` proves about what players read, on small stories whose answers can be
worked out by hand: an expectation's share of failing arrivals and its trace, and each warning
about text that does not follow the journey, at the place in the file it is about."""

from __future__ import annotations

from journey.engine.exact.analysis import analyse
from journey.engine.loader import load_text

STORY = """\
format: 1
id: t
title: T
summary: S.
content_note: C.
start: a
variables: {coin: {start: 0, min: 0, max: 1, label: Coin}}
flags: {f: {label: F}}
stages: [{id: s, title: S, place: P}]
scenes:
  a:
    stage: s
    text: A.
    choices:
      - label: Toss
        outcomes:
          - {weight: 3, text: Heads., effects: {set: {coin: 1}}, goto: b}
          - weight: 1
            text: [Tails., {if: "coin == 1", text: "Heads after all."}]
            goto: b
      - label: Walk
        goto:
          - {if: "coin == 1", goto: end}
          - goto: b
  b:
    stage: s
    text: [B., {if: "coin >= 0", text: Always.}]
    expect:
      - {if: "coin == 1", because: the text speaks of the coin}
      - {if: "coin <= 1", because: it is a coin}
    choices:
      - label: [Go, {if: "not f", text: "on"}]
        goto: end
endings:
  end:
    kind: asylum
    title: End
    text: [The end., {if: "coin == 1 or not f", text: Heads or not.}]
    context: C.
"""


def test_an_expectation_that_fails_gives_the_share_of_arrivals_and_the_shortest_trace():
    report = analyse(load_text(STORY, "t.yaml"))
    [problem] = report.problems
    # Half the players toss, a quarter of those get tails; the other half walk: coin 0 on
    # 1/2 * 1/4 + 1/2 = 5/8 of the arrivals at b.
    assert problem.kind == "expectation" and problem.share == 0.625
    assert problem.where == ("scenes", "b", "expect", 0)
    assert problem.message == (
        "scene 'b': expected 'coin == 1' (the text speaks of the coin), but it does not hold "
        "on 62.50% of arrivals at this scene (1 of 2 reachable states); the shortest journey "
        "where it does not:")
    assert [(s.scene, s.label, s.outcome_text, s.to) for s in problem.trace] == [
        ("a", "Toss", "Tails.", "b")]
    assert problem.to_json()["share"] == 0.625


def test_warnings_name_each_part_and_destination_that_never_or_always_applies():
    report = analyse(load_text(STORY, "t.yaml"))
    assert [(w.kind, w.where) for w in report.warnings] == [
        ("part_always_shown", ("scenes", "b", "text", 1, "if")),
        ("part_always_shown", ("scenes", "b", "choices", 0, "label", 1, "if")),
        ("part_always_shown", ("endings", "end", "text", 1, "if")),
        ("part_never_shown", ("scenes", "a", "choices", 0, "outcomes", 1, "text", 1, "if")),
        ("route_never_taken", ("scenes", "a", "choices", 1, "goto", 0, "if")),
    ]
    assert report.warnings[3].message == (
        "scene 'a': choice 1, outcome 2: the outcome text's part shown if 'coin == 1' is never "
        "shown: its condition never holds where it would be read")
    assert report.warnings[4].message == (
        "scene 'a': choice 2: the destination 'end' if 'coin == 1' is never taken: on the "
        "values the step arrives with, its condition never holds, or an earlier one always "
        "does")


LOOP = """\
format: 1
id: loop
title: T
summary: S.
content_note: C.
start: wait
variables: {days: {start: 0, min: 0, max: 3, label: Days}}
stages: [{id: s, title: S, place: P}]
scenes:
  wait:
    stage: s
    text: TEXT
    choices:
      - {label: Wait, if: "days < 3", effects: {add: {days: 1}}, goto: wait}
      - {label: Go, goto: end}
endings:
  end: {kind: hiding, title: End, text: E., context: C.}
"""


def shown_twice(text: str) -> list:
    report = analyse(load_text(LOOP.replace("TEXT", text), "loop.yaml"))
    return [w for w in report.warnings if w.kind == "shown_twice"]


def test_a_scene_read_twice_word_for_word_is_warned_about_with_a_journey_that_does():
    [warning] = shown_twice("You wait.")
    assert (warning.where, warning.at_key) == (("scenes", "wait"), True)
    assert [(s.scene, s.label, s.to) for s in warning.trace] == [("wait", "Wait", "wait")]
    assert "shows it at the start and after its last step" in warning.message


def test_a_text_that_reads_differently_each_time_or_says_it_repeats_is_not():
    assert shown_twice("Day ${days}.") == []
    assert shown_twice("[You wait., {if: \"days > 0\", text: \"Again.\"}]") != []  # days 1, 2
    assert shown_twice("You wait.\n    repeats: true") == []


def test_a_cycle_leaves_no_share_and_counts_states():
    story = STORY.replace("      - label: [Go, {if: \"not f\", text: \"on\"}]\n        goto: end",
                          "      - label: [Go, {if: \"not f\", text: \"on\"}]\n        goto: b")
    report = analyse(load_text(story, "t.yaml"))
    [expectation] = [p for p in report.problems if p.kind == "expectation"]
    assert expectation.share is None
    assert "does not hold on 1 of 2 reachable states;" in expectation.message
