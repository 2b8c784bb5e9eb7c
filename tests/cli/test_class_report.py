"""`journey class report`: the class's endings per era beside the exact odds of the scenario
file, journeys of another version counted apart, a self-contained HTML page with every
scenario text escaped, and clear messages when there is nothing (or too much) to report."""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journey.frontend.class_summary import binomial_tail
from journey.engine import catalog, rules
from journey.engine.loader import load_scenario
from journey.engine.exact.odds import summarise
from journey.engine.textsafety import REFUSED
from journey.frontend import class_record, kept_journeys
from journey.frontend.class_record import Entry
from journey.frontend.chance_words import percent
from journey.frontend.playthrough import Playthrough

TUTORIAL = catalog.resolve("tutorial")
MOMENT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def play(path: Path, keys: list[int], seed: int = 7) -> Playthrough:
    """A journey taking the open choices numbered `keys`, then the first open one until it
    ends."""
    scenario = load_scenario(path)
    journey = Playthrough(scenario, seed)
    keys = list(keys)
    while not journey.over:
        open_ = [v.index for v in rules.choice_views(scenario, journey.state) if v.enabled]
        journey.take(open_[keys.pop(0) - 1 if keys else 0])
    return journey


def record(data: Path, *journeys: Playthrough, file: str = "bundled:tutorial.yaml",
           when: datetime = MOMENT) -> list[Entry]:
    entries = [Entry.of(j, file, class_record.SERVE, when) for j in journeys]
    for entry in entries:
        class_record.append(entry, data / "journey" / class_record.DATABASE)
    return entries


def report(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "journey", "class", "report", *args],
                          env={**os.environ, "XDG_DATA_HOME": str(data)},
                          capture_output=True, text=True, timeout=120)


TURN_BACK = [1, 1, 4]       # before the closure, leave tonight, turn back home
AFTER_TURN_BACK = [2, 1, 4]


@given(st.integers(0, 40), st.data(), st.floats(0.001, 0.999))
def test_the_binomial_tail_is_the_exact_sum(n, data, p):
    k = data.draw(st.integers(0, n))
    q = Fraction(p)
    exact_upper = sum(math.comb(n, i) * q**i * (1 - q)**(n - i) for i in range(k, n + 1))
    exact_lower = sum(math.comb(n, i) * q**i * (1 - q)**(n - i) for i in range(0, k + 1))
    assert binomial_tail(n, k, p, upper=True) == pytest.approx(float(exact_upper), rel=1e-9,
                                                                abs=1e-300)
    assert binomial_tail(n, k, p, upper=False) == pytest.approx(float(exact_lower), rel=1e-9,
                                                                 abs=1e-300)


def test_a_large_record_neither_overflows_nor_underflows():
    assert binomial_tail(5000, 2600, 0.5, upper=True) == pytest.approx(0.0024, rel=0.05)
    assert 0.0 <= binomial_tail(5000, 0, 0.4, upper=False) < 1e-300


def test_the_endings_per_era_stand_beside_the_exact_odds(tmp_path):
    data = tmp_path / "data"
    record(data, *(play(TUTORIAL, TURN_BACK) for _ in range(3)), play(TUTORIAL, [1, 1, 3]),
           play(TUTORIAL, AFTER_TURN_BACK))
    done = report(data, "--format", "json")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    odds = summarise(load_scenario(TUTORIAL))
    before, after = figures["eras"]
    assert (before["name"], before["journeys"], after["journeys"]) == (
        "Before the 2020 border closure", 4, 1)
    turned = next(row for row in before["kinds"] if row["kind"] == "turned_back")
    p = odds.era(0).odds.kinds["turned_back"]
    assert (turned["count"], turned["odds"]) == (3, p)
    assert turned["tail"] == pytest.approx(binomial_tail(4, 3, p, upper=True))
    assert figures["routes"][0]["count"] == 3
    assert figures["routes"][0]["steps"][-1] == "The border: Turn back home"


