"""`journey serve` probed as a stranger on the network would, with aiohttp's client against a
real server: a huge terminal, a flood of tabs, plain GETs of the websocket address, other
origins and host names, the static folder, and a save that fails before the server stops.
(Another origin's page in Chromium: test_cross_origin.py.)"""

from __future__ import annotations

import asyncio

from journey.web.limits import MAX_COLUMNS, MAX_ROWS

from .browser import Teacher, wait_until
from .sockets import SocketTab, against, page, words


def test_a_huge_terminal_is_drawn_at_the_cap_at_connect_and_on_resize(tmp_path):
    """20000 x 20000 once grew a tab's process past 3 GB: now the tab gets the largest
    terminal allowed, and is drawn right up to it and no further."""
    teacher = Teacher(tmp_path / "data")

    async def body() -> None:
        huge = SocketTab(teacher.port, 20000, 20000)
        assert await huge.open() == 101
        await huge.shows("New journey")
        assert huge.farthest() == (MAX_ROWS, MAX_COLUMNS)
        await huge.close()

        grown = SocketTab(teacher.port, 100, 30)
        assert await grown.open() == 101
        await grown.shows("New journey")
        assert grown.farthest() == (30, 100)
        grown.mark = len(grown.raw)
        await grown.send("resize", {"width": 20000, "height": 20000})
        await grown.until(lambda: grown.farthest()[0] == MAX_ROWS and "New journey" in
                          grown.text(), "the title drawn again, larger")
        assert grown.farthest() == (MAX_ROWS, MAX_COLUMNS)
        await grown.send("resize", {"width": "wide", "height": None})  # ignored, no harm
        await grown.send("stdin")  # not what textual.js sends: ignored too
        await grown.press("n")
        await grown.shows("Your code")
        await grown.close()

    _, code, printed = against(teacher, body)
    assert code == 130 and "Traceback" not in printed, printed


def test_tabs_are_capped_per_computer_and_in_all_and_the_page_says_so(tmp_path):
    """A class of 6 with 2 per computer: a third tab from one computer is refused; then 150
    tabs at once from 75 other computers: 4 open, 146 are refused at once (no process is
    started for them), and a student who comes next reads why, in words, on the page."""
    teacher = Teacher(tmp_path / "data", "tutorial", None, "--max-tabs", "6",
                      "--tabs-per-computer", "2")

    async def body() -> None:
        first = [SocketTab(teacher.port, local="127.0.0.250") for _ in range(3)]
        assert [await tab.open() for tab in first] == [101, 101, 503]
        status, html = await page(teacher.port, local="127.0.0.250")
        assert status == 503
        assert ("This computer already has 2 journeys open, in other tabs or windows: that is "
                "as many as one computer may open at once.") in words(html)

        flood = [SocketTab(teacher.port, local=f"127.0.0.{2 + n // 2}") for n in range(150)]
        answers = await asyncio.gather(*(tab.open() for tab in flood))
        assert sorted(answers) == [101] * 4 + [503] * 146
        opened = first[:2] + [tab for tab, answer in zip(flood, answers) if answer == 101]
        assert len(teacher.tabs()) <= 6
        await asyncio.gather(*(tab.shows("New journey") for tab in opened))
        assert len(teacher.tabs()) == 6

        status, html = await page(teacher.port, local="127.0.0.200")
        assert status == 503
        assert ("The class is full: 6 journeys are open, as many as this server takes at "
                "once.") in words(html)
        assert "<script" not in html

        await opened[-1].close()
        # Its place frees once its process has gone: then the newcomer's page is the game's.
        wait_until(lambda: len(teacher.tabs()) == 5, "the closed tab's process to end")
        status, html = await page(teacher.port, local="127.0.0.200")
        assert status == 200 and "data-session-websocket-url" in html
        late = SocketTab(teacher.port, local="127.0.0.200")
        assert await late.open() == 101
        await late.shows("New journey")
        await asyncio.gather(*(tab.close() for tab in [*first, *flood, late]))

    _, code, printed = against(teacher, body)
    assert code == 130, printed
    assert "Up to 6 tabs at once, 2 per computer (--max-tabs, --tabs-per-computer)." in printed


