"""The page as `journey serve` gives it (docs/web-page.md): against a stand-in for the class
server that keeps to the contract and records every call, the page asks for a code when a
journey starts, keeps it up to date and says where the journey is after every step, hands in
the journey when it ends, continues a journey on another computer from its code, and shows the
server's refusals in its own words while play goes on.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from journey.engine import catalog
from journey.engine.loader import load_scenario
from journey.frontend.odds_cache import work_out
from journey.frontend.page_data import page_content
from journey.web.page import page_html

from .page_browser import PageTab
from .test_page_in_browser import journey_to

WAIT = 30.0
CONFIG = {"served": True, "api": "/api", "seed": None, "showOdds": True, "codeLength": 6}


class ClassServer(ThreadingHTTPServer):
    """The page, and the API kept as a test double: codes in a dict, every call recorded.
    `refuse` makes every POST to that path answer `refusal` (a status, a plain reason and its
    headers; 422 unless told)."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        scenario = load_scenario(catalog.resolve("tutorial"))
        self.page = page_html(page_content(scenario, work_out(scenario)), CONFIG).encode("utf-8")
        self.calls: list[tuple[str, str, Any]] = []
        self.codes: dict[str, Any] = {}
        self.refuse: str | None = None
        self.refusal: tuple[int, str, dict[str, str]] = (
            422, "That journey does not fit this scenario.", {})
        self.changed = threading.Condition()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def record(self, method: str, path: str, body: Any) -> None:
        with self.changed:
            self.calls.append((method, path, body))
            self.changed.notify_all()

    def wait_for(self, condition, what: str) -> None:
        with self.changed:
            assert self.changed.wait_for(condition, WAIT), f"waited {WAIT:.0f} s for {what}"


class Handler(BaseHTTPRequestHandler):
    server: ClassServer

    def log_message(self, *args: Any) -> None:
        pass

    def answer(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path.split("?")[0] == "/":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(self.server.page)))
            self.end_headers()
            self.wfile.write(self.server.page)
            return
        code = self.path.removeprefix("/api/codes/")
        self.server.record("GET", self.path, None)
        if code in self.server.codes:
            self.answer(200, self.server.codes[code])
        else:
            self.answer(404, {"error": f"No journey can be continued with the code {code} here."})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.record("POST", self.path, body)
        if self.server.refuse == self.path.rsplit("/", 1)[0].removeprefix("/api") or \
                self.server.refuse == self.path.removeprefix("/api"):
            status, reason, headers = self.server.refusal
            self.answer(status, {"error": reason}, headers)
        elif self.path == "/api/codes":
            code = f"ABCDE{len(self.server.codes) + 2}"
            self.server.codes[code] = body
            self.answer(200, {"code": code})
        elif self.path.startswith("/api/codes/"):
            self.server.codes[self.path.removeprefix("/api/codes/")] = body
            self.answer(200, {"code": self.path.removeprefix("/api/codes/")})
        else:
            self.answer(200, {})


@pytest.fixture
def server() -> Iterator[ClassServer]:
    serving = ClassServer()
    thread = threading.Thread(target=serving.serve_forever, daemon=True)
    thread.start()
    yield serving
    serving.shutdown()
    serving.server_close()


class ServedTab(PageTab):
    """The page from the stand-in server rather than from a file."""

    def __init__(self, browser: Any, server: ClassServer):
        super().__init__(browser, server.url)  # type: ignore[arg-type]
        self.address = server.url

    @property
    def url(self) -> str:
        return self.address

    def says(self, text: str) -> None:
        self.page.wait_for_function(
            "text => document.getElementById('where').textContent.includes(text)", arg=text)


def test_a_served_journey_keeps_the_class_server_told(browser, server):
    seed, typed = journey_to("asylum")
    tab = ServedTab(browser, server)
    try:
        tab.play(seed, [])
        tab.says("Your code: ABCDE2.")
        told = []
        for number in typed:
            tab.press(str(number))
            told.append(tab.happened())
        assert any("The odds were:" in said for said in told)  # the teacher's showOdds
        tab.wait("debrief")
        server.wait_for(lambda: any(path == "/api/journeys" for _, path, _ in server.calls),
                        "the journey to be handed in")
        tab.says("Your journey is added to the class record.")
        calls = [(method, path) for method, path, _ in server.calls]
        assert calls == [("POST", "/api/codes"), ("POST", "/api/progress")] + [
            ("POST", "/api/codes/ABCDE2"), ("POST", "/api/progress")] * (len(typed) - 1) + [
            ("POST", "/api/journeys")]
        first, *updates, last = [body for _, _, body in server.calls]
        assert first == {"seed": seed, "history": []}
        assert last["seed"] == seed and last["code"] == "ABCDE2" and len(last["history"]) == len(typed)
        progress = [body for _, path, body in server.calls if path == "/api/progress"]
        assert all(body["code"] == "ABCDE2" and isinstance(body["stage"], str) for body in progress)
        assert [len(body["history"]) for _, path, body in server.calls
                if path == "/api/codes/ABCDE2"] == list(range(1, len(typed)))
        assert tab.errors == []
    finally:
        tab.close()


def test_a_code_continues_the_journey_on_another_computer(browser, server):
    seed, typed = journey_to(None)
    first = ServedTab(browser, server)
    second = ServedTab(browser, server)
    try:
        first.play(seed, typed[:2])
        first.says("Your code: ABCDE2.")
        server.wait_for(lambda: len(server.codes.get("ABCDE2", {}).get("history", [])) == 2,
                        "the second step to reach the server")
        left_at = first.read_scene()
        second.open()
        second.page.fill("#code", "abcde-2")
        second.page.click("form button")
        second.wait("scene", 2)
        assert second.read_scene() == left_at
        second.says("Your code: ABCDE2.")
        second.press(str(typed[2]))
        server.wait_for(lambda: len(server.codes["ABCDE2"]["history"]) == 3,
                        "the step from the second computer")
        second.open()
        second.page.fill("#code", "NXSUCH")
        second.page.click("form button")
        second.page.wait_for_function(
            "() => document.querySelector('form [role=alert]').textContent !== ''")
        assert second.page.inner_text("form [role=alert]") == (
            "No journey can be continued with the code NXSUCH here.")
    finally:
        first.close()
        second.close()


def test_a_refusal_is_shown_and_play_goes_on(browser, server):
    server.refuse = "/progress"
    seed, typed = journey_to(None)
    tab = ServedTab(browser, server)
    try:
        tab.play(seed, typed[:1])
        tab.says("The class server did not take this step: That journey does not fit this "
                 "scenario. Your journey is kept in this browser.")
        tab.press(str(typed[1]))
        assert tab.steps == 2
    finally:
        tab.close()
