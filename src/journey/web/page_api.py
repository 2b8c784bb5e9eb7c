"""The page's API (docs/web-page.md, "Served to a class", the contract): resume codes kept on
the server, each step's stage for the teacher's live page, and finished journeys for the class
record. Every request is JSON, size-capped, and checked as a stranger's would be: the journey
it carries is played again through the engine (`frontend.served_journeys`) before anything is
kept or recorded.

The guards every request passes first (host, origin, rate) are the server's middleware
(page_server); here are the rules of each endpoint. A problem is an `ApiError`: a status and
one plain sentence, sent as {"error": ...}.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from aiohttp import web

from journey.frontend.classroom import CODES_PER_WINDOW, WINDOW, new_code, read_code, too_many
from journey.frontend.classroom_store import (ClassroomStore, StoreFull, StoreUnavailable,
                                              TooManyCodes)
from journey.frontend.served_journeys import (EXACT_IN_JAVASCRIPT, SEED_LIMIT, History,
                                              NotAJourney, ServedScenario)
from journey.web.class_live import ClassLive
from journey.web.limits import computer
from journey.web.page_limits import KEPT, NEW_CODES, RECORDED, Window, body_cap
from journey.web.record_writer import RecordWriter

DIGITS = re.compile(r"-?[0-9]{1,19}")
LARGEST_INDEX = 10_000
"""No scene has this many choices, nor a choice this many outcomes."""
T = TypeVar("T")


class ApiError(Exception):
    """A request the API does not answer: `status`, and why in one sentence."""

    def __init__(self, status: int, message: str, retry: float | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry = retry
        """Seconds to wait before asking again (Retry-After), for 429."""


def answer(data: object, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, headers={"Cache-Control": "no-store"})


def unopened(code: str | None) -> str:
    """The one answer for a code that opens nothing here: none has it, or its journey ended."""
    named = f"the code {code}" if code else "that code"
    return (f"No journey can be continued with {named} here. Check the code: a journey that "
            "has ended leaves nothing to continue.")


async def read_json(request: web.Request, cap: int) -> dict[str, Any]:
    """The request's body: a JSON object of at most `cap` bytes."""
    if request.content_type != "application/json":
        raise ApiError(415, "Send JSON, with the Content-Type application/json.")
    if request.content_length is not None and request.content_length > cap:
        raise ApiError(413, f"The request is larger than the {cap} bytes a journey needs.")
    body = await request.content.read(cap + 1)
    if len(body) > cap:
        raise ApiError(413, f"The request is larger than the {cap} bytes a journey needs.")
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise ApiError(400, "The request is not JSON.") from None
    if not isinstance(data, dict):
        raise ApiError(400, "The request must be a JSON object.")
    return data


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number in JSON")


def whole(value: object, low: int, high: int) -> int | None:
    """`value` when it is a whole number (not true or false) from `low` to `high`."""
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return None


def read_seed(data: dict[str, Any]) -> int:
    """The seed: a JSON number, or, beyond what JavaScript keeps exactly, a string of decimal
    digits (with a leading - for a negative one)."""
    given = data.get("seed")
    if isinstance(given, str) and DIGITS.fullmatch(given):
        given = int(given)
    seed = whole(given, -SEED_LIMIT, SEED_LIMIT)
    if seed is None:
        raise ApiError(400, f"'seed' must be a whole number from {-SEED_LIMIT} to "
                            f"{SEED_LIMIT}, as a number or a string of digits.")
    return seed


def seed_json(seed: int) -> int | str:
    """A seed as the page reads it: a number while JavaScript keeps it exactly, else text."""
    return seed if abs(seed) <= EXACT_IN_JAVASCRIPT else str(seed)


def read_history(data: dict[str, Any]) -> History:
    found = data.get("history")
    if not isinstance(found, list):
        raise ApiError(400, "'history' must be a list of [choice, outcome] pairs.")
    steps = []
    for number, step in enumerate(found, 1):
        pair = (step if isinstance(step, list) and len(step) == 2 else [None, None])
        choice, outcome = (whole(value, 0, LARGEST_INDEX) for value in pair)
        if choice is None or outcome is None:
            raise ApiError(400, f"Step {number} of 'history' must be a pair of whole numbers "
                                "[choice, outcome], each 0 or more.")
        steps.append((choice, outcome))
    return tuple(steps)


def history_text(history: History) -> str:
    return json.dumps([list(step) for step in history], separators=(",", ":"))


