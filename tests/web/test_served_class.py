"""A class in Chromium on the real `journey serve tutorial` (its own process, its own page, a
class record in a data folder of its own): students play with the keyboard alone, one reloads
mid-journey and goes on, one goes on from another's code on another computer while the first
takes her own way, the teacher's live page shows them by stage as they play, and every
journey that ends is in the class record exactly once, as `journey class report` reads it; a
journey with a made-up ending sent by hand is refused. With `--seed N` the whole class meets
the same draws.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

from journey.engine import catalog
from journey.engine.loader import load_scenario
from journey.frontend import class_record
from journey.frontend.playthrough import Playthrough
from journey.frontend.session import numbered_choices

from .browser import wait_until
from .page_browser import PageTab, words
from .page_class import PageTeacher
from .test_page_in_browser import serious

TUTORIAL = load_scenario(catalog.resolve("tutorial"))
SECOND: Callable[[list[int]], int] = lambda numbers: numbers[min(1, len(numbers) - 1)]
"""The second open choice where there are two or more (in the tutorial, a way with a risk)."""
HAND_IN = """async body => {
  const answer = await fetch("/api/journeys", {method: "POST", body: JSON.stringify(body),
                                               headers: {"Content-Type": "application/json"}});
  return [answer.status, await answer.json()];
}"""
"""A journey sent by hand from a student's browser, as a curious student would from its
console: the page's own origin, the page's own kind of request."""


class Journey:
    """A journey of the tutorial as the engine plays it: the keys a student types (the numbers
    of open choices) and the history the page sends."""

    def __init__(self, seed: int, typed: list[int]):
        self.seed, self.typed = seed, list(typed)
        self.played = Playthrough(TUTORIAL, seed)
        for number in typed:
            self.played.take(self.choice(number))

    def choice(self, number: int) -> int:
        return next(c.index for c in numbered_choices(TUTORIAL, self.played.state)
                    if c.number == number)

    def open_numbers(self) -> list[int]:
        return [c.number for c in numbered_choices(TUTORIAL, self.played.state) if c.number]

    def to_the_end(self, pick: Callable[[list[int]], int] = min) -> Journey:
        """On with the open choice `pick` takes at each scene (the first), until an ending."""
        while not self.played.over:
            self.typed.append(pick(self.open_numbers()))
            self.played.take(self.choice(self.typed[-1]))
        return self

    @property
    def history(self) -> list[list[int]]:
        return [list(step) for step in self.played.state.history]

    @property
    def recorded(self) -> tuple[int, tuple[int, ...], str]:
        """What the class record keeps of it: seed, the choices taken, the ending."""
        assert self.played.ending is not None
        return (self.seed, tuple(choice for choice, _ in self.played.state.history),
                self.played.ending.id)


class Student(PageTab):
    """The page `journey serve` gives, in a browser context of its own (a computer)."""

    def __init__(self, browser: Any, teacher: PageTeacher, **options: Any):
        self.address = teacher.origin + "/"
        super().__init__(browser, None, **options)  # type: ignore[arg-type]

    @property
    def url(self) -> str:
        return self.address

    def begin(self, query: str = "") -> None:
        """Open the page and take the button the title puts the focus on, with Enter."""
        self.open(query)
        self.page.keyboard.press("Enter")
        self.wait("scene")

    def type_keys(self, typed: list[int]) -> None:
        for number in typed:
            self.press(str(number))

    def served(self, text: str) -> str:
        """Until what the page says of the class server holds `text`; then all of it."""
        self.page.wait_for_function(
            "text => (document.getElementById('served') || {}).textContent?.includes(text)",
            arg=text)
        return str(self.page.inner_text("#served"))

    def code(self) -> str:
        said = self.served("Your code: ")
        return said.rsplit("Your code: ", 1)[1].split(".")[0]

    def stage(self) -> str:
        """The stage of the scene on screen, as its heading names it."""
        return words(self.page.inner_text("#scene-heading")).rsplit(" (", 1)[0]

    def hand_in(self, body: dict[str, object]) -> tuple[int, dict[str, str]]:
        status, answer = self.page.evaluate(HAND_IN, body)
        return int(status), answer


class TeacherTab(PageTab):
    """The teacher's live page, at the address `journey serve` printed."""

    def __init__(self, browser: Any, teacher: PageTeacher):
        self.address = teacher.teacher
        super().__init__(browser, None)  # type: ignore[arg-type]
        self.page.goto(self.address)

    @property
    def url(self) -> str:
        return self.address

    def by_stage(self) -> Counter[str]:
        """Journeys in progress, by the stage's title, as the live page shows them now."""
        rows = self.page.eval_on_selector_all(
            "#live table:first-of-type tr",
            "rows => rows.slice(1).map(r => [...r.cells].map(c => c.textContent.trim()))")
        return Counter({title: int(count) for title, count in rows if int(count)})

    def live(self) -> str:
        return words(self.page.inner_text("#live"))

    def shows(self, condition: Callable[[], bool], what: str) -> None:
        wait_until(condition, what, lambda: self.page.wait_for_timeout(100))


