"""The program's words in one catalogue: English needs none; JOURNEY_LANG picks a language
journey has words for; the system's own language counts only once a catalogue is finished, so
a classroom computer set to Korean never shows a game half in Korean; and a language's plural
forms come from its catalogue."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from journey.frontend import words
from frontend.pseudo import catalogue

QPS = {"JOURNEY_LANG": "qps-ploc"}


@pytest.fixture(autouse=True)
def fresh_choice() -> Iterator[None]:
    """Each test chooses again; the language in use afterwards is chosen anew too."""
    words.use(None)
    yield
    words.use(None)


class TestChoice:
    """Which language the environment gives."""

    def test_nothing_set_is_english(self) -> None:
        assert words.choose({}).tag == "en"

    def test_journey_lang_picks_the_pseudo_locale(self) -> None:
        chosen = words.choose(QPS)
        assert chosen.tag == "qps-ploc"
        assert chosen.catalogue.gettext("another process") == "⟦áñöţĥéŕ þŕöçéšš⟧"
        assert chosen.notice is None

    def test_journey_lang_wins_over_the_system(self) -> None:
        assert words.choose({**QPS, "LANG": "ko_KR.UTF-8", "LANGUAGE": "ko"}).tag == "qps-ploc"
        assert words.choose({"JOURNEY_LANG": "en", "LC_ALL": "qps-ploc"}).tag == "en"

    def test_a_language_without_words_is_english_and_says_so(self) -> None:
        chosen = words.choose({"JOURNEY_LANG": "tlh"})
        assert chosen.tag == "en"
        assert chosen.catalogue.gettext("another process") == "another process"
        assert chosen.notice == (
            "journey: there are no words for the language 'tlh' (JOURNEY_LANG); journey is in "
            "English. Languages it has: en, qps-ploc.")

    def test_the_system_language_is_ignored_until_its_catalogue_is_finished(
            self, tmp_path: Path) -> None:
        """A half-translated Korean catalogue: JOURNEY_LANG=ko uses it, LANG=ko does not."""
        folder = korean(tmp_path, {"another process": "다른 프로세스"})
        assert words.choose({"JOURNEY_LANG": "ko_KR.UTF-8"}, folder).tag == "ko_KR.UTF-8"
        for system in ({"LANG": "ko_KR.UTF-8"}, {"LANGUAGE": "ko:en", "LANG": "ko_KR.UTF-8"},
                       {"LC_ALL": "ko_KR.UTF-8"}):
            assert words.choose(system, folder).tag == "en"

    def test_a_finished_language_follows_the_system(self, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
        folder = korean(tmp_path, {"another process": "다른 프로세스"})
        monkeypatch.setattr(words, "FINISHED", frozenset({"ko"}))
        assert words.choose({"LANG": "ko_KR.UTF-8"}, folder).tag == "ko_KR.UTF-8"
        assert words.choose({"LANGUAGE": "fr:ko", "LANG": "fr_FR"}, folder).tag == "ko"
        # as gettext: the first variable set decides, English included
        assert words.choose({"LANGUAGE": "en:ko"}, folder).tag == "en"
        assert words.choose({"LC_ALL": "C", "LANG": "ko_KR.UTF-8"}, folder).tag == "en"

    def test_a_damaged_catalogue_is_english_and_says_why(self, tmp_path: Path) -> None:
        folder = tmp_path / "locale"
        (folder / "ko" / "LC_MESSAGES").mkdir(parents=True)
        (folder / "ko" / "LC_MESSAGES" / "journey.mo").write_bytes(b"\x00not a catalogue")
        chosen = words.choose({"JOURNEY_LANG": "ko"}, folder)
        assert chosen.tag == "en"
        assert chosen.notice is not None
        assert chosen.notice.startswith("journey: the words for 'ko' could not be read (")


class TestLookup:
    """What `_` and `ngettext` give in the language in use."""

    def test_english_is_the_message_itself(self) -> None:
        words.use(words.ENGLISH)
        assert words._("another process") == "another process"
        assert words.ngettext("{count} journey", "{count} journeys", 1) == "{count} journey"
        assert words.ngettext("{count} journey", "{count} journeys", 2) == "{count} journeys"

    def test_the_language_is_chosen_from_the_environment_at_the_first_word(
            self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("JOURNEY_LANG", "qps-ploc")
        assert words._("another process") == "⟦áñöţĥéŕ þŕöçéšš⟧"
        monkeypatch.setenv("JOURNEY_LANG", "en")
        assert words._("another process") == "⟦áñöţĥéŕ þŕöçéšš⟧"  # once chosen, it stays

    def test_plural_forms_follow_the_language(self, tmp_path: Path) -> None:
        """Korean has one form for every count; the catalogue's header says so."""
        folder = korean(tmp_path, {}, {"{count} journey": "여정 {count}개"})
        words.use(words.choose({"JOURNEY_LANG": "ko"}, folder))
        for count in (1, 2, 5):
            assert words.ngettext("{count} journey", "{count} journeys", count).format(
                count=count) == f"여정 {count}개"

    def test_placeholders_pass_through_the_pseudo_locale(self) -> None:
        words.use(words.choose(QPS))
        assert words._("process {pid}").format(pid=4242) == "⟦þŕöçéšš 4242⟧"


