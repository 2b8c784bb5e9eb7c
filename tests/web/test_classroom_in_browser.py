"""A class in Chromium: two students play the tutorial at once in two browser contexts, one
reloads the page and her browser carries on with her journey by itself, both finish on different
endings, the class report counts both beside the exact odds, and no request ever leaves the
teacher's server. Then Ctrl+C stops the server cleanly."""

from __future__ import annotations

import json

from journey.engine import catalog
from journey.engine.loader import load_scenario
from journey.frontend import class_record
from journey.frontend.playthrough import Playthrough
from journey.frontend.session import numbered_choices

from .browser import Tab
from .conftest import SEED

BEFORE, AFTER, LEAVE, PAY_GUARD, TURN_BACK, STAY_HIDDEN = "1", "2", "1", "2", "4", "2"
"""Keys of the tutorial's choices (every choice in these scenes is open at these points)."""


def keys_to_an_ending(first: list[str], then: str) -> tuple[list[str], str]:
    """The keys a student presses: `first`, then `then` while the journey goes on, and the
    ending's title, as the engine plays them with the class's seed."""
    scenario = load_scenario(catalog.resolve("tutorial"))
    journey, keys = Playthrough(scenario, SEED), []
    for key in first:
        keys.append(key)
        journey.take(next(c.index for c in numbered_choices(scenario, journey.state)
                          if c.number == int(key)))
    while not journey.over:
        keys.append(then)
        journey.take(next(c.index for c in numbered_choices(scenario, journey.state)
                          if c.number == int(then)))
    assert journey.ending is not None
    return keys, journey.ending.title


def test_a_class_plays_reloads_finishes_and_is_reported(teacher, browser, tmp_path):
    """The whole lesson, with the network cut off: only the server is ever asked for
    anything, by the game's page and by the report alike."""
    ann, bo = Tab(browser, teacher.url), Tab(browser, teacher.url)
    ann.open()
    bo.open()
    ann.press("n")
    ann.shows("Your code:")
    bo.press("n")
    bo.shows("Your code:")
    ann_code, bo_code = ann.code(), bo.code()
    assert ann_code != bo_code

    ann.press(BEFORE)
    ann.shows("Leave tonight for the river")
    bo_keys, bo_ending = keys_to_an_ending([AFTER, LEAVE, PAY_GUARD], STAY_HIDDEN)
    bo.press(bo_keys[0])
    bo.shows("Leave tonight for the river")
    ann.press(LEAVE)
    ann.shows("Turn back home")

    # Ann reloads at the river: a new process, and her browser brings her journey back, at
    # the river where she left it, without her typing the code.
    saves = teacher.folder / "class-saves"
    assert (saves / f"tutorial-{ann_code}.json").exists()
    ann.reload(then="Turn back home")
    shown = ann.shows("Welcome back")
    assert f"Your code: {ann_code}" in shown
    assert "Wait for a darker night" in shown  # the river, where she left it
    ann.press("Control+c")  # to copy a quote: her journey goes on
    ann.shows("Ctrl+C does not leave your journey here")

    for key in bo_keys[1:]:
        bo.press(key)
    bo.shows(f"The journey ends: {bo_ending}")
    ann.press(TURN_BACK)
    ann.shows("The journey ends: Turned back")
    assert bo_ending != "Turned back"

    database = teacher.folder / class_record.DATABASE
    ann.until(lambda: database.exists() and len(class_record.read(database)) == 2,
              "both journeys in the class record")
    recorded = sorted((e.ending, e.era_name, e.steps, e.seed, e.played_with)
                      for e in class_record.read(database))
    assert recorded == sorted([
        ("stayed_home", "Before the 2020 border closure", 3, SEED, "serve"),
        (next(e.id for e in load_scenario(catalog.resolve("tutorial")).endings
              if e.title == bo_ending), "After the 2020 border closure", len(bo_keys), SEED,
         "serve")])

    report = teacher.journey("class", "report", "--format", "json")
    assert report.returncode == 0, report.stderr
    figures = json.loads(report.stdout)
    assert figures["journeys"] == 2
    assert {era["name"]: era["journeys"] for era in figures["eras"]} == {
        "Before the 2020 border closure": 1, "After the 2020 border closure": 1}

    page = tmp_path / "report.html"
    made = teacher.journey("class", "report", "--format", "html", "--output", str(page))
    assert made.returncode == 0, made.stderr
    reader = Tab(browser, page.as_uri())
    reader.page.goto(page.as_uri())
    shown = reader.page.inner_text("body")
    assert "Class record: A short crossing (tutorial)" in shown
    assert "2 journeys of this version of the scenario" in shown
    assert "Turned back" in shown and bo_ending in shown
    assert "not real-world statistics" in shown
    assert reader.requests == [page.as_uri()]

    assert ann.foreign_requests() == [] and bo.foreign_requests() == []
    assert ann.errors == [] and bo.errors == []
    assert any(url.startswith("ws://") for url in ann.requests)
    for tab in (ann, bo, reader):
        tab.close()

    code, printed = teacher.stop()
    assert code == 130, printed
    assert f"Students open:\n    {teacher.url}\n" in printed
    assert "journey serve: stopped." in printed
    assert not list(saves.glob("*.lock"))
