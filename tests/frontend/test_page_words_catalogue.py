"""The web page's words have one home with the program's: every key of web/page/words.json is
a message of the catalogue, and the table the page is made with is looked up in it (pseudo in
qps-ploc, the file's own English otherwise)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from frontend.pseudo import catalogue
from journey.frontend import words
from journey.web import page


@pytest.fixture(autouse=True)
def fresh_choice() -> Iterator[None]:
    words.use(None)
    yield
    words.use(None)


def written() -> dict[str, str | list[str]]:
    return json.loads(page.WORDS.read_text(encoding="utf-8"))


def test_every_key_of_the_page_is_in_the_catalogue_with_its_plural() -> None:
    template = catalogue.read(catalogue.TEMPLATE)
    for key, text in written().items():
        message = template[key]
        assert message is not None, key
        if isinstance(text, list):
            assert message.id == (key, text[1])
        assert "journey/web/page/words.json" in [path for path, _line in message.locations]


def test_in_english_the_table_is_the_file() -> None:
    words.use(words.ENGLISH)
    assert page.words() == written()


def test_in_the_pseudo_locale_every_word_of_the_page_is_looked_up() -> None:
    words.use(words.choose({"JOURNEY_LANG": "qps-ploc"}))
    table = page.words()
    assert table.keys() == written().keys()
    for key, text in written().items():
        if isinstance(text, list):
            assert table[key] == [catalogue.pseudo(form) for form in text]
        else:
            assert table[key] == catalogue.pseudo(key)