def test_a_save_problem_speaks_the_pseudo_locale_in_a_fresh_process() -> None:
    """The whole way, as a player meets it: the environment, the shipped .mo, a message."""
    shown = subprocess.run(
        [sys.executable, "-c", "from journey.frontend.savelock import SaveInUse\n"
                               "print(SaveInUse(7))"],
        env={**os.environ, **QPS}, capture_output=True, text=True, check=True).stdout
    assert shown.startswith("⟦Ţĥîš ĵöûŕñéý îš áļŕéáðý öþéñ îñ áñöţĥéŕ ĵöûŕñéý ĝáɱé (⟦þŕöçéšš 7⟧).")


def korean(tmp_path: Path, singular: dict[str, str],
           plural: dict[str, str] | None = None) -> Path:
    """A locale folder with a Korean catalogue started by tools/catalogue.py and partly
    translated, compiled as the tool compiles it."""
    folder = tmp_path / "locale"
    folder.mkdir()
    (folder / "journey.pot").write_bytes(catalogue.po_bytes(template(plural or {})))
    po = catalogue.add("ko", folder)
    translated = catalogue.read(po, "ko")
    for message in translated:
        if message.id in singular:
            message.string = singular[message.id]
        elif isinstance(message.id, tuple) and message.id[0] in (plural or {}):
            message.string = ((plural or {})[message.id[0]],)
    po.with_suffix(".mo").write_bytes(catalogue.mo_bytes(translated))
    return folder


def template(plural: dict[str, str]) -> catalogue.Catalog:
    """The real template, with the plural messages a test needs (the source may have none of
    its own yet)."""
    found = catalogue.extract()
    for english in plural:
        found.add((english, english + "s"), None, [("test", None)])
    return found


def test_the_command_says_when_it_has_no_words_for_the_language_asked() -> None:
    """`journey` says so on standard error, once, and carries on in English."""
    done = subprocess.run([sys.executable, "-m", "journey", "check", "tutorial"],
                          env={**os.environ, "JOURNEY_LANG": "tlh"}, capture_output=True,
                          text=True)
    assert done.returncode == 0
    assert done.stderr == ("journey: there are no words for the language 'tlh' (JOURNEY_LANG); "
                           "journey is in English. Languages it has: en, qps-ploc.\n")
    assert done.stdout.startswith("tutorial: ok, every path ends")


def test_a_damaged_save_is_told_in_the_pseudo_locale_in_plain_mode(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The way a player meets it: a save that is not JSON, `journey play --plain` under
    qps-ploc. The message and the reason inside it both come from the catalogue; the path
    inside ⟦ ⟧ is a value and stays as it is."""
    from frontend.pseudo import escaped
    from journey.engine import catalog
    from journey.frontend.saves import Slot

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    slot = Slot.for_file("tutorial", catalog.resolve("tutorial"))
    slot.folder.mkdir(parents=True)
    slot.path.write_text("{ not json", encoding="utf-8")
    shown = subprocess.run([sys.executable, "-m", "journey", "play", "tutorial", "--plain"],
                           input="", env={**os.environ, **QPS}, capture_output=True,
                           text=True).stdout
    start = shown.index("⟦⟦Ýöûŕ šáṽéð ĵöûŕñéý")  # "{problem} It was kept as {path}; ..."
    paragraph = shown[start:].split("\n\n")[0]
    assert " ".join(paragraph.split()).startswith(
        "⟦⟦Ýöûŕ šáṽéð ĵöûŕñéý çöûļð ñöţ ƀé ûšéð: ⟦îţ îš ñöţ ṽáļîð ĴŠÖÑ (ţĥé ƒîļé îš ðáɱáĝéð)⟧.⟧ "
        f"Îţ ŵáš ķéþţ áš {slot.folder}")
    assert escaped(paragraph) == []