def test_the_text_report_says_what_the_odds_are_and_how_surprising_the_class_is(tmp_path):
    data = tmp_path / "data"
    record(data, *(play(TUTORIAL, TURN_BACK) for _ in range(4)))
    done = report(data)
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    p = summarise(load_scenario(TUTORIAL)).era(0).odds.kinds["turned_back"]
    assert "Before the 2020 border closure (2010-2019): 4 journeys" in text
    assert f"Turned back 4 (100%) {percent(p)}" in text
    assert (f"Of 4 journeys played at random, 4 or more end this way 1 in "
            f"{round(1 / p**4):,} of the time") in text
    assert "They are not real-world statistics." in text
    assert "never a mark of anyone's choices" in text
    assert "Arrivals of North Koreans in South Korea by year" in text


def test_journeys_of_another_version_are_counted_apart(tmp_path):
    data = tmp_path / "data"
    (entry,) = record(data, play(TUTORIAL, TURN_BACK))
    class_record.append(replace(entry, content_hash="0" * 64),
                        data / "journey" / class_record.DATABASE)
    figures = json.loads(report(data, "--format", "json").stdout)
    assert figures["journeys"] == 1
    assert figures["other_versions"] == {"0" * 64: 1}
    text = " ".join(report(data).stdout.split())
    assert ("1 journey was played under another version of this scenario file (another "
            "content hash). The odds here are this version's, so those journeys are not "
            "counted beside them.") in text


def test_the_html_page_is_self_contained_and_escapes_scenario_text(tmp_path):
    source = TUTORIAL.read_text(encoding="utf-8")
    marked = tmp_path / "marked.yaml"
    marked.write_text(source.replace('title: "A short crossing (tutorial)"',
                                     'title: "<script>alert(1)</script> & a crossing"')
                      .replace("label: Turn back home", 'label: "Turn <b>back</b> home"'),
                      encoding="utf-8")
    data = tmp_path / "data"
    record(data, play(marked, TURN_BACK), file=str(marked))
    done = report(data, "--format", "html")
    assert done.returncode == 0, done.stderr
    page = done.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; a crossing" in page
    assert "Turn &lt;b&gt;back&lt;/b&gt; home" in page
    assert "<script" not in page and "<b>" not in page
    assert not re.search(r"""(src|href)\s*=|@import|url\(|<link|<img|<iframe""", page)
    assert "not real-world statistics" in page


def test_since_counts_only_the_journeys_from_then_on(tmp_path):
    data = tmp_path / "data"
    record(data, play(TUTORIAL, TURN_BACK), when=datetime(2026, 3, 1, 12, tzinfo=UTC))
    record(data, play(TUTORIAL, TURN_BACK), play(TUTORIAL, TURN_BACK),
           when=datetime(2026, 3, 5, 12, tzinfo=UTC))
    figures = json.loads(report(data, "--format", "json", "--since", "2026-03-03").stdout)
    assert figures["journeys"] == 2
    wrong = report(data, "--since", "last tuesday")
    assert wrong.returncode == 2
    assert "--since 'last tuesday' is not a date; write it as 2026-03-02" in wrong.stderr


def test_an_empty_record_says_how_journeys_get_into_it(tmp_path):
    done = report(tmp_path / "data")
    assert done.returncode == 2
    assert "no journeys are recorded yet" in done.stderr
    assert "journey play --record" in done.stderr


def test_a_record_of_several_scenarios_asks_which_one(tmp_path):
    data = tmp_path / "data"
    brackets = Path(__file__).parents[1] / "fixtures" / "brackets.yaml"
    record(data, play(TUTORIAL, TURN_BACK))
    record(data, play(brackets, [1]), file=str(brackets))
    done = report(data)
    assert done.returncode == 2
    assert ("the record holds journeys of several scenarios: tutorial (1), brackets (1). "
            "Choose one with --scenario NAME.") in done.stderr
    named = json.loads(report(data, "--scenario", str(brackets), "--format", "json").stdout)
    assert (named["scenario"], named["journeys"]) == ("brackets", 1)


def test_a_damaged_record_is_reported_without_a_traceback(tmp_path):
    data = tmp_path / "data"
    (data / "journey").mkdir(parents=True)
    (data / "journey" / class_record.DATABASE).write_bytes(b"nonsense " * 300)
    done = report(data)
    assert done.returncode == 1
    assert "is damaged" in done.stderr and "Traceback" not in done.stderr


