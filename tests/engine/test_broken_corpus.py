"""The corpus of broken scenarios in tests/engine/broken/: exact FILE:LINE:COL: message lines for
files that must not load, and exact problems and traces for files that load but fail the check.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from journey.engine import catalog
from journey.engine.exact.analysis import analyse
from journey.engine.diagnostics import ScenarioError
from journey.engine.loader import load_scenario

BROKEN = Path(__file__).parent / "broken"
LIBYAML = hasattr(yaml, "CSafeLoader")  # the loader's parser: libyaml when PyYAML has it

CONTROL = ("the control character {} is not allowed: a terminal acts on such characters instead "
           "of showing them; text may hold line breaks and tabs only")
TOO_LARGE = ("the integer {} is too large: a scenario's integers stay within "
             "±1,000,000,000,000,000 (10^15)")
LOAD_ERRORS: dict[str, list[str]] = {
    "duplicate_key": ["17:9: duplicate key 'goto' (first written at line 16)"],
    "unknown_key": ["16:9: unknown field 'gotoo' (did you mean 'goto'?)"],
    "missing_field": ["18:3: missing required field 'context'"],
    "wrong_type": ["10:12: 'start' should be an integer, not text"],
    "unknown_destination": ["22:19: unknown destination 'cuaght' (did you mean 'caught'?)"],
    "unknown_source": ["14:25: unknown source 'hrw2019' (did you mean 'hrw_2019'?)"],
    "bad_expression": ["22:13: expected a value but found the end of the expression in "
                       "expression 'money >= ' (at character 10)"],
    "unknown_name": ["25:21: unknown name 'exposre' (did you mean 'exposure'?) in expression "
                     "'2 + exposre' (at character 5)"],
    "expression_type": ["22:13: expression 'money - 3' gives an integer, but a boolean is "
                        "needed here"],
    "zero_weights": ["23:11: the weights of these outcomes can all be zero at once; give at "
                     "least one outcome a weight that is always above zero (for example a "
                     "number, or max(1, ...))"],
    "negative_weight": ["25:21: weight 'exposure - 2' can be negative (as low as -2); write "
                        "max(0, ...) around it"],
    "zero_divisor": ["23:21: the divisor can be zero; '//' needs a divisor that is never 0 in "
                     "expression '1 + 6 // nights' (at character 10)"],
    "start_outside_range": ["10:12: start (12) is outside min..max (0..10)"],
    "flag_added": ["20:17: 'has_broker' is a flag; flags are changed with set:, not add:"],
    "scene_and_ending": ["23:3: 'river' names both a scene and an ending"],
    "goto_and_outcomes": ["15:9: a choice needs either 'goto' (a fixed destination) or "
                          "'outcomes' (weighted risks), not both or neither"],
    "yaml_syntax": ["15:12: YAML syntax: did not find expected ',' or ']'" if LIBYAML else
                    "15:12: YAML syntax: expected ',' or ']', but got ':'"],
    "alias_bomb": ["7:12: aliases expand the document past 200,000 values; it is refused to "
                   "protect the machine"],
    "deep_nesting": ["4:1008: YAML syntax: exceeded maximum nesting depth" if LIBYAML else
                     "4:73: values are nested more than 64 levels deep"],
    "many_problems": [
        "9:3: missing required field 'label'",
        "13:5: unknown field 'lable' (did you mean 'label'?)",
        "20:15: unknown source 'hrw'",
        "25:19: unknown destination 'cuaght' (did you mean 'caught'?)",
        "27:13: expected a value but found the end of the expression in expression "
        "'exposure <' (at character 11)",
        "33:5: duplicate key 'title' (first written at line 32)",
    ],
    "conditional_goto": [
        "21:32: unknown destination 'cuaght' (did you mean 'caught'?)",
        "22:13: only the last destination may leave out 'if' (it is the default); the ones "
        "after this could never be taken",
        "23:14: the last destination is the default, taken when no condition holds: write it "
        "without 'if'",
        "28:22: expression 'money - 1' gives an integer, but a boolean is needed here",
        "29:18: the last destination is the default, taken when no condition holds: write it "
        "without 'if'",
    ],
    "presentation": [
        "14:27: 7 is outside min..max (0..3) of 'health'",
        "14:38: 'high' is not a value of the variable 'health': write an integer within "
        "min..max (0..3)",
        "19:7: 'yes' is not a value of the flag 'closure': write true or false",
        "23:3: no years for true: every value of 'closure' is an era and needs its years",
        "24:12: an era's years are written [first, last], two years with the first not after "
        "the last",
        "28:3: no ending of this scenario is of kind 'death', so these questions would never be "
        "shown",
    ],
    "every_mistake": [
        "9:18: start (12) is outside min..max (0..10)",
        "10:3: missing required field 'label'",
        "10:40: unknown field 'lable' (did you mean 'label'?)",
        "12:33: 'yes' is not a value of the flag 'closure': write true or false",
        "21:9: unknown field 'gotoo' (did you mean 'goto'?)",
        "23:13: expected a value but found the end of the expression in expression 'money >= ' "
        "(at character 10)",
        "24:36: unknown variable or flag 'monye' (did you mean 'money'?)",
        "26:21: weight 'exposure - 2' can be negative (as low as -2); write max(0, ...) around "
        "it",
        "27:40: unknown destination 'acros' (did you mean 'across'?)",
        "29:19: 'text' should be text, or a list of parts (text, or {if: CONDITION, text: "
        "...}), not an integer",
        "32:13: expression 'exposure' gives an integer, but a boolean is needed here",
        "38:3: no ending of this scenario is of kind 'death', so these questions would never be "
        "shown",
        "39:3: unknown field 'asylm' (did you mean 'asylum'?)",
    ],
    "not_utf8": ["4:1: the file is not UTF-8 text"],
    "top_level_list": ["1:1: a scenario file is a mapping of fields (format:, id:, title:, ...); "
                       "see docs/scenario-format.md"],
    # Files that sent escape sequences to the terminal or crashed every command with a traceback
    # (tests/cli/test_hostile_files.py runs every command on the first eight).
    "osc52_clipboard": ["13:11: " + CONTROL.format("U+001B")],
    "title_and_clear": ["4:8: " + CONTROL.format("U+001B"), "21:11: " + CONTROL.format("U+001B")],
    "escape_in_key": ["15:9: missing required field 'label'",
                      "15:9: " + CONTROL.format("U+001B"),
                      "15:9: unknown field '\\x1b[31mlabel' (did you mean 'label'?)"],
    "escape_in_id": ["3:5: 'river\\x1b]8;;http://example.com\\x1b\\link\\x1b]8;;\\x1b\\' is not "
                     "a valid id: use lowercase letters, digits and _, starting with a letter",
                     "3:5: " + CONTROL.format("U+001B")],
    "c1_controls": ["5:10: " + CONTROL.format("U+0085"), "15:16: " + CONTROL.format("U+009B")],
    "bidi_override": ["15:16: the character U+202E (a bidirectional override) is not allowed: it "
                      "changes the order in which a terminal shows the text around it"],
    "tag_with_escape": ["21:11: unsupported YAML tag 'tag:\\x1b]0;owned\\x07'; scenarios use "
                        "plain values only"],
    "nul_byte": ["15:19: " + CONTROL.format("U+0000")],
    "integer_digits": ["9:18: " + TOO_LARGE.format("'" + "9" * 29 + "…'")],
    "hex_integer": ["10:34: " + TOO_LARGE.format("'-0x" + "f" * 26 + "…'")],
    "base60_integer": ["10:34: " + TOO_LARGE.format("'-" + "59:" * 9 + "5…'")],
    "empty_int_tag": ["9:18: cannot read '' as an integer"],
    "empty_float_tag": ["9:34: cannot read '' as a number"],
    "bool_tag_maybe": ["11:23: cannot read 'maybe' as true or false"],
    "int_key_did_you_mean": [
        "11:3: '1' is not a valid id: use lowercase letters, digits and _, starting with a letter",
        "20:25: unknown variable or flag 'mony' (did you mean 'money'?)"],
}


def _step(scene: str, choice: int, label: str, to: str) -> dict:
    return {"scene": scene, "choice": choice, "label": label, "outcome": 0, "outcome_text": "",
            "to": to}


WAIT = _step("hills", 0, "Wait another day", "hills")
CHECK_FAILURES: dict[str, list[dict]] = {
    "check_loop": [{
        "kind": "cycle",
        "message": "cycle: the story can go round river -> hut -> river forever with the same "
                   "values (money=2); a loop must make progress, for example a counter with a "
                   "cap",
        "trace": [_step("river", 1, "Wait for a darker night", "hut"),
                  _step("hut", 0, "Go back to the river", "river")],
        "loop_from": 0,
    }],
    "check_dead_end": [{
        "kind": "dead_end",
        "message": "dead end: in scene 'broker' no choice is available (money=0)",
        "trace": [_step("river", 0, "Pay a guard", "broker")],
    }],
    "check_trap": [{
        "kind": "cycle",
        "message": "cycle: the story can go round hills -> hills forever with the same values "
                   "(days=2); a loop must make progress, for example a counter with a cap",
        "trace": [_step("river", 1, "Hide in the hills", "hills"), WAIT, WAIT, WAIT],
        "loop_from": 3,
        "causes": [{
            "kind": "trap",
            "message": "trap: from scene 'hills' no ending can be reached (days=0) "
                       "(3 reachable states)",
            "trace": [_step("river", 1, "Hide in the hills", "hills")],
        }],
    }],
}


def journey(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "journey", *args], capture_output=True,
                          text=True, timeout=120)


def test_every_corpus_file_has_its_expectations():
    assert {p.stem for p in BROKEN.glob("*.yaml")} == set(LOAD_ERRORS) | set(CHECK_FAILURES)


@pytest.mark.parametrize("name", sorted(LOAD_ERRORS))
def test_broken_file_is_refused_with_exact_locations(name):
    path = BROKEN / f"{name}.yaml"
    with pytest.raises(ScenarioError) as failure:
        load_scenario(path)
    assert [str(d) for d in failure.value.diagnostics] == [f"{path}:{line}"
                                                           for line in LOAD_ERRORS[name]]


def test_journey_check_prints_every_load_error_without_a_traceback():
    paths = [str(BROKEN / f"{name}.yaml") for name in sorted(LOAD_ERRORS)]
    result = journey("check", *paths)
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [f"{path}:{line}" for path, name in
                                          zip(paths, sorted(LOAD_ERRORS))
                                          for line in LOAD_ERRORS[name]]


@pytest.mark.parametrize("name", sorted(CHECK_FAILURES))
def test_analysis_reports_the_problem_with_its_shortest_trace(name):
    report = analyse(load_scenario(BROKEN / f"{name}.yaml"))
    assert not report.ok
    assert [p.to_json() for p in report.problems] == CHECK_FAILURES[name]


@pytest.mark.parametrize("name", sorted(CHECK_FAILURES))
def test_journey_check_json_reports_the_problem_and_exits_1(name):
    result = journey("check", "--json", str(BROKEN / f"{name}.yaml"))
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert (report["scenario"], report["ok"]) == (name, False)
    assert report["problems"] == CHECK_FAILURES[name]


def test_journey_check_exits_0_on_a_good_file():
    result = journey("check", "--json", str(catalog.bundled()["tutorial"]))
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["problems"] == []
    assert sum(e["probability"] for e in report["endings"].values()) == pytest.approx(1.0)


def test_journey_check_exits_2_on_a_missing_file(tmp_path):
    missing = tmp_path / "missing.yaml"
    result = journey("check", str(missing))
    assert result.returncode == 2
    assert result.stdout.strip() == f"{missing}: cannot read: No such file or directory"
    assert "Traceback" not in result.stderr


def test_journey_check_exits_2_without_arguments():
    result = journey("check")
    assert result.returncode == 2
    assert "usage: journey check" in result.stderr
    assert "Traceback" not in result.stderr
