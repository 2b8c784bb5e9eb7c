"""The exported page (`journey export`) in Debian's Chromium, opened from file:// as a teacher
opens it from a USB stick: played with the keyboard alone to an ending; reloaded mid-journey
and carried on; read at a phone's size and at 200% zoom without sideways scrolling; with no
request to anything but its own file; telling the same journey as `journey play --plain` for
the same seed and choices; and without serious or critical accessibility violations (axe-core)
on the title, a scene, a closed choice and the debrief of every kind of ending.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from journey.engine import catalog
from journey.engine.loader import load_scenario
from journey.frontend.playthrough import Playthrough
from journey.frontend.session import numbered_choices

from .page_browser import AXE, PHONE, ZOOMED, PageTab, plain_transcript, play_plain, words


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    """The tutorial and the long road, each exported by `journey export` to a file."""
    folder = tmp_path_factory.mktemp("exported")
    env_cache = folder / "cache"
    files = {}
    for name in ("tutorial", "long_road"):
        target = folder / f"{name}.html"
        done = subprocess.run([sys.executable, "-m", "journey", "export", name, "--html",
                               str(target)], capture_output=True, text=True, timeout=300,
                              env={**os.environ, "XDG_CACHE_HOME": str(env_cache)})
        assert done.returncode == 0, done.stderr
        assert f"Wrote {target}" in done.stdout
        files[name] = target
    return files


@pytest.fixture
def tab(browser, exported) -> Iterator[PageTab]:
    opened = PageTab(browser, exported["tutorial"])
    yield opened
    opened.close()


def journey_to(kind: str | None, name: str = "tutorial", tries: int = 400) -> tuple[int, list[int]]:
    """A seed and the numbers to type that end the journey in an ending of `kind` (any ending
    when None), found by playing at random with the engine."""
    scenario = load_scenario(catalog.resolve(name))
    for seed in range(tries):
        picks, journey, typed = random.Random(seed), Playthrough(scenario, seed), []
        while not journey.over:
            open_choices = [c for c in numbered_choices(scenario, journey.state) if c.number]
            choice = picks.choice(open_choices)
            typed.append(choice.number or 0)
            journey.take(choice.index)
        assert journey.ending is not None
        if kind is None or journey.ending.kind == kind:
            return seed, typed
    raise AssertionError(f"no journey of {tries} ends in {kind}")


def journey_to_closed_choice(name: str = "tutorial") -> tuple[int, list[int]]:
    """A seed and the numbers to type that lead to a scene with a closed choice."""
    scenario = load_scenario(catalog.resolve(name))
    for seed in range(400):
        picks, journey, typed = random.Random(seed), Playthrough(scenario, seed), []
        while not journey.over:
            choices = numbered_choices(scenario, journey.state)
            if any(c.number is None for c in choices):
                return seed, typed
            choice = picks.choice([c for c in choices if c.number])
            typed.append(choice.number or 0)
            journey.take(choice.index)
    raise AssertionError("no journey met a closed choice")


def test_the_tutorial_plays_to_an_ending_with_the_keyboard_alone(tab):
    seed, typed = journey_to(None)
    tab.open(f"?seed={seed}")
    assert tab.page.inner_text("h1") == "A short crossing (tutorial)"
    assert "Content note" in tab.page.inner_text("#screen")
    assert tab.focused() == "new"  # Enter begins
    tab.page.keyboard.press("Enter")
    tab.wait("scene", 0)
    assert tab.focused() == "scene-heading"
    first, *rest = typed
    # The first choice by Tab and Enter, as without a number key.
    target = f"{first}. "
    for _ in range(20):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate("document.activeElement.textContent").startswith(target):
            break
    steps = tab.steps
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_function("n => document.getElementById('page').dataset.steps === n",
                               arg=str(steps + 1))
    assert tab.focused() == "scene-heading"
    assert tab.page.get_attribute("#happened", "aria-live") == "polite"
    assert tab.happened().startswith("You chose: ")
    tab.type_numbers(rest)
    tab.wait("debrief")
    assert tab.focused() == "ending-heading"
    assert tab.page.inner_text("#ending-heading").startswith("The journey ends: ")
    headings = tab.page.locator("section h2").all_inner_texts()
    assert headings[:2] == [tab.page.inner_text("#ending-heading"), "What happens in reality"]
    assert "Your route" in headings and "Turning points: choice and luck" in headings
    # The turning points read the chance table, unpacked in the page from file://.
    assert "Choice and luck, added up." in tab.page.inner_text("section.turning")
    assert "not real-world statistics" in tab.page.inner_text("section.odds")
    assert tab.errors == []


@pytest.mark.parametrize("name", ["tutorial", "long_road"])
def test_the_same_seed_and_choices_tell_the_same_journey_as_plain_mode(browser, exported,
                                                                       tmp_path, name):
    """Scene by scene: the heading, the text, the status, the choices and what each step
    did, then the ending and its text, as `journey play --plain` prints them."""
    seed, typed = journey_to(None, name, tries=10)
    expected = plain_transcript(play_plain(name, seed, typed, tmp_path))
    assert len(expected.scenes) == len(typed) and expected.ending
    tab = PageTab(browser, exported[name])
    try:
        tab.open(f"?seed={seed}")
        tab.page.keyboard.press("Enter")
        tab.wait("scene", 0)
        for number, scene in zip(typed, expected.scenes):
            read = tab.read_scene()
            tab.press(str(number))
            read.happened = tab.happened()
            assert read == scene
        assert words(tab.page.inner_text("#ending-heading")) == expected.ending
        # the ending's words, then what its kind means (the glossary), as plain mode has them
        ending = " ".join(tab.page.locator("section.ending p").all_inner_texts())
        assert words(ending) == expected.ending_text
    finally:
        tab.close()


def test_a_reload_carries_on_with_the_journey(tab):
    seed, typed = journey_to(None)
    tab.play(seed, typed[:3])
    before = tab.read_scene()
    tab.page.reload()
    tab.wait("title")
    assert tab.page.inner_text("#continue") == f"Continue your journey (3 steps, seed {seed})"
    assert tab.focused() == "continue"
    tab.page.keyboard.press("Enter")
    tab.wait("scene", 3)
    assert tab.read_scene() == before
    tab.type_numbers(typed[3:])
    tab.wait("debrief")
    tab.page.reload()  # an ended journey leaves nothing to continue
    tab.wait("title")
    assert tab.page.locator("#continue").count() == 0


def test_a_damaged_save_is_set_aside_with_a_message(tab):
    tab.open()
    key = "journey:" + tab.page.evaluate(
        "JSON.parse(document.getElementById('journey-rules').textContent).id")
    saves = [{"format": 1, "scenario": "another", "seed": "1", "history": []},
             {"format": 1, "scenario": key[8:], "seed": "1", "history": [[0, 0], [9, 9]]},
             "{not json"]
    for saved in saves:
        raw = saved if isinstance(saved, str) else json.dumps(saved)
        tab.page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [key, raw])
        tab.page.reload()
        tab.wait("title")
        said = tab.page.inner_text("#screen .notice")
        assert said.startswith("The journey saved in this browser could not be used (")
        assert "It is kept aside" in said and tab.page.locator("#continue").count() == 0
        kept = tab.page.evaluate(
            "key => Object.keys(localStorage).filter(k => k.startsWith(key + ':set-aside:'))"
            ".map(k => localStorage.getItem(k))", key)
        assert raw in kept and tab.page.evaluate("key => localStorage.getItem(key)", key) is None
    assert tab.errors == []


@pytest.mark.parametrize("size", [PHONE, ZOOMED], ids=["phone-390x844", "zoom-200"])
def test_every_screen_fits_the_width_and_every_choice_can_be_reached(browser, exported, size):
    tab = PageTab(browser, exported["long_road"], viewport=size)
    try:
        seed, typed = journey_to(None, "long_road", tries=5)
        tab.open(f"?seed={seed}")
        assert tab.horizontal_overflow() == 0
        tab.page.click("#new")
        tab.wait("scene", 0)
        for number in typed:
            assert tab.horizontal_overflow() == 0
            for button in tab.page.locator("ol.choices button").all():
                button.scroll_into_view_if_needed()
                box = button.bounding_box()
                assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= size["width"]
            steps = tab.steps
            tab.page.click(f"ol.choices button[data-number='{number}']")  # a tap
            tab.page.wait_for_function(
                "n => document.getElementById('page').dataset.steps === n", arg=str(steps + 1))
        tab.wait("debrief")
        assert tab.horizontal_overflow() == 0
        assert tab.errors == []
    finally:
        tab.close()


def test_the_page_asks_nothing_of_any_host(tab):
    """From file://, a whole journey and its debrief: the only request is the file itself
    (the browser's proxy would refuse any other, and it would still be logged)."""
    seed, typed = journey_to(None)
    tab.play(seed, typed)
    tab.wait("debrief")
    tab.page.reload()
    tab.wait("title")
    assert set(tab.requests) == {tab.url + f"?seed={seed}"}
    assert tab.errors == []


def test_a_seed_the_page_cannot_use_is_refused_clearly(tab):
    tab.open("?seed=12x")
    said = tab.page.inner_text("[role=alert]")
    assert said == ("The page's address asks for the seed \u201c12x\u201d, which cannot be used: "
                    "The seed must be a whole number, such as 42, not \u201c12x\u201d.")
    tab.open("?seed=%2B1_000")
    assert tab.page.inner_text("#new") == "Begin a new journey (seed 1000)"


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def opens_on_the_ending(tab: PageTab) -> bool:
    """The debrief opens on the ending's words, what happens in reality and the questions,
    focused on the ending's heading, and offers to play again only after every section."""
    order = tab.page.evaluate(
        "() => [...document.querySelectorAll('#screen section h2, #screen button')]"
        ".map(e => e.tagName === 'BUTTON' ? 'button' : e.id)")
    return (order[:3] == ["ending-heading", "reality-heading", "questions-heading"]
            and order.index("button") == len(order) - 3 and tab.focused() == "ending-heading")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["tutorial", "long_road"])
