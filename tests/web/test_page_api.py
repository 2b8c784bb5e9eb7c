"""`journey serve`'s page server probed as a stranger would, with aiohttp's client against a real
server: a real journey kept under a code, continued on another computer and recorded; made-up
journeys refused with the step where they stop being journeys of the scenario; bodies too
large, not JSON or of the wrong shape; other origins and host names; and the rates each
computer is held to. Every refusal is one plain sentence, and the server never prints a
traceback (PageTeacher.stop checks)."""

from __future__ import annotations

import asyncio

from journey.frontend import class_record
from journey.web.page_limits import BURST, NEW_CODES, body_cap

from .page_class import PageTeacher, Student, played


def test_a_real_journey_is_kept_continued_elsewhere_and_recorded_once(tmp_path):
    """A student keeps her journey under a code step by step, continues it on another
    computer, and ends it there: the class record holds it once, and its code then opens
    nothing (a journey that has ended leaves nothing to continue)."""
    teacher = PageTeacher(tmp_path / "data")
    history = played("tutorial", 7, [1, 2])

    async def body() -> None:
        first, second = Student(teacher, "127.0.0.2"), Student(teacher, "127.0.0.3")
        status, found = await first.post("/api/codes", {"seed": 7, "history": []})
        assert status == 201 and len(found["code"]) == 6
        code = found["code"]
        for step in range(1, 3):
            assert await first.post(f"/api/codes/{code}",
                                    {"seed": 7, "history": history[:step]}) == (
                200, {"code": code})
        assert await first.post("/api/progress", {"code": code, "stage": "border"}) == (
            200, {"code": code, "stage": "border"})
        status, found = await second.get(f"/api/codes/{code.lower()[:3]}-{code[3:]}")
        assert (status, found) == (200, {"code": code, "seed": 7, "history": history[:2]})
        assert await second.post(f"/api/codes/{code}", {"seed": 7, "history": history}) == (
            200, {"code": code})  # its last step ends it: nothing more is kept under the code
        finished = {"seed": 7, "history": history, "code": code}
        assert await second.post("/api/journeys", finished) == (201, {"recorded": True})
        assert await first.post("/api/journeys", finished) == (
            200, {"recorded": True, "again": True})
        status, found = await first.get(f"/api/codes/{code}")
        assert status == 404 and found == {"error": (
            f"No journey can be continued with the code {code} here. Check the code: a "
            "journey that has ended leaves nothing to continue.")}
        await first.close()
        await second.close()

    asyncio.run(body())
    code, printed = teacher.stop()
    assert code == 130
    assert printed.splitlines()[-1] == ("journey serve: stopped. 1 journey was added to the "
                                        "class record while it ran; journeys not finished "
                                        "stay under their codes.")
    (entry,) = class_record.read(teacher.record)
    assert (entry.seed, entry.played_with, entry.file) == (7, "serve", "bundled:tutorial.yaml")
    assert [[step.choice] for step in entry.route] == [[c] for c, _ in history]
    report = teacher.journey("class", "report")
    assert report.returncode == 0 and "1 journey of this version" in report.stdout


def test_made_up_journeys_are_refused_with_the_step_and_why(tmp_path):
    """An outcome the seed does not draw, a choice that is not open, a journey that has not
    ended, one that goes on past its ending, one longer than any of the scenario's, another
    seed than the class's: each refused with 422 and a plain reason, and none recorded."""
    teacher = PageTeacher(tmp_path / "data", "tutorial", "--seed", "7")
    real = played("tutorial", 7, [1, 2])
    other_draw = [list(step) for step in real]
    other_draw[-1][1] = 1 - other_draw[-1][1]

    async def body() -> None:
        student = Student(teacher)
        refusals = {
            "outcome": (other_draw, f"Step {len(real)} says outcome {other_draw[-1][1]}, "
                                    f"but this seed draws outcome {real[-1][1]} there."),
            "closed": ([[9, 0]], "Step 1 takes a choice that is not open there (choice 9 "
                                 "in scene when)."),
            "unended": (real[:1], "The journey has not ended: after 1 step it is in scene "),
            "past": (real + [[0, 0]], f"The journey ended at step {len(real)}, yet goes on."),
            "long": ([[0, 0]] * 9, "No journey of this scenario takes 9 steps; the longest "
                                   "takes 8."),
        }
        for why, (history, said) in refusals.items():
            status, found = await student.post("/api/journeys", {"seed": 7,
                                                                 "history": history})
            assert status == 422 and found["error"].startswith(said), (why, found)
        status, found = await student.post("/api/journeys", {"seed": 8, "history": real})
        assert (status, found) == (422, {"error": "This class plays every journey with the "
                                                  "seed 7, not 8."})
        status, found = await student.post("/api/codes", {"seed": 7, "history": real})
        assert status == 422 and found["error"].startswith("This journey has ended")
        await student.close()

    asyncio.run(body())
    teacher.stop()
    assert class_record.read(teacher.record) == []


