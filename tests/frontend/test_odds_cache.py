"""The debrief's odds kept in the cache folder: read back equal, and any file that cannot be
trusted (damaged, too large, of another version or scenario) ignored and written again; when the
cache folder cannot be written, the odds are still worked out once, and kept in a temporary
folder of this user's alone."""

from __future__ import annotations

import json
import os
import stat
import tempfile
import threading
from pathlib import Path

import pytest

from journey.engine.loader import load_scenario
from journey.engine.exact.odds import summarise
from journey.frontend import odds_cache
from journey.frontend.odds_cache import ScenarioOdds, cache_file, odds_for, read
from journey.frontend.odds_worker import OddsWorker

from .helpers import BRACKETS


@pytest.fixture
def scenario():
    return load_scenario(BRACKETS)


def test_the_cache_folder_follows_xdg_cache_home(scenario, tmp_path):
    assert cache_file(scenario).is_relative_to(tmp_path / "cache" / "journey")


def test_odds_worked_out_once_are_read_back_equal(scenario):
    assert read(scenario) is None
    first = odds_for(scenario)
    assert first == ScenarioOdds(summarise(scenario))
    assert cache_file(scenario).is_file()
    assert read(scenario) == first


def test_a_cached_file_is_used_without_working_the_odds_out_again(scenario, monkeypatch):
    odds_for(scenario)
    monkeypatch.setattr(odds_cache, "work_out", lambda _: pytest.fail("worked out again"))
    assert odds_for(scenario).summary == summarise(scenario)


def stored(scenario) -> dict:
    return json.loads(cache_file(scenario).read_text(encoding="utf-8"))


@pytest.mark.parametrize("damage", [
    b"", b"{", b"\xff\xfe not utf-8", b"[]", b"null", b'{"cache": 1}', b"[" * 100_000,
    b'{"cache": 1, "program": "0.1.0", "content_hash": "x", "summary": {"format": 1}}',
])
def test_a_damaged_file_is_ignored_and_written_again(scenario, damage):
    path = cache_file(scenario)
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    assert read(scenario) is None
    assert odds_for(scenario) == ScenarioOdds(summarise(scenario))
    assert read(scenario) == ScenarioOdds(summarise(scenario))


@pytest.mark.parametrize("field, value", [("program", "0.0.1"), ("cache", 99),
                                          ("content_hash", "0" * 64)])
def test_a_file_of_another_version_or_scenario_is_stale_and_rewritten(scenario, field, value):
    odds_for(scenario)
    data = stored(scenario)
    data[field] = value
    cache_file(scenario).write_text(json.dumps(data), encoding="utf-8")
    assert read(scenario) is None
    odds_for(scenario)
    assert stored(scenario)[field] != value


def test_a_summary_of_another_scenario_inside_the_file_is_not_trusted(scenario):
    odds_for(scenario)
    data = stored(scenario)
    data["summary"]["content_hash"] = "f" * 64
    cache_file(scenario).write_text(json.dumps(data), encoding="utf-8")
    assert read(scenario) is None


def test_a_file_too_large_to_be_a_summary_is_ignored(scenario, monkeypatch):
    odds_for(scenario)
    monkeypatch.setattr(odds_cache, "MAX_CACHE_BYTES", 100)
    assert read(scenario) is None


@pytest.fixture
def unwritable(tmp_path, monkeypatch) -> Path:
    """A cache folder that cannot be made (a file is in its place), and a system temporary
    folder of the test's own; returns the temporary folder."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    return temporary


def counted_work(monkeypatch) -> list[str]:
    """Each time the odds are worked out from now on, the scenario's id."""
    worked: list[str] = []
    work_out = odds_cache.work_out
    monkeypatch.setattr(odds_cache, "work_out",
                        lambda scenario: worked.append(scenario.id) or work_out(scenario))
    return worked


def test_without_a_cache_folder_the_odds_are_worked_out_once_and_kept_for_this_user_alone(
        scenario, unwritable, monkeypatch, capsys):
    worked = counted_work(monkeypatch)
    for _ in range(3):  # the server, then two students' tabs
        assert odds_for(scenario) == ScenarioOdds(summarise(scenario))
    assert worked == ["brackets"]
    kept = unwritable / f"journey-cache-{os.getuid()}"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o700
    assert read(scenario) == ScenarioOdds(summarise(scenario))
    assert capsys.readouterr().err == (
        f"journey: the cache folder {unwritable.parent / 'not-a-folder' / 'journey'} cannot "
        f"be written to; the exact odds are kept in {kept} instead.\n")


def test_a_temporary_folder_others_can_write_to_is_not_trusted(scenario, unwritable,
                                                               monkeypatch, capsys):
    planted = unwritable / f"journey-cache-{os.getuid()}"
    planted.mkdir()
    planted.chmod(0o777)
    worked = counted_work(monkeypatch)
    for _ in range(2):
        assert odds_for(scenario) == ScenarioOdds(summarise(scenario))
    assert worked == ["brackets", "brackets"]
    assert list(planted.iterdir()) == []
    assert capsys.readouterr().err == (
        f"journey: the cache folder {unwritable.parent / 'not-a-folder' / 'journey'} cannot "
        "be written to; the exact odds will be worked out again each time.\n")


def test_the_worker_works_each_scenario_out_once_in_the_background(scenario):
    worker = OddsWorker()
    future = worker.start(scenario)
    assert worker.start(scenario) is future
    assert future.result(timeout=60) == ScenarioOdds(summarise(scenario))
    assert read(scenario) == future.result()


def test_what_the_cache_kept_is_known_without_waiting_for_the_odds(scenario, monkeypatch):
    """Plain mode waits for `kept` before its debrief: it must answer once the cache is read,
    never wait for odds being worked out, and give the kept odds when there are some."""
    release = threading.Event()
    worked_out = odds_cache.work_out

    def slow(scenario):
        assert release.wait(timeout=60), "the test never released the work"
        return worked_out(scenario)

    monkeypatch.setattr(odds_cache, "work_out", slow)
    worker = OddsWorker()
    assert worker.kept(scenario) is None
    assert not worker.start(scenario).done()
    release.set()
    assert worker.start(scenario).result(timeout=60) == ScenarioOdds(summarise(scenario))
    assert OddsWorker().kept(scenario) == ScenarioOdds(summarise(scenario))