@dataclass
class PageApi:
    """The endpoints, for `served` with its codes in `store` (`code_length` characters)."""

    served: ServedScenario
    store: ClassroomStore
    live: ClassLive
    writer: RecordWriter
    code_length: int
    new_codes: Window = field(default_factory=lambda: Window(NEW_CODES))
    recorded: Window = field(default_factory=lambda: Window(RECORDED))
    guesses: Window = field(default_factory=lambda: Window(CODES_PER_WINDOW, WINDOW))
    """Codes that opened nothing, per computer, as the store counts them: the codes this
    server keeps in memory are refused too while a computer is guessing."""
    kept: dict[str, tuple[int, History]] = field(default_factory=dict)
    """The journeys under the codes kept or opened since the server started, as the store
    holds them: a step is then one write, and their progress is taken at once."""
    storing: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="classroom-store"))
    ended: set[str] = field(default_factory=set)
    """Codes whose journey was recorded since the server started: sent again, it is not
    recorded twice."""

    @property
    def cap(self) -> int:
        return body_cap(self.served.history_cap)

    def routes(self, prefix: str = "/api") -> list[web.RouteDef]:
        return [web.post(f"{prefix}/codes", self.create),
                web.post(f"{prefix}/codes/{{code}}", self.update),
                web.get(f"{prefix}/codes/{{code}}", self.fetch),
                web.post(f"{prefix}/progress", self.progress),
                web.post(f"{prefix}/journeys", self.finish)]

    def follow(self, seed: int, history: History) -> tuple[str | None, bool]:
        """(the stage the journey is in, whether it has ended), once played again."""
        try:
            journey = self.served.follow(seed, history)
        except NotAJourney as refused:
            raise ApiError(422, str(refused)) from None
        return self.served.stage_of(journey), journey.over

    async def create(self, request: web.Request) -> web.Response:
        """POST /api/codes {seed, history}: a new code for a journey in progress."""
        data = await read_json(request, self.cap)
        seed, history = read_seed(data), read_history(data)
        stage, _ = self.follow(seed, history)
        if stage is None:
            raise ApiError(422, "This journey has ended: there is nothing to continue. Send "
                                "it to /api/journeys to record it.")
        wait = self.new_codes.wait(computer(request.remote), time.monotonic())
        if wait:
            raise ApiError(429, "This computer has started many journeys in the last minutes; "
                                "try again later.", wait)
        code = await self._store(self._keep_new, seed, history_text(history))
        self.kept[code] = (seed, history)
        await self.live.moved(code, stage)
        return answer({"code": code}, 201)

    def _keep_new(self, seed: int, history: str) -> str:
        for _ in range(20):  # a taken code is one chance in 31^6 per journey kept
            code = new_code(self.code_length)
            if self.store.keep(code, self.served.id, seed, history, time.time(), KEPT):
                return code
        raise StoreUnavailable("no free code was found")

    async def update(self, request: web.Request) -> web.Response:
        """POST /api/codes/CODE {seed, history}: the journey under CODE, a step or more on."""
        code = await self._opened(request)
        data = await read_json(request, self.cap)
        seed, history = read_seed(data), read_history(data)
        stage, over = self.follow(seed, history)
        kept = await self._kept(request, code)
        if kept is None:
            raise ApiError(404, unopened(code))
        kept_seed, kept_history = kept
        if seed != kept_seed or history[:len(kept_history)] != kept_history:
            raise ApiError(409, f"The code {code} holds another journey, or a later step of "
                                "this one (opened on another computer?). Continue it with "
                                "the code to see where it is.")
        if not over and history != kept_history:
            if not await self._store(self.store.replace, code, self.served.id,
                                     history_text(kept_history), history_text(history),
                                     time.time()):
                self.kept.pop(code, None)
                raise ApiError(409, f"The code {code} changed while this step was kept; "
                                    "continue it with the code to see where it is.")
            self.kept[code] = (seed, history)
        if stage is not None:
            await self.live.moved(code, stage)
        return answer({"code": code})

    async def fetch(self, request: web.Request) -> web.Response:
        """GET /api/codes/CODE: the journey under CODE, to continue it on this computer."""
        code = await self._opened(request)
        kept = await self._kept(request, code)
        if kept is None:
            raise ApiError(404, unopened(code))
        seed, history = kept
        stage, _ = self.follow(seed, history)
        if stage is not None:
            await self.live.moved(code, stage)
        return answer({"code": code, "seed": seed_json(seed),
                       "history": [list(step) for step in history]})

    async def progress(self, request: web.Request) -> web.Response:
        """POST /api/progress {code, stage}: where the journey under code is now."""
        data = await read_json(request, self.cap)
        code = read_code(str(data.get("code", ""))[:40], self.code_length)
        stage = data.get("stage")
        if not isinstance(stage, str) or not self.served.has_stage(stage):
            raise ApiError(422, "'stage' must be the id of one of the scenario's stages.")
        if code is None or await self._kept(request, code) is None:
            raise ApiError(404, unopened(code))
        await self.live.moved(code, stage)
        return answer({"code": code, "stage": stage})

    async def finish(self, request: web.Request) -> web.Response:
        """POST /api/journeys {seed, history, code?}: a journey that ended, for the record."""
        data = await read_json(request, self.cap)
        seed, history = read_seed(data), read_history(data)
        given = data.get("code")
        code = read_code(given[:40], self.code_length) if isinstance(given, str) else None
        if given is not None and code is None:
            raise ApiError(400, f"'code' is not a code: {self.code_length} letters and digits "
                                "(no 0, 1, I, L or O).")
        try:
            entry = self.served.finished(seed, history)
        except NotAJourney as refused:
            raise ApiError(422, str(refused)) from None
        if code is not None and code in self.ended:
            return answer({"recorded": True, "again": True})
        wait = self.recorded.wait(computer(request.remote), time.monotonic())
        if wait:
            raise ApiError(429, "This computer has recorded many journeys in the last minutes; "
                                "try again later.", wait)
        mine = code if code is not None and await self._leads_to(request, code, seed,
                                                                 history) else None
        in_record = await self.writer.record(entry)
        if mine is not None:
            self.ended.add(mine)
            self.kept.pop(mine, None)
            try:
                await self._store(self.store.release, mine, self.served.id)
            except ApiError:
                pass  # the journey is recorded; its code stays until the store can be written
        await self.live.ended(mine, entry)
        return answer({"recorded": in_record}, 201)

    async def _leads_to(self, request: web.Request, code: str, seed: int,
                        history: History) -> bool:
        """Whether the journey kept under `code` is the start of this one: only then does its
        code end with it (another's code sent along is left as it is)."""
        kept = await self._kept(request, code)
        return kept is not None and kept[0] == seed and history[:len(kept[1])] == kept[1]

    async def _opened(self, request: web.Request) -> str:
        """The code in the address, or a refusal that says the same as for any code that opens
        nothing (counted against this computer's guesses)."""
        code = read_code(request.match_info["code"][:40], self.code_length)
        if code is None:
            await self._guess(request)
            self.guesses.wait(computer(request.remote), time.monotonic())
            raise ApiError(404, unopened(None))
        return code

    async def _kept(self, request: web.Request,
                    code: str) -> tuple[int, History] | None:
        """The journey kept under `code` (seed, steps), or None. A code opens nothing on a
        computer that typed too many that opened nothing (ApiError 429); one this server has
        not kept or opened since it started is counted in the store first, and forgiven if it
        opens a journey."""
        where = computer(request.remote)
        if code in self.kept:
            wait = self.guesses.full(where, time.monotonic())
            if wait:
                raise ApiError(429, too_many(wait), wait)
            return self.kept[code]
        row = await self._guess(request)
        found = await self._store(self.store.journey, code, self.served.id)
        try:
            seed, text = found if found is not None else (0, "nothing")
            history = tuple((int(choice), int(outcome)) for choice, outcome in json.loads(text))
        except (ValueError, TypeError):
            self.guesses.wait(where, time.monotonic())
            return None  # none kept, or not what this server writes: nothing to continue
        await self._store(self.store.forgive, row)
        self.kept[code] = (seed, history)
        return seed, history

    async def _guess(self, request: web.Request) -> int:
        """Count a code typed on the request's computer in the store (which every class server
        of this data folder shares), until it proves to open a journey. Raises ApiError(429)
        when that computer typed too many that opened nothing."""
        try:
            return await self._store(self.store.count_code, computer(request.remote),
                                     time.time(), CODES_PER_WINDOW, WINDOW)
        except TooManyCodes as limited:
            raise ApiError(429, too_many(limited.wait), limited.wait) from None

    async def _store(self, work: Callable[..., T], *args: Any) -> T:
        """`work` on the store, on the store's one thread: SQLite waits for the disk, and one
        writer at a time never waits for another in this process."""
        try:
            return await asyncio.get_running_loop().run_in_executor(
                self.storing, partial(work, *args))
        except StoreFull:
            raise ApiError(503, f"This server keeps {KEPT:,} journeys under codes already: "
                                "ask the teacher to start it again after a new record.") from None
        except StoreUnavailable:
            raise ApiError(503, "The server cannot use its kept journeys just now; this "
                                "journey is still kept in this browser. Try again in a "
                                "minute.") from None
