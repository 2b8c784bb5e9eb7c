"""The yearly arrivals of North Koreans in South Korea, as a table the debrief can chart.

The figures live in `arrivals.json` beside this module (from the Ministry of Unification's table,
with the caveats of the project's fact base in its notes); they are read with importlib.resources
so that they load the same way from a checkout and from an installed wheel.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

DATA_FILE = "arrivals.json"


@dataclass(frozen=True, slots=True)
class Row:
    """One period of the table: a calendar year, or a bucket of years when `year` is None.

    `men` and `women` are None where the source gives only a total.
    """

    label: str
    year: int | None
    men: int | None
    women: int | None
    total: int


@dataclass(frozen=True, slots=True)
class ArrivalsTable:
    """The whole table with what it rests on: `notes` explain buckets and corrections."""

    title: str
    source: str
    url: str
    notes: tuple[str, ...]
    rows: tuple[Row, ...]


@cache
def load() -> ArrivalsTable:
    """Read the shipped table (once; the result is immutable)."""
    text = resources.files(__package__).joinpath(DATA_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    rows = tuple(Row(r["label"], r["year"], r["men"], r["women"], r["total"])
                 for r in data["rows"])
    return ArrivalsTable(data["title"], data["source"], data["url"], tuple(data["notes"]), rows)