def test_bodies_that_are_too_large_or_not_journeys_are_refused_in_a_sentence(tmp_path):
    teacher = PageTeacher(tmp_path / "data")
    cap = body_cap(8)  # the tutorial's longest journey takes 8 steps

    async def body() -> None:
        student = Student(teacher)
        status, found, _ = await student.send("POST", "/api/journeys",
                                              raw=b'{"seed": 1, "history": [' + b" " * cap
                                              + b"]}")
        assert (status, found) == (413, {"error": f"The request is larger than the {cap} "
                                                  "bytes a journey needs."})
        status, found, _ = await student.send("POST", "/api/codes", raw=b"{not json")
        assert (status, found) == (400, {"error": "The request is not JSON."})
        status, found, _ = await student.send("POST", "/api/codes", raw=b"[1, 2]")
        assert (status, found) == (400, {"error": "The request must be a JSON object."})
        status, found, _ = await student.send("POST", "/api/codes",
                                              raw=b'{"seed": NaN, "history": []}')
        assert status == 400
        status, found, _ = await student.send("POST", "/api/codes", {"seed": 1, "history": []},
                                              headers={"Content-Type": "text/plain"})
        assert (status, found) == (415, {"error": "Send JSON, with the Content-Type "
                                                  "application/json."})
        for seed in (True, 2**63, "7.5", "seven", " 7", 1.5, None):
            status, found = await student.post("/api/codes", {"seed": seed, "history": []})
            assert status == 400 and found["error"].startswith("'seed' must be a whole "
                                                               "number"), seed
        for history in ({}, [[0]], [[0, -1]], [[0, True]], [["0", 0]], [[0, 10**6]]):
            status, found = await student.post("/api/codes", {"seed": 1, "history": history})
            assert status == 400 and "'history'" in found["error"], history
        status, found = await student.post("/api/progress", {"code": "ABCDEF", "stage": 1})
        assert (status, found) == (422, {"error": "'stage' must be the id of one of the "
                                                  "scenario's stages."})
        status, found = await student.post("/api/journeys", {"seed": 1, "history": [],
                                                             "code": "not a code"})
        assert status == 400 and found["error"].startswith("'code' is not a code")
        assert (await student.send("PUT", "/api/codes"))[:2] == (
            405, {"error": "This address does not take that kind of request."})
        assert (await student.get("/api/nothing"))[0] == 404
        await student.close()

    asyncio.run(body())
    teacher.stop()


def test_only_the_servers_own_page_may_ask_and_only_by_this_computers_names(tmp_path):
    """A POST with another origin, an opaque one or none at all; a GET naming another origin;
    a Host name that only points at this computer (DNS rebinding): all refused, nothing
    kept. The page's own origin, by either of this computer's names, is answered."""
    teacher = PageTeacher(tmp_path / "data")
    port = teacher.port
    history = played("tutorial", 3)

    async def body() -> None:
        for origin in ("http://evil.example", f"http://127.0.0.1:{port + 1}",
                       f"https://127.0.0.1:{port}", "null", ""):
            stranger = Student(teacher, origin=origin)
            status, found = await stranger.post("/api/journeys", {"seed": 3,
                                                                  "history": history})
            assert (status, found) == (403, {"error": "Only this server's own page may ask "
                                                      "this."}), origin
            if origin:
                assert (await stranger.get("/api/codes/ABCDEF"))[0] == 403
            await stranger.close()
        rebound = Student(teacher, origin=f"http://evil.example:{port}")
        status, found, _ = await rebound.send("POST", "/api/journeys",
                                              {"seed": 3, "history": history},
                                              headers={"Host": f"evil.example:{port}"})
        assert status == 403 and "answers this computer only" in found["error"]
        status, _, _ = await rebound.send("GET", "/", headers={"Host": f"evil.example:{port}"})
        assert status == 403
        await rebound.close()
        assert not teacher.record.exists() or class_record.read(teacher.record) == []
        named = Student(teacher, origin=f"http://localhost:{port}")
        status, found, _ = await named.send("POST", "/api/journeys",
                                            {"seed": 3, "history": history},
                                            headers={"Host": f"localhost:{port}"})
        assert (status, found) == (201, {"recorded": True})
        await named.close()

    asyncio.run(body())
    teacher.stop()
    assert len(class_record.read(teacher.record)) == 1


