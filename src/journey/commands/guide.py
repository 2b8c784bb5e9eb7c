"""`journey guide`: the teacher's guide to the long road, as Markdown or as one printable page.

The guide's own words are below. What it shares with the story, the content note, the glossary
(the scenario's `glossary:`, which the debrief also reads), the questions for each kind of
ending and the sources it cites, is read from the bundled long road, so the two cannot drift
apart. The HTML page is self-contained: inline CSS and an inline SVG map, no
scripts, fonts or images, nothing requested from anywhere; every piece of text is escaped
(html.escape), so no text, the scenario's included, can become markup.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Union

from journey.commands.exit_codes import OK, USAGE

if TYPE_CHECKING:  # imported where used, to keep `journey --help` quick
    from journey.engine.model import Scenario, Source

FORMATS = ("md", "html")
DESCRIBED = "The title describes the source; it is not its headline."
"""How a source's note says that its title is a description (see docs/long-road.md)."""
WIDTH = 100


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Quote:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Route:
    """The map: a schematic of the route, each leg with its distance and the sources for it."""


@dataclass(frozen=True)
class Glossary:
    """The story's own glossary: each word, what it means and its sources."""


@dataclass(frozen=True)
class Questions:
    """The story's own questions for reflection, by kind of ending."""


@dataclass(frozen=True)
class Cited:
    """Every source the guide cites, as the story lists it."""


Block = Union[Para, Quote, Heading, Items, Table, Route, Glossary, Questions, Cited]


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


TITLE = "The long road: a guide for teachers"

INTRODUCTION = (
    "The long road is a text game about the escape routes of North Koreans: one woman's journey "
    "from the Tumen river, across China and Southeast Asia or Mongolia, towards South Korea. Every "
    "fact in it is sourced; the woman is a composite, not a real person. There is no score: a "
    "journey ends, and a debrief explains what happens to real people after such an ending. This "
    "guide is for two lessons with students aged 15 and over.")

# Legs of the route, in the map's order: (from, to, distance in words, source ids).
LEGS = (
    ("North Korea", "Yanbian, China", "across the Tumen or the Yalu; the China border is about "
     "1,400 km long", ("reuters_2023_05",)),
    ("Yanbian, China", "Kunming or Nanning", "about 4,000 to 5,000 km overland across China, "
     "with brokers or church networks", ("globalpost_2011", "diplomat_2011")),
    ("Kunming or Nanning", "Laos, Vietnam, Cambodia, Thailand", "by hill paths, roads and the "
     "Mekong; most reached the South by way of Thailand", ("koreaherald_2017_03",)),
    ("Yanbian, China", "Mongolia", "Mongolia is about 800 km from North Korea, but the way runs "
     "through Beijing and across the Gobi", ("nknews_mongolia_2023",)),
    ("A third country", "Seoul, South Korea", "a flight; then questioning and 12 weeks at "
     "Hanawon, 40 miles (about 64 km) south-east of Seoul", ("npr_hanawon_2023",)),
)

TIMELINE = (
    ("2007-2008", "Wire and cameras go up along the border, and an order of May 2008 allows "
     "guards to shoot, according to intelligence sources (not confirmed).",
     ("chosun_border_2010",)),
    ("2009", "2,914 people reach South Korea, the most in any year.", ("mou_arrivals",)),
    ("December 2011 - January 2012", "Kim Jong Il dies; border units are ordered to seal the "
     "border and patrols are doubled. South Korean media report threats to punish three "
     "generations of an escapee's family.", ("dailynk_2011", "latimes_2012")),
    ("2012", "A barbed-wire fence lines the Tumen. Arrivals fall from 2,706 (2011) to 1,502.",
     ("reuters_2015", "koreaherald_2018_09")),
    ("May 2013", "Laos hands nine young North Koreans back; a pastor calls it the first such "
     "expulsion he had seen in 14 years.", ("latimes_laos_2013",)),
    ("January 2020", "North Korea closes its border against COVID-19; its guards are told not "
     "to accept people China tries to send back.", ("csis_2021",)),
    ("September 2020", "The US commander in Korea reports a buffer zone along the China border "
     "and orders to shoot to kill.", ("afp_2020_09",)),
    ("2020-2022", "229, 63 and 67 people reach South Korea: the fewest in two decades.",
     ("mou_arrivals", "yonhap_2021_01")),
    ("July 2023", "China's Anti-Espionage Law comes into force; activists say it treats helping "
     "defectors as espionage.", ("kangnam_kbs",)),
    ("August - October 2023", "North Korea reopens its border after three years and seven "
     "months. China resumes mass returns: about 80 people on 29 August, 40 on 18 September, "
     "and 500 to 600 on the night of 9 October, according to rights groups.",
     ("yonhap_2023_10_11", "idea_2023", "rfa_2023_10")),
    ("2024", "236 people reach South Korea; only three crossed the inter-Korean border "
     "directly, and most had lived for years in a third country.", ("yonhap_2025_02",)),
)

