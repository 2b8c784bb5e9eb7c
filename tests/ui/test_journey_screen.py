"""The journey screen, driven by keys and mouse through Pilot, on the bracket-laden test
scenario: what it shows, and that every way of choosing reaches the engine."""

from __future__ import annotations

from textual.widgets import Static

from journey.engine import catalog, rules
from journey.ui.screens.dialogs import ConfirmScreen, TextScreen
from journey.ui.screens.journey import JourneyScreen
from journey.ui.widgets.choice_list import ChoiceList

from frontend.helpers import save_file
from .helpers import SIZE, brackets_app, journey_of, make_app, run, screen_lines, settle, wait_until


SAFE_CROSSING = 1
"""A seed whose first draw, on 'Cross now', reaches the far bank (3 chances in 4)."""


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def prompts(app) -> list[tuple[str, bool]]:
    choices = app.screen.query_one(ChoiceList)
    return [(str(choices.get_option_at_index(i).prompt),
             choices.get_option_at_index(i).disabled) for i in range(choices.option_count)]


def test_scene_text_and_labels_are_never_read_as_markup():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            assert text_of(app, "#scene-text") == journey_of(app).scenario.nodes[0].text
            shown = "\n".join(screen_lines(app.export_screenshot()))
            for written in ("[bold]brackets[/]", "[@click=app.quit]a", "1. Cross [dim]now[/dim]",
                            "[link]someone[/link]:", "The [b]border[/b]"):
                assert written in shown
    run(body)


def test_closed_choice_is_listed_unnumbered_with_its_reason_and_hidden_one_is_not():
    """The same numbers as plain mode: only open choices have one."""
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            assert prompts(app) == [
                ("▶ 1. Cross [dim]now[/dim] (a risk)", False),
                ("  -  Not available: Pay a guide. You need [500] US$ for a guide.", True),
                ("  2. Wait a night", False)]
            await pilot.press("3")
            await pilot.pause()
            assert journey_of(app).state.step == 0
    run(body)


def test_number_keys_take_the_numbered_choice():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "2")
            await pilot.pause()
            journey = journey_of(app)
            assert journey.state.history == ((3, 0),)
            assert "Tries: 1" in "\n".join(screen_lines(app.export_screenshot()))
            assert [p for p, _ in prompts(app)] == [
                "▶ 1. Cross [dim]now[/dim] (a risk)",
                "  -  Not available: Pay a guide. You need [500] US$ for a guide."]
    run(body)


def test_arrows_move_the_mark_past_the_closed_choice_and_enter_takes_it():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "down")
            await pilot.pause()
            assert [p[:2] for p, _ in prompts(app)] == ["  ", "  ", "▶ "]
            await pilot.press("enter")
            await pilot.pause()
            assert journey_of(app).state.history == ((3, 0),)
    run(body)


def test_a_click_takes_a_choice():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            choices = app.screen.query_one(ChoiceList)
            await pilot.click(choices, offset=(4, 1))
            await pilot.pause()
            assert journey_of(app).state.history[0][0] == 0
    run(body)


def test_a_risk_shows_what_happened_and_the_odds_only_when_asked():
    async def body():
        app = brackets_app(seed=SAFE_CROSSING)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "1")
            await pilot.pause()
            state = rules.new_game(journey_of(app).scenario, SAFE_CROSSING)
            state, events = rules.step(journey_of(app).scenario, state, 0)
            assert journey_of(app).scenario.nodes[state.node].id == "town"
            risk = events[1]
            happened = text_of(app, "#happened")
            assert f"What happened: {risk.text}" in happened
            assert "The odds were" not in happened
            assert "o Show odds" in "\n".join(screen_lines(app.export_screenshot()))
            await pilot.press("o")
            await pilot.pause()
            assert text_of(app, "#happened").splitlines()[-1] == \
                "What happened (75% chance): You reach [b]the far bank[/b]."
            journal = text_of(app, "#journal-text")
            assert "    75%  You reach [b]the far bank[/b]. (this happened)" in journal
            assert "    25%  A patrol sees you." in journal
            await settle(pilot)
            assert "o Hide odds" in "\n".join(screen_lines(app.export_screenshot()))
    run(body)


def test_sources_key_lists_the_sources_behind_the_scene():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "s")
            await pilot.pause()
            assert isinstance(app.screen, TextScreen)
            page = text_of(app, "#page-text")
            assert page == "- Test publisher (2020), Source A [x]. https://example.org/a"
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, JourneyScreen)
    run(body)


def test_sources_after_a_risk_include_the_outcome_s_own():
    async def body():
        app = brackets_app(seed=SAFE_CROSSING)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "1", "s")
            await pilot.pause()
            assert text_of(app, "#page-text") == \
                "- Other publisher (2021), Source B. https://example.org/b"
    run(body)


def test_help_opens_on_question_mark():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "question_mark")
            await pilot.pause()
            assert isinstance(app.screen, TextScreen)
            assert "1-9      take the choice with that number" in text_of(app, "#page-text")
    run(body)


def test_quitting_mid_journey_asks_first():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "2", "q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, JourneyScreen)
            await pilot.press("q", "y")
            await pilot.pause()
            assert app.return_code == 0
            assert not app.is_running
    run(body)


