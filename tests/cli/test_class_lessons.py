"""Two classes apart: `journey class report --until` ends where --since begins (a date alone
counting to the end of that day), `journey class new` moves the record aside with the journeys
kept for it, says where, and `--record` reads that old record again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import datetime, timedelta

from journey.frontend import class_record, kept_journeys, record_file

from test_class_report import TURN_BACK, TUTORIAL, play, record, report


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute).astimezone()


def counted(data, *args: str) -> int:
    done = report(data, "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    return int(json.loads(done.stdout)["journeys"])


def class_new(data):
    return subprocess.run([sys.executable, "-m", "journey", "class", "new"],
                          env={**os.environ, "XDG_DATA_HOME": str(data)},
                          capture_output=True, text=True, timeout=120)


def test_until_separates_two_classes_of_one_day(tmp_path):
    data = tmp_path / "data"
    record(data, play(TUTORIAL, TURN_BACK), when=local(2, 9, 10))       # first class
    record(data, play(TUTORIAL, TURN_BACK), when=local(2, 9, 59))
    record(data, *(play(TUTORIAL, TURN_BACK) for _ in range(3)), when=local(2, 10, 5))  # second
    record(data, play(TUTORIAL, TURN_BACK), when=local(3, 8, 0))        # the next day
    assert counted(data, "--until", "2026-03-02T10:00") == 2
    assert counted(data, "--since", "2026-03-02T10:00", "--until", "2026-03-02T11:00") == 3
    assert counted(data, "--since", "2026-03-02", "--until", "2026-03-02") == 5  # the whole day
    figures = json.loads(report(data, "--format", "json", "--until", "2026-03-02T10:00").stdout)
    assert figures["until"] == local(2, 10).isoformat()
    text = " ".join(report(data, "--until", "2026-03-02T10:00").stdout.split())
    assert "since" not in text.split(";")[0] and "until 2026-03-02 10:00;" in text
    wrong = report(data, "--until", "after lunch")
    assert wrong.returncode == 2
    assert "--until 'after lunch' is not a date; write it as 2026-03-02" in wrong.stderr


def test_a_new_record_moves_the_old_one_aside_and_says_where(tmp_path):
    data = tmp_path / "data"
    folder = data / "journey"
    record(data, play(TUTORIAL, TURN_BACK), play(TUTORIAL, TURN_BACK))
    # A journey the record could not take when it ended belongs to the old class too.
    kept_journeys.keep(kept_journeys.folder_for(folder / class_record.DATABASE),
                       [class_record.row_of(record(tmp_path / "other",
                                                   play(TUTORIAL, TURN_BACK))[0])])
    done = report(data, "--format", "json")
    assert json.loads(done.stdout)["journeys"] == 3
    new = class_new(data)
    assert new.returncode == 0, new.stderr
    moved = list(folder.glob("class-record.until-*.sqlite3"))
    assert len(moved) == 1
    assert new.stdout == (f"journey class new: the class record with 3 journeys was moved to "
                          f"{moved[0]}. The next journey recorded begins a new one. To read "
                          f"the old one: journey class report --record {moved[0]}\n")
    assert not (folder / class_record.DATABASE).exists()
    assert not kept_journeys.any_waiting(kept_journeys.folder_for(folder /
                                                                 class_record.DATABASE))
    record(data, play(TUTORIAL, TURN_BACK))
    assert counted(data) == 1
    assert counted(data, "--record", str(moved[0])) == 3
    missing = report(data, "--record", str(folder / "nothing.sqlite3"))
    assert missing.returncode == 1
    assert f"there is no class record at {folder / 'nothing.sqlite3'}." in missing.stderr


def test_a_new_record_without_an_old_one_says_so(tmp_path):
    done = class_new(tmp_path / "data")
    path = tmp_path / "data" / "journey" / class_record.DATABASE
    assert (done.returncode, done.stdout) == (0, f"journey class new: there is no class record "
                                                 f"yet at {path}; the next journey recorded "
                                                 "begins one.\n")


def test_a_record_in_use_is_moved_only_once_it_is_let_go(tmp_path, monkeypatch):
    """A journey writing to the record holds it: the move waits for it, and gives up after
    the writers' patience, saying so, with the record left where it was."""
    path = tmp_path / "journey" / class_record.DATABASE
    record(tmp_path, play(TUTORIAL, TURN_BACK))
    monkeypatch.setattr(record_file, "BUSY_TIMEOUT", 0.3)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with record_file.in_use(path, needed=True):
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(30)
    said = ""
    try:
        class_record.begin_new(path)
    except class_record.RecordProblem as problem:
        said = str(problem)
    finally:
        release.set()
        holder.join()
    assert said.startswith(f"The class record at {path} was to be moved aside for a new one, "
                           "and other programs kept it open for the ")
    assert path.exists()
    moved = class_record.begin_new(path)
    assert moved is not None and moved.journeys == 1 and not path.exists()


def test_until_a_date_counts_that_whole_day():
    from journey.commands.class_ import parse_until

    assert parse_until("2026-03-02") == local(3, 0)
    assert parse_until("2026-03-02T09:30") == local(2, 9, 30)
    assert parse_until("2026-03-02 09:30") == local(2, 9, 30)
    assert parse_until("2026-03-02") - parse_until("2026-03-01") == timedelta(days=1)
