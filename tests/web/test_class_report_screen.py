"""The class report's summary for a projector, in Chromium at 1920x1080: a class of forty on the
long road, both eras, fits its one screen (each era's endings beside the game's odds, and
where the class's chances were won and lost), with the details below it; the page asks for
nothing from anywhere."""

from __future__ import annotations

import os
import random
import subprocess
import sys

from journey.engine import catalog, rules
from journey.engine.loader import load_scenario
from journey.frontend import class_record
from journey.frontend.class_record import SERVE, Entry
from journey.frontend.playthrough import Playthrough

from .browser import Tab


def long_road_class(count: int) -> list[Entry]:
    """`count` journeys on the long road, half in each era, choosing at random."""
    scenario = load_scenario(catalog.resolve("long_road"))
    draw = random.Random(20)
    found = []
    for number in range(count):
        journey = Playthrough(scenario, draw.randrange(10**6))
        first = True
        while not journey.over:
            open_ = [v.index for v in rules.choice_views(scenario, journey.state)
                     if v.enabled]
            journey.take(open_[number % len(open_)] if first else draw.choice(open_))
            first = False
        found.append(Entry.of(journey, "bundled:long_road.yaml", SERVE))
    return found


def test_the_summary_fits_one_projected_screen_and_the_details_follow(tmp_path, browser):
    data = tmp_path / "data"
    class_record.append_all(long_road_class(40), data / "journey" / class_record.DATABASE)
    page = tmp_path / "report.html"
    done = subprocess.run([sys.executable, "-m", "journey", "class", "report", "--format",
                           "html", "--output", str(page)],
                          env={**os.environ, "XDG_DATA_HOME": str(data)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    tab = Tab(browser, page.as_uri())
    tab.page.set_viewport_size({"width": 1920, "height": 1080})
    tab.page.goto(tab.url)
    screen = tab.page.locator(".screen")
    box = screen.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 1080, box
    shown = " ".join(screen.inner_text().split())
    assert "before the 2020 border closure" in shown.lower()
    assert "after the 2020 border closure" in shown.lower()
    assert "Where the class's chances of asylum were won and lost" in shown
    assert "one of the decisions that matter most" in shown
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 1920
    assert tab.page.locator("#details").bounding_box()["y"] >= box["y"] + box["height"]
    assert tab.errors == [] and tab.foreign_requests() == [], tab.requests
    tab.close()
