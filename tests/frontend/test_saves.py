"""Saves on disk, through the session every front end drives: atomic, versioned, one per
scenario file, a line per step, kept across an author's edits while they still fit, forgotten
when a journey ends, and moved aside (never deleted) when they cannot be used, whatever is
wrong with them."""

from __future__ import annotations

import json
import shutil

import pytest

from journey.engine import catalog, rules
from journey.engine.loader import load_scenario
from journey.frontend import saves
from journey.frontend.session import Found, Session, look

from .helpers import BRACKETS, FIXTURES, save_file, save_header

WAIT = 2
"""'Wait a night', the second open choice of the first scene (and no risk)."""


@pytest.fixture
def scenario():
    return load_scenario(BRACKETS)


def played(scenario, seed=1, numbers=(WAIT,), path=BRACKETS):
    """Play the numbered choices in a session of its own; return the journey."""
    with Session.open(scenario, path, continuing=False, seed=seed) as session:
        for number in numbers:
            session.choose(number)
        return session.journey


def saves_folder():
    return save_file().parent


def test_a_save_reads_back_to_the_same_journey_generator_and_journal_included(scenario):
    journey = played(scenario)
    found = look(scenario, BRACKETS)
    assert found.notice == ""
    assert found.save.journey.state == journey.state
    assert found.save.journey.state.rng == journey.state.rng
    assert found.save.journey.steps == journey.steps
    assert not found.save.earlier_version


def test_continuing_opens_the_same_journey_and_goes_on_from_it(scenario):
    journey = played(scenario)
    with Session.open(scenario, BRACKETS, continuing=True) as session:
        assert session.continued
        assert session.journey.state == journey.state
        session.choose(1)
        expected, _ = rules.step(scenario, journey.state, 0)
        assert session.journey.state == expected


def test_a_closed_session_leaves_only_the_save_behind(scenario):
    played(scenario, numbers=(WAIT, 1))
    assert [p.name for p in saves_folder().iterdir()] == [save_file().name]


def header(path=None) -> dict:
    return save_header(path or save_file())


def test_the_save_names_its_version_scenario_file_and_content_hash(scenario):
    played(scenario)
    data = header()
    assert (data["version"], data["scenario"], data["file"], data["content_hash"],
            data["seed"]) == (saves.SAVE_VERSION, "brackets", str(BRACKETS.resolve()),
                              scenario.content_hash, 1)


def test_two_files_with_the_same_id_never_share_a_save(scenario, tmp_path):
    """A copied scenario keeps the other's id; each file still has a save of its own."""
    copy = tmp_path / "copy" / "brackets.yaml"
    copy.parent.mkdir()
    shutil.copy(BRACKETS, copy)
    first = played(scenario, seed=1, numbers=(WAIT,))
    played(load_scenario(copy), seed=2, numbers=(), path=copy)
    assert look(scenario, BRACKETS).save.journey.state == first.state
    assert look(load_scenario(copy), copy).save.journey.seed == 2
    assert len({saves.Slot.for_file("brackets", BRACKETS).key,
                saves.Slot.for_file("brackets", copy).key}) == 2


def test_a_bundled_scenario_is_keyed_by_its_file_name_not_where_the_game_is_installed():
    path = catalog.resolve("tutorial")
    slot = saves.Slot.for_file("tutorial", path)
    assert slot.place == "bundled:tutorial.yaml"
    assert slot.key.startswith("tutorial-")


def test_an_ended_journey_leaves_no_save(scenario):
    """Cross now with seed 4 reaches the far bank; Stay hidden ends the journey."""
    journey = played(scenario, seed=4, numbers=(1, 2))
    assert journey.over
    assert not save_file().exists()
    assert look(scenario, BRACKETS).save is None


def unusable_files():
    return sorted(saves_folder().glob("brackets-*.unusable-*.json"))


def valid_save_text(scenario) -> tuple[str, str]:
    """A save of one step ('Wait a night'), and the same journey as format 1 saved it."""
    journey = played(scenario)
    return save_file().read_text(), json.dumps(format_1(scenario, journey), indent=1)


def format_1(scenario, journey) -> dict:
    """A journey as format 1 saved it: one object, the whole state in it."""
    return {"version": 1, "scenario": scenario.id, "file": str(BRACKETS.resolve()),
            "content_hash": scenario.content_hash, "seed": journey.seed,
            "state": {"format": 1, **journey.state.to_json()}}


def with_header(text: str, **changes) -> str:
    head, steps = text.split("\n", 1)
    return json.dumps({**json.loads(head), **changes}) + "\n" + steps


def with_step(text: str, line: str) -> str:
    """The save with its first step's line replaced by `line`."""
    head, _, rest = text.split("\n", 2)
    return f"{head}\n{line}\n{rest}"


