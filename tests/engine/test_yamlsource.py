"""The safe YAML reader: positions, duplicate keys, refused constructs and size limits.

Position tests run with both parsers the reader can use (libyaml's, and PyYAML's own when
libyaml is missing), since they report marks independently.
"""

from __future__ import annotations

import pytest
import yaml

from journey.engine import yamlsource
from journey.engine.diagnostics import ScenarioError
from journey.engine.loader import load_scenario, load_text
from journey.engine.yamlsource import (MAX_BYTES, MAX_DEPTH, SourceProblem, YamlSourceError,
                                       read_yaml)

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


def test_aliases_count_towards_the_value_limit(parser, monkeypatch):
    # The mapping, the list and its 3 items make 5 values; each alias adds itself and 3 copies.
    monkeypatch.setattr(yamlsource, "MAX_NODES", 10)
    assert read_yaml("a: &x [1, 2, 3]\nb: *x\n").data == {"a": [1, 2, 3], "b": [1, 2, 3]}
    assert refused("a: &x [1, 2, 3]\nb: *x\nc: *x\n") == [
        (3, 4, "aliases expand the document past 10 values; it is refused to protect the "
               "machine")]


def test_a_huge_text_is_refused_before_parsing():
    assert refused("a: " + "x" * MAX_BYTES) == [(1, 1, "the file is larger than 8 MiB")]


def test_a_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(ScenarioError) as failure:
        load_scenario(path)
    assert [str(d) for d in failure.value.diagnostics] == [
        f"{path}:1:1: the file is larger than 8 MiB; it is refused"]


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
