"""`journey export SCENARIO --html FILE`: one file that holds everything it needs (its scripts
inline and allowed by hash, its data as JSON no scenario text can break out of, no element
that loads anything) and plain answers when it cannot be written."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from journey.cli import main

HOSTILE = """
format: 1
id: hostile
title: "A </script><script>alert(1)</script> & <b>title</b> {{style}}"
summary: "<img src=x onerror=alert(1)>"
content_note: "</style><!-- a note"
start: start
stages:
  - {id: road, title: "<i>Road</i>", place: "{{title}}"}
scenes:
  start:
    stage: road
    text: "Text with </script> and <a href='https://example.org'>a link</a>."
    choices:
      - label: "Go <u>on</u>"
        goto: end
endings:
  end:
    kind: asylum
    title: "The <end>"
    text: "Safe. </SCRIPT>"
    context: "Context."
"""


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch) -> None:
    """The exact odds worked out for a page are kept in a cache folder of the test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


class Parts(HTMLParser):
    """Each element with its attributes, and the text of every script and style element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[int, str] = {}
        self.title = ""

        self.inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self.inside = tag

    def handle_endtag(self, tag: str) -> None:
        self.inside = None

    def handle_data(self, data: str) -> None:
        if self.inside in ("script", "style"):
            self.texts[len(self.elements) - 1] = self.texts.get(len(self.elements) - 1, "") + data
        if self.inside == "title":
            self.title += data


def parts(path: Path) -> Parts:
    found = Parts()
    found.feed(path.read_text(encoding="utf-8"))
    return found


def policy(found: Parts) -> str:
    return next(str(attrs["content"]) for tag, attrs in found.elements
                if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_page_holds_all_it_needs_and_loads_nothing(tmp_path, capsys):
    target = tmp_path / "tutorial.html"
    assert main(["export", "tutorial", "--html", str(target)]) == 0
    size = target.stat().st_size
    assert capsys.readouterr().out.startswith(f"Wrote {target} ({size:,} bytes): ")
    found = parts(target)
    assert not [(tag, attrs) for tag, attrs in found.elements
                if tag in ("link", "img", "iframe", "object", "embed", "base")
                or "src" in attrs or tag == "a"]
    rules = policy(found)
    assert "default-src 'none'" in rules and "connect-src 'none'" in rules
    scripts = [i for i, (tag, attrs) in enumerate(found.elements)
               if tag == "script" and attrs.get("type") != "application/json"]
    assert len(scripts) == 3
    for i in scripts:
        assert digest(found.texts[i]) in rules
    [style] = [i for i, (tag, _) in enumerate(found.elements) if tag == "style"]
    assert digest(found.texts[style]) in rules
    data = {attrs["id"]: json.loads(found.texts[i]) for i, (tag, attrs) in
            enumerate(found.elements) if attrs.get("type") == "application/json"}
    assert data["journey-rules"]["id"] == "tutorial" and data["journey-config"] is None
    assert data["journey-figures"]["format"] == 1


def test_no_scenario_text_can_break_out_of_its_place(tmp_path):
    scenario = tmp_path / "hostile.yaml"
    scenario.write_text(HOSTILE, encoding="utf-8")
    target = tmp_path / "hostile.html"
    assert main(["export", str(scenario), "--html", str(target)]) == 0
    found = parts(target)
    assert [tag for tag, _ in found.elements].count("script") == 7  # 4 of data, 3 of code
    assert found.title == "A </script><script>alert(1)</script> & <b>title</b> {{style}}"
    text = target.read_text(encoding="utf-8")
    data = re.findall(r'<script type="application/json" id="journey-rules">(.*?)</script>',
                      text, re.DOTALL)
    assert json.loads(data[0])["nodes"][0]["text"] == (
        "Text with </script> and <a href='https://example.org'>a link</a>.")


def test_show_odds_is_told_to_the_page(tmp_path):
    target = tmp_path / "odds.html"
    assert main(["export", "tutorial", "--html", str(target), "--show-odds"]) == 0
    found = parts(target)
    [config] = [json.loads(found.texts[i]) for i, (_, attrs) in enumerate(found.elements)
                if attrs.get("id") == "journey-config"]
    assert config == {"showOdds": True}


@pytest.mark.parametrize("case", ["no such scenario", "a folder", "under a file"])
def test_what_cannot_be_done_is_said_plainly(tmp_path, capsys, case):
    (tmp_path / "file").write_text("x")
    scenario, target = "tutorial", tmp_path / "out.html"
    if case == "no such scenario":
        scenario = str(tmp_path / "missing.yaml")
    elif case == "a folder":
        target = tmp_path
    else:
        target = tmp_path / "file" / "out.html"
    assert main(["export", scenario, "--html", str(target)]) == 2
    said = capsys.readouterr().err
    assert said.startswith("journey export: ") and "Traceback" not in said
    assert {"no such scenario": "cannot read", "a folder": "is a folder",
            "under a file": "cannot write"}[case] in said
