"""One figure, one float: every command and screen that shows a random player's exact odds takes
them from one kernel (engine/exact/), so each ending's probability is bit for bit the same in
`journey check --json`, in what its text prints, in `journey simulate --json`'s exact column and
in the summary the debrief reads from its cache, whose stage funnel starts with every journey (a
reach of exactly 1, and the very odds of the whole). Floats are compared with ==."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from journey.engine import catalog
from journey.engine.exact.summary import OddsSummary, funnel_json, group_json
from journey.engine.loader import load_scenario
from journey.frontend.odds_cache import odds_for, read


def journey(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "journey", *args], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


class Shown:
    """What each command printed for one bundled scenario, and the debrief's kept summary."""

    def __init__(self, name: str, summary: OddsSummary):
        self.scenario = load_scenario(catalog.resolve(name))
        self.check = json.loads(journey("check", name, "--json", "--funnel"))
        self.text = journey("check", name, "--funnel")
        self.simulate = json.loads(journey("simulate", name, "--runs", "200", "--json"))
        self.simulate_text = journey("simulate", name, "--runs", "200")
        self.summary = summary


@pytest.fixture(scope="module", params=["long_road", "tutorial"])
def shown(request, tmp_path_factory) -> Shown:
    scenario = load_scenario(catalog.resolve(request.param))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        worked_out = odds_for(scenario)  # as the game's odds worker does while she plays
        kept = read(scenario)  # what the debrief reads back from the cache
    assert kept is not None and kept.summary is not None and kept == worked_out
    return Shown(request.param, kept.summary)


def table(text: str, title: str) -> dict[str, list[str]]:
    """The table under the first line that starts with `title`: each row's label (the words
    before its figures) -> its figures as printed."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(title))
    rows = {}
    for line in lines[start + 2:]:  # past the title and the column headings
        if not line.startswith("    ") or line.startswith("      "):
            break  # the next section, or the legend of the headings
        words = line.split()
        figures = [word for word in words if word.endswith("%")]
        rows[" ".join(words[:len(words) - len(figures)])] = figures
    return rows


def printed(p: float) -> str:
    return f"{100 * p:.2f}%"


def test_each_ending_has_one_probability_in_check_simulate_and_the_debrief(shown):
    endings = shown.check["endings"]
    assert [e.id for e in shown.scenario.endings] == list(endings)
    for ending in shown.scenario.endings:
        p = endings[ending.id]["probability"]
        assert shown.simulate["endings"][ending.id]["exact"] == p, ending.id
        assert shown.simulate["endings"][ending.id]["random_player"] == p, ending.id
        assert shown.summary.odds.endings[ending.id] == p, ending.id
        assert shown.check["funnel"][0]["endings"][ending.id] == p, ending.id
    assert shown.simulate["exact_choices_per_journey"] == shown.check["expected_steps"]


def test_the_funnel_starts_with_every_journey_and_their_very_odds(shown):
    first = shown.summary.funnel[0]
    assert first.stage == shown.scenario.stages[0].id
    assert first.odds.share == 1.0 and shown.check["funnel"][0]["reach"] == 1.0
    assert first.odds == shown.summary.odds
    for era in shown.summary.eras:
        assert era.funnel[0].odds.share == 1.0
        assert era.funnel[0].odds.endings == era.odds.endings
        assert era.funnel[0].odds.kinds == era.odds.kinds


def test_eras_and_stages_are_the_same_in_check_and_the_debrief(shown):
    summary = shown.summary
    assert summary.era_by is not None and summary.eras
    splits = shown.check["splits"][summary.era_by]
    by_stage = shown.check["funnel_by"][summary.era_by]
    assert len(splits) == len(summary.eras) == len(by_stage)
    for key, era in zip(splits, summary.eras):
        assert splits[key] == group_json(era.odds)
        assert by_stage[key] == funnel_json(era.funnel)
    assert shown.check["funnel"] == funnel_json(summary.funnel)


def test_the_text_prints_those_very_figures(shown):
    endings = {e.id: (e.kind, shown.check["endings"][e.id]["probability"])
               for e in shown.scenario.endings}
    eras = shown.check["splits"][shown.summary.era_by]
    odds = table(shown.text, "endings for a random player, by")
    assert odds["share of journeys"] == ["100.00%"] + [printed(g["share"]) for g in eras.values()]
    for ending, (kind, p) in endings.items():
        assert odds[f"{ending} {kind}"] == [printed(p)] + [
            printed(g["endings"][ending]) for g in eras.values()]
    funnel = table(shown.text, "stage funnel for a random player")
    assert funnel["reach"] == [printed(s.odds.share) for s in shown.summary.funnel]
    for ending, (kind, p) in endings.items():
        assert funnel[f"{ending} {kind}"] == [printed(s.odds.endings[ending])
                                              for s in shown.summary.funnel]
        assert funnel[f"{ending} {kind}"][0] == printed(p)
    simulated = {line.split()[0]: line.split()[-1] for line in shown.simulate_text.splitlines()
                 if line.split() and line.split()[0] in endings}
    assert simulated == {ending: printed(p) for ending, (_, p) in endings.items()}