def class_report(teacher: PageTeacher) -> dict[str, Any]:
    done = teacher.journey("class", "report", "--format", "json")
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_a_class_plays_the_served_page_and_every_journey_is_recorded_once(
        tmp_path: Path, browser: Any) -> None:
    teacher = PageTeacher(tmp_path / "data")
    watching = TeacherTab(browser, teacher)
    ann, bo, cy, dee = (Student(browser, teacher) for _ in range(4))
    try:
        watching.shows(lambda: "In progress: 0 journeys" in watching.live(), "an empty class")
        bo_keys = [1, 1]
        ann.begin("?seed=11")
        ann.type_keys([2])
        bo.begin("?seed=12")
        bo.type_keys(bo_keys)
        dee.begin("?seed=13")
        codes = [ann.code(), bo.code(), dee.code()]
        assert len(set(codes)) == 3 and all(len(code) == 6 for code in codes)

        playing = [ann, bo, dee]
        watching.shows(lambda: watching.by_stage() == Counter(s.stage() for s in playing),
                       "the teacher's page to show each student at her stage")
        assert "In progress: 3 journeys" in watching.live()

        # Ann reloads mid-journey: her browser offers her journey, under the same code.
        ann.page.reload()
        ann.wait("title")
        assert ann.focused() == "continue"
        ann.page.keyboard.press("Enter")
        ann.wait("scene", 1)
        assert ann.code() == codes[0]

        # Cy goes on with Bo's journey from its code, typed as a person types it: one journey
        # under one code, at Cy's stage once she takes a step.
        cy.open()
        cy.page.focus("#code")
        cy.page.keyboard.type(f"{codes[1][:3].lower()}-{codes[1][3:].lower()}")
        cy.page.keyboard.press("Enter")
        cy.wait("scene", 2)
        assert cy.read_scene() == bo.read_scene() and cy.code() == codes[1]
        shared = Journey(12, bo_keys)
        cy_way, *others = shared.open_numbers()
        bo_way = next(n for n in others if not Journey(12, bo_keys + [n]).played.over)
        with cy.page.expect_response(lambda r: r.url.endswith("/api/progress")):
            cy.press(str(cy_way))
        playing = [ann, cy, dee]
        watching.shows(lambda: watching.by_stage() == Counter(s.stage() for s in playing),
                       "the teacher's page to show the shared journey at Cy's stage")

        # Bo, on her own computer, takes another way: her code now holds Cy's journey.
        bo.press(str(bo_way))
        said = bo.served("Your code: ")
        assert said.startswith(f"The code {codes[1]} was taken further on another computer")
        assert bo.code() not in codes
        playing = [ann, bo, cy, dee]
        watching.shows(lambda: watching.by_stage() == Counter(s.stage() for s in playing),
                       "the teacher's page to show Bo's journey apart")
        assert "In progress: 4 journeys" in watching.live()

        journeys = {"ann": Journey(11, [2]).to_the_end(SECOND),
                    "bo": Journey(12, bo_keys + [bo_way]).to_the_end(),
                    "cy": Journey(12, bo_keys + [cy_way]).to_the_end(),
                    "dee": Journey(13, []).to_the_end(max)}
        assert len({j.recorded[2] for j in journeys.values()}) > 1  # not one way for all
        tabs = {"ann": ann, "bo": bo, "cy": cy, "dee": dee}
        for name, student in tabs.items():
            student.type_keys(journeys[name].typed[student.steps:])
            student.wait("debrief")
            student.served("Your journey is added to the class record.")
        watching.shows(lambda: "Finished since the server started: 4" in watching.live(),
                       "the teacher's page to count the four endings")
        assert "In progress: 0 journeys" in watching.live()

        # By hand: the ending changed at the last step, and a journey that has not ended.
        made_up = journeys["ann"].history
        made_up[-1][1] += 1
        status, answer = dee.hand_in({"seed": 11, "history": made_up})
        assert status == 422 and answer["error"].startswith(f"Step {len(made_up)} ")
        status, answer = dee.hand_in({"seed": 11, "history": journeys["ann"].history[:1]})
        assert status == 422, answer

        refused = "Failed to load resource: the server responded with a status of {}"
        assert bo.errors == [refused.format("409 (Conflict)")]
        assert dee.errors == [refused.format("422 (Unprocessable Entity)")] * 2
        assert ann.errors == cy.errors == watching.errors == []
        for seen in (*tabs.values(), watching):
            assert all(url.startswith(teacher.origin) for url in seen.requests), seen.requests
    finally:
        for opened in (ann, bo, cy, dee, watching):
            opened.close()
    code, printed = teacher.stop()
    assert "4 journeys were added to the class record while it ran" in printed

    assert class_report(teacher)["journeys"] == 4
    kept = [(e.seed, tuple(step.choice for step in e.route), e.ending)
            for e in class_record.read(teacher.record)]
    assert sorted(kept) == sorted(j.recorded for j in journeys.values())