@pytest.mark.parametrize("damage, reason", [
    (lambda text, old: "{not json", "not valid JSON"),
    (lambda text, old: text.encode().replace(b"brackets", b"br\xe9ckets"), "not valid JSON"),
    (lambda text, old: with_header(text, version=99), "another version of journey"),
    (lambda text, old: with_header(text, scenario="other"), "belongs to scenario"),
    (lambda text, old: with_step(text, "[7, 0]"), "does not fit the scenario: step 1"),
    (lambda text, old: with_step(text, "[3, 0, 1]"), "step 1 is not a choice and an outcome"),
    (lambda text, old: with_step(text, "[1e400, 0]"), "step 1 is not a choice and an outcome"),
    (lambda text, old: with_step(text, "[1" + "0" * 5000 + ", 0]"), "malformed"),
    (lambda text, old: with_step(text, "{"), "not valid JSON"),
    (lambda text, old: json.dumps([1, 2]), "not a journey save"),
    (lambda text, old: text.replace('"seed": 1', '"seed": 1e400'), "seed is not a whole number"),
    (lambda text, old: text.replace('"seed": 1', '"seed": "1"'), "seed is not a whole number"),
    (lambda text, old: "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    # Format 1, which held the whole state beside the history:
    (lambda text, old: json.dumps({**json.loads(old),
                                   "state": {**json.loads(old)["state"], "rng": "12345"}}),
     "does not match its own history"),
    (lambda text, old: old.replace('"rng": "', '"rng": "1' + "0" * 5000), "malformed"),
    (lambda text, old: old.replace('"step": 1', '"step": 1e400'), "too large"),
    (lambda text, old: json.dumps({**json.loads(old), "state": None}), "no journey in it"),
])
def test_an_unusable_save_is_moved_aside_with_a_reason(scenario, damage, reason):
    damaged = damage(*valid_save_text(scenario))
    if isinstance(damaged, bytes):
        save_file().write_bytes(damaged)
    else:
        save_file().write_text(damaged)
    found = look(scenario, BRACKETS)
    assert found.save is None
    assert found.notice.startswith("Your saved journey could not be used:")
    assert reason in found.notice
    assert not save_file().exists()
    [kept] = unusable_files()
    assert str(kept) in found.notice
    assert kept.read_bytes() == (damaged if isinstance(damaged, bytes) else damaged.encode())
    assert look(scenario, BRACKETS) == Found(None)  # once set aside, nothing more to say


def test_a_save_that_fails_in_a_way_nobody_foresaw_is_still_moved_aside(scenario, monkeypatch):
    valid_save_text(scenario)

    def broken(*args):
        raise RuntimeError("something unexpected")

    monkeypatch.setattr("journey.frontend.saves.replay", broken)
    found = look(scenario, BRACKETS)
    assert "RuntimeError: something unexpected" in found.notice
    assert len(unusable_files()) == 1


def test_a_save_too_large_to_be_real_is_moved_aside_unread(scenario, monkeypatch):
    monkeypatch.setattr(saves, "MAX_SAVE_BYTES", 100)
    valid_save_text(scenario)
    assert "larger than" in look(scenario, BRACKETS).notice
    assert len(unusable_files()) == 1


def test_two_unusable_saves_are_both_kept(scenario):
    for _ in range(2):
        played(scenario)
        save_file().write_text("damaged")
        assert look(scenario, BRACKETS).save is None
    assert len(unusable_files()) == 2


def test_a_new_journey_sets_a_damaged_save_aside_before_replacing_it(scenario):
    played(scenario)
    save_file().write_text("damaged")
    with Session.open(scenario, BRACKETS, continuing=False, seed=3) as session:
        assert session.notice.startswith("Your saved journey could not be used")
    assert [p.read_text() for p in unusable_files()] == ["damaged"]


def test_a_save_that_cannot_be_written_is_reported_and_play_goes_on(scenario, data_home):
    data_home.mkdir(parents=True)
    (data_home / "saves").write_text("a file where the folder should be")
    with Session.open(scenario, BRACKETS, continuing=True, seed=1) as session:
        assert session.save_error.startswith("Your journey could not be saved:")
        session.choose(WAIT)
        assert session.journey.state.step == 1


def test_a_save_written_before_this_version_carries_on_where_it_was(scenario):
    """A save the game wrote before (format 2, kept in tests/fixtures/saves/): brackets.yaml,
    seed 1, after waiting a night. It reads as it did then, and the journey is saved on."""
    kept = FIXTURES / "saves" / "brackets-seed1-format2.json"
    save = save_file()
    save.parent.mkdir(parents=True)
    shutil.copy(kept, save)
    steps = ((3, 0),)
    with Session.open(scenario, BRACKETS, continuing=True) as session:
        assert (session.continued, session.notice, session.journey.seed) == (True, "", 1)
        assert session.journey.state == rules.replay(scenario, 1, steps)
        session.choose(1)  # cross: to the town
        history = session.journey.state.history
    assert header()["version"] == saves.SAVE_VERSION and history[:1] == steps
    assert look(scenario, BRACKETS).save.journey.state.history == history


def test_a_format_1_save_is_continued_and_then_saved_as_format_2(scenario):
    journey = played(scenario)
    save_file().write_text(json.dumps(format_1(scenario, journey), indent=1))
    with Session.open(scenario, BRACKETS, continuing=True) as session:
        assert (session.continued, session.notice) == (True, "")
        assert session.journey.state == journey.state
        session.choose(1)
        history = session.journey.state.history
    assert header()["version"] == saves.SAVE_VERSION
    assert look(scenario, BRACKETS).save.journey.state.history == history


def test_a_step_a_killed_game_did_not_finish_writing_is_dropped(scenario):
    """A step's line is on disk before the step is shown: one cut short was never shown."""
    journey = played(scenario)
    with open(save_file(), "a") as save:
        save.write("[0, ")
    with Session.open(scenario, BRACKETS, continuing=True) as session:
        assert (session.notice, session.journey.state) == ("", journey.state)
        session.choose(1)
        history = session.journey.state.history
    assert look(scenario, BRACKETS).save.journey.state.history == history




def test_each_step_adds_one_line_to_the_save_however_long_the_journey():
    """The work of saving a step does not grow with the journey: the save is never written
    again whole (when it was, 4,000 steps of plain play took minutes)."""
    path = FIXTURES / "loop.yaml"
    scenario = load_scenario(path)
    with Session.open(scenario, path, continuing=False, seed=1) as session:
        save = session.slot.path
        session.choose(1)
        first = save.stat()
        sizes = [first.st_size]
        for _ in range(300):
            session.choose(1)
            sizes.append(save.stat().st_size)
        assert save.stat().st_ino == first.st_ino  # added to, never replaced
    assert {after - before for before, after in zip(sizes, sizes[1:])} == {len("[0, 0]\n")}
    assert look(scenario, path).save.journey.state.step == 301


def test_a_temporary_file_left_by_a_killed_game_is_removed_when_the_save_is_next_opened(
        scenario):
    played(scenario)
    slot = saves.Slot.for_file("brackets", BRACKETS)
    slot.temporary.write_text('{"version": 1, "scen')
    with Session.open(scenario, BRACKETS, continuing=True) as session:
        assert session.continued
        assert not slot.temporary.exists()


def edited(tmp_path, old: str, new: str):
    """The test scenario in an author's folder with one edit, loaded: (scenario, path)."""
    path = tmp_path / "authoring" / "brackets.yaml"
    path.parent.mkdir(exist_ok=True)
    text = BRACKETS.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    return load_scenario(path), path


def test_an_edit_the_journey_still_fits_keeps_the_save(tmp_path):
    scenario, path = edited(tmp_path, "A town.", "A town.")
    journey = played(scenario, seed=4, numbers=(WAIT,), path=path)
    changed, _ = edited(tmp_path, "A town.", "A small town.")
    assert changed.content_hash != scenario.content_hash
    with Session.open(changed, path, continuing=True) as session:
        assert session.continued
        assert "earlier version of the scenario; its 1 step still fit" in session.notice
        assert session.journey.state == journey.state
    assert header(saves.Slot.for_file("brackets", path).path)["content_hash"] == \
        changed.content_hash


def test_an_edit_the_journey_no_longer_fits_sets_it_aside_in_one_file(tmp_path):
    """Each edit that breaks the save replaces the file set aside before: one per scenario."""
    scenario, path = edited(tmp_path, "if: tries < 1", "if: tries < 1")
    slot = saves.Slot.for_file("brackets", path)
    for attempt, condition in enumerate(["if: tries > 5", "if: money > 9"]):
        played(scenario, seed=attempt, numbers=(WAIT,), path=path)
        saved_text = slot.path.read_text()
        changed, _ = edited(tmp_path, "if: tries < 1", condition)
        found = look(changed, path)
        assert found.save is None
        assert found.notice.startswith("The scenario has changed since this journey was saved")
        assert "step 1 of it is not possible" in found.notice
        assert slot.earlier_version.read_text() == saved_text
        scenario, _ = edited(tmp_path, "if: tries < 1", "if: tries < 1")
    assert sorted(p.name for p in slot.folder.iterdir()) == [slot.earlier_version.name]