def test_ctrl_c_quits_at_once_with_the_journey_saved():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "2", "ctrl+c")
            await pilot.pause()
            assert not app.is_running
    run(body)
    assert save_file().is_file()


def test_palette_offers_new_journey_show_odds_and_theme():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            found = {}
            for query in ("new journey", "show odds", "theme"):
                await pilot.press("ctrl+p")
                await pilot.pause()
                await pilot.press(*query)
                results = app.screen.query_one("CommandList")
                await wait_until(pilot, lambda: results.option_count > 0)
                found[query] = [str(results.get_option_at_index(i).prompt).split("\n")[0]
                                for i in range(results.option_count)]
                await pilot.press("escape")
                await pilot.pause()
            assert "New journey" in found["new journey"][0]
            assert "Show odds" in found["show odds"][0]
            assert any("Theme" in hit for hit in found["theme"])
    run(body)


def test_show_odds_from_the_palette_toggles_the_odds():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "ctrl+p")
            await pilot.pause()
            await pilot.press(*"show odds")
            results = app.screen.query_one("CommandList")
            await wait_until(pilot, lambda: results.option_count > 0)
            await pilot.press("enter")
            await pilot.pause()
            assert app.show_odds is True
    run(body)


def test_new_journey_from_the_palette_asks_before_replacing_the_journey(monkeypatch):
    monkeypatch.setattr("journey.frontend.session.new_seed", lambda: 77)

    async def body():
        app = brackets_app(seed=4)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "2", "ctrl+p")
            await pilot.pause()
            await pilot.press(*"new journey")
            results = app.screen.query_one("CommandList")
            await wait_until(pilot, lambda: results.option_count > 0)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await pilot.pause()
            assert isinstance(app.screen, JourneyScreen)
            assert (journey_of(app).seed, journey_of(app).state.step) == (77, 0)
    run(body)


def test_the_odds_setting_outlasts_the_game_and_continue():
    async def toggle():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "o")
            await pilot.pause()
            assert app.show_odds

    async def again():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("c")
            await settle(pilot)
            assert isinstance(app.screen, JourneyScreen) and app.show_odds
            assert "o Hide odds" in "\n".join(screen_lines(app.export_screenshot()))
    run(toggle)
    run(again)


def test_a_closed_choice_wraps_under_its_own_text():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await settle(pilot)
            lines = screen_lines(app.export_screenshot())
            at = next(i for i, line in enumerate(lines) if "-  Not available:" in line)
            column = lines[at].index("Not available")
            wrapped = lines[at + 1]
            assert wrapped[:column].strip(" │┃") == "" and wrapped[column] != " "
    run(body)


def test_the_status_says_what_changed_and_keeps_labels_with_their_values():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "2")
            await settle(pilot)
            shown = "\n".join(screen_lines(app.export_screenshot()))
            assert "200 US$ (was 300 US$)" in shown
            assert "Tries: 1 (was 0)" in shown
            status = app.screen.query_one("#status")
            for width in (20, 26, 40):
                for line in status.text_for(width).plain.splitlines():
                    assert not line.rstrip().endswith(":") or line.startswith(
                        ("Money", "Helped", "[link]")), line
    run(body)


def test_the_palettes_screenshot_goes_to_the_data_folder_without_a_downloads_folder(
        tmp_path, monkeypatch, data_home):
    from journey.ui import commands

    monkeypatch.setattr(commands, "user_downloads_path", lambda: tmp_path / "no-downloads")
    assert commands.screenshot_folder() == data_home / "screenshots"
    assert (data_home / "screenshots").is_dir()
    monkeypatch.setattr(commands, "user_downloads_path", lambda: tmp_path)
    assert commands.screenshot_folder() == tmp_path


def test_the_scene_reads_its_parts_and_the_status_leaves_out_what_is_never_shown():
    """The tutorial at the river after a night: the part about waiting, the nights named as
    the status names them; after paying a guard, 'Paid a border guard' (show: never) is in
    neither the status, nor what happened, nor the journal, while the money it cost is."""
    async def body():
        app = make_app(catalog.resolve("tutorial"), seed=1)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "1", "1", "1")  # the 2010s, leave tonight, wait a night
            await settle(pilot)
            assert text_of(app, "#scene-text").endswith(
                "\n\nYou have waited one night on this bank. Every night here is another night "
                "someone may notice you.")
            status = " ".join(app.screen.query_one("#status").text_for(40).plain.split())
            assert "Nights waited: one night (was none)" in status
            assert "Has a forged ID" not in status  # show: when-set, and not set
            await pilot.press("2")  # pay a border guard: with seed 1 he keeps his word
            await settle(pilot)
            assert journey_of(app).node.id == "yanji"
            assert text_of(app, "#happened").endswith(
                "The guard keeps his word and turns away. You have 300 US$ left.")
            status = app.screen.query_one("#status").text_for(40).plain
            journal = text_of(app, "#journal-text")
            assert "300 US$ (was 600 US$)" in status and "Money: was 600 US$, now 300 US$" in journal
            assert "Paid a border guard" not in status + journal
    run(body)