def test_a_plain_get_of_the_tabs_address_gets_400_and_no_traceback(tmp_path):
    teacher = Teacher(tmp_path / "data")

    async def body() -> None:
        for _ in range(20):
            status, text = await page(teacher.port, "/ws")
            assert status == 400
            assert text == ("This address is for the game's page, which opens it by itself: "
                            "open / instead.\n")

    _, code, printed = against(teacher, body)
    assert code == 130
    assert printed.splitlines()[-1] == ("journey serve: stopped. Every journey was saved at "
                                        "its last step.")
    assert "Traceback" not in printed and "Bad Request" not in printed, printed


def test_only_the_servers_own_page_may_open_a_tab(tmp_path):
    """A websocket from any other origin (another site, another port, an opaque origin, no
    origin at all) is refused, and so is a host name that only points at this computer."""
    teacher = Teacher(tmp_path / "data")
    port = teacher.port

    async def body() -> None:
        for origin in ("http://evil.example", f"http://127.0.0.1:{port + 1}",
                       f"https://127.0.0.1:{port}", "null", ""):
            tab = SocketTab(port, origin=origin)
            assert await tab.open() == 403, origin
        rebound = {"Host": f"evil.example:{port}"}
        tab = SocketTab(port, origin=f"http://evil.example:{port}", headers=rebound)
        assert await tab.open() == 403
        assert (await page(port, headers=rebound))[0] == 403
        assert teacher.tabs() == []
        own = SocketTab(port)
        assert await own.open() == 101
        await own.shows("New journey")
        await own.close()
        tab = SocketTab(port, origin=f"http://localhost:{port}", headers={
            "Host": f"localhost:{port}"})
        assert await tab.open() == 101
        await tab.close()

    against(teacher, body)


def test_the_static_folder_is_served_but_never_listed(tmp_path):
    teacher = Teacher(tmp_path / "data")

    async def body() -> None:
        for folder in ("/static/", "/static/js/", "/static/fonts"):
            status, text = await page(teacher.port, folder)
            assert status == 403 and "textual.js" not in text and "Roboto" not in text
        status, script = await page(teacher.port, "/static/js/textual.js")
        assert status == 200 and len(script) > 100_000

    against(teacher, body)


def test_a_class_served_to_the_network_gets_eight_character_codes(tmp_path):
    teacher = Teacher(tmp_path / "data", "tutorial", None, "--host", "0.0.0.0")

    async def body() -> None:
        tab = SocketTab(teacher.port)
        assert len(await tab.start_journey()) == 8
        await tab.close()

    against(teacher, body)


def test_the_server_says_which_journeys_could_not_be_saved_when_it_stops(tmp_path):
    """A save that fails (a file where the saves folder should be, as a full disk fails a
    write): the teacher is told which journey's last step was not saved, not that every
    journey was."""
    teacher = Teacher(tmp_path / "data")
    saves = teacher.folder / "class-saves"

    async def body() -> str:
        kept, lost = SocketTab(teacher.port, local="127.0.0.2"), SocketTab(teacher.port)
        for tab in (kept, lost):
            await tab.start_journey()
        saves.rename(saves.with_name("class-saves-away"))
        saves.write_text("not a folder")
        await lost.press("1")
        await lost.shows("Your journey could not be saved")
        saves.unlink()  # the disk has room again; the step that failed stays unsaved
        saves.with_name("class-saves-away").rename(saves)
        await kept.close()
        await lost.close()
        return lost.code()

    code, status, printed = against(teacher, body)
    assert status == 130
    farewell = printed[printed.index("journey serve: stopped."):].splitlines()
    assert farewell[0] == ("journey serve: stopped. 1 journey could not be saved at the last "
                           "step (each carries on from the last step that was saved, if any; "
                           "make room on the disk before the next lesson):")
    assert farewell[1].startswith(f"    code {code}: Your journey could not be saved: ")
    assert len(farewell) == 2, printed
