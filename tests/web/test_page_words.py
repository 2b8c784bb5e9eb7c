"""Every word the page shows comes from its one words table (web/page/words.json), keyed by
the English text as gettext keys messages: each message a script asks for is in the table,
each entry of the table is asked for, and each entry's text has the same {named} values as its
key (a catalogue that fills the table later cannot drop or invent one)."""

from __future__ import annotations

import re

from journey.web.page import GAME_JS, NOSCRIPT, PAGE_JS, words

from .page_words import messages, scripts_messages

NAMES = re.compile(r"\{([A-Za-z]+)\}")


def test_the_table_holds_every_message_the_page_asks_for_and_no_other():
    asked = scripts_messages(GAME_JS, PAGE_JS) | {NOSCRIPT}
    table = words()
    assert sorted(asked - table.keys()) == []
    assert sorted(table.keys() - asked) == []


def test_each_text_has_the_values_of_its_key():
    for key, text in words().items():
        forms = text if isinstance(text, list) else [text]
        assert len(forms) == (2 if isinstance(text, list) else 1), key
        for form in forms:
            assert sorted(NAMES.findall(form)) == sorted(NAMES.findall(key)), key


def test_messages_are_read_from_literals_constants_and_both_sides_of_a_choice():
    source = '''
      const LONG = "A long message " +
        "in two parts.";
      say("One {name}.", {name});
      words.plural("{count} step", n, {count: n});
      this.words.say(open ? "Open: {x}" : "Closed: {x}", {x});
      say(LONG);
      say(variable);
    '''
    assert messages(source) == {"One {name}.", "{count} step", "Open: {x}", "Closed: {x}",
                                "A long message in two parts."}
