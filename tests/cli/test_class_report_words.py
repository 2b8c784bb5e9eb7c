"""`journey class report` in the pseudo-locale, as text and as HTML: every word of the report's
own (headings, tables' columns, the notes on the odds, how surprising a difference is, the
turning points, the routes and the choices) comes from the catalogue, accented and between
⟦ ⟧; the scenario's text and the published arrivals table stay as written. In English, the
report reads as before."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

from frontend.pseudo import OPEN, arrivals_texts, escaped, scenario_texts
from journey.engine.loader import load_scenario
from journey.frontend.class_turning import excerpt

from test_class_report import TUTORIAL, TURN_BACK, play, record


def report(data: Path, *args: str, language: str | None = "qps-ploc") -> str:
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    env.pop("JOURNEY_LANG", None)
    if language is not None:
        env["JOURNEY_LANG"] = language
    result = subprocess.run([sys.executable, "-m", "journey", "class", "report", *args],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def page_text(page: str) -> str:
    """What a reader of the HTML report sees: its text, without tags, styles or entities."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


def english(shown: str) -> str:
    """The English words of `shown` that bypassed the catalogue, one per line ('' if none). A
    label's `${value}` marks are the scenario's as written (the report shows labels so)."""
    return "\n".join(map(str, escaped(re.sub(r"\$\{[a-z_]+\}", " ", shown), known())))


def known() -> list[str]:
    """The scenario's texts, as the report shows them: whole, each scene's opening words
    (`excerpt`), and a label's parts and its `{if ...}` marks, which the report shows as
    written; and the arrivals table."""
    scenario = load_scenario(TUTORIAL)
    texts = scenario_texts(scenario) + [choice.label for scene in scenario.scenes
                                        for choice in scene.choices]
    return (texts + [excerpt(scene.text) for scene in scenario.scenes]
            + [part for text in texts for part in re.split(r"(\$?\{[^{}]*\})", text)]
            + arrivals_texts())


def a_class(tmp_path: Path) -> Path:
    """A class record of the tutorial: journeys that turned back and others that went on, in
    both eras."""
    data = tmp_path / "data"
    record(data, *(play(TUTORIAL, TURN_BACK, seed) for seed in (1, 2)),
           *(play(TUTORIAL, [2], seed) for seed in (3, 4, 5)), play(TUTORIAL, [1], 6))
    return data


def test_the_text_report_speaks_only_the_catalogue(tmp_path: Path) -> None:
    shown = report(a_class(tmp_path))
    assert english(shown) == ""
    assert shown.count(OPEN) > 20


def test_the_html_report_speaks_only_the_catalogue_and_says_its_language(
        tmp_path: Path) -> None:
    page = report(a_class(tmp_path), "--format", "html")
    assert '<html lang="qps-ploc">' in page
    shown = page_text(page)
    assert english(shown) == ""
    assert shown.count(OPEN) > 20


def test_in_english_the_text_report_keeps_its_columns_and_words(tmp_path: Path) -> None:
    shown = report(a_class(tmp_path), language=None)
    assert OPEN not in shown
    assert shown.startswith("Class record: ")
    assert "  Ending kind                          class  random player" in shown
    assert re.search(r"\(reached \d+ times\)", shown)
