"""`journey graph`: every scene and ending is named in both formats, endings carry their kind,
odds are exact and honest about varying, and no scenario text can break the diagram."""

from __future__ import annotations

import re

import pytest

from journey.cli import main
from journey.engine import catalog
from journey.engine.loader import load_scenario

FORMATS = ("mermaid", "dot")
BUNDLED = sorted(catalog.bundled())

MERMAID_NODE = re.compile(r'^    n_(\w+)(\["|\(\["|\{\{"|\[\[")(.*?)("\]|"\]\)|"\}\}|"\]\])$')
MERMAID_EDGE = re.compile(r'^  n_(\w+) -->\|"([^"]*)"\| n_(\w+)$')
MERMAID_SETTING = re.compile(r"%%\{")
"""The start of a Mermaid directive (its own pattern is `[%]{2}[{]`, searched everywhere)."""
DOT_NODE = re.compile(r'^    "(\w+)" \[label="((?:[^"\\]|\\.)*)"(, [^\]]*)?\];$')
DOT_EDGE = re.compile(r'^  "(\w+)" -> "(\w+)" \[label="((?:[^"\\]|\\.)*)"\];$')

AWKWARD = """
format: 1
id: awkward
title: "Quotes \\" and | pipes # and <b>tags</b> %%{init: {'theme': 'dark'}}%%"
summary: Labels that mean something in diagram languages.
content_note: A test scenario.
start: start
variables:
  n: {start: 0, min: 0, max: 3, label: Count}
stages:
  - {id: route, title: "A \\"route\\" {x}", place: "C:\\\\path; [y] %% not a comment"}
scenes:
  start:
    stage: route
    text: Start.
    choices:
      - label: "Say \\"hi\\" | then -->|x| n_end & <i>go</i> `code` #35; \\\\n \\\\N %%{init:
          {'flowchart': {'htmlLabels': false}}}%% 100%%"
        if: "n < 3"
        effects: {add: {n: 1}}
        outcomes:
          - {weight: "1 + n", goto: end}
          - {weight: 2, goto: start}
      - label: "end\\nnext line"
        goto: end
endings:
  end: {kind: trafficking, title: "Sold \\"work\\" <offer>", text: It ends., context: Context.}
"""


def graph(capsys, scenario: str, fmt: str) -> str:
    code = main(["graph", scenario, "--format", fmt])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def mermaid_decode(text: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text)


