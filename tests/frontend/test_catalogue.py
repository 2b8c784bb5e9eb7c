"""The shipped catalogues say what the source says: a message added, changed or removed in
the code without running tools/catalogue.py fails here, naming the file to make again (a
message missing from the catalogue would stay English in every language)."""

from __future__ import annotations

import shutil
from pathlib import Path

from frontend.pseudo import catalogue
from journey.frontend import words


def test_the_shipped_catalogues_are_up_to_date() -> None:
    stale = catalogue.plan()
    assert not stale, ("run .venv/bin/python tools/catalogue.py; not up to date: "
                       + ", ".join(str(path.relative_to(catalogue.ROOT)) for path in stale))


def test_a_new_message_in_the_source_makes_the_catalogues_stale(tmp_path: Path) -> None:
    source = tmp_path / "journey"
    shutil.copytree(catalogue.SOURCE, source, ignore=shutil.ignore_patterns("__pycache__"))
    locale = source / "locale"
    assert catalogue.plan(source, locale) == {}
    with open(source / "frontend" / "settings.py", "a", encoding="utf-8") as file:
        file.write('\n\ndef _later() -> str:\n    return _("A message not yet extracted")\n')
    stale = catalogue.plan(source, locale)
    assert set(stale) == {locale / "journey.pot",
                          locale / "qps-ploc" / "LC_MESSAGES" / "journey.po",
                          locale / "qps-ploc" / "LC_MESSAGES" / "journey.mo"}
    assert catalogue.pseudo("A message not yet extracted").encode() in stale[
        locale / "qps-ploc" / "LC_MESSAGES" / "journey.po"]


def test_a_language_is_updated_and_counts_what_is_left(tmp_path: Path) -> None:
    """`add ko` starts Korean from the template; a later run keeps its words and adds new
    messages untranslated."""
    source = tmp_path / "journey"
    shutil.copytree(catalogue.SOURCE, source, ignore=shutil.ignore_patterns("__pycache__"))
    locale = source / "locale"
    po = catalogue.add("ko", locale)
    total = len(catalogue.untranslated(po))
    assert total > 0
    started = catalogue.read(po, "ko")
    started["another process"].string = "다른 프로세스"
    po.write_bytes(catalogue.po_bytes(started))
    with open(source / "frontend" / "settings.py", "a", encoding="utf-8") as file:
        file.write('\n\ndef _later() -> str:\n    return _("A message not yet extracted")\n')
    for path, data in catalogue.plan(source, locale).items():
        path.write_bytes(data)
    updated = catalogue.read(po, "ko")
    assert updated["another process"].string == "다른 프로세스"
    assert len(catalogue.untranslated(po)) == total  # one translated, one new
    assert catalogue.plan(source, locale) == {}
    assert catalogue.unfinished({"ko"}, locale) == ["ko"]


def test_the_system_language_can_choose_only_finished_catalogues(tmp_path: Path) -> None:
    """A language in words.FINISHED has every message translated; one with a message left,
    or with no catalogue, is named."""
    assert catalogue.unfinished(words.FINISHED) == []
    locale = tmp_path / "locale"
    shutil.copytree(catalogue.LOCALE, locale)
    po = catalogue.add("ko", locale)
    done = catalogue.read(po, "ko")
    for message in done:
        if message.id:
            message.string = (tuple("번역" for _ in message.id)
                              if isinstance(message.id, tuple) else "번역")
    po.write_bytes(catalogue.po_bytes(done))
    assert catalogue.unfinished({"ko", "ja"}, locale) == ["ja"]
    done[next(m.id for m in done if m.id and not isinstance(m.id, tuple))].string = ""
    po.write_bytes(catalogue.po_bytes(done))
    assert catalogue.unfinished({"ko"}, locale) == ["ko"]
