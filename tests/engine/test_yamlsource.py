"""The safe YAML reader: positions, duplicate keys, refused constructs and characters, and the
limits of engine/limits.py, each with its own message.

Position tests run with both parsers the reader can use (libyaml's, and PyYAML's own when
libyaml is missing), since they report marks independently.
"""

from __future__ import annotations

import pytest
import yaml

from journey.engine import yamlsource
from journey.engine.diagnostics import ScenarioError
from journey.engine.limits import MAX_BYTES, MAX_DEPTH, MAX_INTEGER
from journey.engine.loader import load_text
from journey.engine.yamlsource import SourceProblem, YamlSourceError, read_yaml

PARSERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.fixture(params=PARSERS, ids=lambda p: p.__name__)
def parser(request, monkeypatch):
    monkeypatch.setattr(yamlsource, "_Parser", request.param)
    return request.param


def refused(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(YamlSourceError) as failure:
        read_yaml(text)
    return [(p.line, p.column, p.message) for p in failure.value.problems]


NESTED = """\
a:
  b: [1, 2]
  c:
    - x: 1
      y: &shared {z: 2}
    - *shared
"""


def test_every_value_and_key_has_its_line_and_column(parser):
    document = read_yaml(NESTED)
    assert document.data == {"a": {"b": [1, 2], "c": [{"x": 1, "y": {"z": 2}}, {"z": 2}]}}
    assert document.problems == []
    assert document.positions[("a", "b")] == (2, 6)
    assert document.positions[("a", "b", 1)] == (2, 10)
    assert document.positions[("a", "c", 0, "x")] == (4, 10)
    assert document.positions[("a", "c", 1)] == (6, 7)
    assert document.key_positions[("a", "b")] == (2, 3)
    assert document.key_positions[("a", "c", 0, "y", "z")] == (5, 19)


def test_positions_fall_back_to_the_nearest_ancestor(parser):
    document = read_yaml(NESTED)
    assert document.where(("a", "b", 7)) == (2, 6)
    assert document.where(("a", "c", 1, "z")) == (6, 7)  # inside an alias: where it is used
    assert document.where_key(("a", "b", 0)) == (2, 7)  # no key: the value itself
    assert document.where_key(("a", "b")) == (2, 3)


def test_without_tracking_the_data_is_the_same_and_no_positions_are_kept(parser):
    document = read_yaml(NESTED, track=False)
    assert document.data == read_yaml(NESTED).data
    assert (document.positions, document.key_positions) == ({}, {})


def test_duplicate_keys_are_all_reported_and_the_first_value_kept(parser):
    document = read_yaml("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n")
    assert document.data == {"a": 1, "b": {"c": 2}}
    assert document.problems == [
        SourceProblem(4, 3, "duplicate key 'c' (first written at line 3)"),
        SourceProblem(5, 1, "duplicate key 'a' (first written at line 1)"),
    ]


def test_a_duplicate_value_does_not_move_the_position_of_its_mapping(parser):
    document = read_yaml("a: 1\nb:\n  c: 2\n  c: [3]\na: 4\n")
    assert document.positions[()] == (1, 1)
    assert document.positions[("b",)] == (3, 3)
    assert document.positions[("b", "c")] == (3, 6)


def test_plain_scalars_follow_yaml_1_1_and_keys_stay_names(parser):
    data = read_yaml("n: -12\nq: '12'\nt: yes\ns: Yes please\nz: ~\n1: one\ntrue: two\n").data
    assert data == {"n": -12, "q": "12", "t": True, "s": "Yes please", "z": None, 1: "one",
                    "true": "two"}


@pytest.mark.parametrize("text, problem", [
    ("a: !!python/object/apply:os.system ['true']\n",
     (1, 4, "unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'; scenarios "
            "use plain values only")),
    ("a: !!python/name:os.system\n",
     (1, 4, "unsupported YAML tag 'tag:yaml.org,2002:python/name:os.system'; scenarios use "
            "plain values only")),
    ("a: !!set {x, y}\n",
     (1, 4, "unsupported YAML tag 'tag:yaml.org,2002:set'; scenarios use plain values only")),
    ("a: 2024-01-01\n", (1, 4, "unsupported YAML tag 'tag:yaml.org,2002:timestamp'; scenarios "
                               "use plain values only")),
    ("base: &b {x: 1}\nother:\n  <<: *b\n",
     (3, 3, "unsupported YAML tag 'tag:yaml.org,2002:merge'; scenarios use plain values only")),
    ("? [a, b]\n: 1\n", (1, 3, "mapping keys must be plain names")),
    ("a: *nowhere\n", (1, 4, "unknown alias '*nowhere'")),
    ("a: 1\n---\nb: 2\n", (2, 1, "the file holds more than one YAML document")),
])
def test_constructs_a_scenario_never_needs_are_refused(parser, text, problem):
    assert refused(text) == [problem]


def test_nesting_is_limited(parser):
    assert read_yaml("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)).problems == []
    deeper = MAX_DEPTH + 2
    assert refused("[" * deeper + "]" * deeper) == [
        (1, MAX_DEPTH + 2, f"values are nested more than {MAX_DEPTH} levels deep")]


def test_values_written_are_limited_keys_included(parser, monkeypatch):
    # The mapping, key a, the list and its 3 items make 6 values.
    monkeypatch.setattr(yamlsource, "MAX_VALUES", 6)
    assert read_yaml("a: [1, 2, 3]\n").data == {"a": [1, 2, 3]}
    assert refused("a: [1, 2, 3]\nb: 4\n") == [
        (2, 1, "the file writes more than 6 values (keys, items, lists and mappings); it is "
               "refused to protect the machine")]


def test_aliases_count_towards_the_expanded_values(parser, monkeypatch):
    # The mapping, a, the list and its 3 items make 6 values; b and its alias add 5 (11), and
    # c and its alias would make 16.
    monkeypatch.setattr(yamlsource, "MAX_EXPANDED_VALUES", 15)
    assert read_yaml("a: &x [1, 2, 3]\nb: *x\n").data == {"a": [1, 2, 3], "b": [1, 2, 3]}
    assert refused("a: &x [1, 2, 3]\nb: *x\nc: *x\n") == [
        (3, 4, "aliases expand the document past 15 values; it is refused to protect the "
               "machine")]


def test_the_number_of_aliases_is_limited(parser, monkeypatch):
    monkeypatch.setattr(yamlsource, "MAX_ALIASES", 2)
    assert read_yaml("a: &x 1\nb: [*x, *x]\n").data == {"a": 1, "b": [1, 1]}
    assert refused("a: &x 1\nb: [*x, *x, *x]\n") == [
        (2, 13, "the file uses aliases (*name) more than 2 times; it is refused to protect the "
                "machine")]


def test_a_huge_text_is_refused_before_parsing():
    assert refused("a: " + "x" * MAX_BYTES) == [(1, 1, "the file is larger than 8 MiB")]


TOO_LARGE = "is too large: a scenario's integers stay within ±1,000,000,000,000,000 (10^15)"


@pytest.mark.parametrize("text, shown", [
    (f"a: {MAX_INTEGER + 1}\n", "'1000000000000001'"),
    (f"a: -{MAX_INTEGER + 1}\n", "'-1000000000000001'"),
    ("a: " + "9" * 5000 + "\n", "'" + "9" * 29 + "…'"),  # past Python's 4,300 digits
    ("a: 0x" + "f" * 20000 + "\n", "'0x" + "f" * 27 + "…'"),
    ("a: " + ":".join(["59"] * 3000) + "\n", "'" + "59:" * 9 + "59…'"),  # base 60
    ("a: 0b" + "1" * 80 + "\n", "'0b" + "1" * 27 + "…'"),
    ("a: !!int '" + "1_" * 40 + "1'\n", "'" + "1_" * 14 + "1…'"),
])
def test_integers_beyond_the_limit_are_refused_without_reading_them(parser, text, shown):
    assert refused(text) == [(1, 4, f"the integer {shown} {TOO_LARGE}")]


def test_integers_within_the_limit_are_read_in_every_notation(parser):
    text = f"a: [{MAX_INTEGER}, -{MAX_INTEGER}, 0x10, 010, 1_000, 1:30, +5]\n"
    assert read_yaml(text).data == {"a": [MAX_INTEGER, -MAX_INTEGER, 16, 8, 1000, 90, 5]}
    assert read_yaml(f"{MAX_INTEGER}: x\n").data == {MAX_INTEGER: "x"}


@pytest.mark.parametrize("text, message", [
    ('a: !!int ""\n', "cannot read '' as an integer"),
    ('a: !!float ""\n', "cannot read '' as a number"),
    ('a: !!bool "maybe"\n', "cannot read 'maybe' as true or false"),
    ('a: !!int "twelve"\n', "cannot read 'twelve' as an integer"),
])
def test_a_tag_the_value_does_not_fit_is_reported_in_plain_words(parser, text, message):
    assert refused(text) == [(1, 4, message)]


def test_syntax_errors_point_at_the_problem(parser):
    [(line, column, message)] = refused("a: 1\nb: [1, 2\nc: 3\n")
    assert line == 3 and message.startswith("YAML syntax: ")


@pytest.mark.parametrize("text", ["", "# nothing but a comment\n", "just text\n", "- a\n- b\n"])
def test_a_file_that_is_not_a_mapping_gets_one_clear_message(text):
    with pytest.raises(ScenarioError) as failure:
        load_text(text, "f.yaml")
    assert [str(d) for d in failure.value.diagnostics] == [
        "f.yaml:1:1: a scenario file is a mapping of fields (format:, id:, title:, ...); see "
        "docs/scenario-format.md"]


def test_other_problems_keep_their_lines_beside_a_duplicate_key(parser):
    text = """\
format: 1
id: x
title: X
title: Y
content_note: None.
start: a
stages: [{id: s, title: S, place: P}]
scenes:
  a:
    stage: s
    text: A.
    choices:
      - label: Go
        label: Leave
endings:
  b: {kind: death, title: B, text: B., context: C.}
"""
    with pytest.raises(ScenarioError) as failure:
        load_text(text, "f.yaml")
    assert [str(d) for d in failure.value.diagnostics] == [
        "f.yaml:1:1: missing required field 'summary'",
        "f.yaml:4:1: duplicate key 'title' (first written at line 3)",
        "f.yaml:13:9: a choice needs either 'goto' (a fixed destination) or 'outcomes' "
        "(weighted risks), not both or neither",
        "f.yaml:14:9: duplicate key 'label' (first written at line 13)",
    ]


CONTROL = ("the control character {} is not allowed: a terminal acts on such characters instead "
           "of showing them; text may hold line breaks and tabs only")
BIDI = ("the character {} (a bidirectional override) is not allowed: it changes the order in "
        "which a terminal shows the text around it")


@pytest.mark.parametrize("text, problems", [
    ('a: "\\e]52;c;aGk=\\a"\n', [(1, 4, CONTROL.format("U+001B"))]),
    ('a: "bell\\a"\n', [(1, 4, CONTROL.format("U+0007"))]),
    ('a: "\\x7f"\n', [(1, 4, CONTROL.format("U+007F"))]),
    ('a: "\\u009b2J"\n', [(1, 4, CONTROL.format("U+009B"))]),
    ('a: "line\\rover"\n', [(1, 4, CONTROL.format("U+000D"))]),
    ('"\\e[2J": 1\n', [(1, 1, CONTROL.format("U+001B"))]),
    ("a: [x, \"y\\0\"]\nb: {\"c\\x1b\": d}\n",
     [(1, 8, CONTROL.format("U+0000")), (2, 5, CONTROL.format("U+001B"))]),
    ("a: plain \u202etext\n", [(1, 4, BIDI.format("U+202E"))]),
    ("\u2066key: 1\n", [(1, 1, BIDI.format("U+2066"))]),
])
def test_characters_a_terminal_acts_on_are_refused_in_every_key_and_value(parser, text, problems):
    assert [(p.line, p.column, p.message) for p in read_yaml(text).problems] == problems


def test_tabs_line_breaks_and_direction_marks_are_text(parser):
    text = 'a: "tab\\there"\nb: |\n  two\n  lines\nc: "\u200fmark\u200e"\nd: 한국어 😀\n'
    document = read_yaml(text)
    assert document.problems == []
    assert document.data == {"a": "tab\there", "b": "two\nlines\n", "c": "\u200fmark\u200e",
                             "d": "한국어 😀"}


@pytest.mark.parametrize("text, position, char", [
    ("a: 1\nb: x\x00y\n", (2, 5), "U+0000"),
    ("a: é\x1b\n", (1, 5), "U+001B"),  # libyaml counts bytes; the column counts characters
    ("a: 1\r\nb: 2\r\nc: \x07\r\n", (3, 4), "U+0007"),
])
def test_a_raw_control_character_is_reported_where_it_stands(parser, text, position, char):
    assert refused(text) == [(*position, CONTROL.format(char))]


def test_a_character_yaml_does_not_allow_is_named(parser):
    assert refused("a: b\ufffe\n") == [(1, 5, "the character U+FFFE is not allowed in a YAML file")]
    assert refused("a: b\ud800\n") == [(1, 5, "the character U+D800 is not allowed in a YAML file")]


def test_problems_found_before_the_reading_stops_are_kept(parser):
    assert refused('a: "\\e"\nb: [1\n') == [(1, 4, CONTROL.format("U+001B")),
                                            (3, 1, refused("b: [1\n")[0][2])]