def dot_decode(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def parse(out: str, fmt: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """(node id -> decoded label, [(source, target, decoded label)]) from a diagram's lines."""
    node_re, edge_re = (MERMAID_NODE, MERMAID_EDGE) if fmt == "mermaid" else (DOT_NODE, DOT_EDGE)
    nodes, edges = {}, []
    for line in out.splitlines():
        if m := node_re.match(line):
            label = m.group(3) if fmt == "mermaid" else m.group(2)
            nodes[m.group(1)] = (mermaid_decode(label.replace("<br/>", "\n")) if fmt == "mermaid"
                                 else dot_decode(label))
        elif m := edge_re.match(line):
            if fmt == "mermaid":
                edges.append((m.group(1), m.group(3), mermaid_decode(m.group(2))))
            else:
                edges.append((m.group(1), m.group(2), dot_decode(m.group(3))))
    return nodes, edges


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", BUNDLED)
class TestBundled:
    """Every bundled scenario's diagram names each scene and ending and draws every outcome."""

    def test_names_every_scene_and_ending(self, capsys, name, fmt):
        scenario = load_scenario(catalog.resolve(name))
        nodes, edges = parse(graph(capsys, name, fmt), fmt)
        assert set(nodes) == {n.id for n in scenario.nodes}
        for ending in scenario.endings:
            assert f"ending: {ending.kind}" in nodes[ending.id]
        expected = sorted((s.id, scenario.nodes[t].id)
                          for s in scenario.scenes for c in s.choices for o in c.outcomes
                          for t in [route.target for route in o.routes] + [o.target])
        assert sorted(e[:2] for e in edges) == expected

    def test_stages_are_clusters(self, capsys, name, fmt):
        scenario = load_scenario(catalog.resolve(name))
        out = graph(capsys, name, fmt)
        used = {scene.stage for scene in scenario.scenes}
        for index in used:
            stage = scenario.stages[index].id
            assert (f"subgraph stage_{stage}[" if fmt == "mermaid"
                    else f'subgraph "cluster_stage_{stage}"') in out


class TestOdds:
    """Risky edges carry exact odds; when they depend on the state, the range is given too."""

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_tutorial_odds(self, capsys, fmt):
        _, edges = parse(graph(capsys, "tutorial", fmt), fmt)
        labels = {(s, t, label.split(":")[0]): label for s, t, label in edges}
        guard = "2. Pay a border guard to look away [if money >= 3]"
        # if(closure, 3, 9) against 1, and half the random players choose each era.
        assert labels["riverbank", "yanji", guard].endswith(": 82.5% on average (75% to 90%)")
        assert labels["riverbank", "caught_at_river", guard].endswith(
            ": 17.5% on average (10% to 25%)")
        wade = labels["riverbank", "caught_at_river", "3. Wade across alone"]
        # 2 + exposure + 4 * closure against 6, exposure 0..3 at the river: 25% to 60%.
        assert re.search(r": [\d.]+% on average \(25% to 60%\)$", wade)
        assert labels["home", "riverbank", "1. Leave tonight for the river"] == \
            "1. Leave tonight for the river"
        pay = "1. Pay for a forged ID and the trip south [if money >= 4 and has_broker]"
        assert labels["broker", "long_wait", pay].endswith("; if closure")
        assert labels["broker", "reached_seoul", pay].endswith("; otherwise")

    def test_without_odds_the_weights_are_shown(self, capsys, tmp_path):
        looping = AWKWARD.replace('        if: "n < 3"\n        effects: {add: {n: 1}}\n', "")
        path = tmp_path / "looping.yaml"
        path.write_text(looping, encoding="utf-8")
        out = graph(capsys, str(path), "dot")
        assert "odds not shown: the story can loop forever" in out
        _, edges = parse(out, "dot")
        assert {label.rsplit(": ", 1)[1] for s, t, label in edges if t == "end" and
                label.startswith("1.")} == {"weight 1 + n"}


    def test_too_many_states_for_odds(self, capsys):
        code = main(["graph", "tutorial", "--max-states", "5"])
        out = capsys.readouterr().out
        assert code == 0 and "odds not shown: more than 5 reachable states" in out
        assert ": weight 2 + exposure" in out


CONDITIONAL = """
format: 1
id: conditional
title: Conditional destinations
summary: A choice and an outcome whose destinations depend on the values.
content_note: A test scenario.
start: start
variables:
  n: {start: 0, min: 0, max: 3, label: Count}
flags:
  f: {label: Fact}
stages: [{id: route, title: Route, place: Here}]
scenes:
  start:
    stage: route
    text: Start.
    choices:
      - label: Go
        effects: {add: {n: 1}}
        goto:
          - {if: "n < 2 and not f", goto: start}
          - {if: f, goto: end}
          - {goto: other}
      - label: Risk
        outcomes:
          - weight: 1
            effects: {set: {f: true}}
            goto: [{if: "n > 0", goto: other}, {goto: end}]
          - {weight: 1, goto: end}
endings:
  end: {kind: hiding, title: End, text: It ends., context: Context.}
  other: {kind: asylum, title: Other, text: It ends., context: Context.}
"""


class TestConditions:
    """A list of destinations draws one edge to each, labelled with its condition."""

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_each_destination_is_an_edge_with_its_condition(self, capsys, tmp_path, fmt):
        path = tmp_path / "conditional.yaml"
        path.write_text(CONDITIONAL, encoding="utf-8")
        _, edges = parse(graph(capsys, str(path), fmt), fmt)
        assert sorted(edges) == sorted([
            ("start", "start", "1. Go; if n < 2 and not f"),
            ("start", "end", "1. Go; if f"),
            ("start", "other", "1. Go; otherwise"),
            ("start", "other", "2. Risk: 50%; if n > 0"),
            ("start", "end", "2. Risk: 50%; otherwise"),
            ("start", "end", "2. Risk: 50%"),
        ])


class TestEscaping:
    """Labels full of each format's special characters come back intact from the diagram."""

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_labels_round_trip(self, capsys, tmp_path, fmt):
        path = tmp_path / "awkward.yaml"
        path.write_text(AWKWARD, encoding="utf-8")
        scenario = load_scenario(path)
        out = graph(capsys, str(path), fmt)
        nodes, edges = parse(out, fmt)
        assert set(nodes) == {"start", "end"}
        assert nodes["end"] == 'end\nending: trafficking\nSold "work" <offer>'
        choice = scenario.nodes[0].choices[0].label
        risky = [label for s, t, label in edges if label.startswith("1.")]
        assert len(risky) == 2 and all(label.startswith(f"1. {choice} [if n < 3]: ")
                                       for label in risky)
        plain = [label for s, t, label in edges if label.startswith("2.")]
        assert plain == ["2. end next line"]  # a label's line break is drawn as a space
        # Every line of the output is a line the format's grammar expects.
        allowed = (MERMAID_NODE, MERMAID_EDGE, re.compile(r"^(%%.*|flowchart TD|  end|"
                                                          r'  subgraph \w+\["[^"]*"\])$')) \
            if fmt == "mermaid" else (DOT_NODE, DOT_EDGE, re.compile(
                r'^(digraph "\w+" \{|  graph \[label="((?:[^"\\]|\\.)*)", labelloc=t, '
                r'rankdir=TB\];|  node \[shape=box\];|  //.*|  subgraph "\w+" \{|'
                r'    label="((?:[^"\\]|\\.)*)";|  \}|\})$'))
        for line in out.splitlines():
            assert any(pattern.match(line) for pattern in allowed), line

    def test_no_label_is_read_as_a_mermaid_setting_or_comment(self, capsys, tmp_path):
        path = tmp_path / "awkward.yaml"
        path.write_text(AWKWARD, encoding="utf-8")
        out = graph(capsys, str(path), "mermaid")
        # Mermaid reads `%%{...}%%` anywhere as a setting of the whole diagram, and a `%%`
        # anywhere as the start of a comment while it works out the diagram's type.
        assert MERMAID_SETTING.search(out) is None
        assert all(line.startswith("%% ") for line in out.splitlines() if "%%" in line)
        assert out.startswith("%% Quotes \" and | pipes # and <b>tags</b> % %{init: "
                              "{'theme': 'dark'}}% % - scenario awkward\n")
        _, edges = parse(out, "mermaid")
        risky = [label for _, _, label in edges if label.startswith("1.")]
        assert len(risky) == 2 and all(label.startswith(
            "1. Say \"hi\" | then -->|x| n_end & <i>go</i> `code` #35; \\n \\N %%{init: "
            "{'flowchart': {'htmlLabels': false}}}%% 100%% [if n < 3]: ") for label in risky)