def test_terminal_escapes_written_into_the_record_never_reach_the_terminal(tmp_path):
    """The record is a file anyone can write to: what it holds is printed, never acted on."""
    data = tmp_path / "data"
    entry = Entry.of(play(TUTORIAL, TURN_BACK), "bundled:tutorial.yaml", class_record.SERVE,
                     MOMENT)
    label = "Turn back\x1b]0;owned\x07 home\u202e\x9b2J"
    route = tuple(replace(step, label=label) for step in entry.route)
    class_record.append(replace(entry, route=route, ending="gone\x1b[2J"),
                        data / "journey" / class_record.DATABASE)
    text = report(data)
    assert text.returncode == 0, text.stderr
    assert not REFUSED.search(text.stdout)
    assert "Turn back\\x1b]0;owned\\x07 home\\u202e\\x9b2J" in text.stdout
    assert "gone\\x1b[2J (1)" in text.stdout
    as_json = report(data, "--format", "json")
    assert not REFUSED.search(as_json.stdout)
    assert json.loads(as_json.stdout)["routes"][0]["steps"][-1] == f"The border: {label}"
    class_record.append(replace(entry, scenario="other\x1b[31m"),
                        data / "journey" / class_record.DATABASE)
    several = report(data)
    assert several.returncode == 2
    assert "other\\x1b[31m (1)" in several.stderr and not REFUSED.search(several.stderr)


def test_a_record_cut_short_is_reported_with_the_rows_it_could_not_read(tmp_path):
    data = tmp_path / "data"
    database = data / "journey" / class_record.DATABASE
    record(data, *(play(TUTORIAL, TURN_BACK) for _ in range(60)))
    whole = database.read_bytes()
    database.write_bytes(whole[:len(whole) - 1000])
    lost = class_record.reading(database).unreadable
    assert lost > 0
    done = report(data, "--format", "json")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["journeys"] == 60 - lost
    notes = " ".join(figures["record_notes"])
    assert f"The class record at {database} is damaged" in notes
    assert f"{lost} rows of the record could not be read: " in notes
    text = " ".join(report(data).stdout.split())
    assert f"{lost} rows of the record could not be read" in text
    page = report(data, "--format", "html").stdout
    assert f'<p class="note">{lost} rows of the record could not be read: ' in page
    assert f"{lost} rows of the record could not be read" in " ".join(done.stderr.split())


def test_journeys_kept_aside_are_counted_and_the_report_says_so(tmp_path):
    data = tmp_path / "data"
    database = data / "journey" / class_record.DATABASE
    record(data, play(TUTORIAL, TURN_BACK))
    kept = Entry.of(play(TUTORIAL, TURN_BACK), "bundled:tutorial.yaml", class_record.SERVE,
                    MOMENT)
    kept_journeys.keep(kept_journeys.folder_for(database), [class_record.row_of(kept)])
    done = report(data, "--format", "json")
    figures = json.loads(done.stdout)
    assert figures["journeys"] == 2
    assert (f"Of the journeys counted here, 1 is kept in {kept_journeys.folder_for(database)}, "
            "not in the record yet") in " ".join(figures["record_notes"])


def test_rows_that_are_not_journeys_are_counted_and_named_not_dropped(tmp_path):
    data = tmp_path / "data"
    database = data / "journey" / class_record.DATABASE
    record(data, *(play(TUTORIAL, TURN_BACK) for _ in range(3)))
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("UPDATE journeys SET route = '[[\"home\", 1' WHERE id = 1")
        connection.execute("UPDATE journeys SET seed = 'seven' WHERE id = 2")
    done = report(data, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["journeys"] == 1
    said = ("2 rows of the record could not be read: 1 row with a route that is not a list of "
            "steps; 1 row with a seed that is not a whole number.")
    assert json.loads(done.stdout)["record_notes"] == [said]
    assert f"journey class report: {said}" in done.stderr
    with pytest.raises(class_record.RecordProblem, match=re.escape(said)):
        class_record.read(database)