def test_a_class_seed_gives_every_student_the_same_draws(tmp_path: Path, browser: Any) -> None:
    teacher = PageTeacher(tmp_path / "data", "tutorial", "--seed", "7", "--show-odds")
    eve, fay = Student(browser, teacher), Student(browser, teacher, bypass_csp=True)
    try:
        eve.open()
        fay.open("?seed=3")
        for tab in (eve, fay):
            assert tab.page.inner_text("#new") == "Begin a new journey (seed 7)"
        assert words(fay.page.inner_text("[role=alert]")) == (
            "This class plays every journey with the seed 7, which the teacher chose; the "
            "seed 3 in the page's address is not used.")
        assert serious(fay.axe()) == []  # the served title: its notice and the code's form
        fay.page.focus("#code")
        fay.page.keyboard.type("7")
        fay.page.keyboard.press("Enter")
        fay.page.wait_for_function("() => document.querySelector('#code[aria-invalid=true]')")
        assert serious(fay.axe()) == []
        fay.page.focus("#new")
        journey = Journey(7, []).to_the_end(SECOND)
        told: dict[str, list[str]] = {"eve": [], "fay": []}
        for name, tab in (("eve", eve), ("fay", fay)):
            tab.page.keyboard.press("Enter")
            tab.wait("scene", 0)
            for number in journey.typed:
                tab.press(str(number))
                told[name].append(tab.happened())
            tab.served("Your journey is added to the class record.")
            assert tab.page.locator("button", has_text="A new journey").count() == 0
        assert told["eve"] == told["fay"]
        assert any("The odds were:" in said for said in told["eve"])  # a draw was made

        status, answer = eve.hand_in({"seed": 8, "history": Journey(8, []).to_the_end().history})
        assert (status, answer["error"]) == (
            422, "This class plays every journey with the seed 7, not 8.")
    finally:
        eve.close()
        fay.close()
    teacher.stop()
    kept = [(e.seed, tuple(step.choice for step in e.route), e.ending)
            for e in class_record.read(teacher.record)]
    assert kept == [journey.recorded, journey.recorded]


def test_the_page_goes_gzipped_to_a_browser_that_takes_it(tmp_path: Path) -> None:
    """A third of the bytes when the whole class opens the page at once; the same page."""
    teacher = PageTeacher(tmp_path / "data")
    try:
        answers = {}
        for accepted in ("gzip, deflate, br", "identity", "gzip;q=0"):
            asked = Request(teacher.origin + "/", headers={"Accept-Encoding": accepted})
            with urlopen(asked, timeout=30) as answer:
                answers[accepted] = (answer.headers.get("Content-Encoding"),
                                     answer.headers["Vary"], answer.read())
    finally:
        teacher.stop()
    encoding, vary, packed = answers["gzip, deflate, br"]
    assert (encoding, vary) == ("gzip", "Accept-Encoding")
    assert answers["identity"][:2] == answers["gzip;q=0"][:2] == (None, "Accept-Encoding")
    plain = answers["identity"][2]
    assert gzip.decompress(packed) == plain == answers["gzip;q=0"][2]
    assert b'id="journey-config"' in plain and len(packed) < len(plain) / 2
