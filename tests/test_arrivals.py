"""The arrivals table shipped for the debrief, checked against the cumulative totals that the
Ministry of Unification announced (as recorded in the project's fact base)."""

from __future__ import annotations

import dataclasses
from itertools import accumulate

import pytest

from journey.data import arrivals

# Cumulative arrivals at the end of a year, as announced (Yonhap, Datasom, Newsis/News1).
CUMULATIVE_TOTAL = {2020: 33_752, 2022: 33_882, 2023: 34_078, 2024: 34_314, 2025: 34_537}
CUMULATIVE_WOMEN = {2022: 24_372, 2024: 24_746, 2025: 24_944}
# The Ministry's 1999-2001 bucket, whose split by sex the yearly press figures do not give.
BUCKET_1999_2001 = {"total": 1_043, "men": 565, "women": 478}


@pytest.fixture(scope="module")
def table() -> arrivals.ArrivalsTable:
    return arrivals.load()


def running(table, column: str) -> dict[int, int]:
    """Year -> cumulative sum of `column` up to that year (rows without a figure count 0)."""
    values = [getattr(row, column) or 0 for row in table.rows]
    return {row.year: total for row, total in zip(table.rows, accumulate(values))
            if row.year is not None}


def test_the_table_names_its_source(table):
    assert "Ministry of Unification" in table.source and "15106185" in table.source
    assert table.url == "https://www.data.go.kr/data/15106185/fileData.do"
    assert table.title and table.notes


def test_one_bucket_up_to_1998_then_every_year_to_2025(table):
    first, *years = table.rows
    assert first.year is None and "1998" in first.label
    assert [row.year for row in years] == list(range(1999, 2026))
    assert all(row.label == str(row.year) for row in years)


def test_men_and_women_add_up_to_the_total(table):
    for row in table.rows:
        if row.men is not None or row.women is not None:
            assert row.men + row.women == row.total, row.label


def test_the_yearly_1999_to_2001_figures_make_up_the_ministry_bucket(table):
    early = [row for row in table.rows if row.year in (1999, 2000, 2001)]
    assert sum(row.total for row in early) == BUCKET_1999_2001["total"]
    assert all(row.men is None and row.women is None for row in early)
    note = " ".join(table.notes)
    assert "1,043" in note and "565" in note and "478" in note


def test_running_totals_match_the_announced_cumulative_figures(table):
    totals = running(table, "total")
    for year, expected in CUMULATIVE_TOTAL.items():
        assert totals[year] == expected, year


def test_running_count_of_women_matches_the_announced_figures(table):
    women = running(table, "women")
    for year, expected in CUMULATIVE_WOMEN.items():
        assert women[year] + BUCKET_1999_2001["women"] == expected, year


def test_the_revised_figures_are_used(table):
    by_year = {row.year: row for row in table.rows}
    assert by_year[2015].total == 1_275  # revised from a provisional 1,276
    assert (by_year[2025].men, by_year[2025].women, by_year[2025].total) == (25, 198, 223)
    assert (by_year[2024].men, by_year[2024].women) == (26, 210)


def test_the_table_is_immutable(table):
    with pytest.raises(dataclasses.FrozenInstanceError):
        table.rows[0].total = 0
    assert isinstance(table.rows, tuple) and isinstance(table.notes, tuple)
