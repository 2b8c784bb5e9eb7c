"""The pseudo-locale and the finder of English that bypassed the catalogue: every catalogue
message comes out accented and between ⟦ ⟧ with its placeholders intact, and the finder tells
chrome that escaped from the scenario's text and the arrivals data, which stay English."""

from __future__ import annotations

import gettext
import string

from hypothesis import given
from hypothesis import strategies as st

from frontend.pseudo import arrivals_texts, catalogue, escaped, scenario_texts
from journey.engine import catalog
from journey.engine.loader import load_scenario
from journey.engine.text_keys import text_keys
from journey.frontend import words

TUTORIAL = load_scenario(catalog.resolve("tutorial"))
TUTORIAL_KEYS = dict(text_keys(TUTORIAL))


class TestPseudoLocale:
    """What qps-ploc makes of a message."""

    def test_letters_are_accented_and_the_message_bracketed(self) -> None:
        assert catalogue.pseudo("Your journey") == "⟦Ýöûŕ ĵöûŕñéý⟧"

    def test_placeholders_and_doubled_braces_stay_as_they_are(self) -> None:
        shown = catalogue.pseudo("Wait {waited:.1f} s for {name!r} {{literal}}")
        assert shown == "⟦Ŵáîţ {waited:.1f} š ƒöŕ {name!r} {{ļîţéŕáļ}}⟧"
        assert shown.format(waited=2.25, name="x") == "⟦Ŵáîţ 2.2 š ƒöŕ 'x' {ļîţéŕáļ}⟧"

    @given(st.text(alphabet=string.ascii_letters + " .,:;()'-0123456789\n", max_size=60))
    def test_no_ascii_letter_survives(self, message: str) -> None:
        shown = catalogue.pseudo(message)
        assert not any(ch in string.ascii_letters for ch in shown)
        assert len(shown) == len(message) + 2

    def test_every_message_of_the_shipped_catalogue_is_transformed(self) -> None:
        """The shipped qps-ploc .mo holds every message of the template, each pseudo."""
        template = catalogue.read(catalogue.TEMPLATE)
        path = gettext.find(words.DOMAIN, str(words.LOCALE_DIR), ["qps-ploc"])
        assert path is not None
        with open(path, "rb") as file:
            shipped = gettext.GNUTranslations(file)
        ids = [m.id for m in template if m.id]
        assert ids
        for message in ids:
            if isinstance(message, tuple):
                singular, plural = message
                assert shipped.ngettext(singular, plural, 1) == catalogue.pseudo(singular)
                assert shipped.ngettext(singular, plural, 2) == catalogue.pseudo(plural)
            else:
                assert shipped.gettext(message) == catalogue.pseudo(message)


class TestEscaped:
    """English chrome is found; pseudo text, values and known texts are not."""

    def test_pseudo_text_passes(self) -> None:
        assert escaped(catalogue.pseudo("Your journey is saved.") + "\n") == []

    def test_english_outside_brackets_is_found_with_its_line(self) -> None:
        shown = catalogue.pseudo("Choose:") + "\n1. Cross\nPress a number to choose"
        found = escaped(shown)
        assert [e.word for e in found] == ["Cross", "Press", "number", "choose"]
        assert str(found[1]) == "'Press' in: Press a number to choose"

    def test_values_inside_brackets_pass(self) -> None:
        message = catalogue.pseudo("It was kept as {path}.")
        assert escaped(message.format(path="/home/teacher/saves/long_road.json")) == []

    def test_a_message_nested_in_another_stays_inside(self) -> None:
        inner = catalogue.pseudo("another process")
        outer = catalogue.pseudo("open in another game ({holder}). Carry on.")
        assert escaped(outer.format(holder=inner)) == []
        assert [e.word for e in escaped(outer.format(holder=inner) + " Carry on")] == ["Carry"]

    def test_the_scenario_text_stays_english_even_when_wrapped(self) -> None:
        text = TUTORIAL_KEYS["scene.riverbank.text.0"]
        words = text.split()
        wrapped = "\n    ".join(" ".join(words[at:at + 5]) for at in range(0, len(words), 5))
        assert escaped(f"{wrapped}\n{catalogue.pseudo('Choose:')}", scenario_texts(TUTORIAL)) == []

    def test_a_chrome_word_the_scenario_also_uses_is_still_found(self) -> None:
        """'river' is the tutorial's word; said by chrome, outside its texts, it is English."""
        assert "river" in TUTORIAL.title.lower() or any(
            "river" in text for text in scenario_texts(TUTORIAL))
        found = escaped("Back to the river", scenario_texts(TUTORIAL))
        assert [e.word for e in found] == ["Back", "the", "river"]

    def test_values_shown_in_scenario_text_do_not_hide_it(self) -> None:
        """`You have waited ${nights} on this bank.` read with the value in place."""
        written = TUTORIAL_KEYS["scene.riverbank.text.1"]
        shown = written.replace("${nights}", "two nights")  # the value's name
        assert escaped(shown, scenario_texts(TUTORIAL)) == []
        assert [e.word for e in escaped(written.replace("${nights}", "2 nights"),
                                        scenario_texts(TUTORIAL))] == ["nights"]

    def test_the_arrivals_table_is_data(self) -> None:
        notes = "\n".join(f"- {note}" for note in arrivals_texts()[2:])
        assert escaped(notes, arrivals_texts()) == []
        assert [e.word for e in escaped("Source: x", arrivals_texts())] == ["Source"]

    def test_screen_borders_do_not_join_or_split_words(self) -> None:
        screen = f"│ {catalogue.pseudo('Sources')} │\n╰──────╯\n│ Quit │"
        assert [e.word for e in escaped(screen)] == ["Quit"]

    def test_short_words_and_other_scripts_are_not_english_chrome(self) -> None:
        assert escaped("OK 1. 두만강 Nguyễn") == []


def test_a_message_wrapped_over_lines_keeps_its_values_inside() -> None:
    """Plain mode wraps a long message: the path on the next line is still inside ⟦ ⟧."""
    message = catalogue.pseudo("It was kept as {path}; you can start again.")
    shown = message.format(path="/tmp/journey/saves/x.json").replace(" /tmp", "\n/tmp")
    assert escaped(shown) == []
    assert [e.word for e in escaped(shown + "\nPress a key")] == ["Press", "key"]
