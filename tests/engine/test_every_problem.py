"""Every problem of a file in one run: mistakes of every sort planted in random valid scenarios,
in the same scene or choice as each other or not, are all reported at once, in file order."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from journey.engine.diagnostics import ScenarioError
from journey.engine.loader import load_text

from .strategies import scenarios


def choices_of(data: dict) -> list[dict]:
    return [c for scene in data["scenes"].values() for c in scene["choices"]]


@given(scenarios(), st.data())
def test_mistakes_of_every_sort_are_all_reported_in_one_run(generated, data):
    scenario = yaml.safe_load(generated.text)
    choices = choices_of(scenario)
    pick = st.sampled_from(range(len(choices)))
    # A shape mistake, a name mistake, an expression mistake and a type mistake, possibly in the
    # same choice: none may hide another.
    choices[data.draw(pick, label="unknown field")]["lable"] = "Typo"
    choices[data.draw(pick, label="bad condition")]["if"] = "nosuchname > 1"
    choices[data.draw(pick, label="bad label")]["label"] = 12
    scene = data.draw(st.sampled_from(sorted(scenario["scenes"])), label="bad text")
    scenario["scenes"][scene]["text"] = {"not": "text"}
    with pytest.raises(ScenarioError) as failure:
        load_text(yaml.safe_dump(scenario, sort_keys=False), "f.yaml")
    messages = [d.message for d in failure.value.diagnostics]
    assert messages.count("unknown field 'lable' (did you mean 'label'?)") == 1
    assert messages.count("unknown name 'nosuchname' in expression 'nosuchname > 1'") == 1
    assert messages.count("'label' should be text, or a list of parts (text, or {if: "
                          "CONDITION, text: ...}), not an integer") == 1
    assert messages.count("'text' should be text, or a list of parts (text, or {if: "
                          "CONDITION, text: ...}), not a mapping") == 1
    assert len(messages) == 4, messages
    lines = [(d.line, d.column) for d in failure.value.diagnostics]
    assert lines == sorted(lines)
