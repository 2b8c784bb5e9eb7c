"""The session both front ends drive: one numbering of the choices, steps by those numbers, and
one game at a time on a save (a lock with the owner's process id, taken over once that process
is gone)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from journey.engine import rules
from journey.engine.loader import load_scenario
from journey.frontend import saves
from journey.frontend.session import SaveInUse, Session, look, numbered_choices

from .helpers import BRACKETS, save_file


@pytest.fixture
def scenario():
    return load_scenario(BRACKETS)


def test_open_choices_are_numbered_in_order_and_closed_ones_are_listed_without_a_number(
        scenario):
    state = rules.new_game(scenario, 1)
    assert [(c.number, c.text) for c in numbered_choices(scenario, state)] == [
        (1, "1. Cross [dim]now[/dim] (a risk)"),
        (None, "-  Not available: Pay a guide. You need [500] US$ for a guide."),
        (2, "2. Wait a night")]


def test_a_number_takes_the_open_choice_it_names_and_no_other(scenario):
    with Session.open(scenario, BRACKETS, continuing=False, seed=1) as session:
        view = session.view()
        assert (view.step, view.open_count, view.stage.title) == (1, 2, "The [b]border[/b]")
        assert session.numbered(3) is None and session.numbered(0) is None
        with pytest.raises(ValueError):
            session.choose(3)
        step = session.choose(2)
        assert step.choice == "Wait a night"
        assert session.journey.state.history == ((3, 0),)
        assert session.view().last == step


def test_a_second_game_on_the_same_save_is_refused_while_the_first_is_open(scenario):
    with Session.open(scenario, BRACKETS, continuing=False, seed=1) as first:
        first.choose(2)
        with pytest.raises(SaveInUse) as refused:
            Session.open(scenario, BRACKETS, continuing=False, seed=2)
        assert f"(process {os.getpid()})" in str(refused.value)
        found = look(scenario, BRACKETS)
        assert (found.save, found.in_use) == (None, True)
    with Session.open(scenario, BRACKETS, continuing=True) as second:
        assert second.journey.state.history == ((3, 0),)


def test_a_lock_left_by_a_process_that_died_is_taken_over(scenario):
    """A killed game leaves its lock file behind; the process id in it is no longer running."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    lock = saves.Slot.for_file("brackets", BRACKETS).lock
    lock.parent.mkdir(parents=True)
    lock.write_text(gone.stdout)
    with Session.open(scenario, BRACKETS, continuing=False, seed=1):
        assert lock.read_text() == f"{os.getpid()}\n"
    assert not lock.exists()


def test_a_save_in_use_is_never_moved_aside_by_someone_looking_at_it(scenario):
    with Session.open(scenario, BRACKETS, continuing=False, seed=1):
        save_file().write_text("what another version of the game might write")
        assert look(scenario, BRACKETS).in_use
        assert save_file().exists()


def test_a_closed_session_takes_no_more_steps(scenario):
    session = Session.open(scenario, BRACKETS, continuing=False, seed=1)
    session.close()
    session.close()
    assert session.numbered(1) is None
    assert look(scenario, BRACKETS).save.journey.state.step == 0
