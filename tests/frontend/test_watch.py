"""`journey play --watch` below the front ends: whether a journey still fits an edit of its
scenario (and if not, at which step and why), and what the watch of a file makes of each edit
(reloaded and saved, no longer fitting, or problems as `journey check` prints them)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from journey.commands.check_report import check_file, format_text
from journey.engine import catalog
from journey.engine.loader import load_scenario
from journey.frontend import saves
from journey.frontend.playthrough import Playthrough
from journey.frontend.watch import Misfit, replay_under
from journey.frontend.session import Session
from journey.frontend.watch import Broken, Reloaded, Unfit, Watch

from .helpers import edit, save_header, tutorial_copy

LEAVE = "      - label: Leave tonight for the river\n        goto: riverbank"
"""The first choice of the tutorial's scene 'home'."""


@pytest.fixture
def path(tmp_path) -> Path:
    return tutorial_copy(tmp_path)


def to_the_river(path: Path) -> Playthrough:
    """Step 1: the 2010s; step 2: leave tonight; now at the riverbank."""
    journey = Playthrough(load_scenario(path), 1)
    journey.take(0)
    journey.take(0)
    assert journey.node.id == "riverbank"
    return journey


def misfit(journey: Playthrough, path: Path) -> Misfit:
    found = replay_under(load_scenario(path), journey)
    assert isinstance(found, Misfit), "the edit was expected not to fit"
    return found


def test_reworded_text_and_labels_fit_and_the_journey_reads_the_new_words(path):
    journey = to_the_river(path)
    edit(path, "The Tumen is shallow", "The Tumen river is shallow")
    edit(path, "Leave tonight for the river", "Leave tonight, for the river")
    found = replay_under(load_scenario(path), journey)
    assert isinstance(found, Playthrough)
    assert found.state == journey.state
    assert found.node.text.startswith("The Tumen river is shallow")
    assert found.steps[1].choice == "Leave tonight, for the river"


def test_a_removed_choice_does_not_fit_though_the_engine_could_take_the_next_one(path):
    journey = to_the_river(path)
    edit(path, re.escape(LEAVE) + r"[^\n]*\n", "")
    found = misfit(journey, path)
    assert (found.step, found.why) == (
        2, "in scene 'home', the choice taken, 'Leave tonight for the river', is gone")
    assert (found.nearest.state.step, found.nearest.node.id) == (1, "home")


def test_a_moved_choice_says_where_it_went(path):
    journey = to_the_river(path)
    text = path.read_text()
    leave = re.search(r"      - label: Leave tonight.*\n.*\n", text).group()
    sell = re.search(r"      - label: Sell what you can.*\n(?:        .*\n)+", text).group()
    path.write_text(text.replace(leave + sell, sell + leave))
    assert load_scenario(path).nodes[1].choices[1].label == "Leave tonight for the river"
    found = misfit(journey, path)
    assert (found.step, found.why) == (
        2, "in scene 'home', the choice taken, 'Leave tonight for the river', is now choice 2")


def test_a_renamed_scene_stops_the_step_that_led_there(path):
    journey = to_the_river(path)
    edit(path, r"\briverbank\b", "tumen_bank")
    found = misfit(journey, path)
    assert (found.step, found.why) == (2, "it now leads to 'tumen_bank', not 'riverbank'")
    assert found.nearest.state.step == 1


def test_a_closed_choice_and_an_outcome_that_can_no_longer_happen(path):
    journey = to_the_river(path)
    edit(path, re.escape(LEAVE), "      - label: Leave tonight for the river\n"
                                 "        if: money > 10\n        goto: riverbank")
    assert misfit(journey, path).why == (
        "in scene 'home', the choice 'Leave tonight for the river' is closed now")

    shutil.copy(catalog.bundled()["tutorial"], path)
    seed = next(s for s in range(100) if _wades_across(path, s))
    wading = Playthrough(load_scenario(path), seed)
    for choice in (0, 0, 2):
        wading.take(choice)
    edit(path, r"weight: 6\n", "weight: 0\n")
    found = misfit(wading, path)
    assert (found.step, found.why) == (
        3, "in scene 'riverbank', 'Wade across alone' can no longer turn out as it did ('You "
           "reach the Chinese bank, soaked and shaking. A farmer sees you.')")
    assert found.nearest.node.id == "riverbank"


def _wades_across(path: Path, seed: int) -> bool:
    journey = Playthrough(load_scenario(path), seed)
    for choice in (0, 0, 2):
        journey.take(choice)
    return journey.node.id == "yanji"


