"""`journey guide`: the teacher's guide to the long road, in Markdown (docs/teaching.md) and as one
self-contained page to print, every piece of text escaped."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from pathlib import Path

import pytest

from journey.cli import main
from journey.commands import guide
from journey.engine import catalog
from journey.engine.loader import load_scenario

DOCS = Path(__file__).parents[2] / "docs" / "teaching.md"
LOADS = {"script", "link", "img", "iframe", "object", "embed", "audio", "video", "source"}


def scenario():
    return load_scenario(catalog.bundled()["long_road"])


def printed(capsys, *argv: str) -> str:
    assert main(["guide", *argv]) == 0
    return capsys.readouterr().out


def test_docs_teaching_md_is_the_guide_the_command_prints(capsys):
    assert DOCS.read_text(encoding="utf-8") == printed(capsys), (
        "regenerate it: journey guide --output docs/teaching.md")


def test_the_guide_has_every_part_a_teacher_needs(capsys):
    text = " ".join(printed(capsys).split())
    for heading in ("## Age, content and care", "## Aims", "## Two lessons", "## Glossary",
                    "## Timeline", "## The route, with distances",
                    "## Questions for discussion, by ending", "## Sources"):
        assert heading in text
    assert "aged 15 and over" in text and "right to opt out" in text
    assert "`journey serve long_road --host 0.0.0.0 --seed 7`" in text
    assert "`journey class report --format html --output class.html`" in text
    for word in ("Repatriation", "Deportation", "Asylum, protection", "Broker",
                 "Protection centre, Hanawon",
                 "Non-refoulement", "Chain defection"):
        assert f"| {word}" in text
    for when in ("| 2007-2008 |", "| December 2011 - January 2012 |", "| January 2020 |",
                 "| August - October 2023 |"):
        assert when in text
    assert "4,000 to 5,000 km" in text and "about 800 km" in text


def test_the_questions_are_the_storys_own_for_every_kind_of_ending(capsys):
    text = " ".join(printed(capsys).split())
    sc = scenario()
    for ending in sc.endings:
        assert f"After an ending of kind {ending.kind.replace('_', ' ')}:" in text
        for question in sc.questions.for_kind(ending.kind):
            assert " ".join(question.split()) in text


def test_the_glossary_is_the_storys_own(capsys):
    """One home: every entry of the long road's `glossary:`, in its order, and no other."""
    text = printed(capsys)
    glossary = text[text.index("## Glossary"):text.index("## Timeline")]
    rows = [line for line in glossary.splitlines() if line.startswith("| ")][1:]
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows] == [
        entry.term for entry in scenario().glossary]
    for entry in scenario().glossary:
        assert f"| {entry.term} | {entry.text} | {', '.join(entry.sources)} |" in glossary


def test_every_source_is_cited_as_the_game_lists_it_descriptions_marked(capsys):
    text = " ".join(printed(capsys).split())
    sources = scenario().sources
    for source_id in guide.cited_ids(scenario()):
        source = sources[source_id]
        marked = " (a description, not the headline)" if source.note.startswith(
            guide.DESCRIBED) else ""
        assert f"{source_id}: {source.publisher} ({source.year}), \"{source.title}\"{marked}." \
               in text
    assert any(sources[i].note.startswith(guide.DESCRIBED) for i in guide.cited_ids(scenario()))


class Elements(HTMLParser):
    """Every tag and attribute of a page, to see what it would load."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def test_the_page_is_self_contained(capsys):
    page = printed(capsys, "--format", "html")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "<svg" in page
    found = Elements()
    found.feed(page)
    tags = {tag for tag, _ in found.tags}
    assert not tags & LOADS, tags & LOADS
    attributes = {name for _, attrs in found.tags for name, _ in attrs}
    assert not attributes & {"src", "href", "srcset", "xmlns", "style"}, attributes
    assert "@import" not in page and "url(" not in page


def test_every_text_on_the_page_is_escaped():
    hostile = '<script>alert("x")</script> & <b>bold</b> `code`'
    sc = scenario()
    cited = guide.cited_ids(sc)[0]
    sources = dict(sc.sources)
    sources[cited] = dataclasses.replace(sources[cited], title=hostile, publisher=hostile)
    glossary = (dataclasses.replace(sc.glossary[0], term=hostile, text=hostile),)
    page = guide.page(dataclasses.replace(sc, content_note=hostile, sources=sources,
                                          glossary=glossary))
    assert "<script" not in page and "<b>" not in page
    # the scenario's words are never read as markup: not even a `code` span
    assert page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                      "&lt;b&gt;bold&lt;/b&gt; `code`") == 5


def test_the_guide_is_written_to_a_file_and_a_failure_is_said_plainly(tmp_path, capsys):
    out = tmp_path / "guide.html"
    assert main(["guide", "--format", "html", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert capsys.readouterr().err == f"journey guide: written to {out}\n"
    assert main(["guide", "--output", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"journey guide: cannot write {tmp_path}: ") and "Traceback" not in err


@pytest.mark.parametrize("fmt", guide.FORMATS)
def test_both_formats_end_with_one_newline(capsys, fmt):
    text = printed(capsys, "--format", fmt)
    assert text.endswith("\n") and not text.endswith("\n\n")
