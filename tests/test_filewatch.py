"""The file watch behind `--watch`: every way editors save counts as one change once the file
holds still, and nothing else counts (a save without a change, a file missing for an instant,
a file caught half-written). The clock is the test's, so no test waits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journey.filewatch import MISSING_SECONDS, FileWatch


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def path(tmp_path) -> Path:
    file = tmp_path / "story.yaml"
    file.write_text("id: first\n")
    return file


def polls(watch: FileWatch, clock: Clock, count: int = 1) -> list[list[Path]]:
    found = []
    for _ in range(count):
        clock.now += 0.2
        found.append(watch.poll())
    return found


def test_an_edit_in_place_is_reported_once_after_it_holds_still(path, clock):
    watch = FileWatch([path], clock)
    assert polls(watch, clock, 2) == [[], []]
    path.write_text("id: second\n")
    assert polls(watch, clock, 4) == [[], [path], [], []]


def test_a_new_file_renamed_over_the_old_one_is_a_change(path, clock):
    watch = FileWatch([path], clock)
    new = path.with_name(".story.yaml.swp")
    new.write_text("id: second\n")
    os.replace(new, path)
    assert polls(watch, clock, 3) == [[], [path], []]


def test_a_file_deleted_then_created_again_is_one_change_and_never_a_missing_file(path, clock):
    watch = FileWatch([path], clock)
    path.unlink()
    assert polls(watch, clock) == [[]]
    path.write_text("id: second\n")
    assert polls(watch, clock, 3) == [[], [path], []]


def test_a_file_missing_for_a_while_is_a_change_and_so_is_its_return(path, clock):
    watch = FileWatch([path], clock)
    path.unlink()
    assert polls(watch, clock) == [[]]  # first seen missing
    gone = clock.now
    clock.now = gone + MISSING_SECONDS - 0.01
    assert watch.poll() == []
    clock.now = gone + MISSING_SECONDS
    assert watch.poll() == [path]
    path.write_text("id: first\n")
    assert polls(watch, clock, 2) == [[], [path]]


def test_a_file_caught_half_written_waits_for_the_rest(path, clock):
    watch = FileWatch([path], clock)
    path.write_text("id: sec")
    assert polls(watch, clock) == [[]]
    path.write_text("id: second\n")
    assert polls(watch, clock, 3) == [[], [path], []]


def test_a_save_without_a_change_or_an_edit_undone_at_once_is_no_change(path, clock):
    watch = FileWatch([path], clock)
    path.write_text("id: first\n")
    os.utime(path, (1, 1))
    assert polls(watch, clock, 3) == [[], [], []]
    path.write_text("id: second\n")
    assert polls(watch, clock) == [[]]
    path.write_text("id: first\n")
    assert polls(watch, clock, 3) == [[], [], []]


def test_only_the_files_that_changed_are_named(path, clock, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("id: other\n")
    watch = FileWatch([path, other], clock)
    other.write_text("id: other, edited\n")
    assert polls(watch, clock, 2) == [[], [other]]
    assert watch.paths == [path, other]
