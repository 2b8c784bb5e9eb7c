"""The teacher's side of a served class: the live page opens only at the address `journey serve`
printed (its token, in no student's page), its event stream tells a client each move of the
class, Chromium's copy of it updates itself under its security policy, and the class report
it links to counts the journeys finished since the server started."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor

import aiohttp

from .browser import WAIT, Tab
from .page_class import PageTeacher, Student, played

NOTHING = "There is nothing at this address.\n"


def words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


async def events(answer: aiohttp.ClientResponse) -> AsyncIterator[str]:
    """The data of each Server-Sent Event of a stream, as it comes."""
    lines: list[str] = []
    async for raw in answer.content:
        line = raw.decode("utf-8").rstrip("\r\n")
        if line.startswith("data: "):
            lines.append(line[len("data: "):])
        elif not line and lines:
            yield "\n".join(lines)
            lines = []


def test_the_teachers_page_opens_only_with_its_token(tmp_path):
    """Wrong, shortened, lengthened or missing tokens get what any unknown address gets; the
    students' page holds neither the token nor the way to the teacher's page."""
    teacher = PageTeacher(tmp_path / "data")
    address = teacher.teacher
    token = address.rsplit("/", 1)[1]
    assert len(token) == 32 and address.startswith(f"http://127.0.0.1:{teacher.port}/")

    async def body() -> None:
        student = Student(teacher)
        status, page, _ = await student.send("GET", "/")
        assert status == 200 and token not in page and "/teacher" not in page
        unknown = await student.send("GET", "/nowhere")
        assert unknown[:2] == (404, NOTHING)
        for guess in ("", "x", token[:-1], token + "x", token.swapcase(), "A" * 32):
            for tail in ("", "/live", "/report"):
                status, text, _ = await student.send("GET", f"/teacher/{guess}{tail}")
                assert (status, text) == (404, NOTHING), (guess, tail)
        status, page, headers = await student.send("GET", f"/teacher/{token}")
        assert status == 200 and "A short crossing (tutorial): the class, live" in page
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "script-src 'nonce-" in headers["Content-Security-Policy"]
        await student.close()

    asyncio.run(body())
    code, printed = teacher.stop()
    assert printed.count(token) == 1  # printed once, for the teacher alone


def test_the_live_stream_tells_each_move_of_the_class(tmp_path):
    """A client of the teacher's stream reads the class at once, then each change: a journey
    begun at home, moved to the border, and finished, counted by era and kind."""
    teacher = PageTeacher(tmp_path / "data")
    token_path = teacher.teacher.split(str(teacher.port), 1)[1]
    history = played("tutorial", 4)

    async def body() -> None:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{teacher.origin}{token_path}/live") as answer:
                assert answer.headers["Content-Type"] == "text/event-stream"
                stream = events(answer)

                async def until(text: str) -> str:
                    while True:
                        shown = words(await asyncio.wait_for(anext(stream), WAIT))
                        if text in shown:
                            return shown

                shown = await until("In progress: 0 journeys")
                assert "Home 0 The border 0 Hiding in China 0" in shown
                assert "Finished since the server started: 0 None yet." in shown
                student = Student(teacher, "127.0.0.2")
                status, found = await student.post("/api/codes", {"seed": 4, "history": []})
                code = found["code"]
                shown = await until("In progress: 1 journey")
                assert "Home 1 The border 0" in shown
                await student.post("/api/progress", {"code": code, "stage": "border"})
                assert "Home 0 The border 1" in await until("The border 1")
                await student.post("/api/journeys", {"seed": 4, "history": history,
                                                     "code": code})
                shown = await until("Finished since the server started: 1")
                assert "In progress: 0 journeys" in shown
                assert re.search(r"Before the 2020 border closure: 1 Ending Journeys \w", shown)
                await student.close()

    asyncio.run(body())
    teacher.stop()


def test_the_class_report_counts_the_journeys_since_the_server_started(tmp_path):
    teacher = PageTeacher(tmp_path / "data")
    token_path = teacher.teacher.split(str(teacher.port), 1)[1]

    async def body() -> str:
        student = Student(teacher)
        for seed in (1, 2):
            status, _ = await student.post("/api/journeys", {"seed": seed,
                                                             "history": played("tutorial",
                                                                               seed)})
            assert status == 201
        status, page, headers = await student.send("GET", f"{token_path}/report")
        await student.close()
        assert status == 200 and "script-src" not in headers["Content-Security-Policy"]
        return words(page)

    shown = asyncio.run(body())
    teacher.stop()
    assert "Class record: A short crossing (tutorial)" in shown
    assert "2 journeys of this version of the scenario (content hash" in shown
    assert "The details" in shown


def test_chromium_shows_the_class_moving_on_the_teachers_page(tmp_path, browser):
    """The page's own script, under its security policy, takes in the stream: the counts
    change on screen without a reload, and the page asks for nothing from anywhere else.
    (Last in this file: Playwright's loop runs in this thread from here on.)"""
    teacher = PageTeacher(tmp_path / "data")
    tab = Tab(browser, teacher.teacher)
    tab.page.goto(tab.url)
    assert "In progress: 0 journeys" in tab.page.inner_text("#live")

    async def begin() -> None:
        student = Student(teacher, "127.0.0.3")
        await student.post("/api/codes", {"seed": 1, "history": []})
        await student.close()

    with ThreadPoolExecutor(1) as aside:  # Playwright's own loop runs in this thread
        aside.submit(asyncio.run, begin()).result(WAIT)
    tab.until(lambda: "In progress: 1 journey" in tab.page.inner_text("#live"),
              "the teacher's page to show the new journey")
    assert tab.errors == [] and tab.foreign_requests() == []
    tab.close()
    teacher.stop()
