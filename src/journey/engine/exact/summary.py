"""One scenario's exact odds for a random player, small and typed, for the front ends to show:
the data and its JSON, without numpy, so the game can read a kept summary without loading the
analysis (`odds.summarise` works one out).

The debrief sets a player's own journey beside the odds: the odds of her era (the scenario's
`eras`) and, for the furthest stage she reached, how journeys that reach it end. Computing them
explores every state, so compute once per scenario file and keep the result:

    summary = odds.summarise(scenario)             # None if the story can loop forever
    text = json.dumps(summary.to_json())           # cache it, keyed by scenario.content_hash
    summary = OddsSummary.from_json(json.loads(text))
    era = scenario.era(state.values)                # None without eras
    mine = summary.era(era.value) if era else None
    reached = summary.stage("transit", era=mine.value if mine else None)

The summary also keeps, for every state with a choice to make, the chance that a journey from
there ends well or harmfully (`ChanceTable`): what the debrief's turning points read
(`engine.turning`).

Every figure is exact and JSON carries floats unchanged, so a summary read back from its JSON
is equal to the one computed. `from_json` raises ValueError for anything malformed (an old or
damaged cache), and a summary whose `content_hash` differs from the scenario's is stale.
"""

from __future__ import annotations

import base64
import math
import sys
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, Iterable

SUMMARY_FORMAT = 2
ParsedJson = dict[str, Any]  # parsed JSON not yet checked: a wrong shape raises where it is read


@dataclass(frozen=True)
class Group:
    """Some of the journeys: their share of the journeys they are taken from, and how they end.

    `endings` (every ending id) and `kinds` (every ending kind) are chances among the group's
    journeys; what they leave short of 1 is the share stuck in a scene with no open choice."""

    share: float
    endings: dict[str, float]
    kinds: dict[str, float]

    @property
    def stuck(self) -> float:
        return max(0.0, 1.0 - math.fsum(self.endings.values())) if self.share else 0.0


@dataclass(frozen=True)
class StageOdds:
    """A stage: the chance of reaching it (`odds.share`) and how those journeys end."""

    stage: str
    odds: Group


@dataclass(frozen=True)
class EraOdds:
    """An era: the value its flag or variable holds when journeys end, its name, its share of
    all journeys and their odds (`odds`), and its own stage funnel."""

    value: int
    name: str
    odds: Group
    funnel: tuple[StageOdds, ...]


@dataclass(frozen=True)
class OddsSummary:
    """A scenario's exact odds for a random player: the whole, per stage, and per era."""

    scenario: str
    content_hash: str
    odds: Group
    """Every ending's chance (`odds.endings`) and every ending kind's (`odds.kinds`)."""
    funnel: tuple[StageOdds, ...]
    era_by: str | None
    """The flag or variable whose value at the end of a journey is its era, if any."""
    eras: tuple[EraOdds, ...]
    chances: ChanceTable | None = None
    """From every state with a choice, the chance of a hopeful and of a harmful ending (None
    when the states' codes do not fit 64 bits)."""

    def era(self, value: int) -> EraOdds | None:
        """The era of journeys ending with `value` in `era_by`; None if no journey does."""
        return next((e for e in self.eras if e.value == value), None)

    def stage(self, stage_id: str, era: int | None = None) -> StageOdds | None:
        """A stage of the funnel: of all journeys, or of one era's (by its value)."""
        found = self.funnel if era is None else getattr(self.era(era), "funnel", ())
        return next((s for s in found if s.stage == stage_id), None)

    def to_json(self) -> dict[str, object]:
        return {"format": SUMMARY_FORMAT, "scenario": self.scenario,
                "content_hash": self.content_hash, "odds": group_json(self.odds),
                "funnel": funnel_json(self.funnel), "era_by": self.era_by,
                "eras": [{"value": e.value, "name": e.name, "odds": group_json(e.odds),
                          "funnel": funnel_json(e.funnel)} for e in self.eras],
                "chances": self.chances.to_json() if self.chances is not None else None}

    @classmethod
    def from_json(cls, data: ParsedJson) -> "OddsSummary":
        """Rebuild a summary from `to_json` output; raises ValueError if it is malformed."""
        try:
            if data["format"] != SUMMARY_FORMAT:
                raise ValueError(f"summary format {data['format']!r} is not {SUMMARY_FORMAT}")
            return cls(str(data["scenario"]), str(data["content_hash"]),
                       _group(data["odds"]), _funnel(data["funnel"]),
                       None if data["era_by"] is None else str(data["era_by"]),
                       tuple(EraOdds(int(e["value"]), str(e["name"]), _group(e["odds"]),
                                     _funnel(e["funnel"])) for e in data["eras"]),
                       None if data["chances"] is None else ChanceTable.from_json(data["chances"]))
        except (KeyError, TypeError, ValueError, AttributeError, zlib.error) as error:
            raise ValueError(f"malformed odds summary: {error}") from None


