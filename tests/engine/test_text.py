"""Text that follows the journey as a player reads it: conditional parts joined as paragraphs
(a label's on one line), `${name}` shown as the status panel shows it, `$${` written as `${`,
each text read on the values of its moment; `show:`; and the loader's errors inside strings,
at the line and column of the name."""

from __future__ import annotations

import textwrap

import pytest

from journey.engine import rules
from journey.engine.diagnostics import ScenarioError
from journey.engine.loader import load_text
from journey.engine.text import shown

HEAD = """\
format: 1
id: t
title: T
summary: S.
content_note: C.
start: market
variables:
  money: {start: 6, min: 0, max: 20, label: Money, unit: US$, scale: 100}
  months: {start: 0, min: 0, max: 2, label: Months, names: {1: one month, 2: two months}}
flags:
  phone: {label: Has a phone, show: when-set}
  trafficked: {label: Trafficked, show: never}
stages: [{id: s, title: S, place: P}]
"""
TAIL = """\
endings:
  end:
    kind: hiding
    title: End
    text: ["It ends with ${money}.", {if: trafficked, text: "She was sold once."}]
    context: [Context., {if: "not phone", text: "  No phone.  "}]
"""


def scenario(scenes: str):
    return load_text(HEAD + "scenes:\n" + textwrap.indent(textwrap.dedent(scenes), "  ") + TAIL,
                     "t.yaml")


MARKET = """\
market:
  stage: s
  text:
    - >
      The market is loud.
    - {if: phone, text: "Your phone buzzes."}
    - if: "months > 0"
      text: |
        You have worked here ${months}.
        The cook knows you.
    - "Cost: $${money} is written, ${money} is shown; a lone $ stays."
  choices:
    - label: [Buy a phone, {if: "money >= 4", text: "(you have ${money})"}]
      effects: {set: {phone: true, trafficked: true}, add: {money: -4, months: 1}}
      goto: market
    - label: Work
      outcomes:
        - weight: 1
          text: ["You are paid.", {if: "money > 6", text: "You have ${money} now."}]
          effects: {add: {money: 3, months: 1}}
          goto: end
"""


def test_parts_are_shown_by_their_condition_and_joined_as_paragraphs():
    found = scenario(MARKET)
    market = found.node("market")
    start = found.start_values
    assert shown(found, market.text, start) == (
        "The market is loud.\n\nCost: ${money} is written, 600 US$ is shown; a lone $ stays.")
    later, _ = rules.step(found, rules.new_game(found), 0)
    assert shown(found, market.text, later.values) == (
        "The market is loud.\n\nYour phone buzzes.\n\nYou have worked here one month.\n"
        "The cook knows you.\n\nCost: ${money} is written, 200 US$ is shown; a lone $ stays.")


def test_a_label_is_one_line_read_where_the_choice_is_shown():
    found = scenario(MARKET)
    first = rules.new_game(found)
    assert [v.label for v in rules.choice_views(found, first)] == [
        "Buy a phone (you have 600 US$)", "Work"]
    after, events = rules.step(found, first, 0)
    assert events[0] == rules.ChoiceTaken("Buy a phone (you have 600 US$)")
    assert rules.choice_views(found, after)[0].label == "Buy a phone"


def test_an_outcomes_text_is_read_on_the_values_the_step_arrives_with():
    found = scenario(MARKET)
    _, events = rules.step(found, rules.new_game(found), 1)
    risk = next(e for e in events if isinstance(e, rules.RiskResolved))
    assert risk.text == "You are paid.\n\nYou have 900 US$ now."  # 600 + 300, after the step
    assert risk.odds == (("You are paid.\n\nYou have 900 US$ now.", 1.0),)


def test_an_endings_text_and_context_are_read_at_the_end_trimmed_of_spaces_only():
    found = scenario(MARKET)
    end = found.node("end")
    assert shown(found, end.text, (2, 1, 1, 1)) == "It ends with 200 US$.\n\nShe was sold once."
    assert shown(found, end.context, (2, 1, 0, 0)) == "Context.\n\nNo phone."


def test_text_written_as_one_string_is_shown_exactly_as_written():
    found = scenario("""\
        market:
          stage: s
          text: |
            Two lines,
              kept as written, with ${money}.
          choices: [{label: "  Go  ", goto: end}]
        """)
    assert shown(found, found.node("market").text, found.start_values) == (
        "Two lines,\n  kept as written, with 600 US$.\n")
    assert rules.choice_views(found, rules.new_game(found))[0].label == "  Go  "


def test_a_change_is_told_unless_the_value_is_never_shown():
    found = scenario(MARKET)
    _, events = rules.step(found, rules.new_game(found), 0)
    assert [(e.id, e.before, e.after) for e in events if isinstance(e, rules.ValueChanged)] == [
        ("money", "600 US$", "200 US$"), ("months", "0", "one month"), ("phone", "no", "yes")]


def errors(scenes: str) -> list[str]:
    with pytest.raises(ScenarioError) as failure:
        scenario(scenes)
    return [f"{d.line}:{d.column}: {d.message}" for d in failure.value.diagnostics]


def test_an_unknown_name_is_reported_at_its_column_with_a_did_you_mean():
    # Line 14 is `scenes:`, so the scene's keys start on 16.
    assert errors("""\
        market:
          stage: s
          text:
            - plain ${mony} text
            - "quoted ${money} and ${monts}"
            - {if: phone, text: 'single ${phne}'}
          choices:
            - label: Go ${x y}
              outcomes:
                - weight: 1
                  text: >
                    Folded text that goes on
                    and on, with ${mony} here,
                    and ${mony} again.
                  goto: end
        """) == [
        "18:17: unknown variable or flag 'mony' in ${mony} (did you mean 'money'?)",
        "19:32: unknown variable or flag 'monts' in ${monts} (did you mean 'months'?)",
        "20:37: unknown variable or flag 'phne' in ${phne} (did you mean 'phone'?)",
        "22:21: '${x y}': write the id of a variable or flag between ${ and }, without spaces",
        "27:30: unknown variable or flag 'mony' in ${mony} (did you mean 'money'?)",
        "28:21: unknown variable or flag 'mony' in ${mony} (did you mean 'money'?)",
    ]


def test_an_unclosed_dollar_brace_is_an_error_and_a_doubled_dollar_is_not():
    assert errors("""\
        market:
          stage: s
          text: "costs $${5} and ${money"
          choices: [{label: Go, goto: end}]
        """) == ["17:28: '${' is not closed: write ${name} to show a value, or $${ for the "
                 "characters ${ themselves"]


def test_show_takes_three_words():
    with pytest.raises(ScenarioError) as failure:
        load_text(HEAD.replace("show: never", "show: hidden") + "scenes:\n" +
                  textwrap.indent(MARKET, "  ") + TAIL, "t.yaml")
    assert [str(d) for d in failure.value.diagnostics] == [
        "t.yaml:12:41: 'show' should be 'always', 'when-set' or 'never', not 'hidden'"]