CARE = (
    "Some of your students may have lived through flight, detention or trafficking, or have "
    "family who did. Tell the class what the game contains before the first lesson (the "
    "content note above) and give everyone the right to opt out, without having to say "
    "why: offer an alternative task of the same weight, such as reading about the arrivals "
    "chart or a source, and make it as normal a choice as playing.",
    "Never ask a student to share their own story or their family's, or to play a part; if "
    "someone chooses to speak, listen, thank them, and do not ask for more.",
    "Agree beforehand with the school's counsellor or pastoral staff where a student can go "
    "during or after a lesson, and say so to the class.",
    "The game names arrest, violence and trafficking but never describes them. Keep the "
    "discussion there too: about systems, laws and choices, not about the details of harm.",
    "Watch for a student who goes quiet, and check in privately afterwards. End each lesson "
    "with a few minutes that are not about the journey.",
)

AIMS = (
    "Follow the route North Koreans take and understand why it is so long: why most cannot "
    "reach safety in China, and what third countries and South Korea do.",
    "See how laws, agreements and decisions far away (China's policy, the 2020 border closure, "
    "Laos's change of course) decide single lives.",
    "Tell the game's odds (worked out exactly for a player who chooses at random) from real "
    "statistics, and read what the real arrival figures can and cannot show.",
    "Meet the people concerned as people: no score, no winning, and an ending that is always a "
    "life that goes on.",
)

LESSONS = (
    Heading("Lesson 1 (about 50 minutes): the journey"),
    Items((
        "Before the lesson, start the game for the class on your computer: `journey serve "
        "long_road --host 0.0.0.0 --seed 7`. It prints the address students open; every tab "
        "plays its own journey, and `--seed 7` gives the whole class the same luck, so only "
        "the choices differ. Add `--show-odds` if you want students to see each risk's odds.",
        "10 minutes: the content note, the right to opt out, and where the route runs (the map "
        "below).",
        "Ask half the class to choose \"before the closure\" in the first scene and half \"after "
        "it\". A student who wants to meet the border as it was in 2021 chooses \"after it\", "
        "then \"Wait, and think about your family first\", then \"Not yet: wait a few weeks\".",
        "25 minutes: play, alone and in silence. A journey takes 10 to 30 decisions; a student "
        "whose journey ends early reads the debrief, then plays again.",
        "10 minutes: each student writes three sentences: where her journey ended, one moment "
        "that was a real choice, and one that was not.",
    )),
    Heading("Lesson 2 (about 50 minutes): what it means"),
    Items((
        "Before the lesson: `journey class report --format html --output class.html` writes the "
        "class's journeys, era by era, beside the game's exact odds, with the most common "
        "routes and the real arrivals. Open class.html in a browser and project it; it needs no "
        "internet.",
        "15 minutes: compare the eras. How did the class's endings differ before and after the "
        "closure? The game's odds are for a player choosing at random, not real-world "
        "statistics: nobody knows how many people tried to leave; the arrivals chart counts "
        "only those who arrived.",
        "20 minutes: in groups by kind of ending, discuss the questions below, then report one "
        "answer each.",
        "15 minutes: the glossary and the timeline; what would you want to know next, and "
        "where would you look? End with something that is not about the journey.",
    )),
)

READING_ODDS = (
    "The debrief and the class report show the game's odds: exact, but for a player who picks "
    "at random, and for this game's choices. They show the shape the sources support (a third "
    "country usually means safety; paying matters at the river; after 2020 almost nobody got "
    "out), not a real rate. The real figures are arrivals in South Korea, from the Ministry of "
    "Unification: they count who arrived, not who tried, and not who was sent back.",
)


def sections(scenario: Scenario) -> tuple[Section, ...]:
    return (
        Section("Age, content and care", (
            Para("For students aged 15 and over, because of what the story names. The game shows "
                 "this content note before play:"),
            Quote(scenario.content_note),
            Items(CARE))),
        Section("Aims", (Items(AIMS),)),
        Section("Two lessons", LESSONS),
        Section("Glossary", (Glossary(),)),
        Section("Timeline", (
            Table(("when", "what happened", "sources"),
                  tuple((when, what, ", ".join(ids)) for when, what, ids in TIMELINE)),)),
        Section("The route, with distances", (
            Para("A schematic, not to scale. The distances are those the sources give, not "
                 "computed ones."),
            Route())),
        Section("Questions for discussion, by ending", (Questions(),)),
        Section("Reading the odds", tuple(Para(p) for p in READING_ODDS)),
        Section("Sources", (
            Para("As the game lists them. A title is the real headline unless it is marked "
                 "\"(a description, not the headline)\"."),
            Cited())),
    )