def test_no_serious_accessibility_violations(browser, exported, name, scheme):
    """axe-core on the title with its content note, a scene, a scene with a closed choice,
    and the debrief after each kind of ending the scenario has, in light and dark."""
    if not AXE.exists():
        pytest.fail(f"The accessibility test needs {AXE}: `make test` installs axe-core with "
                    "npm (the version pinned in tests/web/package-lock.json).")
    scenario = load_scenario(catalog.resolve(name))
    found: dict[str, list[dict]] = {}
    tab = PageTab(browser, exported[name], color_scheme=scheme, bypass_csp=True)
    try:
        for kind in dict.fromkeys(e.kind for e in scenario.endings):
            seed, typed = journey_to(kind, name, tries=3000)
            tab.open(f"?seed={seed}")
            if not found:
                found["title"] = tab.axe()
            tab.page.keyboard.press("Enter")
            tab.wait("scene", 0)
            if "scene" not in found:
                found["scene"] = tab.axe()
            tab.type_numbers(typed)
            tab.wait("debrief")
            assert opens_on_the_ending(tab)
            found[f"debrief after {kind}"] = tab.axe()
        tab.play(*journey_to_closed_choice(name))
        assert tab.page.locator("li.closed").count()
        found["closed choice"] = tab.axe()
    finally:
        tab.close()
    assert {page: serious(v) for page, v in found.items()} == {page: [] for page in found}
