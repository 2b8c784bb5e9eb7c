"""Value names, eras, questions and the glossary: what the loader builds from them, and each mistake named
where it is written."""

from __future__ import annotations

import pytest

from journey.engine.diagnostics import ScenarioError
from journey.engine.loader import load_text
from journey.engine.model import Eras, Questions, Term

HEAD = """\
format: 1
id: eras
title: Eras
summary: A journey in one of three periods.
content_note: None.
start: river
variables:
  period:
    start: 0
    min: 0
    max: 2
    label: Period
    names: {0: The 2000s, 1: The 2010s, 2: After 2020}
  health: {start: 1, min: 0, max: 2, label: Health, names: {0: very weak}}
flags:
  closure: {label: Closure, names: {true: closed, false: open}}
stages: [{id: border, title: The border, place: Tumen river}]
scenes:
  river:
    stage: border
    text: You reach the river.
    choices: [{label: Cross, goto: across}]
endings:
  across: {kind: asylum, title: Across, text: Across., context: Context.}
  back: {kind: repatriation, title: Back, text: Back., context: Context.}
"""
ERAS = """\
eras:
  by: period
  years: {0: [2000, 2009], 1: [2010, 2019], 2: [2020, 2025]}
"""


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as failure:
        load_text(text, "f.yaml")
    return [str(d).removeprefix("f.yaml:") for d in failure.value.diagnostics]


def test_names_replace_numbers_and_yes_no_where_given():
    scenario = load_text(HEAD)
    period, health = scenario.variables
    assert [period.display(v) for v in range(3)] == ["The 2000s", "The 2010s", "After 2020"]
    assert [health.display(v) for v in range(3)] == ["very weak", "1", "2"]
    assert [scenario.value_text(scenario.slot("closure"), v) for v in (0, 1)] == ["open",
                                                                                  "closed"]


def test_eras_name_their_variable_and_each_values_years():
    scenario = load_text(HEAD + ERAS)
    assert scenario.eras == Eras("period", {0: (2000, 2009), 1: (2010, 2019), 2: (2020, 2025)})
    assert load_text(HEAD).eras is None


def test_questions_come_per_kind_then_general():
    scenario = load_text(HEAD + """\
questions:
  general: [What stayed with you?]
  repatriation: [What protection should someone have when they are caught?]
""")
    assert scenario.questions == Questions(
        ("What stayed with you?",),
        {"repatriation": ("What protection should someone have when they are caught?",)})
    assert scenario.questions.for_kind("repatriation") == (
        "What protection should someone have when they are caught?", "What stayed with you?")
    assert scenario.questions.for_kind("asylum") == ("What stayed with you?",)


@pytest.mark.parametrize("eras, expected", [
    ("eras: {by: perod, years: {0: [2000, 2009]}}",
     ["26:12: unknown flag or variable 'perod' (did you mean 'period'?)"]),
    ("eras: {by: health, years: {0: [2000, 2009], 1: [2010, 2019], 2: [2020, 2025]}}",
     ["26:12: 'health' has no name for 1, 2; eras are shown by name: add them under names: in "
      "'health'"]),
    ("eras: {by: period, years: {0: [2000, 2009], 2: [2020]}}",
     ["26:20: no years for 1: every value of 'period' is an era and needs its years",
      "26:48: an era's years are written [first, last], two years with the first not after "
      "the last"]),
    ("eras: {by: closure, years: {true: [2020, 2025], maybe: [1, 2]}}",
     ["26:21: no years for false: every value of 'closure' is an era and needs its years",
      "26:49: 'maybe' is not a value of the flag 'closure': write true or false"]),
])
def test_era_mistakes_are_named_where_written(eras, expected):
    assert problems(HEAD + eras + "\n") == expected


def test_an_era_variable_with_a_vast_range_lists_only_the_first_missing_values():
    text = HEAD.replace("max: 2\n    label: Period", "max: 1000000000000\n    label: Period")
    assert problems(text + ERAS) == [
        "28:3: no years for 3, 4, 5, 6, 7, ...: every value of 'period' is an era and needs "
        "its years"]


def test_questions_for_a_kind_no_ending_has_are_refused_with_a_suggestion():
    assert problems(HEAD + "questions: {deportation: [Where would you go?]}\n") == [
        "26:13: no ending of this scenario is of kind 'deportation', so these questions would "
        "never be shown (did you mean 'repatriation'?)"]


def test_an_era_by_a_variable_whose_range_is_broken_adds_no_report():
    text = HEAD.replace("    min: 0\n    max: 2\n    label: Period", "    min: none\n    max: 2\n"
                        "    label: Period")
    assert problems(text + ERAS) == ["10:10: 'min' should be an integer, not text"]


SOURCES = """\
sources:
  hrw_2019: {title: China, publisher: HRW, year: 2019, url: "https://example.org/hrw"}
  unhcr_2020: {title: Report, publisher: UNHCR, year: 2020, url: "https://example.org/unhcr"}
"""
GLOSSARY = """\
glossary:
  - term: Repatriation
    text: >
      Being sent back
      to North Korea.
    sources: [hrw_2019]
    kinds: [repatriation]
  - term: Broker
    text: A person paid to arrange an escape.
    sources: [unhcr_2020, hrw_2019]
"""


def test_the_glossary_keeps_its_order_its_sources_and_the_kinds_it_explains():
    scenario = load_text(HEAD + SOURCES + GLOSSARY)
    assert scenario.glossary == (
        Term("Repatriation", "Being sent back to North Korea.", ("hrw_2019",), ("repatriation",)),
        Term("Broker", "A person paid to arrange an escape.", ("unhcr_2020", "hrw_2019")))
    assert scenario.explaining("repatriation") == scenario.glossary[0]
    assert scenario.explaining("asylum") is None
    assert load_text(HEAD).glossary == ()


def test_an_unknown_source_in_the_glossary_is_named_with_a_suggestion():
    text = HEAD + SOURCES + GLOSSARY.replace("[unhcr_2020, hrw_2019]", "[unhcr_2020, hrw2019]")
    assert problems(text) == ["38:27: unknown source 'hrw2019' (did you mean 'hrw_2019'?)"]


def test_a_kind_no_ending_has_or_one_explained_twice_is_refused_where_it_is_written():
    text = HEAD + SOURCES + GLOSSARY.replace(
        "    sources: [unhcr_2020, hrw_2019]\n",
        "    sources: [unhcr_2020, hrw_2019]\n    kinds: [repatriation, death, asylym]\n")
    assert problems(text) == [
        "39:13: endings of kind 'repatriation' are explained already, by 'Repatriation': one "
        "entry per kind",
        "39:27: no ending of this scenario is of kind 'death', so the debrief would never show "
        "this entry",
        "39:34: 'kinds' should be 'asylum', 'repatriation', 'deportation', 'trafficking', "
        "'hiding', 'death' or 'turned_back', not 'asylym'"]


def test_a_term_written_twice_is_refused_and_a_missing_source_list_is_named():
    text = HEAD + SOURCES + GLOSSARY.replace("term: Broker", "term: Repatriation")
    assert problems(text) == ["36:11: 'Repatriation' is explained twice in the glossary"]
    text = HEAD + SOURCES + GLOSSARY.replace("    sources: [unhcr_2020, hrw_2019]\n", "")
    assert problems(text) == ["36:5: missing required field 'sources'"]