def cited_ids(scenario: Scenario) -> tuple[str, ...]:
    found = [i for entry in scenario.glossary for i in entry.sources]
    found += [i for *_, ids in TIMELINE for i in ids]
    found += [i for *_, ids in LEGS for i in ids]
    return tuple(dict.fromkeys(found))


def citation(source_id: str, source: Source) -> str:
    described = " (a description, not the headline)" if source.note.startswith(DESCRIBED) else ""
    return (f"{source_id}: {source.publisher} ({source.year}), \"{source.title}\"{described}. "
            f"{source.url}")


def glossary_table(scenario: Scenario) -> Table:
    return Table(("word", "what it means", "sources"),
                 tuple((entry.term, entry.text, ", ".join(entry.sources))
                       for entry in scenario.glossary))


def kind_questions(scenario: Scenario) -> list[tuple[str, tuple[str, ...]]]:
    kinds = dict.fromkeys(ending.kind for ending in scenario.endings)
    found = [(f"After an ending of kind {kind.replace('_', ' ')}",
              scenario.questions.by_kind.get(kind, ())) for kind in kinds]
    return found + [("After every journey", scenario.questions.general)]


# --- Markdown -----------------------------------------------------------------------------------

def markdown(scenario: Scenario) -> str:
    out = [f"# {TITLE}", "", wrap(INTRODUCTION), ""]
    for section in sections(scenario):
        out += [f"## {section.title}", ""]
        for block in section.blocks:
            out += md_block(block, scenario) + [""]
    return "\n".join(out).rstrip() + "\n"


def wrap(text: str, first: str = "", rest: str = "") -> str:
    """Text filled to WIDTH, never breaking inside a `code` span."""
    kept = re.sub(r"`[^`]+`", lambda m: m.group(0).replace(" ", "\0"), " ".join(text.split()))
    return textwrap.fill(kept, WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_on_hyphens=False, break_long_words=False).replace("\0", " ")


def md_block(block: Block, scenario: Scenario) -> list[str]:
    if isinstance(block, Para):
        return [wrap(block.text)]
    if isinstance(block, Quote):
        return [wrap(block.text, "> ", "> ")]
    if isinstance(block, Heading):
        return [f"### {block.text}"]
    if isinstance(block, Items):
        return [wrap(item, "- ", "  ") for item in block.items]
    if isinstance(block, Table):
        return md_table(block)
    if isinstance(block, Route):
        return md_table(Table(("from", "to", "how far", "sources"),
                              tuple((a, b, far, ", ".join(ids)) for a, b, far, ids in LEGS)))
    if isinstance(block, Glossary):
        return md_table(glossary_table(scenario))
    if isinstance(block, Questions):
        out: list[str] = []
        for heading, questions in kind_questions(scenario):
            out += [f"{heading}:", ""] + [wrap(q, "- ", "  ") for q in questions] + [""]
        return out[:-1]
    return [wrap(citation(i, scenario.sources[i]), "- ", "  ") for i in cited_ids(scenario)]


def md_table(table: Table) -> list[str]:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"
    return [row(table.header), "|" + "---|" * len(table.header)] + [row(r) for r in table.rows]


# --- HTML ---------------------------------------------------------------------------------------

STYLE = """
body { font-family: Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       color: #111; background: #fff; line-height: 1.5; }
h1 { font-size: 1.7rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #444; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem;
         border-bottom: 1px solid #bbb; }
code { font-family: monospace; background: #f0f0f0; padding: 0 0.2rem; }
blockquote { margin: 0.5rem 0; padding: 0.5rem 1rem; border-left: 0.3rem solid #777;
             background: #f4f4f4; }
svg { width: 100%; height: auto; }
svg text { font-family: sans-serif; font-size: 13px; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
               table, svg, li { break-inside: avoid; } }
"""


