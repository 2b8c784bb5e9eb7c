"""The game controller every front end renders: one typed Turn per choice, its view built once,
Openings that say what became of a save, the title screen's entries, and the notices beside
the story."""

from __future__ import annotations

import pytest

from journey.engine.loader import load_scenario
from journey.frontend import library, notices, session
from journey.frontend.game import Game

from .helpers import BRACKETS, save_file

WAIT = 2  # "Wait a night", the open choice that keeps brackets.yaml going


@pytest.fixture
def game() -> Game:
    return Game(load_scenario(BRACKETS), BRACKETS, seed=1)


def test_a_choice_gives_one_turn_whose_view_the_game_then_shows(game):
    opening = game.open(BRACKETS, continuing=False, seed=1)
    assert opening is not None and opening.view is not None and not opening.continued
    turn = game.choose(WAIT)
    assert turn is not None and turn.step.choice == "Wait a night"
    assert turn.view is not None and turn.view.step == 2 and turn.view.last is turn.step
    assert turn.view is game.view()  # the front end draws this one: nothing builds it again
    assert turn.ending is None and turn.save_problem is None and turn.notices == ()


def test_each_key_builds_the_next_view_once(game, monkeypatch):
    built, view = [], session.View

    def counted(*fields):
        built.append(view(*fields))
        return built[-1]

    monkeypatch.setattr(session, "View", counted)
    shown = game.open(BRACKETS, continuing=False, seed=1).view
    assert len(built) == 1
    keys = 0
    while shown is not None:  # the first open choice, to the end
        turn = game.choose(next(c.number for c in shown.choices if c.number is not None))
        keys += 1
        if turn.view is not None:
            assert game.view() is turn.view
        shown = turn.view
    assert keys > 1 and len(built) == keys  # a view for each scene, none at the end


def test_a_number_no_open_choice_has_is_no_turn_and_changes_nothing(game):
    game.open(BRACKETS, continuing=False, seed=1)
    before = game.view()
    assert game.choose(3) is None and game.choose(0) is None
    assert game.view() is before and game.session.journey.state.step == 0


def test_the_last_turn_has_no_view_but_the_ending_and_its_debrief(game):
    game.open(BRACKETS, continuing=False, seed=4)
    turns = [game.choose(1), game.choose(2)]
    assert turns[0].view is not None and turns[1].view is None
    assert turns[1].ending.title == "Hidden" and not game.under_way
    shown = game.debrief()
    assert shown.sections(None)[0].heading == "The journey ends: Hidden"
    assert not shown.hopeful
    assert game.choose(1) is None


def test_a_second_game_on_the_save_is_refused_with_a_notice_that_says_why(game):
    game.open(BRACKETS, continuing=False, seed=1)
    game.choose(WAIT)
    other = Game(load_scenario(BRACKETS), BRACKETS)
    refused = other.open(BRACKETS, continuing=True)
    assert refused is not None and refused.view is None
    assert refused.notices == (refused.refused,)
    assert refused.refused.title == notices.OPEN_ELSEWHERE and refused.refused.severity == "error"
    assert "already open in another journey game" in refused.refused.text
    game.close()
    carried = other.open(BRACKETS, continuing=True)
    assert carried.continued and carried.steps == 1 and carried.seed == 1
    assert carried.view.step == 2


def test_a_request_typed_ahead_opens_nothing_more(game):
    first = game.open(BRACKETS, continuing=False, seed=1)
    assert game.open(BRACKETS, continuing=False, seed=2) is None
    assert game.view() is first.view


def test_a_step_that_cannot_be_saved_is_told_and_play_goes_on(game):
    game.open(BRACKETS, continuing=False, seed=1)
    save = save_file()
    save.unlink()
    save.mkdir()  # the save's place is taken: writing it fails
    turn = game.choose(WAIT)
    assert turn.view is not None
    assert turn.save_problem.startswith("Your journey could not be saved")
    assert turn.notices[0].severity == "error"
    assert game.farewell() == turn.save_problem


def test_the_title_describes_a_journey_in_progress_and_asks_before_replacing_it(game):
    entry = library.Entry("brackets", BRACKETS, library.FILE)
    assert game.describe(entry).save_note == notices.NOTHING_SAVED
    assert game.describe(entry).replace_question is None
    game.open(BRACKETS, continuing=False, seed=1)
    game.choose(WAIT)
    game.close()
    described = game.describe(entry)
    assert described.playable and described.can_continue
    assert described.save_note.startswith("Journey in progress, 1 step taken, now at")
    assert "(1 step taken) will be replaced" in described.replace_question


def test_a_scenario_that_does_not_load_is_described_but_not_playable(game, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\n")
    described = game.describe(library.Entry("broken", broken, library.YOURS))
    assert described.heading == "broken" and not described.playable
    assert described.summary.startswith("This scenario cannot be played yet:")
    assert game.open(broken, continuing=False) is None and game.about(broken) is None