def test_each_computer_is_held_to_its_rate_and_others_are_not(tmp_path):
    """A burst of requests from one computer: the first BURST are answered, the rest get 429
    with a Retry-After, while another computer is answered as before. New codes beyond
    NEW_CODES in ten minutes are refused too."""
    teacher = PageTeacher(tmp_path / "data")

    async def body() -> None:
        greedy, other = Student(teacher, "127.0.0.5"), Student(teacher, "127.0.0.6")
        answers = await asyncio.gather(*(greedy.send("GET", "/") for _ in range(BURST + 40)))
        statuses = [status for status, _, _ in answers]
        assert statuses.count(200) >= BURST and statuses.count(429) >= 30
        refused = next(answer for answer in answers if answer[0] == 429)
        assert refused[1] == "Too many requests from this computer; wait a moment.\n"
        assert int(refused[2]["Retry-After"]) >= 1
        assert (await other.send("GET", "/"))[0] == 200

        maker = Student(teacher, "127.0.0.7")
        made = [await maker.post("/api/codes", {"seed": n, "history": []})
                for n in range(NEW_CODES + 1)]
        assert [status for status, _ in made] == [201] * NEW_CODES + [429]
        assert made[-1][1]["error"].startswith("This computer has started many journeys")
        for student in (greedy, other, maker):
            await student.close()

    asyncio.run(body())
    teacher.stop()


def test_guessing_codes_is_slow_and_a_guess_learns_nothing(tmp_path):
    """Codes that open nothing are counted per computer, as in the terminal mode: after 10,
    even a code that would open a journey is refused for a while, and the answer for a code
    that was never given is the same as for one whose journey has ended."""
    teacher = PageTeacher(tmp_path / "data")

    async def body() -> None:
        owner, guesser = Student(teacher, "127.0.0.8"), Student(teacher, "127.0.0.9")
        status, found = await owner.post("/api/codes", {"seed": 1, "history": []})
        code = found["code"]
        answers = [await guesser.get(f"/api/codes/{guess}")
                   for guess in ["22222" + c for c in "23456789AB"]]
        assert {status for status, _ in answers} == {404}
        assert answers[0][1] == {"error": "No journey can be continued with the code 222222 "
                                          "here. Check the code: a journey that has ended "
                                          "leaves nothing to continue."}
        status, found = await guesser.get(f"/api/codes/{code}")
        assert status == 429 and found["error"].startswith("Too many codes that open no "
                                                           "journey were typed")
        status, found = await guesser.post(f"/api/codes/{code}", {"seed": 1, "history": []})
        assert status == 429
        assert (await owner.get(f"/api/codes/{code}"))[0] == 200
        for student in (owner, guesser):
            await student.close()

    asyncio.run(body())
    teacher.stop()


def test_another_students_code_sent_with_a_journey_is_left_as_it_is(tmp_path):
    """A finished journey sent with a code whose journey is not its start is recorded, and the
    code's own journey stays to be continued."""
    teacher = PageTeacher(tmp_path / "data")

    async def body() -> None:
        ann, bo = Student(teacher, "127.0.0.10"), Student(teacher, "127.0.0.11")
        status, found = await ann.post("/api/codes", {"seed": 1, "history": []})
        code = found["code"]
        status, found = await bo.post("/api/journeys", {"seed": 2, "code": code,
                                                        "history": played("tutorial", 2)})
        assert (status, found) == (201, {"recorded": True})
        assert await ann.get(f"/api/codes/{code}") == (200, {"code": code, "seed": 1,
                                                             "history": []})
        for student in (ann, bo):
            await student.close()

    asyncio.run(body())
    teacher.stop()
    assert len(class_record.read(teacher.record)) == 1


def test_a_seed_beyond_javascripts_exact_numbers_goes_as_digits(tmp_path):
    """The page sends a seed larger than 2^53 - 1 as a string of digits, and gets it back so:
    the journey is kept, continued and recorded with every digit."""
    teacher = PageTeacher(tmp_path / "data")
    seed = 2**60 + 7
    history = played("tutorial", seed)

    async def body() -> None:
        student = Student(teacher)
        status, found = await student.post("/api/codes", {"seed": str(seed), "history": []})
        code = found["code"]
        assert await student.get(f"/api/codes/{code}") == (200, {"code": code,
                                                                 "seed": str(seed),
                                                                 "history": []})
        assert await student.post("/api/journeys", {"seed": str(seed), "history": history,
                                                    "code": code}) == (201, {"recorded": True})
        await student.close()

    asyncio.run(body())
    teacher.stop()
    (entry,) = class_record.read(teacher.record)
    assert entry.seed == seed