def page(scenario: Scenario) -> str:
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{escape(TITLE)}</title>", f"<style>{STYLE}</style></head><body>",
             f"<h1>{escape(TITLE)}</h1>", f"<p>{inline(INTRODUCTION)}</p>"]
    for section in sections(scenario):
        parts.append(f"<h2>{escape(section.title)}</h2>")
        parts += [html_block(block, scenario) for block in section.blocks]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def inline(text: str) -> str:
    """Escaped text, with `code` spans as <code> (added around text already escaped)."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(" ".join(text.split())))


def html_block(block: Block, scenario: Scenario) -> str:
    if isinstance(block, Para):
        return f"<p>{inline(block.text)}</p>"
    if isinstance(block, Quote):  # the scenario's words: escaped, never read as markup
        return f"<blockquote>{escape(' '.join(block.text.split()))}</blockquote>"
    if isinstance(block, Heading):
        return f"<h3>{escape(block.text)}</h3>"
    if isinstance(block, Items):
        return html_list(block.items)
    if isinstance(block, Table):
        return html_table(block)
    if isinstance(block, Route):
        return route_svg() + html_table(Table(
            ("from", "to", "how far", "sources"),
            tuple((a, b, far, ", ".join(ids)) for a, b, far, ids in LEGS)))
    if isinstance(block, Glossary):  # the scenario's words: escaped, never read as markup
        return html_table(glossary_table(scenario), escape)
    if isinstance(block, Questions):
        return "\n".join(f"<h3>{escape(heading)}</h3>{html_list(questions, escape)}"
                         for heading, questions in kind_questions(scenario))
    return html_list(tuple(citation(i, scenario.sources[i]) for i in cited_ids(scenario)), escape)


def html_list(items: tuple[str, ...], shown: Callable[[str], str] = inline) -> str:
    """A list; the guide's own items with their `code` spans, the scenario's only escaped."""
    return "<ul>" + "".join(f"<li>{shown(' '.join(item.split()))}</li>" for item in items) \
        + "</ul>"


def html_table(table: Table, shown: Callable[[str], str] = inline) -> str:
    """A table; the guide's own cells with their `code` spans, the scenario's only escaped."""
    head = "".join(f"<th>{escape(cell)}</th>" for cell in table.header)
    rows = "".join("<tr>" + "".join(f"<td>{shown(cell)}</td>" for cell in row) + "</tr>"
                   for row in table.rows)
    return f"<table><tr>{head}</tr>{rows}</table>"


# The schematic: places (x, y) and the lines between them, each with a short label; LEGS,
# shown beside it as a table, gives each leg's distance and sources.
PLACES = {"North Korea": (110, 60), "Yanbian, China": (330, 60), "Mongolia": (590, 60),
          "Kunming or Nanning": (330, 225), "Laos, Vietnam, Cambodia, Thailand": (330, 390),
          "Seoul, South Korea": (590, 390)}
JOINS = (("North Korea", "Yanbian, China", "the Tumen or the Yalu"),
         ("Yanbian, China", "Kunming or Nanning", "4,000-5,000 km across China"),
         ("Kunming or Nanning", "Laos, Vietnam, Cambodia, Thailand", "hills, roads, the Mekong"),
         ("Yanbian, China", "Mongolia", "by Beijing and the Gobi"),
         ("Laos, Vietnam, Cambodia, Thailand", "Seoul, South Korea", "a flight"),
         ("Mongolia", "Seoul, South Korea", "a flight"))


def route_svg() -> str:
    """The route as an inline SVG: places, and the lines between them with short labels."""
    parts = []
    for a, b, label in JOINS:
        (x1, y1), (x2, y2) = PLACES[a], PLACES[b]
        parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#555" '
                     'stroke-width="2"/>')
        x, y = (x1 + x2) / 2, (y1 + y2) / 2
        anchor = "middle" if y1 == y2 else "start"
        parts.append(f'<text x="{x + (0 if y1 == y2 else 10):.0f}" y="{y - 8:.0f}" '
                     f'text-anchor="{anchor}" fill="#333">{escape(label)}</text>')
    for name, (x, y) in PLACES.items():
        parts.append(f'<circle cx="{x}" cy="{y}" r="6" fill="#234"/>'
                     f'<text x="{x}" y="{y + 22}" text-anchor="middle">{escape(name)}</text>')
    return ('<svg viewBox="0 0 720 420" role="img" '
            'aria-label="The route, schematic and not to scale">' + "".join(parts) + "</svg>")


# --- The command --------------------------------------------------------------------------------

def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "guide", help="the teacher's guide to the long road (Markdown, or a page to print)",
        description="Print the teacher's guide to the long road: age guidance, aims, a "
                    "two-lesson plan, a glossary, a timeline, the route with distances, "
                    "questions for discussion and care for students with refugee or "
                    "trafficking experience.")
    parser.add_argument("--format", choices=FORMATS, default="md",
                        help="md (default) or html (one self-contained page to print)")
    parser.add_argument("--output", metavar="FILE", type=Path, default=None,
                        help="write the guide to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    from journey.commands.output import write_out
    from journey.engine import catalog
    from journey.engine.loader import load_scenario

    scenario = load_scenario(catalog.bundled()[catalog.DEFAULT_SCENARIO])
    text = page(scenario) if args.format == "html" else markdown(scenario)
    if not write_out(text, args.output, "journey guide"):
        return USAGE
    if args.output is None:
        return OK
    print(f"journey guide: written to {args.output}", file=sys.stderr)
    return OK