def test_following_an_edit_saves_the_journey_under_the_new_version(path):
    scenario = load_scenario(path)
    with Session.open(scenario, path, continuing=False, seed=1) as session:
        session.choose(1)
        edit(path, "You live in a town", "You live in a small town")
        found = replay_under(load_scenario(path), session.journey)
        assert isinstance(found, Playthrough)
        session.follow(found)
        assert session.scenario is found.scenario
    saved = save_header(saves.Slot.for_file("tutorial", path).path)
    assert saved["content_hash"] == load_scenario(path).content_hash
    with Session.open(load_scenario(path), path, continuing=True) as again:
        assert (again.continued, again.notice) == (True, "")
        assert again.view().scene.text.startswith("You live in a small town")


def settled(watch: Watch, session: Session | None):
    """What the watch makes of an edit once the file has held still (two polls)."""
    assert watch.poll(session) is None
    return watch.poll(session)


def test_the_watch_reloads_an_edit_once_and_never_an_unchanged_file(path):
    scenario = load_scenario(path)
    watch = Watch(path, scenario)
    with Session.open(scenario, path, continuing=False, seed=1) as session:
        session.choose(1)
        assert settled(watch, session) is None
        path.write_text(path.read_text())  # saved without a change
        assert settled(watch, session) is None
        edit(path, "You live in a town", "You live in a small town")
        change = settled(watch, session)
        assert change == Reloaded("mine.yaml", 1)
        assert change.text == "Reloaded mine.yaml and replayed 1 step."
        assert session.view().scene.text.startswith("You live in a small town")
        assert [watch.poll(session) for _ in range(3)] == [None, None, None]


def test_a_broken_edit_lists_the_problems_as_check_does_and_the_fix_brings_the_journey_back(
        path):
    scenario = load_scenario(path)
    watch = Watch(path, scenario)
    with Session.open(scenario, path, continuing=False, seed=1) as session:
        session.choose(1)
        good = path.read_text()
        edit(path, r"goto: riverbank", "goto: riverbnk")
        change = settled(watch, session)
        assert isinstance(change, Broken)
        assert "\n".join(change.lines) == format_text(str(path), check_file(str(path), 1000))
        assert re.match(rf"{re.escape(str(path))}:\d+:\d+: .*riverbnk.*did you mean "
                        r"'riverbank'", change.lines[0])
        assert session.scenario is scenario and session.journey.state.step == 1
        path.write_text(good)  # the very version in play: it still ends the problems
        assert settled(watch, session) == Reloaded("mine.yaml", 1)


def test_an_edit_that_no_longer_fits_changes_nothing_until_a_start_is_picked(path):
    scenario = load_scenario(path)
    watch = Watch(path, scenario)
    with Session.open(scenario, path, continuing=False, seed=1) as session:
        session.choose(1)
        session.choose(1)
        journey = session.journey
        edit(path, re.escape(LEAVE) + r"[^\n]*\n", "")
        change = settled(watch, session)
        assert isinstance(change, Unfit)
        assert change.text == ("Step 2 of your journey no longer fits the edited mine.yaml: in "
                               "scene 'home', the choice taken, 'Leave tonight for the river', "
                               "is gone.")
        assert change.offer == ("Carry on after step 1, the last that fits, or start again "
                                "with the same seed.")
        assert session.journey is journey
        session.follow(change.again)
        assert (session.journey.state.step, session.journey.seed) == (0, 1)


def test_a_changed_id_is_a_problem_to_fix_not_a_new_save(path):
    scenario = load_scenario(path)
    watch = Watch(path, scenario)
    with Session.open(scenario, path, continuing=False, seed=1) as session:
        edit(path, r"\nid: tutorial", "\nid: my_tutorial")
        change = settled(watch, session)
        assert isinstance(change, Broken)
        assert "id changed from 'tutorial' to 'my_tutorial'" in change.lines[0]
        assert session.scenario is scenario


def test_an_edited_conditional_part_is_read_again_at_the_scene_the_journey_is_on(path):
    """At the river after a night, an edit of the part about waiting (its words and its
    condition) is what the scene reads once the watch reloads it."""
    scenario = load_scenario(path)
    watch = Watch(path, scenario)
    with Session.open(scenario, path, continuing=False, seed=1) as session:
        for number in (1, 1, 1):  # the 2010s, leave tonight, wait a night
            session.choose(number)
        assert session.view().text.endswith("You have waited one night on this bank. Every "
                                            "night here is another night someone may notice you.")
        edit(path, r"if: nights > 0\n        text: You have waited \$\{nights\} on this bank.",
             "if: nights > 0 and exposure >= 1\n        text: Night ${nights}, exposure "
             "${exposure}.")
        assert settled(watch, session) == Reloaded("mine.yaml", 3)
        assert session.view().text.endswith("\n\nNight one night, exposure seen by a few. Every "
                                            "night here is another night someone may notice you.")
