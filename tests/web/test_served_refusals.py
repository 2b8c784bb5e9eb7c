"""How the served page answers the class server's refusals (docs/web-page.md, "Every refusal,
in the page's words"), against the stand-in server of test_served_page: a busy server (429
with Retry-After) is told again once it has waited, a finished journey is handed in again
until it is recorded (after the page is opened again, if need be), a refusal that would come
again (413) is said and not repeated, and a code that cannot be one is refused by the page
itself, before anything is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .test_page_in_browser import journey_to
from .test_served_page import ClassServer, ServedTab, server  # noqa: F401 (the fixture)

BUSY = "Too many requests from this computer; wait a moment."


def calls_to(server: ClassServer, path: str) -> int:
    return sum(1 for _, called, _ in server.calls if called == path)


@contextmanager
def refusing(browser: Any, server: ClassServer, path: str,
             refusal: tuple[int, str, dict[str, str]],
             steps: int | None = None) -> Iterator[tuple[ServedTab, int, list[int]]]:
    """A tab that played `steps` steps (to the end when None) of a journey while the server
    answered every POST to `path` with `refusal`: (the tab, the seed, the numbers typed)."""
    server.refuse, server.refusal = path, refusal
    seed, typed = journey_to(None)
    tab = ServedTab(browser, server)
    try:
        tab.play(seed, typed[:steps])
        yield tab, seed, typed
    finally:
        tab.close()


def until_told_again(server: ClassServer, path: str,
                     meanwhile: Callable[[], None] = lambda: None) -> None:
    """Stop refusing, do `meanwhile`, and wait until the page asks `path` again."""
    with server.changed:
        server.refuse = None
        asked = calls_to(server, path)
    meanwhile()
    server.wait_for(lambda: calls_to(server, path) > asked, f"the page to ask {path} again")


def test_a_busy_server_is_told_the_step_again_after_it_asked_to_wait(
        browser: Any, server: ClassServer) -> None:
    with refusing(browser, server, "/progress", (429, BUSY, {"Retry-After": "1"}), 1) as (
            tab, seed, typed):
        tab.says(f"The class server did not take this step: {BUSY} Your journey is kept in "
                 "this browser, and the server is told again in 1 second.")
        until_told_again(server, "/api/progress")
        tab.says("Your code: ABCDE2.")
        (_, kept, step), (_, told, _) = server.calls[-2:]
        assert (kept, told, step["seed"], len(step["history"])) == (
            "/api/codes/ABCDE2", "/api/progress", seed, 1)
        tab.press(str(typed[1]))
        assert tab.steps == 2


def test_a_finished_journey_is_handed_in_again_until_it_is_recorded(
        browser: Any, server: ClassServer) -> None:
    refusal = (503, "The server cannot use its kept journeys just now.", {"Retry-After": "1"})
    with refusing(browser, server, "/journeys", refusal) as (tab, seed, typed):
        tab.wait("debrief")
        tab.says("and the server is told again in 1 second.")
        until_told_again(server, "/api/journeys")
        tab.says("Your journey is added to the class record.")
        handed = [body for _, path, body in server.calls if path == "/api/journeys"]
        assert len(handed) >= 2 and all(body == handed[0] for body in handed)
        assert handed[0] == {"seed": seed, "history": handed[0]["history"], "code": "ABCDE2"}
        assert len(handed[0]["history"]) == len(typed)


def test_a_journey_not_yet_recorded_is_handed_in_when_the_page_opens_again(
        browser: Any, server: ClassServer) -> None:
    """The page closed before the server could take the journey: the browser keeps it, and
    the page hands it in the next time it opens, then keeps nothing more."""
    refusal = (503, "The server cannot use its kept journeys just now.", {"Retry-After": "600"})
    with refusing(browser, server, "/journeys", refusal) as (tab, seed, typed):
        tab.wait("debrief")
        tab.says("and the server is told again in 600 seconds.")
        until_told_again(server, "/api/journeys", tab.open)
        tab.page.wait_for_function(
            "() => !Object.keys(localStorage).some(key => key.endsWith(':to-record'))")
        first, again = [body for _, path, body in server.calls if path == "/api/journeys"]
        assert again == first and len(first["history"]) == len(typed)
        assert first["seed"] == seed and first["code"] == "ABCDE2"


def test_a_refusal_that_would_come_again_is_said_once_and_play_goes_on(
        browser: Any, server: ClassServer) -> None:
    large = "The request is larger than the 1120 bytes a journey needs."
    with refusing(browser, server, "/codes/ABCDE2", (413, large, {}), 1) as (tab, _, typed):
        tab.says(f"The class server did not take this step: {large} Your journey is kept in "
                 "this browser.")
        assert "told again" not in tab.page.inner_text("#served")
        tab.press(str(typed[1]))
        server.wait_for(lambda: calls_to(server, "/api/codes/ABCDE2") == 2,
                        "the next step to be sent")
        assert tab.steps == 2


def test_a_code_that_cannot_be_one_is_refused_before_it_is_sent(
        browser: Any, server: ClassServer) -> None:
    tab = ServedTab(browser, server)
    try:
        tab.open()
        assert tab.page.inner_text("#code-rules") == (
            "6 letters and digits, as the page showed it beside the journey.")
        for typed in ("abc", "abcde-0", "ABCDEFG"):
            tab.page.fill("#code", typed)
            tab.page.keyboard.press("Enter")
            tab.page.wait_for_function(
                "typed => document.querySelector('form [role=alert]').textContent"
                ".includes(typed)", arg=typed)
            assert tab.page.inner_text("form [role=alert]") == (
                f"A code is 6 letters and digits (no 0, 1, I, L or O); \u201c{typed}\u201d is "
                "not one.")
            assert tab.page.get_attribute("#code", "aria-invalid") == "true"
        assert server.calls == []
        assert tab.screen == "title"
    finally:
        tab.close()