def group_json(group: Group) -> dict[str, object]:
    """A group as JSON: {"share": p, "endings": {id: p}, "kinds": {kind: p}}."""
    return {"share": group.share, "endings": group.endings, "kinds": group.kinds}


def funnel_json(stages: Iterable[StageOdds]) -> list[dict[str, object]]:
    """A funnel as JSON: [{"stage": id, "reach": p, "endings": {...}, "kinds": {...}}]."""
    return [{"stage": s.stage, "reach": s.odds.share, "endings": s.odds.endings,
             "kinds": s.odds.kinds} for s in stages]


def _group(data: ParsedJson) -> Group:
    return Group(float(data["share"]), _figures(data["endings"]), _figures(data["kinds"]))


def _funnel(data: list[ParsedJson]) -> tuple[StageOdds, ...]:
    return tuple(StageOdds(str(s["stage"]), Group(float(s["reach"]), _figures(s["endings"]),
                                                  _figures(s["kinds"]))) for s in data)


def _figures(data: ParsedJson) -> dict[str, float]:
    return {str(k): float(v) for k, v in data.items()}


@dataclass(frozen=True)
class ChanceTable:
    """For every state in which a journey has a choice to make, the chance that a journey from
    there ends in a hopeful kind of ending (`hopeful`) and in a harmful kind (`harmful`), for a
    player who picks at random among the open choices from then on. The states are keyed by
    their codes (`codes.Coder` of the scenario) in increasing order, so a look-up is a binary
    search and reading the table back builds no dictionary.

    In JSON each column is packed: 8-byte little-endian numbers, compressed, in base64 (the
    codes as the steps between them, which compress well). The long road's 36,219 states take
    about 70 kB so, against 1.7 MB as JSON numbers."""

    codes: array[int]
    hopeful: array[float]
    harmful: array[float]

    def at(self, code: int) -> tuple[float, float] | None:
        """(hopeful, harmful) from the state with this code; None if it has no entry."""
        i = bisect_left(self.codes, code)
        if i < len(self.codes) and self.codes[i] == code:
            return self.hopeful[i], self.harmful[i]
        return None

    def to_json(self) -> dict[str, object]:
        steps = array("q", (b - a for a, b in zip([0, *self.codes], self.codes)))
        return {"states": len(self.codes), "codes": _packed(steps),
                "hopeful": _packed(self.hopeful), "harmful": _packed(self.harmful)}

    @classmethod
    def from_json(cls, data: ParsedJson) -> "ChanceTable":
        """Raises ValueError (or zlib.error) if the table is malformed."""
        count = int(data["states"])
        steps = _unpacked(data["codes"], "q", count)
        if min(steps, default=0) < 0 or min(steps[1:], default=1) <= 0:
            raise ValueError("the chance table's states are not in increasing order")
        return cls(array("q", accumulate(steps)), _unpacked(data["hopeful"], "d", count),
                   _unpacked(data["harmful"], "d", count))


def _packed(numbers: array[Any]) -> str:
    if sys.byteorder == "big":
        numbers = array(numbers.typecode, numbers)
        numbers.byteswap()
    return base64.b64encode(zlib.compress(numbers.tobytes(), 6)).decode("ascii")


def _unpacked(text: str, typecode: str, count: int) -> array[Any]:
    numbers = array(typecode)
    size = count * numbers.itemsize
    raw = zlib.decompressobj().decompress(base64.b64decode(text, validate=True), size + 1)
    if len(raw) != size:
        raise ValueError(f"a column of the chance table does not hold {count} numbers")
    numbers.frombytes(raw)
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers
